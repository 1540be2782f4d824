"""Coding from a recording when the player stops or the recording ends, and resuming a
session coded from a recording: nothing coded is lost, and the observer is told what to do."""

from __future__ import annotations

from pathlib import Path

from observe.store.recording_paths import remembered_recording
from observe.tui.dialogs.recording_picker import RecordingPicker
from observe.workspace import open_archive

from .video_harness import coding_screen, session_of, settled, video_app
from .waiting import wait_until


def banner(screen) -> str:
    widget = screen.query_one("#paused-banner")
    return str(widget.render()) if widget.display else ""


async def test_a_player_that_dies_is_said_and_restarted_where_it_was(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """mpv crashes at 8 s: one line says so and every event stays; a code key is not taken
    (no frame is shown); ctrl+r starts a player at 8 s and coding goes on there."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"8", "enter")
        await settled(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        await players.current.die()
        await wait_until(pilot, lambda: "Player stopped" in banner(screen), "the banner")
        assert "every event is kept" in banner(screen) and "ctrl+r" in banner(screen)
        await pilot.press("o")
        await pilot.pause()
        assert [e.code for e in session_of(screen).events] == ["hungry"]
        assert "not coded" in screen.hint.text
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(players.started) == 2, "a second player")
        await settled(pilot, screen)
        await wait_until(pilot, lambda: not screen.video.closed, "the player back")
        restarted = players.current
        assert ["seek", 8.0, "absolute+exact"] in restarted.received
        assert banner(screen) == ""
        await pilot.press("ctrl+right", "o")
        await settled(pilot, screen)
        await pilot.pause()
        events = session_of(screen).events
        assert [(e.code, e.t) for e in events] == [("hungry", 8.0), ("feed", 8.04)]


async def test_the_end_of_the_recording_stops_the_clock_and_the_session_can_end(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"29.9", "enter")
        await settled(pilot, screen)
        await pilot.press("ctrl+right")
        await settled(pilot, screen)
        await pilot.press("space")  # play on at the end: nothing moves
        await players.current.play_frames(5)
        await wait_until(pilot, lambda: "End of the recording" in banner(screen), "the end")
        assert screen.live.now() == 29.96
        await pilot.press("a", "x")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.live.ended, "the end of the session")
        session = session_of(screen)
        assert session.status == "ended" and session.duration == 29.96
        assert [(e.code, e.t) for e in session.events] == [("hungry", 29.96)]


async def test_a_resumed_session_finds_its_recording_where_it_was_coded(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Quit at 12 s with ctrl+q; the next resume opens the same file at 12 s."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await wait_until(pilot, lambda: session_of(screen).recording is not None, "the facts")
        await pilot.press("ctrl+g", *"12", "enter")
        await settled(pilot, screen)
        await pilot.press("a")
        await pilot.pause()
        session_id = session_of(screen).id
        await pilot.press("ctrl+q")
    assert remembered_recording(isolated_data_dir, session_id) == video_file.resolve()
    app = video_app(isolated_data_dir, players, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.resume_session(session_id)
        screen = await coding_screen(pilot)
        await settled(pilot, screen)
        assert ["loadfile", str(video_file.resolve()), "replace"] in players.current.received
        assert ["seek", 12.0, "absolute+exact"] in players.current.received
        assert screen.live.now() == 12.0 and not screen.live.paused
        await pilot.press("ctrl+right", "o")
        await settled(pilot, screen)
        await pilot.pause()
        assert [(e.code, e.t) for e in session_of(screen).events] == [
            ("hungry", 12.0),
            ("feed", 12.04),
        ]


async def test_a_moved_recording_is_asked_for_and_another_file_is_warned_about(
    isolated_data_dir: Path, players, video_file: Path, tmp_path: Path
) -> None:
    """The file is gone from where it was coded: the picker asks for it by name; a file
    whose contents differ opens with a warning that the times may not match."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await wait_until(pilot, lambda: session_of(screen).recording is not None, "the facts")
        session_id = session_of(screen).id
        await pilot.press("ctrl+q")
    other = tmp_path / "elsewhere" / "copy.mp4"
    other.parent.mkdir()
    other.write_bytes(b"another file altogether")
    video_file.unlink()
    app = video_app(isolated_data_dir, players, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.resume_session(session_id)
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingPicker), "the picker")
        about = str(app.screen.query_one("#about").render())
        assert "visit.mp4" in about and "no longer at" in about
        path_field = app.screen.query_one("#path")
        path_field.value = str(tmp_path / "elsewhere")
        await pilot.press("enter")
        await pilot.pause()
        problem = str(app.screen.query_one("#problem").render())
        assert "is a folder" in problem and isinstance(app.screen, RecordingPicker)
        path_field.value = str(other)
        await pilot.press("enter")
        screen = await coding_screen(pilot)
        await wait_until(
            pilot,
            lambda: any("not the recording" in n.message for n in app._notifications),
            "the warning",
        )
    assert remembered_recording(isolated_data_dir, session_id) == other.resolve()
    with open_archive(isolated_data_dir) as archive:
        assert archive.load(session_id).recording.name == "visit.mp4", "the facts stay"
