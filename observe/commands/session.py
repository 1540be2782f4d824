"""``observe session``: list, show and delete the sessions in the archive (DESIGN §8)."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.commands.target import reading_archive, warn_problems
from observe.display import MISSING, clock, percent, text_table, when

if TYPE_CHECKING:
    from observe.model import Session
    from observe.pairing import CodedVisit
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
    "pair": ("pair", lambda s: _pair_cell(s), False),
    "responded": ("responded", lambda s: percent(s.figures.get("response_rate")), True),
    "matched": ("matched", lambda s: percent(s.figures.get("match_rate")), True),
}
#: Which columns give way first when the terminal is narrow (80 columns keeps the rest).
_DROPPED_FIRST = ("scheme", "observer", "duration", "events", "visit", "status")


def _pair_cell(summary: SessionSummary) -> str:
    from observe.pairing import partner_text  # not at the top: --help needs no model

    return partner_text(summary.coded_visit, summary.id)


def session_table(summaries: list[SessionSummary], width: int) -> str:
    """The session list as a table no wider than ``width`` where it can be (the "paired
    with" column only where a listed session is a coding of a double-coded visit)."""
    shown = list(_LIST_COLUMNS)
    if not any(s.coded_visit for s in summaries):
        shown.remove("pair")
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
    """The sessions in the archive: list, show, import, delete, pair and unpair."""


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
    if any(s.coded_visit for s in summaries):
        click.echo(PAIR_LEGEND)


#: Under a session list with double-coded visits in it.
PAIR_LEGEND = (
    "pair: a visit two observers coded. 1st: its primary coding, which trends count;\n"
    "2nd: a second observer's coding; + the other coding's id."
)


_ORIGINS = {"live": "coded live", "import": "imported", "demo": "synthetic demo data"}


def describe_session(session: Session, summaries: Sequence[SessionSummary] = ()) -> str:
    """Everything recorded about a session, as plain text; ``summaries`` (its dyad's
    sessions) say whether its visit is double-coded and by whom."""
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
    lines += _wrapped("pair      ", pair_sentence(session, summaries))
    if session.recording is not None:
        lines.append(
            f"video     {session.recording.name}, the session's 0:00 at "
            f"{session.recording_offset:+.3f} s of it"
        )
    if session.marks:
        lines.append(f"marks     {len(session.marks)} (observe moments list {session.id[:8]})")
    if session.training is not None:  # (observe.training: never one of the family's visits)
        lines.append(
            f"training  a trainee's coding of training pack {session.training[:12]}; not "
            "counted in the family's figures"
        )
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
            lines.extend(_wrapped("  ", paragraph) or [""])
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


def _wrapped(indent: str, text: str) -> list[str]:
    """``text`` in lines of 78 characters, each starting with ``indent``'s width."""
    return textwrap.wrap(text, width=78, initial_indent=indent, subsequent_indent=" " * len(indent))


def pair_sentence(session: Session, summaries: Sequence[SessionSummary]) -> str:
    """Whether the session is a coding of a double-coded visit, which one the primary is
    and who coded the others, in one sentence; empty for a visit coded once."""
    listed = {s.id: s for s in summaries}
    own = listed.get(session.id)
    visit = own.coded_visit if own is not None else None

    def who(session_id: str) -> str:
        other = listed.get(session_id)
        observer = f" (observer {other.observer})" if other is not None and other.observer else ""
        return f"{session_id[:8]}{observer}"

    if visit is None:
        if session.second_coding_of is None:
            return ""
        return (
            f"marked as a second coding of {session.second_coding_of[:8]}, which is not in "
            "this archive (or is of another dyad): until it is, this session counts as its "
            "visit's coding"
        )
    if visit.primary == session.id:
        others = " and ".join(who(i) for i in visit.second_codings)
        noun = "coding is" if len(visit.second_codings) == 1 else "codings are"
        return (
            f"this is the primary coding of a double-coded visit, the one trends count; its "
            f"second {noun} {others}"
        )
    return (
        f"this is a second coding of a double-coded visit whose primary coding, the one "
        f"trends count, is {who(visit.primary)}"
    )


@session_group.command("show")
@click.argument("session_id")
def show_command(session_id: str) -> None:
    """Show a session: who, when, pauses, ratings, notes and every event."""
    with reading_archive() as archive:
        session = archive.load(session_id)
        summaries = archive.list_sessions(session.dyad)
    click.echo(describe_session(session, summaries))
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
        visit = summary.coded_visit if summary is not None else None
        after = {s.id: s for s in archive.list_sessions(summary.dyad)} if visit else {}
    click.echo(f"deleted {what}.")
    if visit is not None:
        click.echo(_after_deleting(visit, full_id, after))


def _after_deleting(visit: CodedVisit, deleted: str, after: dict[str, SessionSummary]) -> str:
    """What became of the double-coded visit one of whose codings was deleted: the other
    codings' marks stay as they are, so a mark naming it counts again if it comes back."""
    others = visit.others(deleted)
    still = {i for i in others if i in after and after[i].coded_visit is not None}
    paired = [i[:8] for i in others if i in still]
    alone = [i[:8] for i in others if i not in still]
    if len(others) == 1:
        line = f"its visit was double-coded: {others[0][:8]} is now the visit's only coding"
    else:
        parts = [f"{', '.join(paired)} remain codings of one visit"] if paired else []
        if alone:
            parts.append(f"{', '.join(alone)} now count each as a visit of their own")
        line = f"its visit was coded {len(visit.codings)} times: " + "; ".join(parts)
    if visit.primary != deleted:
        return line + "."
    return (
        f"{line} (marked as a second coding of {deleted[:8]}: if that session comes back "
        "from a bundle, the pair is back; observe session unpair ID clears a mark)."
    )


commands: list[click.Command] = [session_group]
