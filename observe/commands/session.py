"""``observe session``: list, show and delete the sessions in the archive (DESIGN §8)."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.commands.target import reading_archive, warn_problems
from observe.display import MISSING, clock, percent, text_table, when

if TYPE_CHECKING:
    from observe.model import Session
    from observe.store import SessionSummary

#: The session list's columns: (header, cell, right-aligned), in display order.
_LIST_COLUMNS: dict[str, tuple[str, Callable[[SessionSummary], str], bool]] = {
    "id": ("id", lambda s: s.id[:8], False),
    "dyad": ("dyad", lambda s: s.dyad, False),
    "visit": ("visit", lambda s: s.visit or MISSING, False),
    "started": ("started", lambda s: when(s.started_at), False),
    "observer": ("observer", lambda s: s.observer, False),
    "scheme": ("scheme", lambda s: s.scheme_id, False),
    "status": ("status", lambda s: s.status, False),
    "duration": ("length", lambda s: clock(s.duration), True),
    "events": ("events", lambda s: str(s.events), True),
    "responded": ("responded", lambda s: percent(s.figures.get("response_rate")), True),
    "matched": ("matched", lambda s: percent(s.figures.get("match_rate")), True),
}
#: Which columns give way first when the terminal is narrow (80 columns keeps the rest).
_DROPPED_FIRST = ("scheme", "observer", "duration", "visit", "status")


def session_table(summaries: list[SessionSummary], width: int) -> str:
    """The session list as a table no wider than ``width`` where it can be."""
    shown = list(_LIST_COLUMNS)
    dropping = list(_DROPPED_FIRST)
    while True:
        columns = [_LIST_COLUMNS[name] for name in shown]
        header = tuple(title for title, _, _ in columns)
        rows = [tuple(cell(s) for _, cell, _ in columns) for s in summaries]
        right = frozenset(i for i, (_, _, is_right) in enumerate(columns) if is_right)
        text = "\n".join(text_table(header, rows, right=right))
        if not dropping or max(len(line) for line in text.splitlines()) <= width:
            return text
        shown.remove(dropping.pop(0))


@click.group("session")
def session_group() -> None:
    """The sessions in the archive: list, show, import, delete."""


@session_group.command("list")
@click.option("--dyad", default=None, help="Only the sessions of this dyad code.")
def list_command(dyad: str | None) -> None:
    """List sessions, newest first."""
    with reading_archive() as archive:
        summaries = archive.list_sessions(dyad)
    if not summaries:
        where = f" for dyad {dyad}" if dyad else ""
        click.echo(f'no sessions{where} yet; record one with "observe" or try "observe demo".')
        return
    width = shutil.get_terminal_size((80, 24)).columns
    click.echo(session_table(summaries, width))


_ORIGINS = {"live": "coded live", "import": "imported", "demo": "synthetic demo data"}


def describe_session(session: Session) -> str:
    """Everything recorded about a session, as plain text."""
    scheme = session.scheme
    lines = [
        f"session   {session.id}",
        f"dyad      {session.dyad}",
        f"visit     {session.visit or MISSING}",
        f"context   {session.context or MISSING}",
        f"observer  {session.observer or MISSING}",
        f"started   {session.started_at}",
        f"ended     {session.ended_at or MISSING}",
        f"status    {session.status} ({_ORIGINS.get(session.origin, session.origin)})",
        f"duration  {clock(session.duration)} ({session.duration:.3f} s observed)",
        f"scheme    {scheme.id} {scheme.version} — {scheme.name}",
    ]
    if session.pauses:
        lines.append("pauses")
        for pause in session.pauses:
            until = pause.resumed_wall or "not resumed"
            lines.append(f"  at {pause.at:.3f} s: {pause.paused_wall} → {until}")
    if session.ratings:
        lines.append("ratings")
        labels = {rating.id: rating.label for rating in scheme.ratings}
        for rating_id, value in session.ratings.items():
            lines.append(f"  {labels.get(rating_id, rating_id)}: {value}")
    if session.notes:
        lines.append("notes")
        for paragraph in session.notes.splitlines():
            lines.extend(
                textwrap.wrap(paragraph, width=78, initial_indent="  ", subsequent_indent="  ")
                or [""]
            )
    lines.append(f"events ({len(session.events)})")
    if session.events:
        from observe.labels import actor_word  # not at the top: --help needs no scheme

        rows = []
        for event in session.events:
            known = scheme.code(event.code) is not None
            actor = actor_word(scheme, event.code) if known else "?"
            rows.append(
                (
                    f"{event.t:.3f}",
                    actor,
                    event.code,
                    event.kind,
                    "" if event.intensity is None else str(event.intensity),
                    event.id[:8],
                    " ".join((event.note or "").split()),  # last: a long note runs on
                )
            )
        header = ("t (s)", "actor", "code", "kind", "intensity", "event", "note")
        table = text_table(header, rows, right={0, 4})
        lines.extend(f"  {line}" for line in table)
    return "\n".join(lines)


@session_group.command("show")
@click.argument("session_id")
def show_command(session_id: str) -> None:
    """Show a session: who, when, pauses, ratings, notes and every event."""
    with reading_archive() as archive:
        session = archive.load(session_id)
    click.echo(describe_session(session))
    if session.status != "ended":
        click.echo(
            f"(this session is {session.status}: shown as saved so far; "
            "it can be resumed in observe)"
        )


@session_group.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete_command(session_id: str, yes: bool) -> None:
    """Delete a session and its files for good."""
    from observe.workspace import open_archive  # the store loads only when a command runs

    with open_archive(cli_context().data_dir) as archive:
        warn_problems(archive)
        archive.require_writable()
        full_id = archive.resolve(session_id)
        summary = next((s for s in archive.list_sessions() if s.id == full_id), None)
        if summary is None:  # on disk but not listed: its file is damaged
            what = f"session {full_id[:8]} (not listed: its file cannot be read)"
        else:
            what = (
                f"session {full_id[:8]} (dyad {summary.dyad}, visit {summary.visit or MISSING}, "
                f"{when(summary.started_at)}, {summary.events} events)"
            )
        if not yes and not click.confirm(f"Delete {what}? This cannot be undone"):
            click.echo("nothing was deleted.")
            return
        archive.delete(full_id)
    click.echo(f"deleted {what}.")


commands: list[click.Command] = [session_group]
