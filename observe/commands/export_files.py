"""The files of ``observe export`` (DESIGN §9), and its formats for evaluators.

Every export with ``-o`` writes its files together through the store's atomic writes
(:class:`observe.store.atomic.Batch`): each is written whole beside its destination, made
durable, and only then are they all put in place, readable by their owner only (0600); if
any cannot be written, none is. The files beside ``-o FILE`` are named after it
(:func:`beside`): ``cues.csv`` → ``cues.codebook.csv`` (``--format cues|visits``),
``study.csv`` → ``study.dictionary.csv`` (``redcap``), ``study.sav`` →
``study.visits.sav`` (``sav``, ``dta``: the visit table beside the cue table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.model import Session
    from observe.store.index import SessionSummary

#: The formats for evaluators: REDCap, SPSS, Stata.
EVALUATOR_FORMATS = ("redcap", "sav", "dta")
BINARY = ("sav", "dta")


def beside(output: Path, name: str) -> Path:
    """The file ``name`` beside ``output``, named after it: ``beside(cues.csv,
    "codebook.csv")`` is ``cues.codebook.csv``."""
    return output.with_name(f"{output.stem or output.name}.{name}")


def write_files(files: Mapping[Path, bytes], suffix: str = ".csv") -> None:
    """Write every file whole, all or none (see the module's docstring); one sentence if
    one cannot be (``suffix``: of the file the sentence suggests instead of a folder)."""
    from observe.store.atomic import Batch

    for path in files:
        if path.is_dir():
            raise ObserveError(
                f"{path} is a folder; give -o the name of a file to write, e.g. "
                f"{path / ('sessions' + suffix)}"
            )
    batch = Batch()
    writing: Path | None = None
    try:
        for writing, data in files.items():
            batch.add(writing, data)
        writing = None
        batch.commit()
    except OSError as error:
        failed = writing or _destination(files, getattr(error, "filename", None))
        raise ObserveError(
            f"cannot write {failed} ({error.strerror or error}); "
            "check the folder exists and is writable, or choose another file with -o"
        ) from None


def _destination(files: Mapping[Path, bytes], failed: object) -> Path:
    """The destination whose swap failed (the error names its temporary file, if any)."""
    for path in files:
        if failed and Path(str(failed)).parent == path.parent and path.name in str(failed):
            return path
    return next(iter(files))


def refuse_early(fmt: str, output: Path | None) -> None:
    """Before the archive is read: an SPSS or Stata export needs pyreadstat, and a file."""
    if fmt not in BINARY:
        return
    from observe.interchange.statsfiles import missing_extra

    missing = missing_extra(fmt)
    if missing is not None:
        raise ObserveError(missing)
    if output is None:
        raise ObserveError(
            f"a .{fmt} file is not text for the screen: give -o FILE.{fmt} (the cue table; "
            f"the visit table is written beside it as FILE.visits.{fmt})"
        )


def warn_partial_families(sessions: Sequence[Session], listed: Sequence[SessionSummary]) -> None:
    """REDCap numbers a family's visits by their start: an export of some of a family's
    sessions would number them differently from one of all of them."""
    ended = Counter(s.dyad for s in listed if s.status == "ended")
    exported = Counter(s.dyad for s in sessions)
    for dyad, count in exported.items():
        if count < ended[dyad]:
            click.echo(
                f"warning: this export has {count} of the {ended[dyad]} ended sessions of "
                f'dyad "{dyad}"; REDCap numbers a family\'s visits by their start, so import '
                f"the whole family (--dyad {dyad}) to keep each visit's instance the same "
                "from one import to the next",
                err=True,
            )


def export_for_evaluators(fmt: str, sessions: Sequence[Session], output: Path | None) -> None:
    """``--format redcap|sav|dta``: write the files (or, for REDCap without ``-o``, show
    the data) and say what was written."""
    noun = "session" if len(sessions) == 1 else "sessions"
    if fmt == "redcap":
        from observe.interchange.redcap import redcap_export

        export = redcap_export(sessions)
        held = ", ".join(
            [
                _count(export.families, "family", "families"),
                _count(export.visits, "visit", "visits"),
                _count(export.cues, "cue", "cues"),
            ]
        )
        _say_renamed(export.renamed, "REDCap's 26 characters")
        if output is None:
            click.echo(export.data, nl=False)
            click.echo(
                "note: give -o FILE to write the data dictionary REDCap needs beside it",
                err=True,
            )
            return
        dictionary = beside(output, "dictionary.csv")
        write_files({output: export.data.encode("utf-8"), dictionary: export.dictionary.encode()})
        click.echo(
            f"exported {len(sessions)} {noun} ({held}) to {output} as redcap; "
            f"data dictionary: {dictionary}"
        )
        return
    from observe.interchange.statsfiles import stats_file
    from observe.interchange.variables import research_datasets

    assert output is not None  # refuse_early saw to it
    cues, visits = research_datasets(sessions)
    files = [stats_file(cues, fmt), stats_file(visits, fmt)]
    for made in files:
        _say_renamed(made.renamed, f"the .{fmt} format's limit")
        for label in made.shortened:
            click.echo(f"note: {made.dataset}: a label cut to fit .{fmt}: {label}", err=True)
    visit_file = beside(output, f"visits.{fmt}")
    write_files({output: files[0].data, visit_file: files[1].data}, suffix=f".{fmt}")
    click.echo(
        f"exported {len(sessions)} {noun} ({_count(len(cues.rows), 'cue', 'cues')}, "
        f"{_count(len(visits.rows), 'visit', 'visits')}) to {output} as {fmt}; "
        f"visits: {visit_file}"
    )


def _say_renamed(renamed: Mapping[str, str], limit: str) -> None:
    for column, name in renamed.items():
        click.echo(f"note: column {column} is named {name} to fit {limit}", err=True)


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"
