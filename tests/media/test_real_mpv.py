"""The real mpv, headless (``--vo=null --ao=null``), on a video it encoded itself.

These skip, saying why, where mpv is not installed; ``.ci/run`` installs it. If one of
these failed, the times coded from a recording would not be the frames the observer saw:
a seek landing on a keyframe, a frame step lost, a clock off the player's position.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import stat
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from observe.media import MediaClock, MediaFileError, Player, PlayerGone, media_facts

from .conftest import TEST_FPS, TEST_SECONDS

FRAME = 1 / TEST_FPS


async def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the player never got there")


async def test_seek_to_ten_seconds_then_three_frames_is_ten_seconds_and_three_frames(
    real_player: Player,
) -> None:
    clock = MediaClock(real_player)
    assert await real_player.seek_to(10.0) == 10.0
    for _ in range(3):
        await real_player.step_forward()
    assert await real_player.time_pos() == pytest.approx(10.0 + 3 * FRAME, abs=1e-6)
    assert clock.now() == 10.12
    assert clock.paused
    assert await real_player.step_back() == pytest.approx(10.08, abs=1e-6)


async def test_back_three_seconds_from_twelve_lands_on_nine_not_a_keyframe(
    real_player: Player,
) -> None:
    await real_player.seek_to(12.0)
    assert await real_player.seek_by(-3.0) == pytest.approx(9.0, abs=1e-6)
    assert await real_player.seek_by(0.5) == pytest.approx(9.52, abs=1e-6)  # next frame on


async def test_duration_frame_rate_and_the_facts_of_the_file(
    real_player: Player, test_video: Path
) -> None:
    duration = await real_player.read_duration()
    assert duration == pytest.approx(TEST_SECONDS - FRAME, abs=0.05)
    assert await real_player.frame_rate() == pytest.approx(TEST_FPS, rel=0.01)
    facts = await media_facts(real_player, test_video)
    assert facts.frame_rate == TEST_FPS  # exact, from the file's sample table
    assert facts.duration == pytest.approx(duration, abs=0.001)
    assert facts.size == test_video.stat().st_size
    await real_player.seek_to(5.0)
    await real_player.play()
    await wait_until(lambda: (real_player.position or 0) > 5.5)
    assert await real_player.estimated_fps() == pytest.approx(TEST_FPS, rel=0.01)


async def test_a_still_frame_is_written_as_a_private_png(
    real_player: Player, tmp_path: Path
) -> None:
    await real_player.seek_to(7.0)
    still = await real_player.screenshot(tmp_path / "moment.png")
    data = still.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000
    assert stat.S_IMODE(still.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["moment.png"]


async def test_the_clock_follows_the_playing_video_and_stops_with_it(
    real_player: Player,
) -> None:
    clock = MediaClock(real_player)
    await real_player.seek_to(3.0)
    clock.start()
    await wait_until(lambda: (real_player.position or 0) >= 3.6)
    assert clock.running
    differences = []
    for _ in range(20):
        estimate = clock.now()
        differences.append(abs(estimate - (await real_player.get("time-pos"))))
        await asyncio.sleep(0.013)
    # Each sample races a frame report at most: the clock is the frame shown, or the next.
    assert statistics.median(differences) <= FRAME + 0.001
    clock.pause()
    await wait_until(lambda: real_player.paused)
    await asyncio.sleep(0.1)  # any frame already on its way has been reported
    assert clock.now() == await real_player.time_pos()
    assert clock.paused


async def test_the_end_of_the_file_pauses_on_the_last_frame(real_player: Player) -> None:
    clock = MediaClock(real_player)
    await real_player.seek_to(TEST_SECONDS - 0.5)
    await real_player.set_speed(2.0)
    await real_player.play()
    await wait_until(lambda: real_player.eof_reached)
    await wait_until(lambda: real_player.paused)
    assert not clock.running
    assert clock.now() == pytest.approx(TEST_SECONDS - FRAME, abs=0.001)


async def test_a_moment_loops_between_its_bounds(real_player: Player) -> None:
    seeks: list[float] = []
    real_player.connection.on_event("seek", lambda _event, stamp: seeks.append(stamp))
    await real_player.set_loop(2.0, 2.4)
    await real_player.set_speed(2.0)
    await real_player.play()
    await wait_until(lambda: len(seeks) >= 3)  # the loop went round at least twice
    position = await real_player.time_pos()
    assert position is not None and 2.0 <= position <= 2.45
    await real_player.clear_loop()
    await real_player.show_text("Moment 1: hungry → offers feed")
    await real_player.set_caption("Moment 1 {12.5 s}")
    await real_player.set_caption(None)


async def test_speed_steps_reach_the_real_player(real_player: Player) -> None:
    assert await real_player.slower() == 0.75
    assert await real_player.get("speed") == 0.75
    await real_player.set_speed(0.25)
    assert await real_player.get("speed") == 0.25


async def test_a_file_that_is_not_a_video_is_said_in_one_sentence(
    real_player: Player, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.mp4"
    notes.write_text("these are notes, not a video\n" * 50)
    with pytest.raises(MediaFileError, match=re.escape("notes.mp4 cannot be played (mpv says")):
        await real_player.load(notes)


@pytest.mark.slow
async def test_a_killed_player_fails_the_next_command_and_a_new_one_takes_over(
    mpv_program: str, test_video: Path
) -> None:
    player = await Player.start(headless=True, program=mpv_program, timeout=60.0)
    clock = MediaClock(player)
    try:
        await player.load(test_video)
        await player.seek_to(6.0)
        assert player.process is not None
        os.kill(player.process.process.pid, signal.SIGKILL)
        with pytest.raises(PlayerGone):
            await player.seek_to(8.0)
        assert player.closed and clock.now() == 6.0 and not clock.running
    finally:
        await player.close()
    assert player.process.address.folder is not None
    assert not player.process.address.folder.exists()
    again = await Player.start(headless=True, program=mpv_program)
    try:
        await again.load(test_video)
        await again.seek_to(clock.now())
        clock.attach(again)
        assert clock.now() == 6.0
    finally:
        await again.close()
