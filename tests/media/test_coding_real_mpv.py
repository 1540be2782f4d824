"""Coding from a recording on the real mpv, headless, through the app: the exported onset
is the frame the key was pressed on. Skipped, with the reason, where mpv is missing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from textual._time import get_time as textual_key_clock

from observe.cli import main
from observe.media import Player
from observe.tui.app import make_app

from ..tui.video_harness import coding_screen, settled, video_request
from ..tui.waiting import wait_until


def app_on(data_dir: Path, mpv_program: str, video: Path):
    async def start() -> Player:
        return await Player.start(headless=True, program=mpv_program, monotonic=textual_key_clock)

    return make_app(data_dir, start_player=start, first=video_request(data_dir, video))


def exported_times(data_dir: Path, session_id: str) -> list[tuple[str, float]]:
    result = CliRunner().invoke(
        main, ["--data-dir", str(data_dir), "export", session_id, "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(result.output))
    return [(row["code"], float(row["time"])) for row in rows]


async def test_ten_seconds_and_three_frames_is_the_exported_onset(
    mpv_program: str, test_video: Path, tmp_path: Path
) -> None:
    """Go to 10.000 s, step three frames forward, press the cue key: the export says the
    cue's onset is 10 s + 3 frames (10.12 s at 25 fps); the end is where the video stood."""
    data_dir = tmp_path / "archive"
    app = app_on(data_dir, mpv_program, test_video)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"10.000", "enter")
        await settled(pilot, screen)
        for _ in range(3):
            await pilot.press("ctrl+right")
            await settled(pilot, screen)
        await pilot.press("a", "x")
        await pilot.pause()
        await pilot.press("y")
        await wait_until(pilot, lambda: screen.live.ended, "the end of the session")
        await wait_until(pilot, lambda: screen.live.session.recording is not None, "the facts")
        session_id = screen.live.session.id
        await pilot.press("escape")  # the ratings: skipped
        await pilot.pause()
    assert exported_times(data_dir, session_id) == [("hungry", 10.12)]


async def test_back_three_seconds_from_twelve_lands_on_nine(
    mpv_program: str, test_video: Path, tmp_path: Path
) -> None:
    """Three presses of "back 1 s" from 12.0 s: 9.0 s, not a keyframe before it."""
    app = app_on(tmp_path / "archive", mpv_program, test_video)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await pilot.press("ctrl+g", *"12", "enter")
        await settled(pilot, screen)
        for _ in range(3):
            await pilot.press("left")
            await settled(pilot, screen)
        assert screen.live.now() == 9.0
        await pilot.press("t")
        await pilot.pause()
        assert [(e.code, e.t) for e in screen.live.session.events] == [("tired", 9.0)]


async def test_a_file_mpv_cannot_play_is_one_sentence(mpv_program: str, tmp_path: Path) -> None:
    """A text file given as the recording: the app ends with mpv's reason, no session."""
    text = tmp_path / "notes.mp4"
    text.write_text("these are notes, not a video\n" * 50)
    data_dir = tmp_path / "archive"
    app = app_on(data_dir, mpv_program, text)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.open_error is not None, "the refusal")
    assert "cannot be played" in str(app.open_error) and "notes.mp4" in str(app.open_error)
    assert not list((data_dir / "sessions").glob("*.journal"))
