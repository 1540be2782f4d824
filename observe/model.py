"""Sessions and events (DESIGN §3). Pure values: no I/O here.

A session changes only through :class:`Change` records (an event recorded, amended or
removed; a pause; the end; a second-coding mark). The archive journals exactly these
records, and :func:`apply_change` folds them into a session, so a replayed journal and a
live session are the same thing by construction.

Two kinds of change came with schemes for real instruments (DESIGN §12); a journal or
session file written before them holds none and reads exactly as it did:

- **Several events as one change** (:class:`EventsRecorded`, :class:`EventsRemoved`): one
  key press that does two things, such as starting a state of an exclusive group, which
  stops the group's state that was on at the same instant. One change is one journal
  line, so both are on disk or neither is, and undo takes both back as one.
- **Periods that cannot be coded** (:class:`ExclusionStarted`, :class:`ExclusionEnded`;
  review replaces them all with :class:`ExclusionsRevised`): the baby carried out of view,
  a phone call. They are ``Session.excluded``: periods of the session clock, in time
  order and never overlapping (overlapping ones merge); at most one is open (no end yet),
  and it is the last. Ending the session closes an open one at the end.

Coding from a video came next (:class:`Recording`, :class:`Mark`, :class:`RecordingLinked`,
:class:`MomentMarked`); a session without them is written exactly as before:

- ``Session.recording`` is the file a session is linked to (coded from it, or synced with
  it) and ``recording_offset`` where its clock stands in the video: the video position of
  an event is ``event.t + recording_offset`` (0 for a session coded from the recording).
- ``Session.marks`` are moments the observer marked with a key while coding, in time order.
"""

from __future__ import annotations

import bisect
import math
import uuid
from typing import Any, Literal

from attrs import evolve, field, frozen, validators
from cattrs.strategies import configure_tagged_union

from observe.convert import converter, omit_while_default
from observe.scheme.model import Scheme

EventKind = Literal["point", "start", "stop"]
SessionStatus = Literal["live", "paused", "ended"]
#: "recording": coded afterwards from a video, its clock the video's position.
SessionOrigin = Literal["live", "import", "demo", "recording"]
#: The contexts of a visit the new-session form and ``observe code`` offer.
VISIT_CONTEXTS = ("feeding", "play", "bathing", "free", "other")


def new_id() -> str:
    """A fresh uuid4 hex id (sessions and events)."""
    return uuid.uuid4().hex


def to_ms(value: float) -> float:
    """Times are kept to the millisecond (DESIGN §3)."""
    return round(float(value), 3)


def _optional_ms(value: float | None) -> float | None:
    return None if value is None else to_ms(value)


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
class Interval:
    """A stretch of the session clock from ``start`` to ``end`` (s); ``end`` None: still open."""

    start: float = field(converter=to_ms)
    end: float | None = field(default=None, converter=_optional_ms)

    @property
    def is_open(self) -> bool:
        return self.end is None

    def closed_at(self, t: float) -> Interval:
        """This interval, ended at ``t`` if it is open (an end before the start swaps them:
        a video's position can go back while a period is open)."""
        end = t if self.end is None else self.end
        return Interval(min(self.start, end), max(self.start, end))


def _positive_or_none(_instance: object, attribute: object, value: float | None) -> None:
    if value is not None and not value > 0:
        raise ValueError(f"{getattr(attribute, 'name', attribute)} must be positive, not {value}")


@frozen
class Recording:
    """The video file a session is linked to, as the session keeps it.

    Name, size and SHA-256 let a reopened session find the file again and tell whether it
    is the same recording; duration and frame rate are seconds and frames per second, never
    frame numbers (phones record at variable frame rates, where a frame number is no time).
    """

    name: str = field(validator=validators.min_len(1))
    size: int = field(validator=validators.ge(0))
    sha256: str = field(validator=validators.matches_re(r"[0-9a-f]{64}"))
    duration: float | None = field(default=None, validator=_positive_or_none)
    #: Frames per second, only when every frame lasts the same (``None``: variable, unknown).
    frame_rate: float | None = field(default=None, validator=_positive_or_none)


@frozen
class Mark:
    """A moment the observer marked with a key while coding, at session-clock time ``t``."""

    t: float = field(converter=to_ms)
    note: str = ""


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
    #: Periods that cannot be coded, in time order (see the module's docstring).
    excluded: tuple[Interval, ...] = field(default=(), converter=tuple)
    #: A double-coded visit (DESIGN §6): the id of the session this one is a second
    #: observer's coding of, and when that mark was last set or cleared (the newer mark
    #: wins when two laptops' copies differ; see :mod:`observe.pairing`).
    second_coding_of: str | None = None
    second_coding_at: str | None = None
    #: When the observer closed observe with this session paused (ctrl+q): a session left
    #: on purpose, not one whose program died. None once it is resumed or ended.
    left_at: str | None = None
    #: The video this session is linked to, and where its clock stands in it (the video
    #: position of an event is ``event.t + recording_offset``).
    recording: Recording | None = None
    recording_offset: float = field(default=0.0, converter=to_ms)
    #: Moments marked with a key while coding, in time order.
    marks: tuple[Mark, ...] = field(default=(), converter=tuple)
    #: A trainee's coding of a gold-standard pack (DESIGN §11): the pack's digest. Such a
    #: session never counts towards a family (trends and every family-level figure).
    training: str | None = None

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

    @property
    def excluding(self) -> bool:
        """Whether a period that cannot be coded is open now."""
        return bool(self.excluded) and self.excluded[-1].is_open

    def excluded_spans(self, until: float | None = None) -> tuple[Interval, ...]:
        """The excluded periods, all closed: an open one ends at ``until`` (default: where
        the session clock stands)."""
        end = self.clock if until is None else until
        return normalised(tuple(period.closed_at(end) for period in self.excluded))

    def excluded_seconds(self, until: float | None = None) -> float:
        """How long the excluded periods last together (s), an open one until ``until``."""
        return to_ms(sum(p.end - p.start for p in self.excluded_spans(until) if p.end is not None))


def normalised(periods: tuple[Interval, ...]) -> tuple[Interval, ...]:
    """Excluded periods as a session keeps them: the closed ones in time order, overlapping
    or touching ones merged, then the open one (the latest opened, if several are)."""
    closed = sorted((p for p in periods if not p.is_open), key=lambda p: p.start)
    merged: list[Interval] = []
    for period in closed:
        assert period.end is not None
        last = merged[-1] if merged else None
        if last is not None and last.end is not None and period.start <= last.end:
            merged[-1] = Interval(last.start, max(last.end, period.end))
        else:
            merged.append(period)
    still_open = [p for p in periods if p.is_open]
    return (*merged, *still_open[-1:])


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

# A session without excluded periods, a second-coding mark, a recording, marks or a training
# mark, or not left with ctrl+q, is written as it was before they existed.
omit_while_default(
    Session,
    "excluded",
    "second_coding_of",
    "second_coding_at",
    "left_at",
    "recording",
    "recording_offset",
    "marks",
    "training",
)


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
