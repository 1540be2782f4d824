"""Time in each state of a state group, worked by hand (issue 12; the rules in
``observe/analysis/states.py``).

Scheme: the ``two_way`` fixture: the baby's state is one exclusive, exhaustive group
(alert, fussing, crying) that starts in alert.
"""

from __future__ import annotations

import json

import pytest
from attrs import evolve

from observe.analysis import analyze_session, live_status
from observe.analysis.jsonout import json_text
from observe.analysis.text import session_text
from observe.model import Interval
from observe.scheme import StateGroup


def times(session, group: str = "state") -> dict[str, float]:
    found = analyze_session(session).states[group]
    return {code: spent.seconds for code, spent in found.states.items()}


def test_an_exhaustive_groups_time_sums_to_the_observed_time(make_session, two_way) -> None:
    """The coding screen's record of a 90-s visit: alert from 0 (recorded), fussing 20–35
    (alert stops and fussing starts at the same moment), crying 35–50, alert 50 to the end
    (never stopped: it runs to 90). Alert 20 + 40 = 60 s, fussing 15, crying 15: 90 s,
    the observed time, exactly; shares 2/3, 1/6, 1/6, summing to 1; no time without a
    state."""
    session = make_session(
        [
            (0, "alert", "start"),
            (20, "alert", "stop"), (20, "fussing", "start"),
            (35, "fussing", "stop"), (35, "crying", "start"),
            (50, "crying", "stop"), (50, "alert", "start"),
        ],
        duration=90.0,
        scheme=two_way,
    )  # fmt: skip
    group = analyze_session(session).states["state"]
    assert times(session) == {"alert": 60.0, "fussing": 15.0, "crying": 15.0}
    assert group.codable == 90.0 and group.no_state.seconds == 0.0
    assert [s.proportion for s in group.states.values()] == [60 / 90, 15 / 90, 15 / 90]
    assert sum(s.seconds for s in group.states.values()) == session.duration
    assert (group.exclusive, group.exhaustive, group.overlaps) == (True, True, 0)


def test_the_initial_state_runs_from_the_start_when_no_start_was_recorded(
    make_session, two_way
) -> None:
    """An old or imported record without the initial state's start: alert is on from 0
    until fussing starts at 12 (12 s), fussing to the end at 30 (18 s). A record that starts
    a state at 0 itself (crying) is not given the initial state at all."""
    implicit = make_session([(12, "fussing", "start")], duration=30.0, scheme=two_way)
    assert times(implicit) == {"alert": 12.0, "fussing": 18.0, "crying": 0.0}
    assert analyze_session(implicit).states["state"].overlaps == 0  # alert was never recorded
    explicit = make_session([(0, "crying", "start")], duration=30.0, scheme=two_way)
    assert times(explicit) == {"alert": 0.0, "fussing": 0.0, "crying": 30.0}


def test_overlapping_states_in_an_imported_record_do_not_count_twice(make_session, two_way) -> None:
    """An imported record where fussing starts at 10 while alert (started at 0) was never
    stopped, and alert's late stop at 15: in an exclusive group a start ends the state
    that was on, as the coding screen would have recorded it, so alert is 0–10 and
    fussing 10–30; the late stop of a state no longer on changes nothing. One overlap is
    counted."""
    session = make_session(
        [(0, "alert", "start"), (10, "fussing", "start"), (15, "alert", "stop")],
        duration=30.0,
        scheme=two_way,
    )
    assert times(session) == {"alert": 10.0, "fussing": 20.0, "crying": 0.0}
    group = analyze_session(session).states["state"]
    assert group.overlaps == 1
    text = session_text(session, analyze_session(session))
    assert "1 state started while another of the group was still on" in " ".join(text.split())


def test_a_gap_in_the_record_is_time_without_a_state(make_session, two_way) -> None:
    """alert stops at 10 and nothing starts until crying at 16: 6 s with no state, shown
    as such (the states and that time still sum to the 20 s observed)."""
    session = make_session(
        [(0, "alert", "start"), (10, "alert", "stop"), (16, "crying", "start")],
        duration=20.0,
        scheme=two_way,
    )
    group = analyze_session(session).states["state"]
    assert times(session) == {"alert": 10.0, "fussing": 0.0, "crying": 4.0}
    assert (group.no_state.seconds, group.no_state.proportion) == (6.0, 0.3)
    text = session_text(session, analyze_session(session))
    assert "No state coded" in text


def test_state_time_is_of_the_codable_time(make_session, two_way) -> None:
    """Alert 0–20, fussing 20–60; out of view 10–30 (20 s) and 50–55 (5 s). Codable time
    60 − 25 = 35 s: alert 0–10 = 10 s, fussing 30–50 and 55–60 = 25 s; shares 10/35 and
    25/35 sum to 1."""
    session = make_session(
        [(0, "alert", "start"), (20, "alert", "stop"), (20, "fussing", "start")],
        duration=60.0,
        scheme=two_way,
    )
    session = evolve(session, excluded=(Interval(10, 30), Interval(50, 55)))
    group = analyze_session(session).states["state"]
    assert group.codable == 35.0
    assert times(session) == {"alert": 10.0, "fussing": 25.0, "crying": 0.0}
    assert [s.proportion for s in group.states.values()] == [10 / 35, 25 / 35, 0.0]


def test_a_group_whose_states_may_overlap(make_session, two_way) -> None:
    """A non-exclusive group: each state from its start to its stop, whatever else is on;
    fussing 5–15 and crying 10–20 overlap, so their times (10 + 10) exceed the 15 s any
    was on; no state 0–5 and 20–25."""
    group = StateGroup("upset", "Upset", ("fussing", "crying"), exclusive=False)
    scheme = evolve(two_way, state_groups=(group,))
    session = make_session(
        [(5, "fussing", "start"), (10, "crying", "start"), (15, "fussing", "stop"),
         (20, "crying", "stop")],
        duration=25.0,
        scheme=scheme,
    )  # fmt: skip
    found = analyze_session(session).states["upset"]
    assert {c: s.seconds for c, s in found.states.items()} == {"fussing": 10.0, "crying": 10.0}
    assert found.no_state.seconds == 10.0 and found.exclusive is False
    at_12 = live_status(session, 12.0).states
    assert at_12 == {"upset": "crying"}  # of the states on, the one started last


def test_the_json_and_the_coding_screen_give_the_state(make_session, two_way) -> None:
    session = make_session(
        [(0, "alert", "start"), (20, "alert", "stop"), (20, "fussing", "start")],
        duration=30.0,
        scheme=two_way,
        status="live",
    )
    data = json.loads(json_text(analyze_session(session)))
    state = data["states"]["state"]
    assert list(state) == [
        "label", "exclusive", "exhaustive", "codable", "states", "no_state", "overlaps",
    ]  # fmt: skip
    assert state["states"]["fussing"] == {"seconds": 10.0, "proportion": pytest.approx(1 / 3)}
    assert live_status(session, 19.999).states == {"state": "alert"}
    assert live_status(session, 20.0).states == {"state": "fussing"}


def test_a_scheme_without_groups_has_no_states(make_session) -> None:
    session = make_session([(10, "fussing", "start"), (12, "fussing", "stop")])
    analysis = analyze_session(session)
    assert analysis.states == {} and analysis.cues[0].states == {}
    assert "states" not in json.loads(json_text(analysis))["cues"][0]
