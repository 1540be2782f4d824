"""``observe demo``: synthetic sessions to try observe on before coding a real family.

The demo dyads are ``DEMO-01`` … (observer ``demo``, origin ``demo``): never mistaken for a
family. Their ids come from the seed, so running the command again adds nothing new.
``--families N`` adds more families after the first five (``DEMO-0006`` …), for trying
observe, or benchmarking it, on an archive the size of a year's work.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.display import when
from observe.errors import ObserveError

if TYPE_CHECKING:
    from pathlib import Path

    from observe.interchange.demo_families import DemoFamily

#: Listed family by family up to this many new families; summed up beyond.
_LISTED = 10


def parse_families(text: str) -> int:
    """The number given to ``--families``, or an :class:`ObserveError` saying what fits."""
    from observe.interchange.demo_families import MAX_FAMILIES

    wanted = (
        f"--families takes a whole number of families from 1 to {MAX_FAMILIES:,} "
        "(500 families make about 2,000 sessions)"
    )
    try:
        families = int(text.strip().replace(",", "").replace("_", ""))
    except ValueError:
        raise ObserveError(f'{wanted}; "{text}" is not a number') from None
    if not 1 <= families <= MAX_FAMILIES:
        raise ObserveError(f"{wanted}; {families:,} is out of that range")
    return families


@click.command("demo")
@click.option(
    "--seed",
    type=int,
    default=7,
    show_default=True,
    help="Another seed gives another set of demo sessions.",
)
@click.option(
    "--families",
    "families_text",
    metavar="N",
    default="5",
    show_default=True,
    help="How many demo families (with their visits); 500 make a year-sized archive.",
)
def demo_command(seed: int, families_text: str) -> None:
    """Put synthetic demo sessions (dyads DEMO-01 ...) in the archive."""
    from observe.interchange.demo_families import demo_families
    from observe.scheme import find_scheme
    from observe.workspace import open_archive

    families = parse_families(families_text)
    data_dir = cli_context().data_dir
    made = demo_families(lambda scheme_id: find_scheme(scheme_id, data_dir), families, seed)
    sessions = [session for family in made for session in family.sessions]
    with open_archive(data_dir) as archive:
        present = {summary.id for summary in archive.list_sessions()}
        new = [session for session in sessions if session.id not in present]
        if new:
            archive.add_many(new)  # one index write for them all
        where = archive.path
    if not new:
        click.echo(
            f"the {len(sessions):,} demo sessions (seed {seed}) are already in {where}; "
            "nothing added."
        )
    else:
        events = sum(len(session.events) for session in new)
        click.echo(f"added {len(new):,} demo sessions ({events:,} events) to {where}:")
        new_ids = {session.id for session in new}
        touched = [f for f in made if any(s.id in new_ids for s in f.sessions)]
        for line in _described(touched):
            click.echo(f"  {line}")
    _next_steps(data_dir, made)


def _described(families: list[DemoFamily]) -> list[str]:
    """One line per family, or a summary when there are many."""
    if len(families) <= _LISTED:
        lines = []
        for family in families:
            days = sorted(when(session.started_at, "day") for session in family.sessions)
            visits = family.visits
            if family.double_coded and visits == 1:
                lines.append(f"{family.dyad}  1 visit, {days[0]}, coded by two observers")
                continue
            line = f"{family.dyad}  {visits} visits, {days[0]} to {days[-1]}"
            if visits == 1:
                line = f"{family.dyad}  1 visit, {days[0]}"
            if family.double_coded:
                line += f", {_visits(len(family.double_coded))} coded by two observers"
            lines.append(line)
        return lines
    days = sorted(when(s.started_at, "day") for family in families for s in family.sessions)
    visits = [family.visits for family in families]
    pairs = sum(len(family.double_coded) for family in families)
    return [
        f"{len(families):,} families, {families[0].dyad} to {families[-1].dyad}: "
        f"{min(visits)} to {max(visits)} visits each, {days[0]} to {days[-1]}",
        f"{_visits(pairs)} coded by two observers",
    ]


def _visits(count: int) -> str:
    return "1 visit" if count == 1 else f"{count:,} visits"


def _next_steps(data_dir: Path, made: list[DemoFamily]) -> None:
    first = made[0].dyad
    pairs = [pair for family in made for pair in family.double_coded]
    # The hints must reach this archive when it is not the one observe opens by default.
    from observe import locations

    observe = "observe"
    if data_dir != locations.data_dir():
        observe = f"observe --data-dir {shlex.quote(str(data_dir))}"
    steps = [
        ("session list", "the sessions in the archive"),
        (f"analyze --dyad {first}", "how the family did over the visits"),
        (f"report --dyad {first}", "the same as a PDF for a clinician"),
    ]
    if pairs:
        one, other = pairs[0]
        steps.append(
            (f"reliability {one.id[:8]} {other.id[:8]}", "do two observers of one visit agree?")
        )
    steps.append(("", "open the terminal app"))
    commands = [f"{observe} {command}".rstrip() for command, _ in steps]
    width = max(len(command) for command in commands) + 3
    click.echo("next:")
    for command, (_, what) in zip(commands, steps, strict=True):
        click.echo(f"  {command.ljust(width)}{what}")


commands: list[click.Command] = [demo_command]
