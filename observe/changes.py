"""How a session changes (DESIGN §3): one frozen record a change, and the one function
that folds a change into a session. Pure values: no I/O here.

A session changes only through :class:`Change` records (an event recorded, amended or
removed; a pause; the end; a second-coding mark). The archive journals exactly these
records, and :func:`apply_change` folds them into a session, so a replayed journal and a
live session are the same thing by construction; :func:`apply_changes` folds many at once
(a journal replayed when a session opens) to the same session, in time linear in them.

Two kinds of change came with schemes for real instruments (DESIGN §12); a journal or
session file written before them holds none and reads exactly as it did:

- **Several events as one change** (:class:`EventsRecorded`, :class:`EventsRemoved`): one
  key press that does two things, such as starting a state of an exclusive group, which
  stops the group's state that was on at the same instant. One change is one journal
  line, so both are on disk or neither is, and undo takes both back as one.
- **Periods that cannot be coded** (:class:`ExclusionStarted`, :class:`ExclusionEnded`;
  review replaces them all with :class:`ExclusionsRevised`): the baby carried out of view,
  a phone call (``Session.excluded``, :mod:`observe.model`). Ending the session closes an
  open one at the end.

Coding from a video came next (:class:`RecordingLinked`, :class:`MomentMarked`): the video
a session is linked to, and the moments marked while coding.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

from attrs import evolve, field, frozen
from cattrs.strategies import configure_tagged_union

from observe.convert import converter
from observe.model import Event, Interval, Mark, Pause, Recording, Session, normalised, to_ms


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
class EventsRecorded:
    """Several events of one action, recorded together (a state group's stop and start)."""

    events: tuple[Event, ...] = field(converter=tuple)


@frozen
class EventsRemoved:
    """Several events taken back together (the undo of an :class:`EventsRecorded`)."""

    event_ids: tuple[str, ...] = field(converter=tuple)


@frozen
class SessionPaused:
    t: float = field(converter=to_ms)
    wall: str


@frozen
class SessionResumed:
    wall: str


@frozen
class SessionLeft:
    """The observer closed observe with the session paused (ctrl+q), meaning to resume it
    later: what tells a session left on purpose from one whose program died."""

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


@frozen
class ExclusionStarted:
    """A period that cannot be coded opens at ``t`` (the not-codable key)."""

    t: float = field(converter=to_ms)
    wall: str


@frozen
class ExclusionEnded:
    """The open period that cannot be coded closes at ``t``."""

    t: float = field(converter=to_ms)
    wall: str


@frozen
class ExclusionsRevised:
    """The session's excluded periods are these (review adds, edits and removes them)."""

    excluded: tuple[Interval, ...] = field(converter=tuple)


@frozen
class SecondCodingMarked:
    """The session is marked as a second coding of the session ``of`` (None: unmarked),
    at the wall-clock moment ``wall``."""

    of: str | None
    wall: str


@frozen
class RecordingLinked:
    """The session is linked to ``recording``, its clock at ``offset`` s of the video (a
    later link replaces an earlier one)."""

    recording: Recording
    offset: float = field(default=0.0, converter=to_ms)


@frozen
class MomentMarked:
    """The observer marked the moment ``t`` of the session clock (the mark-moment key)."""

    t: float = field(converter=to_ms)
    note: str = ""


Change = (
    EventRecorded
    | EventAmended
    | EventRemoved
    | SessionPaused
    | SessionResumed
    | SessionEnded
    | SessionAnnotated
    | EventsRecorded
    | EventsRemoved
    | ExclusionStarted
    | ExclusionEnded
    | ExclusionsRevised
    | SecondCodingMarked
    | SessionLeft
    | RecordingLinked
    | MomentMarked
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
    (a replayed journal may repeat a change already folded in). Many changes at once go
    through :func:`apply_changes`, which gives the same session: a case here that reads or
    writes the events is one of its ``_EVENT_CHANGES``."""
    match change:
        case EventRecorded(event=event):
            return _recorded(session, (event,))
        case EventsRecorded(events=events):
            return _recorded(session, events)
        case EventsRemoved(event_ids=event_ids):
            gone = set(event_ids)
            return evolve(session, events=tuple(e for e in session.events if e.id not in gone))
        case ExclusionStarted(t=t):
            if session.excluding or session.status == "ended":
                return session  # one period at a time; none opens after the end
            return evolve(
                session,
                excluded=(*session.excluded, Interval(t)),
                duration=max(session.duration, t),
            )
        case ExclusionEnded(t=t):
            if not session.excluding:
                return session
            closed = session.excluded[-1].closed_at(t)
            return evolve(
                session,
                excluded=normalised((*session.excluded[:-1], closed)),
                duration=max(session.duration, t),
            )
        case ExclusionsRevised(excluded=excluded):
            return evolve(session, excluded=normalised(tuple(excluded)))
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
                left_at=None,
            )
        case SessionResumed(wall=wall):
            pauses = session.pauses
            if pauses and pauses[-1].resumed_wall is None:
                pauses = (*pauses[:-1], evolve(pauses[-1], resumed_wall=wall))
            return evolve(session, status="live", pauses=pauses, left_at=None)
        case SessionEnded(duration=duration, wall=wall):
            excluded = session.excluded
            if session.excluding:  # the end closes a period left open
                excluded = normalised((*excluded[:-1], excluded[-1].closed_at(duration)))
            return evolve(
                session,
                status="ended",
                duration=duration,
                ended_at=wall,
                excluded=excluded,
                left_at=None,
            )
        case SessionLeft(wall=wall):
            if session.status == "ended":
                return session
            return evolve(session, status="paused", left_at=wall)
        case SessionAnnotated(ratings=ratings, notes=notes):
            return evolve(session, ratings=dict(ratings), notes=notes)
        case SecondCodingMarked(of=of, wall=wall):
            return evolve(session, second_coding_of=of, second_coding_at=wall)
        case RecordingLinked(recording=recording, offset=offset):
            return evolve(session, recording=recording, recording_offset=offset)
        case MomentMarked(t=t, note=note):
            mark = Mark(t, note)
            if mark in session.marks:
                return session  # (replay is idempotent)
            index = bisect.bisect_right([m.t for m in session.marks], t)
            marks = (*session.marks[:index], mark, *session.marks[index:])
            if session.status == "ended":
                return evolve(session, marks=marks)
            return evolve(session, marks=marks, duration=max(session.duration, t))
    raise TypeError(f"not a session change: {change!r}")


def _recorded(session: Session, events: tuple[Event, ...]) -> Session:
    """``events`` added in time order; one already folded in is not added twice (replay is
    idempotent)."""
    added = session.events
    duration = session.duration
    for event in events:
        if any(e.id == event.id for e in added):
            continue
        added = _insert_sorted(added, event)
        duration = max(duration, event.t)
    if added is session.events:
        return session
    return evolve(session, events=added, duration=duration)


#: The changes that read or write a session's events. No other change reads them (its case
#: in :func:`apply_change` looks at none), which :func:`apply_changes` relies on: a new kind
#: of change that reads the events belongs here, and in :meth:`_Replay.apply`.
_EVENT_CHANGES = (EventRecorded, EventsRecorded, EventAmended, EventRemoved, EventsRemoved)

#: Fewer changes than this are applied one by one (a key press's few: nothing to gain).
_REPLAY_FROM = 8


def apply_changes(session: Session, changes: list[Change] | tuple[Change, ...]) -> Session:
    """The session after ``changes``: exactly what applying them one by one with
    :func:`apply_change` gives, in time linear in the events and changes (a journal of
    100,000 events is replayed when a session opens; inserting each event into the tuple
    in turn would take time growing with the square of them).

    The events are kept aside while the changes are applied (:class:`_Replay`) and put in
    time order once at the end. That order is the one inserting each in turn gives, as long
    as the session's events are in time order with distinct ids and no time is NaN, as in
    every session observe writes; any other session is given the changes one by one.
    """
    if len(changes) < _REPLAY_FROM or not _replayable(session, changes):
        for change in changes:
            session = apply_change(session, change)
        return session
    return _Replay(session).run(changes)


def _replayable(session: Session, changes: list[Change] | tuple[Change, ...]) -> bool:
    """The session's events in time order, their ids distinct, and no time NaN."""
    ids: set[str] = set()
    previous = -math.inf
    for event in session.events:
        if not previous <= event.t or event.id in ids:  # (a NaN compares false)
            return False
        ids.add(event.id)
        previous = event.t
    for change in changes:
        match change:
            case EventRecorded(event=event) | EventAmended(event=event):
                if math.isnan(event.t):
                    return False
            case EventsRecorded(events=events):
                if any(math.isnan(event.t) for event in events):
                    return False
    return True


class _Replay:
    """Changes applied to a session with its events kept aside: each event by its id, with
    its place (its time, then the order it came in). Inserting an event in turn puts it
    after every event of its time or earlier (``bisect_right``), and every one of them came
    in before it: sorting by place gives that order. An amended event comes in anew."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.places = {e.id: (e.t, order, e) for order, e in enumerate(session.events)}
        self.arrived = len(session.events)
        self.duration = session.duration
        self.changed = False

    def run(self, changes: list[Change] | tuple[Change, ...]) -> Session:
        for change in changes:
            if isinstance(change, _EVENT_CHANGES):
                self.apply(change)
                continue
            if self.duration != self.session.duration:  # (the events' changes lengthen it)
                self.session = evolve(self.session, duration=self.duration)
            self.session = apply_change(self.session, change)
            self.duration = self.session.duration
        if not self.changed:
            return self.session
        ordered = sorted(self.places.values(), key=lambda place: (place[0], place[1]))
        events = tuple(event for _t, _order, event in ordered)
        return evolve(self.session, events=events, duration=self.duration)

    def apply(self, change: Change) -> None:
        """One change of the events, as :func:`apply_change` makes it."""
        match change:
            case EventRecorded(event=event):
                self._record(event)
            case EventsRecorded(events=events):
                for event in events:
                    self._record(event)
            case EventAmended(event=event):
                if event.id in self.places:
                    self._place(event)
                    if self.session.status != "ended":
                        self.duration = max(self.duration, event.t)
            case EventRemoved(event_id=event_id):
                self._remove(event_id)
            case EventsRemoved(event_ids=event_ids):
                for event_id in event_ids:
                    self._remove(event_id)

    def _record(self, event: Event) -> None:
        if event.id not in self.places:  # (replay is idempotent)
            self._place(event)
            self.duration = max(self.duration, event.t)

    def _place(self, event: Event) -> None:
        self.places[event.id] = (event.t, self.arrived, event)
        self.arrived += 1
        self.changed = True

    def _remove(self, event_id: str) -> None:
        if self.places.pop(event_id, None) is not None:
            self.changed = True
