"""What one change may do to a session: the limits a replayed journal is held to, asked
before the change is written.

Opening a session replays its journal and holds what comes of it to the check every way
into the archive passes (:func:`~observe.validity.session_problems`, measured against the
session's clock): a journal whose changes make a session no way in would accept is kept
aside, and the session opens as its file was last saved. A change written past a limit
would take with it every key press acknowledged after it. So whatever journals a change
(live coding, on the session clock or a recording's; the review screen's edits) asks
:func:`change_problem` first, and does not write a change it answers for.

What it checks, by kind of change (in constant time for a key press):

- events recorded: how many events the session would hold (:data:`MAX_EVENTS`, with
  ``room`` for events still to come: live coding keeps one for the stop of each state
  still on, which the end records), and each event as the event rule has it
  (:func:`~observe.validity.event_problems`: a time past the longest session, a code the
  scheme lacks, …); an amended event, likewise;
- a pause, a marked moment, a not-codable period: how many the session would hold, and a
  time past the longest session (:data:`MAX_SESSION_SECONDS`); the not-codable periods as
  the session check has them (in time order and apart: coding from a recording can go
  back to before a period already closed);
- the end: a length past the longest session;
- a linked recording: its file name and offset, as the session check has them.

Text typed into a dialog (a note, the session's notes, its ratings) is checked there as it
is typed, by the same rules (:mod:`observe.validity.text`).
"""

from __future__ import annotations

import enum
import math

from attrs import evolve, frozen

from observe.changes import (
    Change,
    EventAmended,
    EventRecorded,
    EventsRecorded,
    ExclusionEnded,
    ExclusionsRevised,
    ExclusionStarted,
    MomentMarked,
    RecordingLinked,
    SessionEnded,
    SessionPaused,
    apply_change,
)
from observe.model import Event, Session, normalised
from observe.scheme.model import Scheme
from observe.validity.events import Rule, event_problems
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS
from observe.validity.session import excluded_problems, linked_recording_problems


class Limit(enum.Enum):
    """What kind of limit a change would take a session past."""

    FULL = "the session would hold more of something than a session may"
    LONGEST = "a time later than the longest session observe keeps"
    OTHER = "something no session may hold"


@frozen
class ChangeProblem:
    """Why a change may not be written: the limit, and a sentence (no full stop)."""

    limit: Limit
    sentence: str
    #: What the session would hold too many of (``"events"``), for :attr:`Limit.FULL`.
    of: str = ""


def change_problem(session: Session, change: Change, *, room: int = 0) -> ChangeProblem | None:
    """Why ``change`` would take ``session`` past what the archive keeps; None when it
    would not. ``room``: how many events the session must still have room for after it."""
    match change:
        case EventRecorded(event=event):
            return _events_problem(session, (event,), room)
        case EventsRecorded(events=events):
            return _events_problem(session, events, room)
        case EventAmended(event=event):
            return _event_problem(session.scheme, event)
        case SessionPaused(t=t):
            return _count_problem(len(session.pauses) + 1, "pauses") or _time_problem(t)
        case MomentMarked(t=t):
            return _count_problem(len(session.marks) + 1, "marks") or _time_problem(t)
        case ExclusionStarted(t=t):
            count = len(session.excluded) + (0 if session.excluding else 1)
            return (
                _count_problem(count, "not-codable periods")
                or _time_problem(t)
                or _excluded_problem(session, change)
            )
        case ExclusionEnded(t=t):
            return _time_problem(t) or _excluded_problem(session, change)
        case ExclusionsRevised(excluded=periods):
            kept = normalised(tuple(periods))
            latest = max((p.start if p.end is None else p.end for p in kept), default=0.0)
            return (
                _count_problem(len(kept), "not-codable periods")
                or _time_problem(latest)
                or _excluded_problem(session, change)
            )
        case SessionEnded(duration=duration):
            return _time_problem(duration)
        case RecordingLinked(recording=recording, offset=offset):
            found = next(linked_recording_problems(recording, offset), None)
            return None if found is None else ChangeProblem(Limit.OTHER, found.sentence)
    return None


def _count_problem(count: int, of: str) -> ChangeProblem | None:
    if count <= MAX_EVENTS:
        return None
    return ChangeProblem(
        Limit.FULL,
        f"the session would hold {count:,} {of}, more than the {MAX_EVENTS:,} a session may hold",
        of,
    )


def _time_problem(t: float) -> ChangeProblem | None:
    if math.isfinite(t) and t <= MAX_SESSION_SECONDS:
        return None
    return ChangeProblem(
        Limit.LONGEST,
        f"{t:g} s is more than {MAX_SESSION_SECONDS / 3600:g} hours into the session, later "
        "than the longest session observe keeps",
    )


def _events_problem(session: Session, events: tuple[Event, ...], room: int) -> ChangeProblem | None:
    for event in events:
        found = _event_problem(session.scheme, event)
        if found is not None:
            return found
    return _count_problem(len(session.events) + len(events) + room, "events")


def _event_problem(scheme: Scheme, event: Event) -> ChangeProblem | None:
    found = event_problems(
        scheme,
        code=event.code,
        t=event.t,
        kind=event.kind,
        intensity=event.intensity,
        duration=None,
        note=event.note,
    )
    if not found:
        return None
    first = found[0]
    limit = Limit.LONGEST if first.rule is Rule.TIME_PAST_LONGEST else Limit.OTHER
    return ChangeProblem(limit, first.sentence)


def _excluded_problem(session: Session, change: Change) -> ChangeProblem | None:
    """A problem the session check would find in the not-codable periods after ``change``
    that it does not find before (a session from elsewhere may have one already)."""

    def problems(of: Session) -> list[str]:
        measured = evolve(of, duration=of.clock)  # as a replayed journal is measured
        return [problem.sentence for problem in excluded_problems(measured)]

    after = problems(apply_change(session, change))
    if not after or after[0] in problems(session):
        return None
    return ChangeProblem(Limit.OTHER, after[0])
