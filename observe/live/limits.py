"""Live coding within the archive's limits (:mod:`observe.validity.limits`): what a key
comes to when its change would take the session past one.

Opening a session replays its journal against the limits every way into the archive is
held to, so a change written past one would lose, with the journal kept aside, every key
acknowledged after it. :class:`~observe.live.LiveSession` asks :func:`live_problem` before
it writes a key's change and says what the key came to in one sentence from here. Three
things are live coding's own:

- **room for the end**: the end records a stop for every state still on, so an event is
  refused while the session has no room left for those stops (the end is never what takes
  a session past the limit);
- **cut at 24 hours**: the observer can always pause, quit and end, so past the longest
  session a pause and the end are recorded at it (:func:`within_longest`), while code keys,
  marks and not-codable periods are refused;
- **a resume needs room for a pause**: every resume is followed by one (the pause key's,
  quitting's, a crash's), so a session holding the most pauses it may is not resumed.

No Textual here.
"""

from __future__ import annotations

from observe.changes import Change, EventRecorded, EventsRecorded, apply_change
from observe.display import clock_tenths
from observe.keys import coding_key
from observe.model import Recording, Session
from observe.validity.changes import ChangeProblem, Limit, change_problem
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS
from observe.validity.text import shown

#: The longest session, in words ("24 hours").
LONGEST_WORDS = f"{MAX_SESSION_SECONDS / 3600:g} hours"


def within_longest(t: float) -> float:
    """``t``, or the longest session observe keeps if it is later: where a pause or the
    end is recorded once the clock has passed it."""
    return min(t, MAX_SESSION_SECONDS)


def live_problem(session: Session, change: Change) -> ChangeProblem | None:
    """Why ``change`` would take ``session`` past what the archive keeps, keeping room
    for the stops the end records (worked out near the limit only: finding the states on
    reads every event)."""
    room = 0
    if isinstance(change, EventRecorded | EventsRecorded):
        added = 1 if isinstance(change, EventRecorded) else len(change.events)
        at_most_on = sum(1 for code in session.scheme.codes if code.kind == "state")
        if len(session.events) + added + at_most_on > MAX_EVENTS:
            room = len(apply_change(session, change).open_states)
    return change_problem(session, change, room=room)


def _go_on() -> str:
    return f"end it ({coding_key('end').shown}) and go on in a new one."


def past_limit(problem: ChangeProblem, what: str) -> str:
    """What a key came to when its change would take the session past a limit: ``what``
    is what was not done ("Hungry not coded")."""
    if problem.limit is Limit.LONGEST:
        return (
            f"{LONGEST_WORDS.upper()}: {what}: a session lasts at most {LONGEST_WORDS}; " + _go_on()
        )
    if problem.limit is Limit.FULL:
        return f"FULL: {what}: a session holds at most {MAX_EVENTS:,} {problem.of}; " + _go_on()
    return f"{what}: {problem.sentence}."


def not_codable_refused(session: Session, t: float, problem: ChangeProblem) -> str:
    """Why no not-codable period opens at ``t``: past a limit, or (coding from a
    recording, the video gone back) before the end of the period before it."""
    before = session.excluded[-1] if session.excluded else None
    if before is not None and before.end is not None and t < before.end:
        return (
            f"Not codable not started at {clock_tenths(t)}: the period before it "
            f"({clock_tenths(before.start)}–{clock_tenths(before.end)}) ends later; start it "
            "after that, or adjust the periods in review."
        )
    return past_limit(problem, "Not codable not started")


def resume_refused(session: Session) -> str | None:
    """Why ``session`` may not resume (it holds the most pauses a session may); None when
    it may."""
    if len(session.pauses) < MAX_EVENTS:
        return None
    return (
        f"FULL: the session cannot resume: a session holds at most {MAX_EVENTS:,} pauses; "
        + _go_on()
    )


def link_refused(recording: Recording, problem: ChangeProblem) -> str:
    """Why the video a session is coded from is not linked to it."""
    return (
        f"{shown(recording.name)} is not linked to the session: {problem.sentence}; coding "
        "goes on, and the session is linked once the file is renamed and opened again."
    )


def longest_notice(now: float) -> str | None:
    """What to say while coding goes on with the clock at ``now``: once it has reached the
    longest session, keys are no longer recorded; None before."""
    if now < MAX_SESSION_SECONDS:
        return None
    return (
        f"{LONGEST_WORDS.upper()}: the session clock has reached {LONGEST_WORDS}, the longest "
        "a session may last, so keys are no longer recorded: end the session "
        f"({coding_key('end').shown}) and go on in a new one."
    )
