"""The recent events of a session coded from a recording: the ones around the playhead.

Coding a video goes back and forth, so the list follows the playhead, not the order keys
were pressed in: a few events coded after the position, a line for the playhead, then the
events at or before it, newest first (as the live list). Seeking back over coded events
shows them.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping

from rich.text import Text

from observe.display import clock_tenths
from observe.labels import code_label
from observe.model import Event, Session
from observe.tui.widgets.recent_events import RecentEvents, event_line

#: Events after the playhead shown above its line (the rest of the room goes before it).
AHEAD = 3


def playhead_text(
    session: Session,
    position: float,
    *,
    unsaved: Collection[str] = (),
    undone: Event | None = None,
    limit: int = 10,
    outcomes: Mapping[str, str] | None = None,
) -> Text:
    """Up to ``limit`` lines: the events just after ``position``, the playhead, the events
    at or before it (each list newest first)."""
    outcomes = outcomes or {}
    events = session.events
    split = bisect.bisect_right([event.t for event in events], position)
    after = events[split : split + AHEAD]
    room = max(1, limit - 1 - len(after))  # (the playhead's line)
    before = events[max(0, split - room) : split]

    def line(event: Event) -> Text:
        return event_line(
            session, event, unsaved=event.id in unsaved, outcome=outcomes.get(event.id)
        )

    lines: list[Text] = []
    if undone is not None:
        label = code_label(session.scheme, undone.code)
        lines.append(
            Text(f"UNDONE (ctrl+y redoes): {label} {clock_tenths(undone.t)}", style="italic")
        )
    for event in reversed(after):
        text = line(event)
        text.stylize("dim")
        lines.append(text)
    more = len(events) - split - len(after)
    ahead = f" · {more} more later" if more > 0 else ""
    lines.append(Text(f"▶ {clock_tenths(position)} playhead{ahead}", style="bold reverse"))
    lines.extend(line(event) for event in reversed(before))
    if not events:
        lines.append(Text("No events yet: press a code key", style="dim"))
    return Text("\n").join(lines)


class PlayheadEvents(RecentEvents):
    """:class:`RecentEvents` around :attr:`position` (the screen sets it on each tick)."""

    position: float = 0.0

    FEWEST = 6

    def event_text(
        self,
        session: Session,
        *,
        unsaved: Collection[str],
        undone: Event | None,
        limit: int,
        outcomes: Mapping[str, str] | None,
    ) -> Text:
        """The events around the playhead: later ones above its line, earlier ones below."""
        return playhead_text(
            session, self.position, unsaved=unsaved, undone=undone, limit=limit, outcomes=outcomes
        )
