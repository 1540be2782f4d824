"""The last events coded, newest first: time, actor, code, intensity, note; unsaved marked."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widgets import Static

from observe.display import clock_tenths
from observe.labels import actor_word, code_label
from observe.model import Event, Session

# Before the label, so a narrow panel that cuts the label off still says start or stop.
KIND_WORDS = {"point": "", "start": "start ", "stop": "stop "}


def actor(session: Session, code: str) -> str:
    """``cue `` or ``resp``: the actor word cut to a column of four."""
    return f"{actor_word(session.scheme, code)[:4]:<4}"


def event_line(session: Session, event: Event, *, unsaved: bool) -> Text:
    label = code_label(session.scheme, event.code)
    text = Text()
    if unsaved:
        text.append("UNSAVED ", style="bold reverse")
    text.append(f"{clock_tenths(event.t)} ", style="bold")
    text.append(f"{actor(session, event.code)} ")
    if event.kind != "point":
        text.append(KIND_WORDS[event.kind], style="bold")
    text.append(label)
    if event.intensity is not None:
        text.append(f"  i{event.intensity}", style="bold")
    if event.note:
        text.append(f"  ✎ {event.note}", style="italic")
    return text


def recent_text(
    session: Session,
    *,
    unsaved: Collection[str] = (),
    undone: Event | None = None,
    limit: int = 10,
) -> Text:
    lines: list[Text] = []
    if undone is not None:
        label = code_label(session.scheme, undone.code)
        lines.append(
            Text(f"UNDONE (ctrl+y redoes): {label} {clock_tenths(undone.t)}", style="italic")
        )
    for event in reversed(session.events[-limit:]):
        lines.append(event_line(session, event, unsaved=event.id in unsaved))
    if not lines:
        return Text("No events yet: press a code key", style="dim")
    return Text("\n").join(lines)


class RecentEvents(Static):
    DEFAULT_CSS = """
    RecentEvents {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(
        self, session: Session, *, unsaved: Collection[str] = (), undone: Event | None = None
    ) -> None:
        # As many events as the panel has lines for (a taller terminal shows more of them).
        room = self.parent.content_size.height if self.parent is not None else 0
        limit = max(10, room - (1 if undone is not None else 0))
        self.update(recent_text(session, unsaved=unsaved, undone=undone, limit=limit))
