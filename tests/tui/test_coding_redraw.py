"""The coding screen is drawn again only when something it shows reads otherwise.

If these failed, the screen would be redrawn ten times a second while nothing on it
changes (and every key press that arrives during one of those frames waits for it), or a
countdown, a miss or the clock would show late.
"""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from observe.analysis import MISSED_SHOWN_FOR, OpenCue
from observe.scheme import find_scheme
from observe.tui.widgets.open_cues import changes_at, countdown, seconds_left

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording


def shown(app: CodingApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


@given(st.floats(min_value=0.001, max_value=60.0, allow_nan=False))
def test_a_countdown_changes_exactly_when_its_next_second_is_reached(remaining: float) -> None:
    """Until the time changes_at gives, the countdown reads the same; from it, one second
    less (or, at the window's close, the cue is no longer open)."""
    now = 100.0
    cue = OpenCue("c1", "hungry", now + remaining - 5.0, 5.0, remaining, "open")
    at = changes_at([cue], [], now)
    assert now < at <= now + remaining + 1e-9
    for part in (0.0, 0.5, 0.99):
        assert seconds_left(remaining - (at - now) * part) == seconds_left(remaining)
    left_then = remaining - (at - now)
    if left_then > 1e-6:
        assert seconds_left(left_then) == seconds_left(remaining) - 1
    else:  # the window closes there
        assert math.isclose(at, now + remaining)
    assert countdown(remaining) == f"▶ {seconds_left(remaining):>2} s "


def test_a_missed_cue_is_shown_its_seconds_then_nothing_changes() -> None:
    missed = OpenCue("c1", "hungry", 10.0, 5.0, 0.0, "missed")
    assert changes_at([missed], [], 16.0) == 15.0 + MISSED_SHOWN_FOR
    assert changes_at([], [], 16.0) == math.inf


async def test_the_timer_draws_nothing_within_a_quiet_second(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        drawn: list[float] = []
        real_tick = screen._tick
        screen._tick = lambda **how: (drawn.append(app.clock.now), real_tick(**how))[1]
        app.clock.now = 1000.3
        await press_at(pilot, "a", 1000.3, "a")  # a hunger cue: 10 s to answer (infant-cues)
        drawn.clear()
        for at in (1000.4, 1000.6, 1000.9):  # no second of the clock or countdown is reached
            app.clock.now = at
            screen._on_tick()
        assert drawn == [], "the timer redrew a screen that reads the same"
        assert "▶ 10 s" in shown(app, "#open-cues")
        app.clock.now = 1001.0  # the clock's next second (it started at 1000.0)
        screen._on_tick()
        assert drawn == [1001.0]
        app.clock.now = 1001.3  # the countdown's: 9.0 s left
        screen._on_tick()
        assert drawn == [1001.0, 1001.3] and "▶  9 s" in shown(app, "#open-cues")
        app.clock.now = 1010.4  # the window closed at 10.3 s
        screen._on_tick()
        assert "MISSED" in shown(app, "#open-cues")
        assert "missed" in shown(app, "#recent-events")


async def test_a_paused_session_is_not_drawn_again_until_it_resumes(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        app.clock.now = 1000.5
        await press_at(pilot, "a", 1000.5, "a")
        app.clock.now = 1001.2
        await press_at(pilot, "space", 1001.2, " ")  # paused at 00:01
        drawn: list[float] = []
        real_tick = screen._tick
        screen._tick = lambda **how: (drawn.append(app.clock.now), real_tick(**how))[1]
        for at in (1003.0, 1010.0, 1030.0):
            app.clock.now = at
            screen._on_tick()
        assert drawn == []
        await press_at(pilot, "space", 1030.0, " ")
        drawn.clear()
        app.clock.now = 1030.2  # 1.4 s on the session clock, 9.1 s left: nothing new
        screen._on_tick()
        assert drawn == [] and "▶ 10 s" in shown(app, "#open-cues")
        app.clock.now = 1030.4  # 1.6 s, 8.9 s left
        screen._on_tick()
        assert drawn == [1030.4] and "▶  9 s" in shown(app, "#open-cues")
        app.clock.now = 1030.8  # 2.0 s: the clock's next second
        screen._on_tick()
        assert drawn == [1030.4, 1030.8]
