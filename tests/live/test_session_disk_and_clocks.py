"""The live core and the disk, and the live core on another clock.

If these failed, a refused write could be lost or reordered, quitting mid-session could
lose the pause, the session file could be rewritten on every key (or never), or a second
clock (a recording's position) could not drive the same core.
"""

from __future__ import annotations

from pathlib import Path

from observe.changes import EventAmended, EventRecorded, EventRemoved, SessionLeft, SessionPaused
from observe.live import LiveSession, SessionClock
from observe.scheme import Scheme

from .recorders import WALL, FakeMonotonic, MemoryRecorder, code, coded, coding, live_session


def test_refused_writes_wait_in_order_and_are_written_by_the_retry(tiny_scheme: Scheme) -> None:
    """A full disk: the observer keeps coding, sees the events (marked unsaved), and the
    retry writes them in the order they were coded."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    recorder.refusing = "the disk is full"
    first = live.record(code(tiny_scheme, "h"), 1001.0)
    live.set_intensity(2)
    second = live.record(code(tiny_scheme, "f"), 1002.0)
    assert not first.saved and not second.saved and first.refused is None
    assert recorder.changes == []
    assert coded(live) == [("hungry", 1.0, "point", 2, None), ("feed", 2.0, "point", None, None)]
    assert first.event is not None and second.event is not None
    assert live.writes.unsaved_event_ids == {first.event.id, second.event.id}
    assert not live.retry().saved
    recorder.refusing = None
    assert live.retry().saved
    assert [type(c).__name__ for c in recorder.changes] == [
        "EventRecorded",
        "EventAmended",
        "EventRecorded",
    ]
    assert coded(live) == [("hungry", 1.0, "point", 2, None), ("feed", 2.0, "point", None, None)]
    assert live.writes.waiting == []


def test_leaving_without_the_end_records_the_pause_where_the_clock_stood(
    tiny_scheme: Scheme,
) -> None:
    """Quitting pauses the clock where it stood and records that the session was left on
    purpose: the next start offers it as paused, not as interrupted."""
    live, recorder, source = coding(tiny_scheme)
    live.begin()
    live.record(code(tiny_scheme, "h"), 1002.0)
    source.now = 1006.0
    assert live.leave().saved
    assert recorder.changes[-2:] == [SessionPaused(t=6.0, wall=WALL), SessionLeft(wall=WALL)]
    assert live.session.status == "paused"
    assert live.session.left_at == WALL


def test_leaving_a_session_already_paused_records_only_that_it_was_left(
    tiny_scheme: Scheme,
) -> None:
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.toggle_pause(1003.0)
    before = len(recorder.changes)
    assert live.leave().saved
    assert recorder.changes[before:] == [SessionLeft(wall=WALL)]
    assert live.session.pauses[-1].at == 3.0


def test_a_session_left_and_resumed_is_no_longer_marked_left(tiny_scheme: Scheme) -> None:
    """Resuming after a restart clears the mark: a crash from then on is an interruption."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    live.leave()
    again, _recorder, _source = coding(tiny_scheme, session=recorder.session, now=2000.0)
    again.begin()
    assert again.session.left_at == WALL
    again.toggle_pause(2001.0)
    assert again.session.status == "live" and again.session.left_at is None


def test_leaving_while_the_disk_refuses_says_it_is_not_saved(tiny_scheme: Scheme) -> None:
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    recorder.refusing = "the disk is full"
    assert not live.leave().saved
    assert [type(change) for change in live.writes.waiting] == [SessionPaused, SessionLeft]


def test_the_fold_policy_folds_every_fifty_saved_changes(tiny_scheme: Scheme) -> None:
    """Not on every key (a fold rewrites the session file), not never (a long journal to
    replay after a crash): at the 50th change, and not while a change waits for the disk."""
    live, recorder, _source = coding(tiny_scheme)
    live.begin()
    hungry = code(tiny_scheme, "h")
    decisions = [live.record(hungry, 1000.0 + n).fold_now for n in range(1, 51)]
    assert decisions == [False] * 49 + [True]
    recorder.refusing = "the disk is full"
    assert not any(live.record(hungry, 1100.0 + n).fold_now for n in range(50))
    recorder.refusing = None
    assert live.retry().fold_now, "once the waiting fifty are written"
    assert not live.fold_due(), "nothing changed since"
    live.record(hungry, 1200.0)
    assert live.fold_due() and not live.fold_due()
    live.fold()
    assert recorder.folds == 1


class PositionClock:
    """A clock that reads a position the test sets, as a video player's would: it can go
    back, and the session keeps running while the position stands still."""

    def __init__(self) -> None:
        self.position = 0.0

    @property
    def running(self) -> bool:
        return True

    def at(self, key_time: float) -> float:
        return self.position

    def now(self) -> float:
        return self.position

    def start(self, at: float | None = None) -> None:
        pass

    resume = start

    def pause(self, at: float | None = None) -> float:
        return self.position


def test_another_clock_behind_the_same_core_codes_out_of_order(tiny_scheme: Scheme) -> None:
    """On a clock that goes back (a recording sought backwards), events stay in time order
    and undo removes the event recorded last, not the latest in time."""
    clock = PositionClock()
    recorder = MemoryRecorder(live_session(tiny_scheme))
    live = LiveSession(recorder, clock)
    live.begin()
    clock.position = 20.0
    live.record(code(tiny_scheme, "h"), 0.0)
    clock.position = 5.0
    live.record(code(tiny_scheme, "t"), 0.0)
    assert [(e.code, e.t) for e in live.session.events] == [("tired", 5.0), ("hungry", 20.0)]
    live.set_intensity(2)
    assert live.session.events[0].intensity == 2, "the last recorded event, not the latest"
    live.undo()
    assert [(e.code, e.t) for e in live.session.events] == [("hungry", 20.0)]
    assert [type(c) for c in recorder.changes] == [
        EventRecorded,
        EventRecorded,
        EventAmended,
        EventRemoved,
    ]


def test_a_session_coded_through_the_core_lands_in_the_archive(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """With the store's real recorder: codes, a pause, an undo, the end and the ratings
    are in the archive after the last fold, each at its key's time."""
    from observe.store import Archive

    source = FakeMonotonic(1000.0)
    with Archive.open(tmp_path) as archive:
        recorder = archive.recorder(live_session(tiny_scheme))
        session_id = recorder.session.id
        live = LiveSession(recorder, SessionClock.continuing(recorder.session, source))
        live.begin()
        live.record(code(tiny_scheme, "h"), 1001.5)
        live.record(code(tiny_scheme, "u"), 1004.0)
        live.toggle_pause(1006.0)
        live.toggle_pause(1020.0)
        live.record(code(tiny_scheme, "t"), 1021.0)
        live.undo()
        live.end(live.end_time(1025.0))
        live.annotate({"overall_warmth": 4}, "")
        live.fold()
        recorder.close()
        assert not archive.journal_path(session_id).exists(), "the ended session is finished"
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t, e.kind) for e in session.events] == [
        ("hungry", 1.5, "point"),
        ("fussing", 4.0, "start"),
        ("fussing", 11.0, "stop"),
    ]
    assert (session.status, session.duration, session.ratings) == (
        "ended",
        11.0,
        {"overall_warmth": 4},
    )
    assert [p.at for p in session.pauses] == [6.0]
