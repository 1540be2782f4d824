"""Regenerate docs/coding-video.svg: the coding screen coding a recording (the real mpv,
headless, on its own test pattern), gone back over events already coded.

.venv/bin/python docs/coding-video.py
"""

from __future__ import annotations

import asyncio
import subprocess
import tempfile
from pathlib import Path

from textual._time import get_time as textual_key_clock

from observe.media import Player, find_mpv
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NewSessionRequest

SIZE = (80, 24)
OUTPUT = Path(__file__).with_name("coding-video.svg")


def test_pattern(folder: Path) -> Path:
    """Two minutes of mpv's test pattern at 25 fps, standing in for a filmed visit."""
    path = folder / "visit-D014-3.mp4"
    source = "av://lavfi:testsrc=duration=120:size=160x120:rate=25"
    subprocess.run(
        [
            find_mpv(),
            "--no-config",
            "--no-terminal",
            source,
            f"--o={path}",
            "--of=mp4",
            "--ovc=mpeg4",
            "--ovcopts=g=25",
            "--no-audio",
        ],
        check=True,
        capture_output=True,
    )
    return path


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive_dir = Path(folder) / "archive"
        video = test_pattern(Path(folder))
        request = NewSessionRequest(
            dyad="D014",
            observer="OBS1",
            visit="3",
            context="feeding",
            scheme=find_scheme(DEFAULT_SCHEME_ID, archive_dir),
            recording=video,
        )

        async def player() -> Player:
            return await Player.start(headless=True, monotonic=textual_key_clock)

        app = make_app(archive_dir, start_player=player, first=request)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(1.0)
            for time, key in (("12.4", "w"), ("15.2", "j"), ("41", "a"), ("44.8", "o")):
                await pilot.press("ctrl+g", *time, "enter")
                await pilot.pause(0.3)
                await pilot.press(key)
                await pilot.pause(0.2)
            await pilot.press("ctrl+g", *"30", "enter")  # back over the events coded
            await pilot.pause(0.3)
            for _ in range(3):
                await pilot.press("ctrl+right")
                await pilot.pause(0.2)
            await pilot.press("e")  # an engagement bid, on the frame shown
            await pilot.pause(0.6)
            app.save_screenshot(filename=OUTPUT.name, path=str(OUTPUT.parent))
            await pilot.press("ctrl+q")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    asyncio.run(shoot())
