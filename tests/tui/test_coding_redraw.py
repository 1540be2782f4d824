"""The coding screen is drawn again only when something it shows reads otherwise.

If these failed, the screen would be redrawn ten times a second while nothing on it
changes (and every key press that arrives during one of those frames waits for it), or a
countdown, a miss or the clock would show late.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot

from observe.analysis import OpenCue
from observe.display import clock_second
from observe.scheme import find_scheme
from observe.tui.widgets.open_cues import changes_at, countdown, seconds_left

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording


def shown(app: CodingApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


@given(
    st.floats(min_value=0.0, max_value=3600.0, allow_nan=False),
    st.floats(min_value=0.0, max_value=60.0, allow_nan=False),
)
def test_a_countdown_is_within_a_second_and_changes_with_the_clock(
    now: float, remaining: float
) -> None:
    """The countdown never reads 0 while the window is open, is less than a second off
    what is left, and reads the same through each second the clock reads."""
    cue = OpenCue("c1", "hungry", now + remaining - 5.0, 5.0, remaining, "open")
    shown = seconds_left(cue, now)
    assert shown >= 1 and abs(shown - remaining) < 1 + 1e-6
    second = clock_second(now)
    later = min(second + 0.999, now + remaining)
    assert seconds_left(cue, max(now, later)) == shown or later < now
    assert countdown(cue, now) == f"▶ {shown:>2} s "


def test_only_a_closing_window_changes_the_panel_between_two_seconds() -> None:
    """Between two steps of the clock the panel changes only when an open window closes
    (MISSED); a missed cue's seconds on screen end at a step of the clock."""
    opened = OpenCue("c1", "hungry", 10.0, 5.0, 3.8, "open")  # closes at 15.0
    missed = OpenCue("c2", "tired", 4.0, 5.0, 0.0, "missed")
    assert changes_at([opened, missed], 11.2) == 15.0
    assert changes_at([missed], 11.2) == math.inf
    assert changes_at([], 11.2) == math.inf


@asynccontextmanager
async def coding(tmp_path: Path) -> AsyncIterator[tuple[CodingApp, Pilot, list[float]]]:
    """The coding screen of an infant-cues session started at monotonic 1000.0, and the
    times it is brought up to date at (its ``_tick``)."""
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        drawn: list[float] = []
        real_tick = screen._tick
        screen._tick = lambda **how: (drawn.append(app.clock.now), real_tick(**how))[1]
        yield app, pilot, drawn


async def press(app: CodingApp, pilot: Pilot, key: str, at: float) -> None:
    app.clock.now = at
    await press_at(pilot, key, at, " " if key == "space" else key)


async def test_the_timer_draws_nothing_within_a_quiet_second(tmp_path: Path) -> None:
    async with coding(tmp_path) as (app, pilot, drawn):
        screen = app.screen
        await press(app, pilot, "a", 1000.3)  # a hunger cue: 10 s to answer (infant-cues)
        drawn.clear()
        for at in (1000.4, 1000.6, 1000.9):  # no second of the clock or countdown is reached
            app.clock.now = at
            screen._on_tick()
        assert drawn == [], "the timer redrew a screen that reads the same"
        assert "▶ 10 s" in shown(app, "#open-cues")
        app.clock.now = 1001.0  # the clock's next second (it started at 1000.0)
        screen._on_tick()
        assert drawn == [1001.0] and "▶  9 s" in shown(app, "#open-cues")  # 9.3 s left
        app.clock.now = 1001.5
        screen._on_tick()
        assert drawn == [1001.0], "the countdown changes with the clock, not between"
        app.clock.now = 1010.4  # the window closed at 10.3 s
        screen._on_tick()
        assert "MISSED" in shown(app, "#open-cues")
        assert "missed" in shown(app, "#recent-events")


async def test_a_paused_session_is_not_drawn_again_until_it_resumes(tmp_path: Path) -> None:
    async with coding(tmp_path) as (app, pilot, drawn):
        screen = app.screen
        await press(app, pilot, "a", 1000.5)
        await press(app, pilot, "space", 1001.2)  # paused at 00:01
        drawn.clear()
        for at in (1003.0, 1010.0, 1030.0):
            app.clock.now = at
            screen._on_tick()
        assert drawn == []
        await press(app, pilot, "space", 1030.0)
        drawn.clear()
        app.clock.now = 1030.4  # 1.6 s on the session clock: nothing new
        screen._on_tick()
        assert drawn == [] and "▶  9 s" in shown(app, "#open-cues")  # from 00:01: 9.5 s
        app.clock.now = 1030.8  # 2.0 s: the clock's next second
        screen._on_tick()
        assert drawn == [1030.8] and "▶  8 s" in shown(app, "#open-cues")
