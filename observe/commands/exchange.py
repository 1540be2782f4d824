"""``observe export`` and ``observe import-bundle``: sessions out to statistics software or
another archive, and bundles from other laptops in (DESIGN §8–§9).

The research tables (``--format cues`` and ``visits``) come with a codebook: written with
``-o FILE`` as ``FILE``'s name with ``.codebook.csv`` in place of its suffix, beside it.
The formats for evaluators (``redcap``, ``sav``, ``dta``) are
:mod:`observe.commands.export_files`'s. Every file is written atomically, all of an
export's files or none, and readable by its owner only (0600).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.commands.target import reading_archive
from observe.errors import InterchangeError, ObserveError

if TYPE_CHECKING:
    from observe.model import Session
    from observe.pairing import Pairing
    from observe.store import Archive
    from observe.store.merge import Merged

#: csv … visits: here; redcap, sav, dta (for evaluators): :mod:`observe.commands.export_files`.
FORMATS = ("csv", "json", "sdis", "cues", "visits", "redcap", "sav", "dta", "boris")
#: The formats whose files come with a codebook beside them.
WITH_CODEBOOK = ("cues", "visits")


def codebook_path(output: Path) -> Path:
    """Where the codebook of an export written to ``output`` goes: ``cues.csv`` →
    ``cues.codebook.csv``."""
    from observe.commands.export_files import beside

    return beside(output, "codebook.csv")


def _chosen_sessions(
    archive: Archive, ids: tuple[str, ...], dyads: tuple[str, ...]
) -> list[Session]:
    """The sessions named by id (or unique prefix) and by dyad, once each, in that order."""
    chosen: dict[str, Session] = {}
    for id_or_prefix in ids:
        session = archive.load(id_or_prefix)
        chosen.setdefault(session.id, session)
    for dyad in dyads:
        sessions = archive.sessions(dyad)
        if not sessions:
            raise ObserveError(
                f'there are no sessions of dyad "{dyad}" in the archive; '
                "observe session list shows the dyads there are"
            )
        for session in sessions:
            chosen.setdefault(session.id, session)
    return list(chosen.values())


@click.command("export")
@click.argument("ids", nargs=-1, metavar="ID...")
@click.option(
    "--dyad",
    "dyads",
    multiple=True,
    metavar="D",
    help="Export every session of this dyad (may be repeated).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="csv: one row per event (R, SPSS, pandas); json: a bundle for "
    "observe import-bundle; sdis: timed-event data for GSEQ; cues: one row per infant cue "
    "with its outcome; visits: one row per session with its figures (cues and visits "
    "come with a codebook, written beside the -o file); redcap: a REDCap import file with "
    "its data dictionary beside it; sav, dta: SPSS and Stata files of the cues and, beside "
    "them, the visits (pip install 'observe[stats]'); boris: a BORIS project (observe "
    "import-boris reads it back).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (readable by you only) instead of the screen.",
)
def export_command(
    ids: tuple[str, ...], dyads: tuple[str, ...], fmt: str, output: Path | None
) -> None:
    """Export sessions, named by ID (or a unique prefix of 4+ characters) or by --dyad."""
    from observe.commands.export_files import (
        EVALUATOR_FORMATS,
        export_for_evaluators,
        refuse_early,
        warn_partial_families,
        write_files,
    )
    from observe.pairing import pairing

    if not ids and not dyads:
        raise ObserveError(
            "name the sessions to export: their ids (observe session list shows them) "
            "or --dyad D for every session of a dyad"
        )
    refuse_early(fmt, output)
    with reading_archive() as archive:
        sessions = _chosen_sessions(archive, ids, dyads)
        listed = archive.list_sessions()
    visits = pairing(listed)  # a second coding is one in the archive, exported or not
    ended = [s for s in sessions if s.status == "ended"]
    for session in sessions:
        if session.status != "ended":
            click.echo(
                f"warning: session {session.id[:8]} ({session.dyad}) is still {session.status}; "
                "it is left out until it has been ended",
                err=True,
            )
    if not ended:
        raise ObserveError("none of the sessions named has ended, so there is nothing to export")
    if fmt == "redcap":
        warn_partial_families(ended, listed)
    if fmt in EVALUATOR_FORMATS:
        export_for_evaluators(fmt, ended, output)
        return
    if fmt == "json":  # the certification record travels with the sessions
        text, counted = _bundle_with_record(ended, cli_context().data_dir)
    else:
        text, counted = _export_text(fmt, ended, visits)
    if fmt == "json":
        _warn_if_too_large_to_import(text, output)
    if output is None:
        click.echo(text, nl=False)
        if fmt in WITH_CODEBOOK:
            click.echo(
                "note: give -o FILE to write the codebook that explains every column beside it",
                err=True,
            )
        return
    files = {output: text.encode("utf-8")}
    noun = "session" if len(ended) == 1 else "sessions"
    line = f"exported {len(ended)} {noun} ({counted}) to {output} as {fmt}"
    if fmt in WITH_CODEBOOK:
        codebook = codebook_path(output)
        files[codebook] = _codebook_text(fmt, ended).encode("utf-8")
        line += f"; codebook: {codebook}"
    write_files(files)
    click.echo(line)


def _export_text(fmt: str, sessions: list[Session], visits: Pairing) -> tuple[str, str]:
    """The exported text and what it holds, in words (``1,204 events``)."""
    from observe.interchange.bundle import bundle_text
    from observe.interchange.csv_export import sessions_to_csv
    from observe.interchange.cues import cue_columns, cue_rows, cue_table
    from observe.interchange.sdis import sessions_to_sdis
    from observe.interchange.visits import sessions_to_visit_csv

    if fmt == "cues":
        rows = cue_rows(sessions, visits)
        return cue_table(
            rows, cue_columns(sessions)
        ), f"{len(rows):,} cue{'' if len(rows) == 1 else 's'}"
    if fmt == "visits":
        return sessions_to_visit_csv(
            sessions, visits
        ), f"{len(sessions)} row{'' if len(sessions) == 1 else 's'}"
    from observe.interchange.boris_export import sessions_to_boris

    writers = {"csv": sessions_to_csv, "json": bundle_text, "sdis": sessions_to_sdis}
    writers["boris"] = sessions_to_boris
    events = sum(len(s.events) for s in sessions)
    return writers[fmt](sessions), f"{events:,} events"


def _bundle_with_record(sessions: list[Session], archive_dir: Path) -> tuple[str, str]:
    """The bundle of ``sessions`` with the archive's certification record, and what it
    holds in words."""
    from observe.interchange.bundle import bundle_text
    from observe.training.record_file import read_record, unstructure_entry

    entries = [unstructure_entry(entry) for entry in read_record(archive_dir)]
    events = sum(len(s.events) for s in sessions)
    words = f"{events:,} events"
    if entries:
        words += f", {len(entries)} certification record entries"
    return bundle_text(sessions, certification=entries), words


def _warn_if_too_large_to_import(text: str, output: Path | None) -> None:
    """A bundle larger than ``import-bundle`` reads is written, but not without a word:
    found out only on the other laptop, it would have to be exported again from here."""
    from observe.reading import size_text
    from observe.validity.limits import MAX_BUNDLE_BYTES

    size = len(text.encode("utf-8"))
    if size <= MAX_BUNDLE_BYTES:
        return
    where = "this bundle" if output is None else str(output)
    limit = size_text(MAX_BUNDLE_BYTES)
    measured = "is more" if size_text(size) == limit else f"is {size_text(size)}, more"
    click.echo(
        f"warning: {where} {measured} than the {limit} observe import-bundle reads, so it "
        "cannot be imported as it is: export one bundle "
        "per dyad instead (observe export --format json --dyad D -o D.json)",
        err=True,
    )


def _codebook_text(fmt: str, sessions: list[Session]) -> str:
    from observe.interchange.cues import cue_codebook
    from observe.interchange.visits import visit_codebook

    return cue_codebook(sessions) if fmt == "cues" else visit_codebook(sessions)


@click.command("import-bundle")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--replace",
    is_flag=True,
    help="Where the archive already has a session with different content, "
    "take the bundle's version.",
)
def import_bundle_command(file: Path, replace: bool) -> None:
    """Merge the sessions of a bundle (observe export --format json) into the archive.

    Sessions keep their ids: importing a bundle twice adds nothing the second time.
    """
    from observe.interchange.bundle import bundle_identity, read_bundle
    from observe.reading import InputRefused, read_bounded
    from observe.validity import session_warnings
    from observe.validity.limits import MAX_BUNDLE_BYTES
    from observe.workspace import open_archive

    try:
        raw = read_bounded(file, MAX_BUNDLE_BYTES, what="a bundle")
        text = raw.decode("utf-8")
    except InputRefused as refused:
        advice = (
            "export fewer sessions to each bundle (observe export --dyad D) and import them one "
            "by one"
            if refused.too_large
            else "give the path to the .json file written by observe export --format json"
        )
        raise InterchangeError(f"{file} {refused.reason}; {advice}") from None
    except IsADirectoryError:
        raise InterchangeError(
            f"{file} is a folder, not a bundle; give the path to the .json file written by "
            "observe export --format json"
        ) from None
    except OSError as error:
        raise InterchangeError(
            f"{file} cannot be read ({error.strerror or error}); check the path and try again"
        ) from None
    except UnicodeDecodeError:
        raise InterchangeError(
            f"{file} is not a bundle written by observe export --format json (it is not "
            "UTF-8 text); export the sessions again and import that file"
        ) from None
    bundle = bundle_identity(raw)
    with open_archive(cli_context().data_dir) as archive:
        # This very file (or the same sessions exported again later) imported already,
        # every session still as that import left it: done, unread.
        merged = archive.imported_already(bundle)
        remarked: list[Session] = []
        if merged is None:
            # Sessions stored already byte for byte (a bundle exported again) are not built.
            contents = read_bundle(text, str(file), archive.stored_digest)
            incoming, remarked = (
                _newest_marks(archive, contents.sessions) if contents.sessions else ([], [])
            )
            if remarked:  # marked anew and otherwise the same: taken without --replace
                archive.merge(remarked, replace=True)
            merged = archive.merge(incoming, replace=replace, bundle=bundle, stored=contents.stored)
        certified = _merge_certification(archive, raw, str(file))
    _report_bundle(file, merged, remarked)
    if certified is not None:
        click.echo(certified)
    for session in merged.added + (merged.differing if merged.replaced else ()):
        for warning in session_warnings(session):
            click.echo(f"warning: session {session.id[:8]}: {warning}", err=True)


def _merge_certification(archive: Archive, raw: bytes, source: str) -> str | None:
    """The bundle's certification record merged into the archive's (only the entries it
    lacks: merging twice adds nothing); what was done, in words (None: the bundle has none)."""
    import json

    if b'"certification"' not in raw:
        return None
    data = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
    if "certification" not in data:
        return None
    from observe.training.record_file import add_entries, entries_from_data

    entries = entries_from_data(data["certification"], source)
    added = add_entries(archive, entries)
    return (
        f"certification record: {len(added)} new of {len(entries)} entries"
        if added
        else f"certification record: all {len(entries)} entries already in the archive"
    )


def _newest_marks(archive: Archive, incoming: list[Session]) -> tuple[list[Session], list[Session]]:
    """The bundle's sessions, each with the newer of its double-coding mark and the
    archive's (:mod:`observe.pairing`: whichever way round two laptops' bundles are
    imported, the newest pairing stands), and those of them that differ from the stored
    copy in that mark alone. Only a session whose mark differs from its index document's is
    read."""
    from observe.pairing import differ_in_mark_only, with_newer_mark

    stored = {summary.id: summary for summary in archive.list_sessions()}
    settled: list[Session] = []
    remarked: list[Session] = []
    for session in incoming:
        summary = stored.get(session.id)
        if summary is not None:
            session = with_newer_mark(session, summary)
            mark = (session.second_coding_of, session.second_coding_at)
            moved = mark != (summary.second_coding_of, summary.second_coding_at)
            if moved and differ_in_mark_only(archive.load(session.id), session):
                remarked.append(session)
        settled.append(session)
    return settled, remarked


def _report_bundle(file: Path, merged: Merged, remarked: list[Session]) -> None:
    added, differing = merged.added, merged.differing
    events = sum(len(s.events) for s in added)
    dyads = sorted({s.dyad for s in added})
    event_words = f"{events:,} event{'' if events == 1 else 's'}"
    line = f"imported {_sessions(len(added), 'new ')} ({event_words}) from {file}"
    if dyads:
        line += f": dyads {', '.join(dyads)}"
    click.echo(line)
    if merged.same > len(remarked):
        click.echo(f"{_sessions(merged.same - len(remarked))} already in the archive, unchanged")
    if remarked:
        click.echo(
            f"{_sessions(len(remarked))} marked as in the bundle, whose pairing of "
            "double-coded visits is newer: " + ", ".join(s.id[:8] for s in remarked)
        )
    if differing and merged.replaced:
        click.echo(
            f"{_sessions(len(differing))} replaced by the bundle's version: "
            + ", ".join(s.id[:8] for s in differing)
        )
    elif differing:
        names = ", ".join(f"{s.id[:8]} ({s.dyad})" for s in differing)
        click.echo(
            f"warning: sessions that differ from the archive's copy were left as they are "
            f"({len(differing)}): {names}; run again with --replace to take the bundle's "
            "version",
            err=True,
        )


def _sessions(count: int, kind: str = "") -> str:
    """``1 session``, ``2 new sessions``: the count of sessions in words."""
    return f"{count} {kind}session{'' if count == 1 else 's'}"


commands: list[click.Command] = [export_command, import_bundle_command]
