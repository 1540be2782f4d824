"""Sessions change only through journaled changes; replaying them gives the same session."""

from __future__ import annotations

import json

from attrs import evolve

from observe.changes import (
    EventAmended,
    EventRecorded,
    EventRemoved,
    EventsRecorded,
    EventsRemoved,
    ExclusionEnded,
    ExclusionsRevised,
    ExclusionStarted,
    SessionAnnotated,
    SessionEnded,
    SessionLeft,
    SessionPaused,
    SessionResumed,
    apply_change,
    apply_changes,
    structure_change,
    unstructure_change,
)
from observe.convert import structure, unstructure
from observe.model import Event, Interval, Session, new_id


def test_events_stay_in_time_order_and_replay_is_idempotent(make_session) -> None:
    """If this failed, a resumed session could show events twice or out of order."""
    session = make_session([], status="live")
    late = Event(new_id(), "feed", 4.0)
    early = Event(new_id(), "hungry", 1.0)
    changes = [EventRecorded(late), EventRecorded(early), EventRecorded(late)]
    result = apply_changes(session, changes)
    assert [e.code for e in result.events] == ["hungry", "feed"]
    assert result.duration == 4.0


def test_amend_remove_pause_end_annotate(make_session) -> None:
    """Review edits, undo, pauses and the end form all land in the session."""
    session = make_session([], status="live")
    cue = Event(new_id(), "hungry", 2.0)
    session = apply_changes(
        session,
        [
            EventRecorded(cue),
            EventAmended(Event(cue.id, "tired", 2.5, intensity=2)),
            EventRecorded(Event("x", "feed", 3.0)),
            EventRemoved("x"),
            SessionPaused(3.5, "2026-03-02T10:00:05+00:00"),
            SessionResumed("2026-03-02T10:01:05+00:00"),
            SessionEnded(9.0, "2026-03-02T10:01:11+00:00"),
            SessionAnnotated({"overall_warmth": 4}, "calm visit"),
        ],
    )
    assert [(e.code, e.t, e.intensity) for e in session.events] == [("tired", 2.5, 2)]
    assert session.status == "ended" and session.duration == 9.0
    assert session.pauses[0].at == 3.5 and session.pauses[0].resumed_wall is not None
    assert session.ratings == {"overall_warmth": 4} and session.notes == "calm visit"


def test_times_keep_millisecond_precision(make_session) -> None:
    """Times are stored to the millisecond, not the float noise below it."""
    assert Event("e", "feed", 1.23456).t == 1.235


def test_session_and_changes_round_trip_through_json(make_session) -> None:
    """What the archive writes is what it reads back."""
    session = make_session([(1.0, "hungry"), (2.0, "feed", "point", 2)])
    assert structure(unstructure(session), Session) == session
    change = SessionPaused(3.0, "2026-03-02T10:00:05+00:00")
    data = unstructure_change(change)
    assert data["type"] == "SessionPaused"
    assert structure_change(data) == change


# -- several events as one change ------------------------------------------------------


def test_a_stop_and_a_start_of_one_key_press_are_one_change_and_undo_as_one(
    make_session,
) -> None:
    """Starting a state of an exclusive group while another of it is on: the stop and the
    start are one journal record, at the same instant, the stop first; taking them back is
    one record too, so neither half can survive alone (the model does not check the codes:
    the live core decides what a key press records)."""
    session = make_session([(0.0, "hungry", "point")], status="live")
    stop, start = Event(new_id(), "over", 2.0, "point"), Event(new_id(), "fussing", 2.0, "start")
    pressed = apply_change(session, EventsRecorded((stop, start)))
    assert [(e.code, e.t) for e in pressed.events] == [
        ("hungry", 0.0),
        ("over", 2.0),
        ("fussing", 2.0),
    ]
    assert pressed.duration == 2.0
    assert apply_change(pressed, EventsRecorded((stop, start))) == pressed, "replay is idempotent"
    undone = apply_change(pressed, EventsRemoved((start.id, stop.id)))
    assert [e.code for e in undone.events] == ["hungry"]


def test_many_event_changes_round_trip_through_the_journal_form() -> None:
    events = (Event("a", "hungry", 1.0), Event("b", "fussing", 1.0, "start"))
    for change in (EventsRecorded(events), EventsRemoved(("a", "b"))):
        data = unstructure_change(change)
        assert data["type"] == type(change).__name__
        assert structure_change(json.loads(json.dumps(data))) == change


# -- periods that cannot be coded ------------------------------------------------------


WALL = "2026-03-02T10:00:05+00:00"


def test_an_excluded_period_opens_and_closes_on_the_session_clock(make_session) -> None:
    """The not-codable key at 10 s and again at 25.5 s: one period, 15.5 s excluded."""
    session = make_session([], status="live", duration=0.0)
    opened = apply_change(session, ExclusionStarted(10.0, WALL))
    assert opened.excluding and opened.excluded == (Interval(10.0, None),)
    assert opened.duration == 10.0, "the clock stood at least there"
    assert apply_change(opened, ExclusionStarted(12.0, WALL)) == opened, "one open at a time"
    closed = apply_change(opened, ExclusionEnded(25.5, WALL))
    assert not closed.excluding and closed.excluded == (Interval(10.0, 25.5),)
    assert closed.excluded_seconds() == 15.5
    assert apply_change(closed, ExclusionEnded(30.0, WALL)) == closed, "none open: nothing"


def test_ending_the_session_closes_an_open_period_at_the_end(make_session) -> None:
    session = make_session([], status="live", duration=0.0)
    session = apply_changes(session, [ExclusionStarted(50.0, WALL), SessionEnded(80.0, WALL)])
    assert session.status == "ended" and session.excluded == (Interval(50.0, 80.0),)
    assert apply_change(session, ExclusionStarted(81.0, WALL)) == session, "none after the end"


def test_an_open_period_counts_until_now_and_periods_stay_ordered_and_apart(
    make_session,
) -> None:
    """Coding from video: the position can go back while a period is open (40 s → 35 s
    gives 35–40), and a period that overlaps an earlier one merges with it (30–37 with
    35–40 is 30–40). 60 s → now (70 s) is open: 10 s so far. Total 10 + 10 = 20 s."""
    session = make_session([], status="live", duration=0.0)
    session = apply_changes(
        session,
        [
            ExclusionStarted(40.0, WALL),
            ExclusionEnded(35.0, WALL),
            ExclusionStarted(30.0, WALL),
            ExclusionEnded(37.0, WALL),
            ExclusionStarted(60.0, WALL),
        ],
    )
    assert session.excluded == (Interval(30.0, 40.0), Interval(60.0, None))
    assert session.excluded_spans(70.0) == (Interval(30.0, 40.0), Interval(60.0, 70.0))
    assert session.excluded_seconds(70.0) == 20.0


def test_review_replaces_the_periods_and_they_are_kept_in_order(make_session) -> None:
    session = make_session([(1.0, "hungry")], duration=100.0)
    revised = apply_change(
        session, ExclusionsRevised((Interval(50, 60), Interval(10, 20), Interval(15, 30)))
    )
    assert revised.excluded == (Interval(10.0, 30.0), Interval(50.0, 60.0))
    assert apply_change(revised, ExclusionsRevised(())).excluded == ()


def test_exclusion_changes_round_trip_and_sessions_without_them_are_written_as_before(
    make_session,
) -> None:
    """An old journal has none of these records, and a session without excluded periods
    has no "excluded" field in its file: an older observe reads it as it always did."""
    for change in (
        ExclusionStarted(1.5, WALL),
        ExclusionEnded(2.5, WALL),
        ExclusionsRevised((Interval(1.0, 2.0), Interval(3.0))),
    ):
        data = unstructure_change(change)
        assert data["type"] == type(change).__name__
        assert structure_change(json.loads(json.dumps(data))) == change
    plain = make_session([(1.0, "hungry")])
    assert "excluded" not in unstructure(plain)
    excluded = evolve(plain, excluded=(Interval(0.5, 0.75),))
    assert unstructure(excluded)["excluded"] == [{"start": 0.5, "end": 0.75}]
    assert structure(json.loads(json.dumps(unstructure(excluded))), Session) == excluded


def test_a_session_left_with_ctrl_q_is_paused_and_marked_until_resumed(make_session) -> None:
    """Leaving on purpose is a journaled change: paused, with the wall time it was left at;
    resuming (or pausing again, or the end) clears the mark, and the change round-trips."""
    session = make_session([(1.0, "hungry")], status="live")
    paused = apply_change(session, SessionPaused(t=2.0, wall="2026-03-02T10:00:02+00:00"))
    left = apply_change(paused, SessionLeft(wall="2026-03-02T10:00:03+00:00"))
    assert (left.status, left.left_at) == ("paused", "2026-03-02T10:00:03+00:00")
    assert apply_change(left, SessionResumed(wall="2026-03-02T11:00:00+00:00")).left_at is None
    ended = apply_change(left, SessionEnded(duration=2.0, wall="2026-03-02T11:00:00+00:00"))
    assert (ended.status, ended.left_at) == ("ended", None)
    assert apply_change(ended, SessionLeft(wall="x")) == ended, "an ended session stays ended"
    record = unstructure_change(SessionLeft(wall="2026-03-02T10:00:03+00:00"))
    assert record == {"type": "SessionLeft", "wall": "2026-03-02T10:00:03+00:00"}
    assert structure_change(record) == SessionLeft(wall="2026-03-02T10:00:03+00:00")


def test_a_session_saved_before_sessions_could_be_left_still_reads(make_session) -> None:
    """Session files and journals written by earlier versions have no ``left_at``."""
    data = unstructure(make_session([(1.0, "hungry")], status="paused"))
    assert "left_at" not in data, "written as before while it is not set"
    assert structure(data, Session).left_at is None
    left = evolve(structure(data, Session), left_at="2026-03-02T10:00:03+00:00")
    assert unstructure(left)["left_at"] == "2026-03-02T10:00:03+00:00"
    assert structure(json.loads(json.dumps(unstructure(left))), Session) == left
