"""Sessions and events (DESIGN §3). Pure values: no I/O here.

A session changes only through :class:`Change` records (an event recorded, amended or
removed; a pause; the end). The archive journals exactly these records, and
:func:`apply_change` folds them into a session, so a replayed journal and a live
session are the same thing by construction.
"""

from __future__ import annotations

import bisect
import uuid
from typing import Any, Literal

from attrs import evolve, field, frozen
from cattrs.strategies import configure_tagged_union

from observe.convert import converter
from observe.scheme.model import Scheme

EventKind = Literal["point", "start", "stop"]
SessionStatus = Literal["live", "paused", "ended"]
SessionOrigin = Literal["live", "import", "demo"]


def new_id() -> str:
    """A fresh uuid4 hex id (sessions and events)."""
    return uuid.uuid4().hex


def to_ms(value: float) -> float:
    """Times are kept to the millisecond (DESIGN §3)."""
    return round(float(value), 3)


def _kind_valid(_instance: object, _attribute: object, value: str) -> None:
    if value not in ("point", "start", "stop"):
        raise ValueError(f"event kind must be point, start or stop, not {value!r}")


@frozen
class Event:
    """One coded moment: a code at session-clock time ``t`` (seconds)."""

    id: str
    code: str
    t: float = field(converter=to_ms)
    kind: EventKind = field(default="point", validator=_kind_valid)
    intensity: int | None = None
    note: str | None = None


@frozen
class Pause:
    """The session clock stood still at ``at`` from ``paused_wall`` to ``resumed_wall``."""

    at: float = field(converter=to_ms)
    paused_wall: str
    resumed_wall: str | None = None


@frozen
class Session:
    id: str
    dyad: str
    observer: str
    started_at: str  # ISO 8601 wall clock with offset
    scheme: Scheme  # full snapshot
    scheme_digest: str
    visit: str = ""
    context: str = ""
    duration: float = field(default=0.0, converter=to_ms)
    status: SessionStatus = "live"
    events: tuple[Event, ...] = field(default=(), converter=tuple)
    notes: str = ""
    ratings: dict[str, int] = field(factory=dict)
    pauses: tuple[Pause, ...] = field(default=(), converter=tuple)
    origin: SessionOrigin = "live"
    ended_at: str | None = None

    def event(self, event_id: str) -> Event | None:
        return next((e for e in self.events if e.id == event_id), None)

    @property
    def clock(self) -> float:
        """Where the session clock stands: the later of the duration and the last event."""
        last = self.events[-1].t if self.events else 0.0
        paused = self.pauses[-1].at if self.pauses else 0.0
        return max(self.duration, last, paused)

    @property
    def open_states(self) -> tuple[str, ...]:
        """State codes that have started and not stopped, in the order they started."""
        open_codes: list[str] = []
        for e in self.events:
            if e.kind == "start" and e.code not in open_codes:
                open_codes.append(e.code)
            elif e.kind == "stop" and e.code in open_codes:
                open_codes.remove(e.code)
        return tuple(open_codes)


# -- changes ---------------------------------------------------------------------------


@frozen
class EventRecorded:
    event: Event


@frozen
class EventAmended:
    """The event with this id is replaced (time, code, intensity or note edited)."""

    event: Event


@frozen
class EventRemoved:
    event_id: str


@frozen
class SessionPaused:
    t: float = field(converter=to_ms)
    wall: str


@frozen
class SessionResumed:
    wall: str


@frozen
class SessionEnded:
    duration: float = field(converter=to_ms)
    wall: str


@frozen
class SessionAnnotated:
    """Ratings and observer notes (entered at the end, editable in review)."""

    ratings: dict[str, int] = field(factory=dict)
    notes: str = ""


Change = (
    EventRecorded
    | EventAmended
    | EventRemoved
    | SessionPaused
    | SessionResumed
    | SessionEnded
    | SessionAnnotated
)

# A change's serial form names its type: ``{"type": "EventRecorded", "event": {...}}``.
configure_tagged_union(Change, converter, tag_name="type")


def unstructure_change(change: Change) -> dict[str, Any]:
    """A change as the JSON-ready record the journal stores."""
    return converter.unstructure(change, Change)  # type: ignore[arg-type]


def structure_change(data: dict[str, Any]) -> Change:
    """The change a journal record holds (raises if it is none this version knows)."""
    return converter.structure(data, Change)  # type: ignore[arg-type]


def _insert_sorted(events: tuple[Event, ...], event: Event) -> tuple[Event, ...]:
    """Keep events ordered by time; equal times keep the order they were recorded in."""
    times = [e.t for e in events]
    index = bisect.bisect_right(times, event.t)
    return (*events[:index], event, *events[index:])


def apply_change(session: Session, change: Change) -> Session:
    """The session after one change. Unknown event ids in amend/remove are ignored
    (a replayed journal may repeat a change already folded in)."""
    match change:
        case EventRecorded(event=event):
            if session.event(event.id) is not None:
                return session  # already folded in: replay is idempotent
            return evolve(
                session,
                events=_insert_sorted(session.events, event),
                duration=max(session.duration, event.t),
            )
        case EventAmended(event=event):
            if session.event(event.id) is None:
                return session
            rest = tuple(e for e in session.events if e.id != event.id)
            return evolve(
                session,
                events=_insert_sorted(rest, event),
                duration=max(session.duration, event.t)
                if session.status != "ended"
                else session.duration,
            )
        case EventRemoved(event_id=event_id):
            return evolve(session, events=tuple(e for e in session.events if e.id != event_id))
        case SessionPaused(t=t, wall=wall):
            return evolve(
                session,
                status="paused",
                pauses=(*session.pauses, Pause(at=t, paused_wall=wall)),
                duration=max(session.duration, t),
            )
        case SessionResumed(wall=wall):
            pauses = session.pauses
            if pauses and pauses[-1].resumed_wall is None:
                pauses = (*pauses[:-1], evolve(pauses[-1], resumed_wall=wall))
            return evolve(session, status="live", pauses=pauses)
        case SessionEnded(duration=duration, wall=wall):
            return evolve(session, status="ended", duration=duration, ended_at=wall)
        case SessionAnnotated(ratings=ratings, notes=notes):
            return evolve(session, ratings=dict(ratings), notes=notes)
    raise TypeError(f"not a session change: {change!r}")


def apply_changes(session: Session, changes: list[Change] | tuple[Change, ...]) -> Session:
    for change in changes:
        session = apply_change(session, change)
    return session
