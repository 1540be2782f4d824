"""Sessions and events (DESIGN §3). Pure values: no I/O here.

A session changes only through the change records of :mod:`observe.changes`, which the
archive journals and folds into a session.

Periods that cannot be coded (DESIGN §12) are ``Session.excluded``: periods of the session
clock, in time order and never overlapping (overlapping ones merge, :func:`normalised`); at
most one is open (no end yet), and it is the last. A session without them is written exactly
as before they existed.

Coding from a video came next (:class:`Recording`, :class:`Mark`); a session without them is
written exactly as before:

- ``Session.recording`` is the file a session is linked to (coded from it, or synced with
  it) and ``recording_offset`` where its clock stands in the video: the video position of
  an event is ``event.t + recording_offset`` (0 for a session coded from the recording).
- ``Session.marks`` are moments the observer marked with a key while coding, in time order.
"""

from __future__ import annotations

import uuid
from typing import Literal

from attrs import field, frozen, validators

from observe.convert import omit_while_default
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
