"""What a whole session may hold: every field checked against the one model.

:func:`session_problems` is asked of a session from anywhere outside the running coding
screen (a bundle, a CSV import, a recovered journal) before it is stored: ids as the archive
makes them, the scheme snapshot valid as a scheme file must be (the same checks as
``observe scheme validate``) and matching its digest, the text fields bounded, the wall-clock
times real dates in range, the duration and every time finite and within the longest session,
every event one the scheme allows (:func:`~observe.validity.events.event_problems`), the
ratings the scheme's own within their ranges, the pauses within the session, and its
periods that cannot be coded within it, in time order, apart, and closed once it ended, its
recording's name one line and its times finite, and its marked moments within it.

Each problem is a :class:`SessionProblem`: the field's path (``events[3].t``,
``ratings["warmth"]``, ``scheme.cues[0].key``) and a sentence that names it and says what is
wrong; an event's problem also carries the event and the :class:`~observe.validity.events.Problem`,
so a caller can word it its own way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from attrs import frozen

from observe.model import Event, Recording, Session
from observe.privacy import name_warning
from observe.scheme.model import Scheme
from observe.scheme.snapshot import snapshot_problems
from observe.validity.dates import wall_clock_problem
from observe.validity.events import Problem, event_problems
from observe.validity.limits import (
    MAX_CODE_LENGTH,
    MAX_EVENT_NOTE_LENGTH,
    MAX_EVENTS,
    MAX_NOTES_LENGTH,
    MAX_SESSION_SECONDS,
)
from observe.validity.text import shown, text_problem

#: Session and event ids as the archive makes them: a uuid4 in 32 lower-case hex digits.
#: A session's id names its files, so nothing else may pass for one (``../x``).
ID = re.compile(r"[0-9a-f]{32}")
#: A training pack's digest (a trainee's coding names its pack by it): a sha256 in hex.
PACK_DIGEST = re.compile(r"[0-9a-f]{64}")


@frozen
class SessionProblem:
    """One thing wrong with a session: the field (a path) and a sentence naming it."""

    field: str
    sentence: str
    event: Event | None = None
    problem: Problem | None = None  # an event's problem, as the event rule found it


def session_problems(session: Session) -> list[SessionProblem]:
    """Everything wrong with ``session`` as the archive would keep it, in the order of its
    fields; empty when nothing is. An id that is no id is the only problem given then (the
    id names a file: nothing else matters until it is safe)."""
    if not ID.fullmatch(session.id):
        return [
            SessionProblem(
                "id", f'its id "{shown(session.id)}" is not a session id (32 hex digits)'
            )
        ]
    return [
        *_scheme_problems(session),
        *_text_problems(session),
        *_time_problems(session),
        *_event_problems(session),
        *_rating_problems(session),
        *_pause_problems(session),
        *excluded_problems(session),
        *_second_coding_problems(session),
        *_recording_problems(session),
    ]


def session_warnings(session: Session) -> list[str]:
    """What is worth a second look but not refused: a dyad code that looks like a name."""
    warning = name_warning(session.dyad)
    return [warning] if warning is not None else []


def duration_problem(duration: float) -> str | None:
    """What is wrong with ``duration`` as a session's length, as words to follow it."""
    if not math.isfinite(duration) or duration < 0:
        return f"{duration} is not a number of seconds"
    if duration > MAX_SESSION_SECONDS:
        return (
            f"{duration:g} s is more than {MAX_SESSION_SECONDS / 3600:g} hours, "
            "longer than the longest session observe keeps"
        )
    return None


def scheme_problems(scheme: Scheme) -> list[str]:
    """What ``observe scheme validate`` would say of ``scheme`` written as a file (its
    actors, rules, state groups and anchors included)."""
    return snapshot_problems(scheme)


def _scheme_problems(session: Session) -> Iterator[SessionProblem]:
    scheme = session.scheme
    if session.scheme_digest != scheme.digest:
        yield SessionProblem(
            "scheme_digest",
            "its scheme snapshot does not match the digest recorded with it "
            "(the file was edited or damaged)",
        )
    found = scheme_problems(scheme)
    if found:
        yield SessionProblem(
            "scheme",
            f"its scheme snapshot {shown(scheme.id)} is not a valid scheme "
            f"({shown(found[0], 160)})",
        )


def _text_problems(session: Session) -> Iterator[SessionProblem]:
    if not session.dyad.strip():
        yield SessionProblem("dyad", "it has no dyad code")
    for name in ("dyad", "observer", "visit", "context"):
        value = getattr(session, name)
        wrong = text_problem(value, MAX_CODE_LENGTH, one_line=True)
        if wrong is not None:
            yield SessionProblem(name, f"its {name} {wrong}")
    wrong = text_problem(session.notes, MAX_NOTES_LENGTH, one_line=False)
    if wrong is not None:
        yield SessionProblem("notes", f"its notes {wrong}")


def _time_problems(session: Session) -> Iterator[SessionProblem]:
    for name in ("started_at", "ended_at"):
        value = getattr(session, name)
        wrong = None if value is None else wall_clock_problem(value)
        if wrong is not None:
            yield SessionProblem(name, f"its {name} {wrong}")
    wrong = duration_problem(session.duration)
    if wrong is not None:
        yield SessionProblem("duration", f"its duration {wrong}")


def _event_problems(session: Session) -> Iterator[SessionProblem]:
    events = session.events
    if len(events) > MAX_EVENTS:
        yield SessionProblem(
            "events",
            f"it has {len(events):,} events, more than the {MAX_EVENTS:,} a session may hold",
        )
        return
    scheme = session.scheme
    duration = session.duration if math.isfinite(session.duration) else None
    seen: set[str] = set()
    previous = 0.0
    for index, event in enumerate(events):
        where = f"events[{index}]"
        if not ID.fullmatch(event.id):
            yield SessionProblem(
                f"{where}.id",
                f'its event at {event.t:g} s has the id "{shown(event.id)}", '
                "not an event id (32 hex digits)",
            )
            return
        found = event_problems(
            scheme,
            code=event.code,
            t=event.t,
            kind=event.kind,
            intensity=event.intensity,
            duration=duration,
            note=event.note,
        )
        if found:
            first = found[0]
            yield SessionProblem(
                f"{where}.{first.field}",
                f"its event at {event.t:g} s: {first.sentence}",
                event=event,
                problem=first,
            )
            return
        if event.t < previous:
            yield SessionProblem(f"{where}.t", "its events are not in time order")
            return
        if event.id in seen:
            yield SessionProblem(f"{where}.id", f"its event id {event.id[:8]} is used twice")
            return
        seen.add(event.id)
        previous = event.t


def _rating_problems(session: Session) -> Iterator[SessionProblem]:
    ratings = {rating.id: rating for rating in session.scheme.ratings}
    for rating_id, value in session.ratings.items():
        where = f'ratings["{shown(rating_id)}"]'
        rating = ratings.get(rating_id)
        if rating is None:
            known = ", ".join(ratings) or "none"
            yield SessionProblem(
                where,
                f'its rating "{shown(rating_id)}" is not a rating of its scheme '
                f"{shown(session.scheme.id)} (its ratings: {known})",
            )
        elif isinstance(value, bool) or not isinstance(value, int):
            yield SessionProblem(where, f"its rating {rating_id} is {value!r}, not a whole number")
        elif not rating.min <= value <= rating.max:
            yield SessionProblem(
                where,
                f"its rating {rating_id} is {value}, outside the scale "
                f"{rating.min} to {rating.max}",
            )


def _pause_problems(session: Session) -> Iterator[SessionProblem]:
    pauses = session.pauses
    if len(pauses) > MAX_EVENTS:
        yield SessionProblem(
            "pauses",
            f"it has {len(pauses):,} pauses, more than the {MAX_EVENTS:,} a session may hold",
        )
        return
    for index, pause in enumerate(pauses):
        where = f"pauses[{index}]"
        if not math.isfinite(pause.at):
            yield SessionProblem(f"{where}.at", f"its pause at {pause.at} is not a time")
        elif pause.at < 0:
            yield SessionProblem(
                f"{where}.at", f"its pause at {pause.at:g} s is before the start of the session"
            )
        elif math.isfinite(session.duration) and pause.at > session.duration:
            yield SessionProblem(
                f"{where}.at",
                f"its pause at {pause.at:g} s is after the end of the session "
                f"({session.duration:g} s)",
            )
        for name in ("paused_wall", "resumed_wall"):
            value = getattr(pause, name)
            wrong = None if value is None else wall_clock_problem(value)
            if wrong is not None:
                yield SessionProblem(f"{where}.{name}", f"its pause {index + 1}'s {name} {wrong}")


def excluded_problems(session: Session) -> Iterator[SessionProblem]:
    """The periods that cannot be coded (``Session.excluded``), as the model keeps them:
    each within the session and ending after it starts, in time order and apart; only the
    last may be open, and none once the session has ended. The first problem only: the
    later periods are measured from it."""
    excluded = session.excluded
    if len(excluded) > MAX_EVENTS:
        yield SessionProblem(
            "excluded",
            f"it has {len(excluded):,} excluded periods, more than the {MAX_EVENTS:,} a "
            "session may hold",
        )
        return
    previous_end = 0.0
    for index, period in enumerate(excluded):
        where = f"excluded[{index}]"
        name = f"its excluded period {index + 1} (from {period.start:g} s)"
        end = period.end
        if not math.isfinite(period.start) or (end is not None and not math.isfinite(end)):
            yield SessionProblem(where, f"{name} has a time that is not a number of seconds")
        elif period.start < 0:
            yield SessionProblem(f"{where}.start", f"{name} starts before the session")
        elif end is None and (session.status == "ended" or index != len(excluded) - 1):
            yield SessionProblem(
                f"{where}.end", f"{name} has no end, but only the last one of a live session may"
            )
        elif end is not None and end < period.start:
            yield SessionProblem(f"{where}.end", f"{name} ends at {end:g} s, before it starts")
        elif (
            math.isfinite(session.duration)
            and (period.start if end is None else end) > session.duration
        ):
            yield SessionProblem(
                where, f"{name} goes past the end of the session ({session.duration:g} s)"
            )
        elif period.start < previous_end:
            yield SessionProblem(
                f"{where}.start", f"{name} overlaps the one before or is out of time order"
            )
        else:
            previous_end = end if end is not None else period.start
            continue
        return


def _second_coding_problems(session: Session) -> Iterator[SessionProblem]:
    """A double-coded visit's mark (:mod:`observe.pairing`): it names a session by its id,
    never the session itself, and says when it was set or cleared."""
    of = session.second_coding_of
    if of is not None and not ID.fullmatch(of):
        yield SessionProblem(
            "second_coding_of",
            f'its second_coding_of "{shown(of)}" is not a session id (32 hex digits)',
        )
    elif of == session.id:
        yield SessionProblem("second_coding_of", "it is marked as a second coding of itself")
    at = session.second_coding_at
    wrong = None if at is None else wall_clock_problem(at)
    if wrong is not None:
        yield SessionProblem("second_coding_at", f"its second_coding_at {wrong}")
    pack = session.training
    if pack is not None and not PACK_DIGEST.fullmatch(pack):
        yield SessionProblem(
            "training", f'its training "{shown(pack)}" is not a pack digest (64 hex digits)'
        )


#: A recording's file name: what file systems allow.
MAX_FILE_NAME_LENGTH = 255


def _recording_problems(session: Session) -> Iterator[SessionProblem]:
    """The linked video and the marked moments."""
    yield from linked_recording_problems(session.recording, session.recording_offset)
    yield from _mark_problems(session)


def linked_recording_problems(
    recording: Recording | None, offset: float
) -> Iterator[SessionProblem]:
    """The video a session is linked to (its name is a file name: one line), if any, and
    the session clock's offset in it."""
    if recording is not None:
        wrong = text_problem(recording.name, MAX_FILE_NAME_LENGTH, one_line=True)
        if wrong is not None:
            yield SessionProblem("recording.name", f"its recording's file name {wrong}")
        for name in ("duration", "frame_rate"):
            value = getattr(recording, name)
            if value is not None and not math.isfinite(value):
                yield SessionProblem(f"recording.{name}", f"its recording's {name} is not a number")
    if not (math.isfinite(offset) and abs(offset) <= MAX_SESSION_SECONDS):
        yield SessionProblem(
            "recording_offset",
            f"its recording_offset {offset:g} s is not a time within a day of the video",
        )


def _mark_problems(session: Session) -> Iterator[SessionProblem]:
    marks = session.marks
    if len(marks) > MAX_EVENTS:
        yield SessionProblem(
            "marks", f"it has {len(marks):,} marks, more than the {MAX_EVENTS:,} it may hold"
        )
        return
    for index, mark in enumerate(marks):
        where = f"marks[{index}]"
        if not (math.isfinite(mark.t) and 0 <= mark.t <= max(session.duration, 0.0)):
            yield SessionProblem(
                f"{where}.t", f"its mark {index + 1} at {mark.t:g} s is not within the session"
            )
        wrong = text_problem(mark.note, MAX_EVENT_NOTE_LENGTH, one_line=False)
        if wrong is not None:
            yield SessionProblem(f"{where}.note", f"its mark {index + 1}'s note {wrong}")
