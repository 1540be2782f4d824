"""``observe session pair A B`` and ``observe session unpair ID``: double-coded visits.

A visit two observers coded is one visit (DESIGN §6): ``pair`` marks B as the second
coding of A's visit, A its primary, so trends and family figures count the visit once,
from A, and ``observe reliability --dyad`` compares the two. The rules (which marks count,
how a change of primary is written) are :mod:`observe.pairing`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.commands.target import warn_problems
from observe.display import MISSING
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.pairing import Mark
    from observe.store import Archive, SessionSummary


@click.command("pair")
@click.argument("first", metavar="A")
@click.argument("second", metavar="B")
@click.option(
    "--primary",
    "chosen",
    metavar="A|B",
    default=None,
    help="Which of the two is the visit's primary coding, the one trends count "
    "(default: A). Given for a pair already, it changes which one is.",
)
def pair_command(first: str, second: str, chosen: str | None) -> None:
    """Mark B as a second observer's coding of A's visit (ids or unique prefixes of 4+
    characters): trends and family figures then count the visit once, from its primary
    coding (A, or the one --primary names), and observe reliability --dyad compares the
    two codings."""
    from observe.workspace import open_archive

    with open_archive(cli_context().data_dir) as archive:
        warn_problems(archive)
        archive.require_writable()
        primary, other = archive.resolve(first), archive.resolve(second)
        if chosen is not None:
            named = archive.resolve(chosen)
            if named not in (primary, other):
                raise ObserveError(
                    f"--primary {chosen} names neither of the two sessions; give "
                    f"--primary {primary[:8]} or --primary {other[:8]}"
                )
            if named == other:
                primary, other = other, primary
        before = _summary(archive, primary)
        marks = archive.pair(primary, other)
        listed = {s.id: s for s in archive.list_sessions(before.dyad)}
    click.echo(_paired_text(listed, primary, other, marks, before))


def _summary(archive: Archive, session_id: str) -> SessionSummary:
    found = next((s for s in archive.list_sessions() if s.id == session_id), None)
    if found is None:
        archive.load(session_id)  # names the damage of a session that is not listed
        raise ObserveError(f"session {session_id[:8]} is not listed; open the archive again")
    return found


def _paired_text(
    listed: dict[str, SessionSummary],
    primary: str,
    other: str,
    marks: tuple[Mark, ...],
    before: SessionSummary,
) -> str:
    one, two = listed[primary], listed[other]
    where = f"dyad {one.dyad}, visit {one.visit or MISSING}"
    if not marks:
        return (
            f"{other[:8]} is already the second coding of {primary[:8]}'s visit ({where}); "
            "nothing changed."
        )
    if before.coded_visit is not None and before.coded_visit.primary != primary:
        return (
            f"{primary[:8]} ({_observer(one)}) is now the primary coding of its visit ({where}), "
            f"in place of {before.coded_visit.primary[:8]}: trends count the visit from "
            f"{primary[:8]}."
        )
    return (
        f"paired: {other[:8]} ({_observer(two)}) is now the second coding of {primary[:8]}'s "
        f"visit ({where}, {_observer(one)}); trends and family figures count the visit once, "
        f"from {primary[:8]}. Compare the two with observe reliability {primary[:8]} "
        f"{other[:8]}."
    )


def _observer(summary: SessionSummary) -> str:
    return f"observer {summary.observer}" if summary.observer else "no observer given"


@click.command("unpair")
@click.argument("session_id", metavar="ID")
def unpair_command(session_id: str) -> None:
    """Mark a session (an id or unique prefix) as a coding of no double-coded visit: it
    counts as a visit of its own again. The visit's other codings stay one visit (the
    earliest becomes the primary where ID was)."""
    from observe.workspace import open_archive

    with open_archive(cli_context().data_dir) as archive:
        warn_problems(archive)
        archive.require_writable()
        full_id = archive.resolve(session_id)
        before = _summary(archive, full_id)
        marks = archive.unpair(full_id)
    visit = before.coded_visit
    if visit is None and not marks:
        click.echo(f"{full_id[:8]} is a coding of no double-coded visit; nothing changed.")
    elif visit is None:
        of = before.second_coding_of or ""
        click.echo(
            f"cleared {full_id[:8]}'s mark as a second coding of {of[:8]}, a session not in "
            "this archive: it will not pair again if that session comes back."
        )
    else:
        others = ", ".join(i[:8] for i in visit.others(full_id))
        click.echo(
            f"unpaired: {full_id[:8]} is no longer a coding of one visit with {others}; trends "
            "count it as a visit of its own."
        )


commands: list[click.Command] = [pair_command, unpair_command]
