"""Moments to revisit, as stretches of a session's video: where each loop starts and ends.

A session linked to a recording (``Session.recording``) has its clock at
``Session.recording_offset`` seconds of the video. An event's video position is its time
plus that offset; for a live session that was paused, its *interaction time* (the clock
time plus the pauses before it, :mod:`observe.analysis.reliability_clock`) plus the offset,
because the camera kept recording while the observer's clock stood still. A session coded
from the recording itself (``origin == "recording"``) is on the video's clock already.

The moments played are the session report's moments to revisit (the unanswered and
mismatched cues, in time order), numbered 1, 2, …, then the moments the observer marked
while coding (``Session.marks``), numbered on. Each loops:

- a cue: from :data:`LEAD` s before it to :data:`TAIL` s after its first response (an
  unanswered cue: after the end of its response window);
- a mark: from :data:`LEAD` s before it to :data:`MARK_AFTER` s after it;

held inside the recording when its duration is known. A moment whose cue (or mark) lies
outside the video (``in_video`` false: the camera started later or stopped earlier) is
still numbered, so the numbers stay the report's, but it is neither played nor shown.
Times are whole milliseconds.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from observe import display
from observe.analysis.reliability_clock import session_clock
from observe.analysis.results import CueResult, SessionAnalysis
from observe.analysis.timeline import to_milliseconds
from observe.labels import code_label
from observe.model import Session

#: Seconds a moment's loop starts before the cue (or mark).
LEAD = 2.0
#: Seconds a cue's loop runs on after its first response (or its response window).
TAIL = 2.0
#: Seconds a mark's loop runs on after the mark.
MARK_AFTER = 6.0
#: The shortest loop (seconds), where the recording's end cuts one short.
SHORTEST = 1.0
#: The outcomes of the cues the session report singles out as moments to revisit.
REVISITED = ("unanswered", "mismatched")


def worth_revisiting(cue: CueResult) -> bool:
    """Whether the session report lists ``cue`` among its moments to revisit."""
    return cue.outcome in REVISITED


def video_position(session: Session, t: float) -> float:
    """Where the moment ``t`` of the session's clock is in its linked video (seconds)."""
    return round(_interaction(session, t) + session.recording_offset, 3)


def offset_at(session: Session, t: float, position: float) -> float:
    """The offset that puts the moment ``t`` of the session's clock at ``position`` s of its
    video (the sync key: the observer shows the frame of an event and says "this one")."""
    return round(position - _interaction(session, t), 3)


def linked_offset(session_a: Session, session_b: Session) -> float | None:
    """Seconds added to B's (interaction) times to put them on A's, when both sessions are
    linked to the same recording; ``None`` otherwise."""
    a, b = session_a.recording, session_b.recording
    if a is None or b is None or a.sha256 != b.sha256:
        return None
    return round(session_b.recording_offset - session_a.recording_offset, 3)


def _interaction(session: Session, t: float) -> float:
    if session.origin == "recording" or not session.pauses:
        return t
    clock, _ = session_clock(session, "A")
    return clock.interaction(to_milliseconds(t)) / 1000


@frozen
class ReplayMoment:
    """One moment to play: its loop in the video and the caption shown over it."""

    number: int  # 1, 2, …: the moment's number in the report and in `observe moments`
    kind: Literal["cue", "mark"]
    t: float  # the cue's (or mark's) time on the session clock
    start: float  # the loop's start, seconds of the video (mpv's ab-loop-a)
    end: float  # its end (ab-loop-b)
    still_at: float  # the frame the report shows: the cue (or mark) itself
    title: str  # the cue's label, or "Marked while coding"
    caption: str
    #: False when the cue (or mark) lies outside the video (before its start or after its
    #: end): nothing of it can be played or shown.
    in_video: bool = True


def replay_moments(session: Session, analysis: SessionAnalysis) -> list[ReplayMoment]:
    """The session's moments to revisit and its marks, with their loops in the video."""
    scheme = session.scheme
    found: list[tuple[Literal["cue", "mark"], float, float, str, str]] = []
    for cue in analysis.cues:
        if not worth_revisiting(cue):
            continue
        label = code_label(scheme, cue.code)
        said = f"Cue: {label} at {display.clock_tenths(cue.t)}"
        if cue.latency is not None and cue.response is not None:
            answered = cue.t + cue.latency
            said += (
                f" · response: {code_label(scheme, cue.response)} at "
                f"{display.clock_tenths(answered)} ({display.seconds(cue.latency)} later)"
            )
            until = answered + TAIL
        else:
            window = scheme.window_for(cue.code)
            said += f" · no response within {window:g} s"
            until = cue.t + window + TAIL
        found.append(("cue", cue.t, until, label, said))
    for mark in session.marks:
        said = f"Marked at {display.clock_tenths(mark.t)}" + (f": {mark.note}" if mark.note else "")
        found.append(("mark", mark.t, mark.t + MARK_AFTER, "Marked while coding", said))
    total = len(found)
    duration = session.recording.duration if session.recording is not None else None
    moments = []
    for number, (kind, t, until, title, said) in enumerate(found, start=1):
        at = video_position(session, t)
        start, end = loop_bounds(at - LEAD, video_position(session, until), duration)
        still = min(max(at, 0.0), end)
        seen = at >= 0 and (duration is None or at <= duration)
        moments.append(
            ReplayMoment(
                number=number,
                kind=kind,
                t=t,
                start=start,
                end=end,
                still_at=still,
                title=title,
                caption=f"Moment {number} of {total} · {said}",
                in_video=seen,
            )
        )
    return moments


def loop_bounds(start: float, end: float, duration: float | None) -> tuple[float, float]:
    """``start``–``end`` held inside the video (``[0, duration]``), at least
    :data:`SHORTEST` long, in whole milliseconds."""
    start = max(0.0, start)
    if duration is not None:
        end = min(end, duration)
        start = min(start, max(0.0, end - SHORTEST))
    end = max(end, start + SHORTEST)
    if duration is not None and end > duration:
        end = duration
    return round(start, 3), round(end, 3)


def moment_numbered(moments: list[ReplayMoment], number: int) -> ReplayMoment | None:
    return next((moment for moment in moments if moment.number == number), None)
