"""``observe demo``: synthetic sessions to try observe on before coding a real family.

The demo dyads are ``DEMO-01`` … (observer ``demo``, origin ``demo``): never mistaken for a
family. Their ids come from the seed, so running the command again adds nothing new.
"""

from __future__ import annotations

import shlex

import click

from observe.commands.context import cli_context
from observe.display import when


@click.command("demo")
@click.option(
    "--seed",
    type=int,
    default=7,
    show_default=True,
    help="Another seed gives another set of demo sessions.",
)
def demo_command(seed: int) -> None:
    """Put synthetic demo sessions (dyads DEMO-01 ...) in the archive."""
    from observe.interchange.second_observer import demo_reliability_pair
    from observe.interchange.simulate import demo_sessions
    from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
    from observe.workspace import open_archive

    data_dir = cli_context().data_dir
    scheme = find_scheme(DEFAULT_SCHEME_ID, data_dir)
    pair = demo_reliability_pair(scheme, seed=seed)
    sessions = [*demo_sessions(scheme, seed=seed), *pair]
    with open_archive(data_dir) as archive:
        present = {summary.id for summary in archive.list_sessions()}
        new = [session for session in sessions if session.id not in present]
        for session in new:
            archive.add(session)
        where = archive.path
    if not new:
        click.echo(
            f"the {len(sessions)} demo sessions (seed {seed}) are already in {where}; "
            "nothing added."
        )
    else:
        events = sum(len(session.events) for session in new)
        click.echo(f"added {len(new)} demo sessions ({events:,} events) to {where}:")
        for dyad in sorted({session.dyad for session in new}):
            visits = sorted(when(s.started_at, "day") for s in new if s.dyad == dyad)
            if dyad == pair[0].dyad:
                click.echo(f"  {dyad}  1 visit, {visits[0]}, coded by two observers")
            else:
                click.echo(f"  {dyad}  {len(visits)} visits, {visits[0]} to {visits[-1]}")
    first = sorted({session.dyad for session in sessions})[0]
    # The hints must reach this archive when it is not the one observe opens by default.
    from observe import locations

    observe = "observe"
    if data_dir != locations.data_dir():
        observe = f"observe --data-dir {shlex.quote(str(data_dir))}"
    steps = [
        ("session list", "the sessions in the archive"),
        (f"analyze --dyad {first}", "how the family did over the visits"),
        (f"report --dyad {first}", "the same as a PDF for a clinician"),
        (
            f"reliability {pair[0].id[:8]} {pair[1].id[:8]}",
            "do two observers of one visit agree?",
        ),
        ("", "open the terminal app"),
    ]
    commands = [f"{observe} {command}".rstrip() for command, _ in steps]
    width = max(len(command) for command in commands) + 3
    click.echo("next:")
    for command, (_, what) in zip(commands, steps, strict=True):
        click.echo(f"  {command.ljust(width)}{what}")


commands: list[click.Command] = [demo_command]
