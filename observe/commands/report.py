"""``observe report``: the PDF report of a session, or of a dyad's visits (DESIGN §7, §8)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.target import dyad_sessions, reading_archive, require_one_target

if TYPE_CHECKING:
    from observe.model import Session


@click.command("report")
@click.argument("session_id", metavar="[ID]", required=False)
@click.option("--dyad", metavar="D", help="Report the trend over all sessions of this dyad.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the PDF: a file, or a folder to put the usual file name in "
    "(default: the archive's reports/ folder).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="Paper size (default: from the locale; US Letter in the US, Canada, Mexico …).",
)
def report(
    session_id: str | None, dyad: str | None, output: Path | None, paper: str | None
) -> None:
    """Write the PDF report of one session (ID or a unique prefix of 4+ characters), or the
    trend report over a dyad's sessions with --dyad D, and print where it went."""
    require_one_target("report", session_id, dyad, " [-o FILE.pdf]")
    from observe.reports import default_report_path, write_trend_report

    with reading_archive() as archive:
        if session_id is not None:
            session = archive.load(session_id)
            target = _target(output, default_report_path(archive.path, session))
            written = _session_report(archive.path, session, target, paper)
        else:
            sessions = dyad_sessions(archive, dyad)
            target = _target(output, default_report_path(archive.path, sessions))
            written = write_trend_report(sessions, target, pagesize=paper)
    click.echo(str(Path(written).resolve()))


def _session_report(archive_dir: Path, session: Session, target: Path, paper: str | None) -> Path:
    from observe.tui.report_process import session_report_with_stills

    def said(note: str) -> None:
        click.echo(f"note: {note}", err=True)

    return session_report_with_stills(archive_dir, session, target, paper, said)


def _target(output: Path | None, default: Path) -> Path:
    """The file to write: ``-o`` as given, the usual name inside an ``-o`` folder, or the
    archive's reports/ folder."""
    if output is None:
        return default
    if output.expanduser().is_dir():
        return output.expanduser() / default.name
    return output


commands: list[click.Command] = [report]
