"""A new session from a recording in the app: the file first (typed or picked), then the
form; a path that is no video file is one sentence and the picker stays open."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from observe.tui.dialogs.new_session import NewSessionDialog
from observe.tui.dialogs.recording_picker import RecordingPicker
from observe.tui.screens.coding import CodingScreen

from .video_harness import coding_screen, session_of, video_app, video_request
from .waiting import wait_until


async def test_f_picks_the_recording_then_the_form_starts_coding_it(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    app = video_app(isolated_data_dir, players, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingPicker), "the picker")
        path = app.screen.query_one("#path", Input)
        for wrong, said in (
            (video_file.parent / "gone.mp4", "there is no such file"),
            (video_file.parent, "it is a folder"),
        ):
            path.value = str(wrong)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, RecordingPicker), wrong
            assert said in str(app.screen.query_one("#problem").render())
        path.value = str(video_file.parent) + "/"
        path.cursor_position = len(path.value)
        await pilot.press("v", "i")
        await pilot.pause(0.2)
        await pilot.press("right")  # takes the completion offered
        assert path.value == str(video_file)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, NewSessionDialog), "the form")
        assert "visit.mp4" in str(app.screen.query_one("#title").render())
        await pilot.press(*"D014", "tab", *"OBS1", "enter")
        screen = await coding_screen(pilot)
        assert session_of(screen).origin == "recording" and session_of(screen).dyad == "D014"
        assert players.current.loaded == str(video_file)


async def test_a_first_session_without_a_recording_is_coded_live(
    isolated_data_dir: Path, players
) -> None:
    """observe code without --video: the live coding screen at once, no player."""
    request = video_request(isolated_data_dir, Path("unused"))
    from attrs import evolve

    from observe.tui.app import make_app

    app = make_app(isolated_data_dir, first=evolve(request, recording=None))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "coding")
        assert type(app.screen) is CodingScreen and app.screen.live.session.origin == "live"
        assert players.started == []
