"""``observe caseload``: a supervisor's view of the archive's families and visitors (issue 16).

The families come from the archive's index alone; each visitor's last reliability check
opens that visit's two codings. The schedule and the reliability interval are the
archive's settings (``observe settings set caseload.schedule "every 90 days"``).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from observe.commands.target import reading_archive


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; give it as YYYY-MM-DD, e.g. 2026-03-01"
        ) from None


@click.command("caseload")
@click.option("--visitor", metavar="V", help="Only this visitor's families (and their row).")
@click.option(
    "--due-days",
    type=click.IntRange(min=0, max=3650),
    metavar="N",
    help="Only the families due an observation within N days, or overdue.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON structure.")
@click.option(
    "--pdf",
    "pdf",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the caseload PDF for a supervision meeting to FILE (a folder: the usual name "
    "in it) and print where it went.",
)
@click.option(
    "--today",
    callback=_day,
    metavar="YYYY-MM-DD",
    help="Count due dates from this day instead of today (e.g. next Monday's meeting).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default=None,
    help="The PDF's paper size (default: from the locale).",
)
def caseload_command(
    visitor: str | None,
    due_days: int | None,
    as_json: bool,
    pdf: Path | None,
    today: date | None,
    paper: str | None,
) -> None:
    """Families due or overdue an observation, their figures over the last three visits
    with flags worded from strengths, and each visitor's last reliability check."""
    from observe.caseload import build_caseload, caseload_json, caseload_text
    from observe.store.settings import read_settings
    from observe.training.caseload_checks import caseload_certifications

    day = today or datetime.now().astimezone().date()
    with reading_archive() as archive:
        settings = read_settings(archive.path)
        caseload = build_caseload(
            archive,
            settings,
            day,
            visitor=visitor,
            due_days=due_days,
            certifications=caseload_certifications(archive.path, day),
        )
        for problem in caseload.problems:
            click.echo(f"warning: {problem}", err=True)
        if pdf is not None:
            from observe.reports import default_caseload_path, write_caseload_report

            target = pdf.expanduser()
            if target.is_dir():
                target = target / default_caseload_path(archive.path, caseload).name
            written = write_caseload_report(caseload, target, pagesize=paper)
            if as_json:
                click.echo(f"wrote {Path(written).resolve()}", err=True)
            else:
                click.echo(str(Path(written).resolve()))
                return
    if as_json:
        click.echo(caseload_json(caseload))
    elif pdf is None:
        click.echo(caseload_text(caseload))


commands: list[click.Command] = [caseload_command]
