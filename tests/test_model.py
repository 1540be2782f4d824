"""Sessions change only through journaled changes; replaying them gives the same session."""

from __future__ import annotations

from observe.convert import structure, unstructure
from observe.model import (
    Event,
    EventAmended,
    EventRecorded,
    EventRemoved,
    Session,
    SessionAnnotated,
    SessionEnded,
    SessionPaused,
    SessionResumed,
    apply_changes,
    new_id,
    structure_change,
    unstructure_change,
)


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
