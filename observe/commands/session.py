"""``observe session``: list, show and delete the sessions in the archive (DESIGN §8)."""

from __future__ import annotations

import click

from observe.commands.context import cli_context
from observe.model import Session
from observe.store import Archive, SessionSummary
from observe.workspace import open_archive


def _warn_problems(archive: Archive) -> None:
    for problem in archive.problems:
        click.echo(f"warning: {problem}", err=True)


def _clock(seconds: float) -> str:
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _percent(value: object) -> str:
    return f"{float(value) * 100:.0f}%" if isinstance(value, (int, float)) else "-"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
        for row in (header, *rows)
    ]
    return "\n".join(lines)


def _summary_row(summary: SessionSummary) -> tuple[str, ...]:
    return (
        summary.id[:8],
        summary.dyad,
        summary.visit,
        summary.started_at[:16].replace("T", " "),
        summary.observer,
        summary.scheme_id,
        summary.status,
        _clock(summary.duration),
        str(summary.events),
        _percent(summary.figures.get("response_rate")),
        _percent(summary.figures.get("match_rate")),
    )


@click.group("session")
def session_group() -> None:
    """The sessions in the archive: list, show, delete."""


@session_group.command("list")
@click.option("--dyad", default=None, help="Only the sessions of this dyad code.")
def list_command(dyad: str | None) -> None:
    """List sessions, newest first."""
    with open_archive(cli_context().data_dir, readonly=True) as archive:
        summaries = archive.list_sessions(dyad)
        _warn_problems(archive)
    if not summaries:
        where = f" for dyad {dyad}" if dyad else ""
        click.echo(f'no sessions{where} yet; record one with "observe" or try "observe demo".')
        return
    header = (
        "id",
        "dyad",
        "visit",
        "started",
        "observer",
        "scheme",
        "status",
        "duration",
        "events",
        "response rate",
        "match rate",
    )
    click.echo(_table(header, [_summary_row(s) for s in summaries]))


def describe_session(session: Session) -> str:
    """Everything recorded about a session, as plain text."""
    scheme = session.scheme
    lines = [
        f"session   {session.id}",
        f"dyad      {session.dyad}",
        f"visit     {session.visit or '-'}",
        f"context   {session.context or '-'}",
        f"observer  {session.observer}",
        f"started   {session.started_at}",
        f"ended     {session.ended_at or '-'}",
        f"status    {session.status} ({session.origin})",
        f"duration  {_clock(session.duration)} ({session.duration:.3f} s observed)",
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
        lines.extend(f"  {line}" for line in session.notes.splitlines())
    lines.append(f"events ({len(session.events)})")
    if session.events:
        rows = []
        for event in session.events:
            code = scheme.code(event.code)
            actor = "cue" if scheme.is_cue(event.code) else "response" if code else "?"
            rows.append(
                (
                    f"{event.t:.3f}",
                    actor,
                    event.code,
                    event.kind,
                    "" if event.intensity is None else str(event.intensity),
                    event.note or "",
                    event.id[:8],
                )
            )
        table = _table(("t (s)", "actor", "code", "kind", "intensity", "note", "event"), rows)
        lines.extend(f"  {line}" for line in table.splitlines())
    return "\n".join(lines)


@session_group.command("show")
@click.argument("session_id")
def show_command(session_id: str) -> None:
    """Show a session: who, when, pauses, ratings, notes and every event."""
    with open_archive(cli_context().data_dir, readonly=True) as archive:
        try:
            session = archive.load(session_id)
        finally:
            _warn_problems(archive)
    click.echo(describe_session(session))


@session_group.command("delete")
@click.argument("session_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete_command(session_id: str, yes: bool) -> None:
    """Delete a session and its files for good."""
    with open_archive(cli_context().data_dir) as archive:
        _warn_problems(archive)
        archive.require_writable()
        full_id = archive.resolve(session_id)
        summary = next(s for s in archive.list_sessions() if s.id == full_id)
        what = (
            f"session {full_id[:8]} (dyad {summary.dyad}, visit {summary.visit or '-'}, "
            f"{summary.started_at[:16].replace('T', ' ')}, {summary.events} events)"
        )
        if not yes and not click.confirm(f"Delete {what}? This cannot be undone"):
            click.echo("nothing was deleted.")
            return
        archive.delete(full_id)
    click.echo(f"deleted {what}.")


commands: list[click.Command] = [session_group]
