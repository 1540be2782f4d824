"""``observe certification list``: each observer's certification record (DESIGN §11).

Listing first logs each double-coded family visit not yet in the record as a drift check
(the two observers' agreement, as ``observe reliability`` computes it at the archive's
tolerance); an archive open elsewhere is listed as it is, and says so.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.training.record import Standing


@click.group("certification")
def certification_group() -> None:
    """Observers' certification: attempts at training packs, passes, drift checks."""


@certification_group.command("list")
@click.option("--observer", default=None, metavar="O", help="Only this observer.")
def list_command(observer: str | None) -> None:
    """Each observer's attempts, passes, consecutive passes, certified since / until, the
    drift checks (double-coded visits) and what is due."""
    from observe.store.settings import read_settings
    from observe.training.record import observers, standing
    from observe.training.record_file import add_entries, read_record
    from observe.training.submit import drift_checks
    from observe.workspace import open_archive

    with open_archive(cli_context().data_dir) as archive:
        tolerance = read_settings(archive.path)["reliability.tolerance"]
        if archive.readonly:
            click.echo(f"note: drift checks not logged now: {archive.readonly_reason}", err=True)
        else:
            logged = datetime.now().astimezone().isoformat(timespec="seconds")
            add_entries(archive, drift_checks(archive, tolerance=tolerance, logged_at=logged))
        entries = read_record(archive.path)
    names = observers(entries)
    if observer is not None:
        if observer not in names:
            raise ObserveError(
                f"the certification record has nothing of observer {observer!r}"
                + (f" (it names {', '.join(names)})" if names else "")
                + "; check the observer code."
            )
        names = [observer]
    if not names:
        click.echo(
            "the certification record is empty: observers' attempts at training packs "
            "(observe train submit) and double-coded visits are logged in it"
        )
        return
    today = date.today()
    for number, name in enumerate(names):
        if number:
            click.echo("")
        for line in standing_lines(standing(entries, name, today), today):
            click.echo(line)


def standing_lines(found: Standing, today: date) -> list[str]:
    """One observer's record as text."""
    if found.certified_since is None or found.certified_until is None:
        state = "not certified"
    elif found.certified_on(today):
        state = (
            f"certified since {found.certified_since.isoformat()} until "
            f"{found.certified_until.isoformat()}"
        )
    else:
        state = (
            f"was certified {found.certified_since.isoformat()} to "
            f"{found.certified_until.isoformat()} (ran out)"
        )
    lines = [
        f"observer {found.observer}: {state}",
        f"  attempts {found.attempts}, passes {found.passes}, consecutive passes "
        f"{found.consecutive}" + (f"; practice {found.practice}" if found.practice else ""),
    ]
    for check in found.drift_checks:
        agreement = "–" if check.agreement is None else f"{round(check.agreement * 100)}%"
        kappa = "–" if check.kappa is None else f"{check.kappa:.2f}"
        other = [o for o in check.observers if o != found.observer]
        lines.append(
            f"  drift check {check.at[:10]}: dyad {check.dyad}, with {other[0] if other else '–'}"
            f", agreement {agreement}, kappa {kappa}"
        )
    lines += [f"  due: {item}" for item in found.due]
    return lines


commands: list[click.Command] = [certification_group]
