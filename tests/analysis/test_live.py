"""The running figures and open cues of the coding screen (DESIGN §4, §5)."""

from __future__ import annotations

import pytest

from observe.analysis import live_status
from observe.changes import EventRecorded, EventRemoved, apply_change
from observe.model import Event, new_id


def open_cues(status) -> list[tuple]:
    return [(cue.code, cue.t, cue.window, cue.remaining, cue.state) for cue in status.open_cues]


def test_an_unanswered_cue_counts_down_while_its_window_is_open(make_session) -> None:
    """tired at 10 (window 5): at 12, 3 s remain and the cue is not yet in the figures."""
    status = live_status(make_session([(10, "tired")], status="live"), 12.0)
    assert open_cues(status) == [("tired", 10.0, 5.0, 3.0, "open")]
    assert status.summary.cues == 0
    assert status.summary.response_rate is None


def test_the_window_end_is_still_open_then_the_cue_is_missed_for_five_seconds(
    make_session,
) -> None:
    """Window [10, 15]: open at 15 (0 s left, not yet in the figures), missed from 15.001
    (now counted: 1 cue, unanswered) to 20 = 15 + 5, gone after."""
    session = make_session([(10, "tired")], status="live")
    assert open_cues(live_status(session, 15.0)) == [("tired", 10.0, 5.0, 0.0, "open")]
    assert live_status(session, 15.0).summary.cues == 0
    assert live_status(session, 15.001).summary.outcomes.unanswered == 1
    assert open_cues(live_status(session, 15.001)) == [("tired", 10.0, 5.0, 0.0, "missed")]
    assert open_cues(live_status(session, 20.0)) == [("tired", 10.0, 5.0, 0.0, "missed")]
    assert open_cues(live_status(session, 20.001)) == []


def test_a_closed_window_counts_as_unanswered_in_the_running_figures(make_session) -> None:
    """Once the window closes the cue is decided: 1 cue, unanswered, response rate 0."""
    status = live_status(make_session([(10, "tired")], status="live"), 16.0)
    assert status.summary.cues == 1
    assert status.summary.outcomes.unanswered == 1
    assert status.summary.response_rate == 0.0


def test_an_answered_cue_leaves_the_open_list_and_counts_at_once(make_session) -> None:
    """tired at 10, settle at 11; at 12 the cue is decided (matched) though its window is open;
    over at 11.5 (window 3) is still open with 14.5 − 12 = 2.5 s left."""
    session = make_session([(10, "tired"), (11, "settle"), (11.5, "over")], status="live")
    status = live_status(session, 12.0)
    assert open_cues(status) == [("over", 11.5, 3.0, 2.5, "open")]
    assert status.summary.cues == 1
    assert status.summary.match_rate == 1.0
    assert status.summary.latency.median == 1.0


def test_events_after_now_are_not_seen(make_session) -> None:
    """A response recorded after ``now`` (e.g. the clock read before the key) is ignored."""
    session = make_session([(10, "tired"), (14, "settle")], status="live")
    assert open_cues(live_status(session, 12.0)) == [("tired", 10.0, 5.0, 3.0, "open")]


def test_a_miss_shows_as_mismatched_until_it_is_repaired(make_session) -> None:
    """tired at 10, play at 11, settle at 20: at 12 mismatched; at 21 repaired."""
    session = make_session([(10, "tired"), (11, "play"), (20, "settle")], status="live")
    early, late = live_status(session, 12.0), live_status(session, 21.0)
    assert (early.summary.outcomes.mismatched, early.summary.outcomes.repaired) == (1, 0)
    assert (late.summary.outcomes.mismatched, late.summary.outcomes.repaired) == (0, 1)


def test_a_new_cue_ends_the_chance_to_repair_a_miss_in_the_running_figures(make_session) -> None:
    """tired at 10, play at 11 (a miss), over at 15, reduce at 16, settle at 20. At 14 the
    miss is mismatched (it could still be repaired); at 16 over is matched (latency 1) and
    the miss stays mismatched; settle at 20 comes after over began (20 ≥ 15), so at 21
    tired is still mismatched: 1 matched, 1 mismatched, 0 repaired, repair rate 0 of 1."""
    session = make_session(
        [(10, "tired"), (11, "play"), (15, "over"), (16, "reduce"), (20, "settle")],
        status="live",
    )
    at_14, at_21 = live_status(session, 14.0), live_status(session, 21.0)
    assert (at_14.summary.outcomes.mismatched, at_14.summary.cues) == (1, 1)
    running = at_21.summary.outcomes
    assert (running.matched, running.mismatched, running.repaired) == (1, 1, 0)
    assert at_21.summary.repair_rate == 0.0


def test_open_cues_are_listed_in_onset_order_with_their_event_ids(make_session) -> None:
    """hungry at 10 (window 10 s) and tired at 11 (5 s), at 12: 10 + 10 − 12 = 8 s and
    11 + 5 − 12 = 4 s left, listed hungry first (earlier onset)."""
    session = make_session([(10, "hungry"), (11, "tired")], status="live")
    status = live_status(session, 12.0)
    assert [cue.event_id for cue in status.open_cues] == [e.id for e in session.events]
    assert [cue.remaining for cue in status.open_cues] == pytest.approx([8.0, 4.0])


def test_an_empty_session_at_the_start(make_session) -> None:
    """Nothing coded at 0 s: no open cues, no cues, no units (duration 0)."""
    status = live_status(make_session([], status="live", duration=0.0), 0.0)
    assert status.open_cues == ()
    assert status.summary.cues == 0
    assert status.summary.contingency.table == ((0, 0), (0, 0))


def test_each_key_press_and_clock_tick_is_reflected_at_once(make_session) -> None:
    """The coding screen asks again and again: tired at 10; at 11 it is open (4 s left);
    settle is recorded at 12 → at 12 the cue is matched (latency 2) and no longer open;
    the settle is then undone → at 13 the cue is open again with 2 s left, and at 16
    (window closed at 15) it is unanswered."""
    session = make_session([(10, "tired")], status="live")
    assert open_cues(live_status(session, 11.0)) == [("tired", 10.0, 5.0, 4.0, "open")]
    settle = Event(id=new_id(), code="settle", t=12.0)
    answered = apply_change(session, EventRecorded(settle))
    status = live_status(answered, 12.0)
    assert open_cues(status) == []
    assert (status.summary.outcomes.matched, status.summary.latency.median) == (1, 2.0)
    undone = apply_change(answered, EventRemoved(settle.id))
    assert open_cues(live_status(undone, 13.0)) == [("tired", 10.0, 5.0, 2.0, "open")]
    assert live_status(undone, 16.0).summary.outcomes.unanswered == 1
    assert live_status(answered, 16.0).summary.outcomes.matched == 1
