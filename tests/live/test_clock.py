"""The session clock: event times are observed time, and pauses stop it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.live import SessionClock


class FakeMonotonic:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_event_time_is_the_key_timestamp_minus_the_start() -> None:
    """An event coded 2.5 s after the session started is at 2.5 s, whenever it is handled."""
    source = FakeMonotonic(1000.0)
    clock = SessionClock(source)
    clock.start()
    source.now = 1999.0  # the handler runs much later: irrelevant
    assert clock.at(1002.5) == 2.5


def test_clock_stops_while_paused_and_continues_after() -> None:
    """Time spent paused (baby being changed) is not observed time."""
    clock = SessionClock(FakeMonotonic())
    clock.start(100.0)
    assert clock.pause(110.0) == 10.0
    assert clock.at(150.0) == 10.0
    assert clock.paused
    clock.resume(200.0)
    assert clock.at(203.25) == 13.25


def test_resumed_session_clock_continues_from_where_it_stopped() -> None:
    """A session resumed after a crash keeps counting from its last clock value."""
    clock = SessionClock(FakeMonotonic(), start_at=42.0)
    assert clock.at(5.0) == 42.0  # not running yet
    clock.start(10.0)
    assert clock.at(11.5) == 43.5


def test_timestamp_before_the_start_maps_to_the_start() -> None:
    """A key read just before a resume never gets a time earlier than the pause."""
    clock = SessionClock(FakeMonotonic(), start_at=7.0)
    clock.start(50.0)
    assert clock.at(49.0) == 7.0


def test_now_reads_the_injected_source() -> None:
    """The clock reads the monotonic source it was given, to the millisecond event times keep."""
    source = FakeMonotonic(10.0)
    clock = SessionClock(source)
    clock.start()
    source.now = 13.3333
    assert clock.now() == 3.333


def test_negative_start_is_refused() -> None:
    """A resumed session can never start its clock before zero (times would read negative)."""
    with pytest.raises(ValueError):
        SessionClock(FakeMonotonic(), start_at=-1)


@given(st.lists(st.floats(min_value=0, max_value=1e4, allow_nan=False), min_size=1, max_size=30))
def test_clock_never_runs_backwards(steps: list[float]) -> None:
    """However pause and resume interleave, later moments never map to earlier times."""
    clock = SessionClock(FakeMonotonic())
    moment = 0.0
    clock.start(moment)
    last = 0.0
    for index, step in enumerate(steps):
        moment += step
        if index % 3 == 1:
            clock.pause(moment)
        elif index % 3 == 2:
            clock.resume(moment)
        current = clock.at(moment)
        assert current >= last
        last = current
