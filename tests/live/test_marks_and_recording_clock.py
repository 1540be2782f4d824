"""Marking moments while coding, and the clock of a session coded from a recording."""

from __future__ import annotations

from observe.changes import MomentMarked, SessionPaused
from observe.live import LiveSession, RecordingClock
from observe.model import Mark

from .recorders import MemoryRecorder, code, coding, live_session


def test_a_mark_is_at_the_moment_its_key_was_read_and_undo_leaves_it(tiny_scheme) -> None:
    """If this failed, a moment marked for video feedback would be late, or lost by undo."""
    live, recorder, source = coding(tiny_scheme)
    live.begin()
    source.now += 12.5
    live.record(code(tiny_scheme, "h"), source.now)
    assert live.mark_moment(source.now - 0.5).hint == "Moment marked at 00:12.0."
    live.undo()
    assert live.session.marks == (Mark(12.0),) and live.session.events == ()
    assert MomentMarked(12.0) in recorder.changes


def test_no_mark_after_the_end(tiny_scheme) -> None:
    live, _recorder, _source = coding(tiny_scheme)
    live.begin()
    live.end()
    assert live.mark_moment().refused is not None and live.session.marks == ()


class Video:
    """A media clock stand-in: the position stands where the test puts it."""

    def __init__(self) -> None:
        self.position = 0.0
        self.paused_at: list[float | None] = []

    def at(self, monotonic_time: float) -> float:
        return self.position

    def now(self) -> float:
        return self.position

    def pause(self, monotonic_time: float | None = None) -> float:
        self.paused_at.append(monotonic_time)
        return self.position


def test_a_session_on_a_recording_codes_at_the_videos_position_and_is_never_paused(
    tiny_scheme,
) -> None:
    """The video paused or playing, code keys record at its position; leaving pauses the
    video and records the session's pause where the video stood."""
    video = Video()
    recorder = MemoryRecorder(live_session(tiny_scheme))
    live = LiveSession(recorder, RecordingClock(video))
    live.begin()
    assert not live.paused, "a new session on a recording is coded at once"
    video.position = 42.04
    live.record(code(tiny_scheme, "h"), key_time=5.0)
    video.position = 7.0  # back in the video
    live.record(code(tiny_scheme, "h"), key_time=6.0)
    assert [e.t for e in live.session.events] == [7.0, 42.04]
    live.leave()
    assert video.paused_at == [None]
    assert any(isinstance(c, SessionPaused) and c.t == 7.0 for c in recorder.changes)
