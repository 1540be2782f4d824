"""The live-coding core without a screen: every key's effect, on an injected clock.

If these failed, an observer would see codes land at the wrong time, a state that does not
stop, an undo that cannot be taken back, a key pressed while paused counted anyway, or a
session that ends with a state still open; a refused write could be lost or reordered.
"""

from __future__ import annotations

from attrs import evolve

from observe.changes import (
    EventRecorded,
    EventRemoved,
    SessionAnnotated,
    SessionEnded,
    SessionPaused,
    SessionResumed,
)
from observe.live import code_for_key
from observe.model import Event
from observe.scheme import Scheme

from .recorders import WALL, code, coded, coding, live_session


def test_an_event_is_timed_by_its_key_not_by_when_it_is_handled(tiny_scheme: Scheme) -> None:
    live, recorder, source = coding(tiny_scheme)
    assert live.begin().done
    source.now = 1999.0  # handled much later: irrelevant
    outcome = live.record(code(tiny_scheme, "h"), 1001.5)
    assert outcome.done and outcome.saved and not outcome.fold_now
    assert outcome.event is not None and outcome.event.t == 1.5
    assert recorder.changes == [EventRecorded(outcome.event)]
    assert coded(live) == [("hungry", 1.5, "point", None, None)]


def test_a_state_key_starts_then_stops_the_state(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    fussing = code(tiny_scheme, "u")
    live.record(fussing, 1001.0)
    assert live.session.open_states == ("fussing",)
    live.record(fussing, 1004.5)
    assert live.session.open_states == ()
    assert coded(live) == [
        ("fussing", 1.0, "start", None, None),
        ("fussing", 4.5, "stop", None, None),
    ]


def test_a_state_started_while_the_disk_refuses_still_counts_as_on(tiny_scheme: Scheme) -> None:
    """The second press stops the state even though its start is not on disk yet."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    recorder.refusing = "the disk is full"
    fussing = code(tiny_scheme, "u")
    assert not live.record(fussing, 1001.0).saved
    assert not live.record(fussing, 1002.0).saved
    recorder.refusing = None
    assert live.retry().saved
    assert [(e.code, e.kind) for e in recorder.session.events] == [
        ("fussing", "start"),
        ("fussing", "stop"),
    ]


def test_undo_then_redo_restores_the_event_at_its_time(tiny_scheme: Scheme) -> None:
    """An accidental undo is not a lost observation: redo brings the event back as it was."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "h"), 1001.25)
    live.set_intensity(3)
    undone = live.undo()
    assert undone.done and isinstance(recorder.changes[-1], EventRemoved)
    assert coded(live) == []
    assert live.undone is not None and (live.undone.code, live.undone.t) == ("hungry", 1.25)
    assert live.redo().done
    assert coded(live) == [("hungry", 1.25, "point", 3, None)]
    assert live.undone is None
    assert live.redo().refused == "Nothing to redo."
    assert coded(live) == [("hungry", 1.25, "point", 3, None)]


def test_undo_goes_back_event_by_event_and_says_when_nothing_is_left(
    tiny_scheme: Scheme,
) -> None:
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    assert live.undo().refused == "Nothing to undo."
    live.record(code(tiny_scheme, "h"), 1001.0)
    live.record(code(tiny_scheme, "f"), 1002.0)
    live.undo()
    live.undo()
    assert coded(live) == [] and live.undo().refused == "Nothing to undo."
    assert len(recorder.changes) == 4


def test_a_new_code_after_an_undo_cannot_be_redone_over(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "h"), 1001.0)
    live.undo()
    live.record(code(tiny_scheme, "t"), 1002.0)
    assert live.undone is None and live.redo().refused == "Nothing to redo."
    assert coded(live) == [("tired", 2.0, "point", None, None)]


def test_intensity_is_refused_outside_the_scheme_levels_and_zero_clears_it(
    tiny_scheme: Scheme,
) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    assert live.set_intensity(2).refused == "No event to set the intensity of yet."
    live.record(code(tiny_scheme, "f"), 1002.0)
    assert (
        live.set_intensity(5).refused == "Intensity goes from 1 to 3 in this scheme (0 clears it)."
    )
    assert coded(live) == [("feed", 2.0, "point", None, None)]
    live.set_intensity(3)
    assert coded(live) == [("feed", 2.0, "point", 3, None)]
    live.set_intensity(0)
    assert coded(live) == [("feed", 2.0, "point", None, None)]


def test_a_scheme_without_intensity_says_so(tiny_scheme: Scheme) -> None:
    live, recorder, _source = coding(evolve(tiny_scheme, intensity_levels=0))
    live.begin()
    live.record(code(tiny_scheme, "f"), 1002.0)
    assert live.set_intensity(1).refused == "This scheme does not code intensity."
    assert len(recorder.changes) == 1


def test_a_note_goes_on_the_last_event_and_an_empty_one_removes_it(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    assert live.note_subject().refused == "No event to attach a note to yet."
    live.record(code(tiny_scheme, "f"), 1003.0)
    subject = live.note_subject().event
    assert subject is not None and subject.code == "feed"
    live.set_note(subject.id, "offered breast")
    assert coded(live) == [("feed", 3.0, "point", None, "offered breast")]
    live.set_note(subject.id, "")
    assert coded(live) == [("feed", 3.0, "point", None, None)]
    live.undo()
    assert live.set_note(subject.id, "late").refused is not None
    assert coded(live) == []


def test_pause_stops_the_clock_refuses_codes_and_folds(tiny_scheme: Scheme) -> None:
    """Codes pressed while paused are not recorded (and the observer is told); the time
    spent paused is not observed time; pausing folds the journal."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "h"), 1001.0)
    paused = live.toggle_pause(1006.0)
    assert paused.done and paused.fold_now and live.paused
    assert recorder.changes[-1] == SessionPaused(t=6.0, wall=WALL)
    written = len(recorder.changes)
    refusal = live.record(code(tiny_scheme, "t"), 1010.0)
    assert refusal.refused == "PAUSED: Tired not coded (space resumes)"
    assert len(recorder.changes) == written
    resumed = live.toggle_pause(1020.0)
    assert resumed.done and not resumed.fold_now and not live.paused
    assert recorder.changes[-1] == SessionResumed(wall=WALL)
    live.record(code(tiny_scheme, "t"), 1021.0)  # 14 s of pause not counted
    assert coded(live)[-1] == ("tired", 7.0, "point", None, None)
    assert [p.at for p in live.session.pauses] == [6.0]


def test_a_new_session_starts_its_clock_when_coding_begins(tiny_scheme: Scheme) -> None:
    live, recorder, source = coding(tiny_scheme, now=500.0)
    assert not live.resumed and live.paused
    live.begin()
    assert not live.paused and recorder.changes == []
    source.now = 502.5
    assert live.now() == 2.5


def test_a_session_interrupted_while_running_opens_paused_at_its_last_moment(
    tiny_scheme: Scheme,
) -> None:
    """After a crash (still 'live'), coding opens PAUSED at the last event and records that
    pause, so the lost minutes are not counted; space resumes from there."""
    crashed = evolve(live_session(tiny_scheme), events=(Event("e1", "hungry", 12.5),))
    live, recorder, _source = coding(tiny_scheme, now=7.0, session=crashed)
    assert live.resumed
    begun = live.begin()
    assert begun.fold_now and live.paused
    assert recorder.changes == [SessionPaused(t=12.5, wall=WALL)]
    live.toggle_pause(8.0)
    live.record(code(tiny_scheme, "f"), 9.5)
    assert [(e.code, e.t) for e in live.session.events] == [("hungry", 12.5), ("feed", 14.0)]


def test_a_session_left_paused_opens_paused_and_writes_nothing(tiny_scheme: Scheme) -> None:
    left = evolve(live_session(tiny_scheme), status="paused", duration=6.0)
    live, recorder, _source = coding(tiny_scheme, session=left)
    live.begin()
    assert live.paused and live.now() == 6.0 and recorder.changes == []


def test_the_end_stops_open_states_there_and_nothing_more_is_coded(tiny_scheme: Scheme) -> None:
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "u"), 1004.0)
    assert live.end_time(1011.0) == 11.0
    ended = live.end(live.end_time(1011.0))
    assert ended.done and live.ended and live.paused
    assert coded(live)[-1] == ("fussing", 11.0, "stop", None, None)
    assert recorder.changes[-1] == SessionEnded(duration=11.0, wall=WALL)
    assert (live.session.status, live.session.duration) == ("ended", 11.0)
    written = len(recorder.changes)
    for refused in (
        live.record(code(tiny_scheme, "h"), 1012.0),
        live.undo(),
        live.redo(),
        live.set_intensity(1),
        live.toggle_pause(1013.0),
        live.end(),
    ):
        assert refused.refused is not None and "ended" in refused.refused
    assert len(recorder.changes) == written
    assert not live.fold_due(), "after the end the screen's last fold folds, not the timer"


def test_the_end_is_never_before_what_was_coded(tiny_scheme: Scheme) -> None:
    """An end key read a moment before the last event's time still ends after it."""
    resumed = evolve(live_session(tiny_scheme), events=(Event("e1", "hungry", 30.0),))
    live, _recorder, _source = coding(tiny_scheme, session=resumed)
    live.begin()
    assert live.end_time(900.0) == 30.0


def test_ratings_and_notes_are_saved_after_the_end(tiny_scheme: Scheme) -> None:
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.end(live.end_time(1005.0))
    assert live.annotate({"overall_warmth": 4}, "settled").done
    assert recorder.changes[-1] == SessionAnnotated(ratings={"overall_warmth": 4}, notes="settled")
    assert (live.session.ratings, live.session.notes) == ({"overall_warmth": 4}, "settled")


def test_a_key_means_its_character_first_then_its_name(tiny_scheme: Scheme) -> None:
    assert code_for_key(tiny_scheme, "h", "h") == tiny_scheme.by_key("h")
    assert code_for_key(tiny_scheme, None, "h") == tiny_scheme.by_key("h")
    assert code_for_key(tiny_scheme, "z", "z") is None


def test_a_code_refused_for_being_no_key_says_how_to_find_the_keys(tiny_scheme: Scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    assert live.not_a_code("z").refused == "“z” is not a key of this scheme (? lists them)."
