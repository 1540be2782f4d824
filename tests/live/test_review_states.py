"""Review edits of state events keep exclusive groups exclusive, with a sentence.

If these failed, a corrected record could show the infant alert and crying at once (and
its state times add up to more than the visit), or an edit would be silently changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.changes import (
    EventAmended,
    EventRecorded,
    EventRemoved,
    EventsRecorded,
    EventsRemoved,
    apply_change,
)
from observe.live.states import overlaps, review_change
from observe.model import Event, Session
from observe.scheme import Scheme, load_scheme

from .recorders import live_session

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home_visit() -> Scheme:
    return load_scheme(ROOT / "coding_schemes" / "home-visit.toml")


def recorded(scheme: Scheme, *events: tuple[str, str, float, str]) -> Session:
    """A session with events (id, code, t, kind)."""
    session = live_session(scheme)
    for event_id, code, t, kind in events:
        session = apply_change(session, EventRecorded(Event(event_id, code, t, kind)))
    return session


def switched(scheme: Scheme) -> Session:
    """Alert from 0 s, fussing from 10 s (a switch), crying from 20 s to 30 s."""
    return recorded(
        scheme,
        ("a0", "alert", 0.0, "start"),
        ("a1", "alert", 10.0, "stop"),
        ("f0", "fussing", 10.0, "start"),
        ("f1", "fussing", 20.0, "stop"),
        ("c0", "crying", 20.0, "start"),
        ("c1", "crying", 30.0, "stop"),
    )


def test_an_inserted_start_stops_the_state_on_in_the_same_change(home_visit: Scheme) -> None:
    session = recorded(home_visit, ("a0", "alert", 0.0, "start"))
    drowsy = Event("d0", "drowsy", 5.0, "start")
    outcome = review_change(session, EventRecorded(drowsy))
    assert isinstance(outcome.change, EventsRecorded)
    stop, start = outcome.change.events
    assert (stop.code, stop.t, stop.kind) == ("alert", 5.0, "stop") and start == drowsy
    assert outcome.sentence == "Alert stops at 00:05.0 as Drowsy starts: one state at a time."
    assert overlaps(apply_change(session, outcome.change)) == []


def test_moving_a_start_into_another_state_is_refused_with_a_sentence(
    home_visit: Scheme,
) -> None:
    """Crying's start moved from 20 s to 15 s would be on while fussing still is."""
    session = switched(home_visit)
    outcome = review_change(session, EventAmended(Event("c0", "crying", 15.0, "start")))
    assert outcome.change is None
    assert outcome.sentence == (
        "Not changed: Crying would start at 00:15.0 while Fussing is on, and Infant state "
        "has one state at a time. Stop Fussing there first, or move the start."
    )


def test_deleting_a_switch_deletes_both_halves(home_visit: Scheme) -> None:
    session = recorded(
        home_visit,
        ("a0", "alert", 0.0, "start"),
        ("a1", "alert", 10.0, "stop"),
        ("f0", "fussing", 10.0, "start"),
    )
    outcome = review_change(session, EventRemoved("f0"))
    assert outcome.change == EventsRemoved(("a1", "f0"))
    assert outcome.sentence == (
        "Fussing's start and Alert's stop at 00:10.0 are one switch: both go, so Alert stays on."
    )


def test_deleting_a_stop_that_keeps_a_state_on_is_refused(home_visit: Scheme) -> None:
    outcome = review_change(switched(home_visit), EventRemoved("f1"))
    assert outcome.change is None
    assert outcome.sentence is not None and "Crying would start at 00:20.0" in outcome.sentence


def test_deleting_a_switch_that_would_leave_the_state_before_on_too_long_is_refused(
    home_visit: Scheme,
) -> None:
    """Without fussing's start (and alert's stop) at 10 s, alert would still be on when
    crying starts at 20 s."""
    outcome = review_change(switched(home_visit), EventRemoved("f0"))
    assert outcome.change is None
    assert outcome.sentence is not None
    assert "Crying would start at 00:20.0 while Alert is on" in outcome.sentence


def test_an_edit_that_breaks_nothing_is_written_as_it_is(home_visit: Scheme) -> None:
    session = switched(home_visit)
    change = EventAmended(Event("c1", "crying", 28.0, "stop"))
    assert review_change(session, change).change == change
    assert review_change(session, EventRemoved("c1")).change == EventRemoved("c1")


def test_an_old_overlap_does_not_block_other_edits(home_visit: Scheme) -> None:
    """An imported record with two states on at once can still be corrected elsewhere."""
    session = recorded(home_visit, ("a0", "alert", 0.0, "start"), ("f0", "fussing", 10.0, "start"))
    assert len(overlaps(session)) == 1
    change = EventRecorded(Event("h0", "hungry", 12.0))
    assert review_change(session, change).change == change
