"""Coding from a recording on a fake mpv: every video key, times from the frame shown,
coding out of order, marks, and the recording's facts kept with the session."""

from __future__ import annotations

import hashlib
from pathlib import Path

from observe.model import Mark
from observe.tui.dialogs.jump_to import JumpDialog
from observe.tui.widgets.playhead_events import PlayheadEvents

from .video_harness import coding_screen, session_of, settled, video_app
from .waiting import wait_until


async def test_every_video_key_sends_its_command_to_the_player(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """If this failed, a key in the footer and the help would do nothing to the video, or
    something else than it says (a seek that is not exact lands on a keyframe)."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        fake = players.current
        expected = [
            ("right", ["seek", 1.0, "relative+exact"]),
            ("shift+right", ["seek", 5.0, "relative+exact"]),
            ("left", ["seek", -1.0, "relative+exact"]),
            ("shift+left", ["seek", -5.0, "relative+exact"]),
            ("ctrl+right", ["frame-step"]),
            ("ctrl+left", ["frame-back-step"]),
            ("up", ["set_property", "speed", 1.25]),
            ("down", ["set_property", "speed", 1.0]),
            ("down", ["set_property", "speed", 0.75]),
            ("space", ["set_property", "pause", False]),
            ("space", ["set_property", "pause", True]),
        ]
        for key, command in expected:
            sent = len(fake.received)
            await pilot.press(key)
            await settled(pilot, screen)
            await wait_until(pilot, lambda sent=sent: len(fake.received) > sent, key)
            assert command in fake.received[sent:], (key, fake.received[sent:])
        await pilot.press("ctrl+g")
        await pilot.press(*"1:02.5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JumpDialog), "a time past the end is no time to go to"
        assert "past its end" in str(app.screen.query_one("#problem").render())
        await pilot.press(*["backspace"] * 6, *"0:12.5", "enter")
        await settled(pilot, screen)
        assert ["seek", 12.5, "absolute+exact"] in fake.received
        assert fake.position == 12.52, "the first frame at or after 12.5 s"


async def test_a_code_key_takes_the_position_of_the_frame_shown(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Seek to 10 s, step three frames, press a cue key: the cue is at 10.12 s (25 fps)."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"10", "enter")
        await settled(pilot, screen)
        for _ in range(3):
            await pilot.press("ctrl+right")
            await settled(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        [cue] = session_of(screen).events
        assert (cue.code, cue.t) == ("hungry", 10.12)
        assert "00:10.1" in str(screen.query_one("#status-line").render())


async def test_coding_out_of_order_keeps_time_order_and_undo_takes_the_last_recorded(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Code at 20 s, go back to 5 s and code there: the events are in time order, the list
    shows the later one ahead of the playhead, and undo removes the one coded last."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"20", "enter")
        await settled(pilot, screen)
        await pilot.press("a")
        await pilot.press("ctrl+g", *"5", "enter")
        await settled(pilot, screen)
        await pilot.press("t")
        await pilot.pause(0.3)
        session = session_of(screen)
        assert [(e.code, e.t) for e in session.events] == [("tired", 5.0), ("hungry", 20.0)]
        shown = str(screen.query_one(PlayheadEvents).render()).splitlines()
        playhead = next(i for i, line in enumerate(shown) if "playhead" in line)
        assert "Hunger" in "".join(shown[:playhead]), "coded later in the video: above"
        assert "Tired" in "".join(shown[playhead:]), "at the playhead: below"
        await pilot.press("backspace")
        await pilot.pause()
        assert [e.code for e in session_of(screen).events] == ["hungry"]
        await pilot.press("ctrl+g", *"25", "enter")
        await settled(pilot, screen)
        await pilot.pause(0.3)
        shown = str(screen.query_one(PlayheadEvents).render()).splitlines()
        playhead = next(i for i, line in enumerate(shown) if "playhead" in line)
        assert "Hunger" in "".join(shown[playhead:]), "seeking past it: now before the playhead"


async def test_pausing_the_video_is_not_pausing_the_session(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Code keys record while the video is paused, and space never pauses the session."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("space")
        await settled(pilot, screen)
        await pilot.press("space")
        await settled(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        session = session_of(screen)
        assert [e.code for e in session.events] == ["hungry"]
        assert session.status == "live" and session.pauses == ()


async def test_the_mark_key_keeps_the_moment_at_the_frame_shown(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"7", "enter")
        await settled(pilot, screen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert session_of(screen).marks == (Mark(7.0),)
        assert "Moment marked at 00:07.0" in screen.hint.text
        await pilot.press("backspace")
        await pilot.pause()
        assert session_of(screen).marks == (Mark(7.0),), "undo takes back events, not marks"


async def test_the_recordings_facts_are_kept_with_the_session(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Name, size, SHA-256, duration and frame rate, read while the screen is in use."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await wait_until(pilot, lambda: session_of(screen).recording is not None, "the facts")
        recording = session_of(screen).recording
        assert recording is not None
        assert recording.name == "visit.mp4" and recording.size == video_file.stat().st_size
        assert recording.sha256 == hashlib.sha256(video_file.read_bytes()).hexdigest()
        assert (recording.duration, recording.frame_rate) == (30.0, 25.0)
        assert session_of(screen).origin == "recording"
        assert session_of(screen).recording_offset == 0.0
