"""What one change may do to a session before it is journaled (observe.validity.changes).

A replayed journal is held to the limits every way into the archive is held to; these are
the same limits asked of one change. If these failed, live coding or review could write a
change that makes the next opening keep the journal aside (and the keys after it with it),
or refuse a change to a session from elsewhere for a problem the change did not bring.
"""

from __future__ import annotations

import pytest
from attrs import evolve

from observe.changes import (
    EventAmended,
    EventRecorded,
    EventsRecorded,
    ExclusionStarted,
    SessionEnded,
    SessionPaused,
    SessionResumed,
)
from observe.model import Event, Interval, Pause, Session, new_id
from observe.validity.changes import Limit, change_problem
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS

WALL = "2026-03-02T10:00:00+00:00"
DAY = MAX_SESSION_SECONDS


@pytest.fixture
def session(make_session) -> Session:
    return make_session([(1.0, "hungry"), (2.0, "feed")], status="live")


@pytest.mark.parametrize(
    "change",
    [
        EventRecorded(Event(new_id(), "hungry", DAY + 0.001)),
        EventsRecorded((Event(new_id(), "hungry", 5.0), Event(new_id(), "feed", DAY + 1))),
        SessionPaused(t=DAY + 1, wall=WALL),
        SessionEnded(duration=DAY + 1, wall=WALL),
    ],
)
def test_a_time_past_24_hours_is_refused_whatever_brings_it(session: Session, change) -> None:
    problem = change_problem(session, change)
    assert problem is not None and problem.limit is Limit.LONGEST
    assert "later than the longest session observe keeps" in problem.sentence


def test_an_event_moved_past_24_hours_is_refused(session: Session) -> None:
    moved = evolve(session.events[0], t=DAY + 5)
    problem = change_problem(session, EventAmended(moved))
    assert problem is not None and problem.limit is Limit.LONGEST
    assert change_problem(session, EventAmended(evolve(moved, t=DAY))) is None


def test_a_code_the_scheme_lacks_is_refused_as_the_event_rule_says(session: Session) -> None:
    problem = change_problem(session, EventRecorded(Event(new_id(), "fed", 3.0)))
    assert problem is not None and problem.limit is Limit.OTHER
    assert 'did you mean "feed"' in problem.sentence


def test_room_asked_for_counts_against_the_events_a_session_may_hold(make_session) -> None:
    full = make_session([(i * 0.01, "play") for i in range(MAX_EVENTS - 2)], status="live")
    one = EventRecorded(Event(new_id(), "hungry", 3600.0))
    assert change_problem(full, one, room=1) is None
    problem = change_problem(full, one, room=2)
    assert problem is not None and (problem.limit, problem.of) == (Limit.FULL, "events")
    assert problem.sentence == (
        "the session would hold 100,001 events, more than the 100,000 a session may hold"
    )


def test_the_100001st_pause_is_refused_and_a_resume_adds_none(session: Session) -> None:
    pauses = tuple(Pause(at=i * 0.01, paused_wall=WALL) for i in range(MAX_EVENTS))
    full = evolve(session, pauses=pauses)
    problem = change_problem(full, SessionPaused(t=3600.0, wall=WALL))
    assert problem is not None and problem.of == "pauses"
    assert change_problem(full, SessionResumed(wall=WALL)) is None


def test_a_period_problem_the_session_had_already_is_not_the_changes(session: Session) -> None:
    """A session from elsewhere with a period left open before another can still have a
    period opened: the problem is the one it came with, which its file has already."""
    odd = evolve(session, excluded=(Interval(1.0), Interval(2.0, 2.5)), duration=3.0)
    assert change_problem(odd, ExclusionStarted(t=3.0, wall=WALL)) is None
