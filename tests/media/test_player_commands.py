"""Every command the coding screen will send, against the fake mpv.

If one of these failed, a key on the coding screen would move the video somewhere else
than it says (a seek not exact, a frame step lost), read a wrong position, or leave the
observer without a caption, a still frame or a loop.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from observe.media import (
    SPEEDS,
    FrameNotWritten,
    MediaFileError,
    Player,
    PlayerCommandFailed,
    next_speed,
)

from .conftest import barrier
from .fake_mpv import FakeMpv


async def test_loading_a_recording_leaves_it_paused_at_the_start(player: Player) -> None:
    assert player.position == 0.0
    assert player.paused
    assert player.duration == 30.0
    assert not player.eof_reached


async def test_a_recording_mpv_cannot_open_is_said_in_one_sentence(
    player: Player, fake: FakeMpv, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.mp4"
    expected = re.escape("gone.mp4 cannot be played (there is no such file)")
    with pytest.raises(MediaFileError, match=expected):
        await player.load(missing)
    # The file vanishing between the check and mpv opening it: mpv's own error event.
    fake_path = tmp_path / "vanishing.mp4"
    fake_path.write_bytes(b"x")
    original = fake._load

    async def vanish_then_load(request_id: int, path: str) -> None:
        Path(path).unlink()
        await original(request_id, path)

    fake._load = vanish_then_load  # type: ignore[method-assign]
    with pytest.raises(MediaFileError, match="mpv says: loading failed"):
        await player.load(fake_path)


async def test_play_and_pause_reach_the_player_and_come_back_as_state(
    player: Player, fake: FakeMpv
) -> None:
    await player.play()
    await barrier(player)
    assert not player.paused and not fake.properties["pause"]
    await player.toggle_pause()
    await barrier(player)
    assert player.paused and fake.properties["pause"]
    await player.toggle_pause()
    await barrier(player)
    assert not player.paused
    await player.pause()
    await barrier(player)
    assert player.paused


async def test_seeks_are_always_exact(player: Player, fake: FakeMpv) -> None:
    """Without +exact mpv lands on a keyframe: "back 3 s" from 12 s went to 5 s."""
    assert await player.seek_to(12.0) == 12.0
    assert await player.seek_by(-3.0) == 9.0
    assert await player.seek_by(1.0) == 10.0
    seeks = [command for command in fake.received if command[0] == "seek"]
    assert seeks == [
        ["seek", 12.0, "absolute+exact"],
        ["seek", -3.0, "relative+exact"],
        ["seek", 1.0, "relative+exact"],
    ]


async def test_a_seek_before_the_start_goes_to_the_start_not_the_end(
    player: Player, fake: FakeMpv
) -> None:
    """mpv reads a negative absolute time as "from the end"; a jump to -2 s means 0 s."""
    await player.seek_to(5.0)
    assert await player.seek_to(-2.0) == 0.0
    assert fake.received[-2] == ["seek", 0.0, "absolute+exact"]


async def test_frame_steps_move_one_frame_each_and_stay_paused(player: Player) -> None:
    await player.seek_to(10.0)
    positions = [await player.step_forward() for _ in range(3)]
    assert positions == [10.04, 10.08, 10.12]
    assert player.paused
    assert await player.step_back() == 10.08
    assert player.paused


async def test_a_frame_step_at_the_last_frame_reports_the_end_instead_of_waiting(
    player: Player,
) -> None:
    await player.seek_to(29.96)
    assert await player.step_forward() == 29.96
    assert player.eof_reached
    assert await player.step_forward() == 29.96  # no step is possible: no wait either


async def test_a_frame_back_at_the_start_stays_at_the_start(player: Player) -> None:
    assert await player.step_back() == 0.0


async def test_speed_steps_between_a_quarter_and_double(player: Player, fake: FakeMpv) -> None:
    assert await player.slower() == 0.75
    await barrier(player)
    assert player.speed == 0.75 and fake.properties["speed"] == 0.75
    for _ in range(5):
        await player.slower()
        await barrier(player)
    assert player.speed == 0.25
    for _ in range(10):
        await player.faster()
        await barrier(player)
    assert player.speed == 2.0
    with pytest.raises(ValueError, match=re.escape("between 0.25 and 2.0")):
        await player.set_speed(3.0)


def test_the_speed_steps_go_up_and_down_the_list_and_stop_at_its_ends() -> None:
    assert SPEEDS == (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
    assert next_speed(1.0, +1) == 1.25
    assert next_speed(1.0, -1) == 0.75
    assert next_speed(2.0, +1) == 2.0
    assert next_speed(0.25, -1) == 0.25
    assert next_speed(1.1, +1) == 1.25  # a speed set elsewhere goes to the next step
    assert next_speed(1.1, -1) == 1.0


async def test_reading_position_duration_and_frame_rate(player: Player, fake: FakeMpv) -> None:
    await player.seek_to(7.0)
    assert await player.time_pos() == 7.0
    assert await player.read_duration() == 30.0
    assert await player.container_fps() == 25.0
    assert await player.estimated_fps() == 25.0
    assert await player.frame_rate() == 25.0
    fake.fps_declared = False
    assert await player.container_fps() is None
    assert await player.frame_rate() == 25.0  # measured when the file declares none


async def test_a_property_mpv_does_not_know_is_an_error_not_a_silent_none(
    player: Player,
) -> None:
    assert await player.get("time-pos") == 0.0
    with pytest.raises(PlayerCommandFailed, match="refused `get_property no-such-thing`"):
        await player.get("no-such-thing")


async def test_a_moment_loops_between_its_bounds_from_its_start(
    player: Player, fake: FakeMpv
) -> None:
    await player.set_loop(12.48, 18.0)
    assert fake.properties["ab-loop-a"] == 12.48
    assert fake.properties["ab-loop-b"] == 18.0
    assert player.position == 12.48
    await player.clear_loop()
    assert fake.properties["ab-loop-a"] == "no" and fake.properties["ab-loop-b"] == "no"
    with pytest.raises(ValueError):
        await player.set_loop(5.0, 5.0)


async def test_captions_show_the_text_as_written(player: Player, fake: FakeMpv) -> None:
    """A "$" would start one of mpv's property expansions, a "{" an ASS override."""
    await player.show_text("Cue: hungry — costs $5 ${pause}", 1.5)
    assert fake.osd[-1] == ("show-text", "Cue: hungry — costs $$5 $${pause}", "1500")
    await player.set_caption("Moment 2 {fed}\nat 12.5 s")
    shown = "{\\an2}Moment 2 \\{fed}\\Nat 12.5 s"  # at the bottom, the braces as written
    assert fake.osd[-1] == ("osd-overlay", "1", "ass-events", shown)
    await player.set_caption(None)
    assert fake.osd[-1] == ("osd-overlay", "1", "none", "")


async def test_a_still_frame_is_written_where_asked_and_readable_only_by_its_owner(
    player: Player, tmp_path: Path
) -> None:
    target = tmp_path / "moment-1.png"
    assert await player.screenshot(target) == target
    assert target.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["moment-1.png", "visit.mp4"]


async def test_a_still_frame_for_a_folder_that_is_not_there_is_said_in_one_sentence(
    player: Player, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "moment.png"
    with pytest.raises(FrameNotWritten, match=re.escape(f"the still frame {target} could not")):
        await player.screenshot(target)


async def test_closing_the_player_asks_mpv_to_quit(fake: FakeMpv, recording: Path) -> None:
    player = await Player.connect(fake.address, timeout=2.0)
    await player.close()
    assert fake.received[-1] == ["quit"]
    assert player.closed
