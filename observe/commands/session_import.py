"""``observe session import FILE.csv``: a session coded elsewhere, from a CSV of events.

The last line of the output is the new session's id, so scripts can pick it up::

    observe session import visit2.csv --scheme infant-cues --dyad D017 --observer OBS1 \
        | tail -n 1
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.display import clock
from observe.errors import InterchangeError

if TYPE_CHECKING:
    from observe.model import Session
    from observe.store import Archive


def _read_text(path: Path) -> str:
    from observe.reading import InputRefused, read_bounded
    from observe.validity.limits import MAX_CSV_BYTES, MAX_EVENTS

    try:
        data = read_bounded(path, MAX_CSV_BYTES, what="a CSV file of events")
    except InputRefused as refused:
        advice = (
            f"a session holds at most {MAX_EVENTS:,} events (an export of one that long is "
            "about 16 MB): check that the file holds the events of one session"
            if refused.too_large
            else "save the events to a .csv file and give its path"
        )
        raise InterchangeError(f"{path} {refused.reason}; {advice}") from None
    except IsADirectoryError:
        raise InterchangeError(
            f"{path} is a folder, not a CSV file; give the path to the .csv file to import"
        ) from None
    except OSError as error:
        raise InterchangeError(
            f"{path} cannot be read ({error.strerror or error}); check the path and try again"
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(
            f"{path} is not UTF-8 text (byte {error.start + 1} is not); save it from the "
            'spreadsheet as "CSV UTF-8" and import again'
        ) from None


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--scheme",
    "scheme_ref",
    required=True,
    metavar="ID_OR_PATH",
    help="The coding scheme the codes come from: an installed id or a .toml file.",
)
@click.option(
    "--dyad",
    default=None,
    help="The family's pseudonymous code (never a name); required unless the file is an "
    "export that names it.",
)
@click.option(
    "--observer",
    default=None,
    help="Who coded the session; required unless the file is an export that names it.",
)
@click.option("--visit", default=None, help="Visit label, e.g. 2.")
@click.option("--context", default=None, help="Context of the interaction, e.g. feeding.")
@click.option(
    "--duration",
    type=float,
    default=None,
    metavar="SECONDS",
    help="Length of the session (default: the time of the last event).",
)
@click.option(
    "--second-coding-of",
    "primary",
    default=None,
    metavar="ID",
    help="Mark the new session as a second observer's coding of this session's visit "
    "(an id or unique prefix of the same dyad); trends then count the visit once, from ID.",
)
@click.option(
    "--started-at",
    default=None,
    metavar="ISO",
    help="When the session started, e.g. 2026-03-02T10:15:00+01:00 (default: now).",
)
def import_command(
    file: Path,
    scheme_ref: str,
    dyad: str | None,
    observer: str | None,
    visit: str | None,
    context: str | None,
    duration: float | None,
    started_at: str | None,
    primary: str | None,
) -> None:
    """Import a session from FILE.csv: one row per event.

    Columns (header row required, any order): time (seconds), code (a code id of the
    scheme), and optionally kind (point/start/stop), intensity, note. A file written by
    observe export --format csv (one session) imports as it is, its dyad, observer, visit,
    start and duration included. Nothing is stored unless every row is good; the new
    session's id is printed last. With --second-coding-of ID it is stored as a second
    observer's coding of ID's visit (observe session pair does the same afterwards).
    """
    from observe.interchange.csv_session import parse_started_at, session_from_csv
    from observe.pairing import PairingRefused
    from observe.scheme import find_scheme
    from observe.workspace import open_archive

    data_dir = cli_context().data_dir
    scheme = find_scheme(scheme_ref, data_dir)
    imported = session_from_csv(
        _read_text(file),
        scheme,
        str(file),
        dyad=dyad,
        observer=observer,
        visit=visit,
        context=context,
        duration=duration,
        started_at=parse_started_at(started_at) if started_at is not None else None,
    )
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
    for warning in imported.warnings:
        click.echo(f"warning: {warning}", err=True)
    session = imported.session
    with open_archive(data_dir) as archive:
        if primary is None:
            archive.add(session)
        else:
            try:
                session = _add_as_second_coding(archive, session, primary)
            except PairingRefused as refused:
                raise PairingRefused(f"{file} was not imported: {refused}") from None
    visit_text = f", visit {session.visit}" if session.visit else ""
    count = len(session.events)
    click.echo(
        f"imported {count} event{'' if count == 1 else 's'} from {file} "
        f"(dyad {session.dyad}{visit_text}, {clock(session.duration)} long, "
        f"scheme {scheme.id} {scheme.version})"
    )
    if session.second_coding_of is not None:
        click.echo(
            f"marked as the second coding of {session.second_coding_of[:8]}'s visit: trends "
            f"count the visit once, from {session.second_coding_of[:8]}"
        )
    click.echo(session.id)


def _add_as_second_coding(archive: Archive, session: Session, primary: str) -> Session:
    """Store ``session`` marked as a second coding of ``primary`` (refused before anything
    is stored when it cannot be one); returns it as stored."""
    archive.require_writable()
    marked, rest = archive.second_coding(session, primary)
    archive.add(marked)
    archive.write_marks(rest, at=marked.second_coding_at)
    return marked
