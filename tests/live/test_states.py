"""State groups and the not-codable toggle while coding, without a screen.

If these failed, an observer coding the infant's state would see two states on at once,
a visit that does not start in its initial state, an undo that leaves the infant in no
state at all, a state switch half on disk after a crash, or a not-codable period that
stays open after the end or swallows the keys pressed inside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.analysis import live_status
from observe.changes import (
    EventRecorded,
    EventsRecorded,
    EventsRemoved,
    ExclusionEnded,
    ExclusionStarted,
)
from observe.live.states import current_states
from observe.model import Interval
from observe.scheme import Scheme, load_scheme

from .recorders import WALL, code, coded, coding

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def home_visit() -> Scheme:
    return load_scheme(ROOT / "coding_schemes" / "home-visit.toml")


def test_coding_begins_in_the_initial_state(home_visit: Scheme) -> None:
    """A new visit starts in "alert" at 0 s: one start, journaled when coding begins."""
    live, recorder, _source = coding(home_visit)
    assert live.begin().done
    assert coded(live) == [("alert", 0.0, "start", None, None)]
    assert len(recorder.changes) == 1 and isinstance(recorder.changes[0], EventsRecorded)
    assert current_states(home_visit, live.session.open_states) == [("Infant state", "Alert")]


def test_a_new_state_stops_the_one_before_in_one_change(home_visit: Scheme) -> None:
    """Pressing f (fussing) at 4.5 s stops alert and starts fussing at 4.5 s: one journal
    line, so a crash leaves both or neither."""
    live, recorder, _source = coding(home_visit)
    live.begin()
    outcome = live.record(code(home_visit, "f"), 1004.5)
    assert outcome.done and outcome.event is not None and outcome.event.code == "fussing"
    assert coded(live) == [
        ("alert", 0.0, "start", None, None),
        ("alert", 4.5, "stop", None, None),
        ("fussing", 4.5, "start", None, None),
    ]
    assert live.session.open_states == ("fussing",)
    change = recorder.changes[-1]
    assert isinstance(change, EventsRecorded) and len(change.events) == 2
    status = live_status(live.session, 5.0)
    assert status.states == {"infant_state": "fussing"}


def test_undo_of_a_switch_puts_the_state_before_back_and_redo_repeats_it(
    home_visit: Scheme,
) -> None:
    live, recorder, _source = coding(home_visit)
    live.begin()
    live.record(code(home_visit, "f"), 1004.5)
    live.record(code(home_visit, "c"), 1010.0)  # crying: fussing stops
    assert live.undo().done
    assert isinstance(recorder.changes[-1], EventsRemoved)
    assert live.session.open_states == ("fussing",)
    assert live.undo().done
    assert live.session.open_states == ("alert",)
    assert coded(live) == [("alert", 0.0, "start", None, None)]
    assert live.undo().refused == "Nothing to undo."  # the state coding began in stays
    assert live.redo().done
    assert live.session.open_states == ("fussing",)
    assert [(e.code, e.t, e.kind) for e in live.session.events] == [
        ("alert", 0.0, "start"),
        ("alert", 4.5, "stop"),
        ("fussing", 4.5, "start"),
    ]


def test_undo_in_a_resumed_session_takes_back_the_whole_switch(home_visit: Scheme) -> None:
    """Resumed after a crash, the key presses are not remembered: the switch is found by
    its stop and start at the same instant."""
    live, recorder, _source = coding(home_visit)
    live.begin()
    live.record(code(home_visit, "f"), 1004.5)
    again, _recorder, _source = coding(home_visit, session=recorder.session)
    assert again.resumed
    again.begin()
    again.toggle_pause(1100.0)
    assert again.undo().done
    assert again.session.open_states == ("alert",)
    assert again.undo().refused == "Nothing to undo."  # alert from 0 s is no key's


def test_the_state_on_in_an_exhaustive_group_cannot_be_stopped(home_visit: Scheme) -> None:
    live, _recorder, _source = coding(home_visit)
    live.begin()
    outcome = live.record(code(home_visit, "a"), 1002.0)
    assert outcome.refused == (
        "Infant state is Alert already; press the key of the state it changes to "
        "(Asleep, Drowsy, Fussing, Crying)."
    )
    assert live.session.open_states == ("alert",)


def test_a_state_in_no_group_still_toggles(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    assert coded(live) == []  # no group, no initial state
    live.record(code(tiny_scheme, "u"), 1001.0)
    live.record(code(tiny_scheme, "u"), 1002.0)
    assert [e.kind for e in live.session.events] == ["start", "stop"]


def test_the_end_stops_the_state_on(home_visit: Scheme) -> None:
    live, _recorder, _source = coding(home_visit)
    live.begin()
    live.record(code(home_visit, "d"), 1003.0)
    live.end(20.0)
    assert live.session.open_states == ()
    assert coded(live)[-1] == ("drowsy", 20.0, "stop", None, None)


def test_not_codable_opens_and_closes_a_period_on_the_running_clock(
    tiny_scheme: Scheme,
) -> None:
    live, recorder, source = coding(tiny_scheme)
    live.begin()
    assert live.toggle_not_codable(1192.0).done
    assert recorder.changes[-1] == ExclusionStarted(t=192.0, wall=WALL)
    assert live.not_codable_since == 192.0
    source.now = 1200.0
    assert live.now() == 200.0  # the clock runs on
    assert live.toggle_not_codable(1250.0).done
    assert recorder.changes[-1] == ExclusionEnded(t=250.0, wall=WALL)
    assert live.not_codable_since is None
    assert live.session.excluded == (Interval(192.0, 250.0),)


def test_keys_inside_a_not_codable_period_record_with_one_hint(tiny_scheme: Scheme) -> None:
    """The observer may still hear a cue: it is kept (review can shorten a period left
    open by mistake) and the first one says the figures leave it out."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.toggle_not_codable(1010.0)
    first = live.record(code(tiny_scheme, "h"), 1012.0)
    second = live.record(code(tiny_scheme, "h"), 1013.0)
    assert first.done and first.hint == ("NOT CODABLE: Hungry kept, not counted (ctrl+o ends it).")
    assert second.done and second.hint is None
    assert isinstance(recorder.changes[-1], EventRecorded)
    assert len(live.session.events) == 2


def test_no_countdown_or_miss_inside_a_not_codable_period(tiny_scheme: Scheme) -> None:
    """A cue at 10 s (window 5 s) whose window the period opened at 12 s cuts is neither
    waiting nor missed while the period is open; one coded inside it neither."""
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "h"), 1010.0)
    live.toggle_not_codable(1012.0)
    live.record(code(tiny_scheme, "h"), 1014.0)
    for now in (13.0, 16.0, 30.0):
        status = live_status(live.session, now)
        assert status.excluding
        assert status.open_cues == (), now
        assert status.summary.outcomes.unanswered == 0


def test_the_end_closes_a_not_codable_period_left_open(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    live.toggle_not_codable(1030.0)
    live.end(45.0)
    assert live.session.excluded == (Interval(30.0, 45.0),)
    assert live.toggle_not_codable(1050.0).refused is not None
