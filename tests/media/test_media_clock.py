"""The video position as a clock: what an event's time is when coding from a recording.

If one of these failed, a code key pressed on a frame would be stamped with another
frame's time: late while the video plays, off after a seek, or running on past a pause.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from observe.media import MediaClock, Player

from .conftest import FakeTime, barrier
from .fake_mpv import FakeMpv


async def test_while_paused_a_key_gets_exactly_the_frame_shown(
    player: Player, fake_time: FakeTime
) -> None:
    clock = MediaClock(player)
    await player.seek_to(10.0)
    await player.step_forward()
    assert clock.paused and not clock.running
    assert clock.at(fake_time.now) == 10.04
    assert clock.at(fake_time.now + 60.0) == 10.04
    fake_time.now += 3.0
    assert clock.now() == 10.04


async def test_while_playing_a_key_gets_the_frame_on_screen_not_a_time_between_frames(
    player: Player, fake: FakeMpv, fake_time: FakeTime
) -> None:
    clock = MediaClock(player)
    await player.seek_to(10.0)
    await player.play()
    await barrier(player)
    start = fake_time.now
    assert clock.running
    assert clock.at(start + 0.25) == 10.25  # no frame reported yet: straight on
    for frame in range(1, 11):  # mpv reports each frame as it shows it
        fake_time.now = start + frame * 0.04
        await fake.play_frames(1)
        await barrier(player)
    assert player.position == 10.4
    assert clock.at(start + 0.43) == 10.4  # the frame of 10.4 s is still on screen
    assert clock.at(start + 0.45) == 10.44  # the next one is due, its report not in yet
    assert clock.at(start + 0.5) == 10.48
    assert clock.at(start + 0.35) == 10.32  # read before the last reports: its own frame
    assert clock.now() == 10.4


async def test_reports_further_apart_than_frames_run_on_in_a_straight_line(
    socket_dir: Path, fake_time: FakeTime, recording: Path
) -> None:
    sparse = await FakeMpv(str(socket_dir / "sparse.sock"), fps=2.0).start()
    try:
        player = await Player.connect(sparse.address, monotonic=fake_time, timeout=2.0)
        await player.load(recording)
        clock = MediaClock(player)
        await player.play()
        await barrier(player)
        for _ in range(2):
            fake_time.now += 0.5
            await sparse.play_frames(1)
            await barrier(player)
        assert clock.at(fake_time.now + 0.3) == 1.3
        await player.close()
    finally:
        await sparse.stop()


async def test_at_half_speed_the_position_runs_at_half_the_rate(
    player: Player, fake_time: FakeTime
) -> None:
    clock = MediaClock(player)
    await player.seek_to(4.0)
    await player.set_speed(0.5)
    await player.play()
    await barrier(player)
    assert clock.at(fake_time.now + 1.0) == 4.5


async def test_a_key_read_before_a_later_report_gets_the_frame_shown_when_it_was_read(
    player: Player, fake: FakeMpv, fake_time: FakeTime
) -> None:
    """The event loop was busy: the key (read at 100.2) is handled after a seek report."""
    clock = MediaClock(player)
    await player.seek_to(5.0)
    await player.play()
    await barrier(player)
    read_at = fake_time.now + 0.2
    fake_time.now += 0.5
    await player.seek_to(20.0)
    assert clock.at(read_at) == 5.2
    assert clock.at(fake_time.now) == 20.0


async def test_a_key_older_than_every_report_gets_the_oldest_position_known(
    player: Player, fake_time: FakeTime
) -> None:
    await player.seek_to(6.0)
    clock = MediaClock(player)
    assert clock.at(fake_time.now - 100.0) == 6.0


async def test_at_the_end_of_the_file_the_clock_stops_at_the_last_frame(
    player: Player, fake: FakeMpv, fake_time: FakeTime
) -> None:
    clock = MediaClock(player)
    await player.seek_to(29.6)
    await player.play()
    await barrier(player)
    fake_time.now += 0.5
    await fake.play_frames(20)
    await barrier(player)
    assert not clock.running
    assert clock.at(fake_time.now + 10) == 29.96


async def test_running_on_never_passes_the_end_of_the_recording(
    player: Player, fake_time: FakeTime
) -> None:
    """Reports stopped coming (a stalled player): the estimate stops at the duration."""
    clock = MediaClock(player)
    await player.seek_to(29.0)
    await player.play()
    await barrier(player)
    assert clock.at(fake_time.now + 10.0) == 30.0


async def test_pausing_the_clock_pauses_the_video_where_the_key_was_read(
    player: Player, fake: FakeMpv, fake_time: FakeTime
) -> None:
    clock = MediaClock(player)
    await player.seek_to(3.0)
    clock.start(fake_time.now)
    assert clock.running  # at once, before mpv has answered
    await barrier(player)
    assert not fake.properties["pause"]
    key_time = fake_time.now + 1.5
    fake_time.now += 1.6
    assert clock.pause(key_time) == 4.5
    assert clock.paused  # at once, too
    await barrier(player)
    assert fake.properties["pause"]


#: The session clock's interface, as the live-coding core calls it: method -> parameters.
SESSION_CLOCK_SHAPE = {
    "at": ["monotonic_time"],
    "now": [],
    "start": ["monotonic_time"],
    "resume": ["monotonic_time"],
    "pause": ["monotonic_time"],
}


async def test_the_clock_has_the_session_clocks_names_so_the_coding_core_takes_either(
    player: Player,
) -> None:
    media = MediaClock(player)
    for name, parameters in SESSION_CLOCK_SHAPE.items():
        assert list(inspect.signature(getattr(media, name)).parameters) == parameters, name
    for name in ("start", "resume", "pause"):
        assert inspect.signature(getattr(media, name)).parameters["monotonic_time"].default is None
    for name in ("running", "paused"):
        assert isinstance(getattr(media, name), bool)
        assert isinstance(inspect.getattr_static(MediaClock, name), property)
