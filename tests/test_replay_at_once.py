"""Replaying many changes at once gives exactly what applying them one by one gives.

Opening a session replays its journal with ``apply_changes``, which keeps the events aside
and orders them once (a 100,000-event journal would otherwise take time growing with the
square of its length); live coding applies each key's change with ``apply_change``. If
these failed, a session reopened after a crash would differ from the one the observer saw:
events in another order at equal times, an undone event back, an edit lost, another length.
"""

from __future__ import annotations

import math
from functools import reduce

from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.changes import (
    _REPLAY_FROM,  # fewer changes are applied one by one: the lists here are no shorter
    Change,
    EventAmended,
    EventRecorded,
    EventRemoved,
    EventsRecorded,
    EventsRemoved,
    ExclusionEnded,
    ExclusionStarted,
    MomentMarked,
    SessionAnnotated,
    SessionEnded,
    SessionLeft,
    SessionPaused,
    SessionResumed,
    apply_change,
    apply_changes,
)
from observe.model import Event, Session
from observe.scheme import Scheme

WALL = "2026-03-02T10:00:00+00:00"
#: A few ids, so that changes meet the same event again: recorded twice, amended, removed,
#: recorded again after its removal (an undo, then a redo of a replayed line).
IDS = [f"e{i}" for i in range(12)]
#: Few distinct times, so that many events share one (their order is the point), given out
#: of order (coding from a recording goes back in the video).
times = st.one_of(
    st.sampled_from([0.0, 1.0, 1.5, 2.0, 2.0005, 7.25, 30.0]),
    st.floats(min_value=0, max_value=100, allow_nan=False),
)
codes = st.sampled_from(["hungry", "feed", "fussing", "calm"])
events = st.builds(
    Event,
    id=st.sampled_from(IDS),
    code=codes,
    t=times,
    kind=st.sampled_from(["point", "start", "stop"]),
    intensity=st.one_of(st.none(), st.integers(1, 3)),
)
changes: st.SearchStrategy[Change] = st.one_of(
    st.builds(EventRecorded, events),
    st.builds(EventRecorded, events),
    st.builds(EventsRecorded, st.lists(events, max_size=3)),
    st.builds(EventAmended, events),
    st.builds(EventRemoved, st.sampled_from([*IDS, "unknown"])),
    st.builds(EventsRemoved, st.lists(st.sampled_from(IDS), max_size=3)),
    st.builds(SessionPaused, t=times, wall=st.just(WALL)),
    st.builds(SessionResumed, wall=st.just(WALL)),
    st.builds(SessionEnded, duration=times, wall=st.just(WALL)),
    st.builds(SessionLeft, wall=st.just(WALL)),
    st.builds(ExclusionStarted, t=times, wall=st.just(WALL)),
    st.builds(ExclusionEnded, t=times, wall=st.just(WALL)),
    st.builds(MomentMarked, t=times),
    st.builds(SessionAnnotated, notes=st.text(max_size=3)),
)


@st.composite
def sessions(draw: st.DrawFn, scheme: Scheme) -> Session:
    """A session as observe keeps one: its events in time order (ties included)."""
    start = draw(st.lists(events, max_size=8, unique_by=lambda e: e.id))
    ordered = tuple(sorted(start, key=lambda e: e.t))
    duration = max([e.t for e in ordered], default=0.0)
    status = draw(st.sampled_from(["live", "paused", "ended"]))
    return Session(
        id="0" * 32,
        dyad="D001",
        observer="OBS1",
        started_at=WALL,
        scheme=scheme,
        scheme_digest=scheme.digest,
        duration=duration + draw(st.sampled_from([0.0, 5.0])),
        status=status,
        events=ordered,
    )


def one_by_one(session: Session, applied: list[Change]) -> Session:
    return reduce(apply_change, applied, session)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), applied=st.lists(changes, min_size=_REPLAY_FROM, max_size=60))
def test_changes_at_once_are_the_changes_one_by_one(
    tiny_scheme: Scheme, data: st.DataObject, applied: list[Change]
) -> None:
    session = data.draw(sessions(tiny_scheme))
    assert apply_changes(session, applied) == one_by_one(session, applied)


def test_a_long_journal_of_equal_times_keeps_the_order_keys_came_in(tiny_scheme: Scheme) -> None:
    """Many events at one moment (a burst of keys within a millisecond), some amended:
    each amended one moves after those of its time, as it does live."""
    session = Session(
        id="0" * 32,
        dyad="D001",
        observer="OBS1",
        started_at=WALL,
        scheme=tiny_scheme,
        scheme_digest=tiny_scheme.digest,
    )
    burst = [EventRecorded(Event(f"b{i}", "hungry", 3.0)) for i in range(30)]
    amended = [EventAmended(Event(f"b{i}", "feed", 3.0, intensity=2)) for i in range(0, 30, 7)]
    applied: list[Change] = [*burst, *amended, EventRemoved("b3")]
    replayed = apply_changes(session, applied)
    assert replayed == one_by_one(session, applied)
    assert [e.id for e in replayed.events][-5:] == ["b0", "b7", "b14", "b21", "b28"]


def test_a_session_out_of_order_or_with_a_repeated_id_is_replayed_one_by_one(
    tiny_scheme: Scheme,
) -> None:
    """A session from elsewhere that observe would not keep as it is still replays as it
    always did, change by change (its order is no order to merge into)."""
    base = Session(
        id="0" * 32,
        dyad="D001",
        observer="OBS1",
        started_at=WALL,
        scheme=tiny_scheme,
        scheme_digest=tiny_scheme.digest,
        events=(Event("x", "hungry", 9.0), Event("y", "feed", 2.0), Event("x", "calm", 4.0)),
    )
    applied: list[Change] = [EventRecorded(Event(f"n{i}", "feed", float(i))) for i in range(10)]
    assert apply_changes(base, applied) == one_by_one(base, applied)
    nan = evolve(base, events=()), [EventRecorded(Event("n", "feed", math.nan))] * 9
    replayed = apply_changes(*nan)
    assert math.isnan(replayed.events[0].t) and len(replayed.events) == 1


def test_an_ended_sessions_event_moved_past_its_end_leaves_its_length(
    tiny_scheme: Scheme,
) -> None:
    """Review moves an event of an ended session: the session keeps the length it was
    ended at, replayed or not; a live one grows to the event."""
    ended = Session(
        id="0" * 32,
        dyad="D001",
        observer="OBS1",
        started_at=WALL,
        scheme=tiny_scheme,
        scheme_digest=tiny_scheme.digest,
        status="ended",
        duration=60.0,
        events=(Event("a", "hungry", 10.0),),
    )
    applied: list[Change] = [EventAmended(Event("a", "hungry", 90.0))]
    applied += [SessionAnnotated(notes=str(i)) for i in range(_REPLAY_FROM)]
    assert apply_changes(ended, applied).duration == 60.0 == one_by_one(ended, applied).duration
    live = evolve(ended, status="live")
    assert apply_changes(live, applied).duration == 90.0 == one_by_one(live, applied).duration
