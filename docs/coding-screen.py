"""Regenerate docs/coding-screen.svg: the coding screen in the middle of a demo-like session.

.venv/bin/python docs/coding-screen.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from attrs import evolve

from observe.interchange.simulate import simulate_session
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
from observe.tui.app import make_app
from observe.workspace import open_archive

SIZE = (80, 24)
OUTPUT = Path(__file__).with_name("coding-screen.svg")


def interrupted_session(archive_dir: Path):
    """A simulated visit cut off three minutes in, as if the laptop had died."""
    scheme = find_scheme(DEFAULT_SCHEME_ID, archive_dir)
    full = simulate_session(
        scheme,
        seed=11,
        dyad="D014",
        visit="3",
        started_at="2026-03-02T10:00:00+01:00",
        duration=600.0,
        skill=0.7,
    )
    events = [e for e in full.events if e.t <= 180.0 and e.kind == "point"]
    return evolve(
        full,
        events=events,
        duration=events[-1].t,
        status="live",
        origin="live",
        pauses=(),
        ratings={},
        notes="",
        ended_at=None,
        observer="OBS1",
    )


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive_dir = Path(folder)
        with open_archive(archive_dir) as archive:
            archive.add(interrupted_session(archive_dir))
        app = make_app(archive_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # "Resume" on the offer to resume the interrupted session
            await pilot.pause(0.3)
            await pilot.press("space")  # resumed sessions start paused: carry on coding
            await pilot.pause(0.4)
            await pilot.press("w")  # overstimulated
            await pilot.pause(1.1)
            await pilot.press("a")  # hungry
            await pilot.pause(0.6)
            await pilot.press("o")  # offers a feed
            await pilot.pause(0.8)
            await pilot.press("t")  # tired
            await pilot.pause(0.6)
            await pilot.press("e")  # engagement bid
            await pilot.pause(0.9)
            app.save_screenshot(filename=OUTPUT.name, path=str(OUTPUT.parent))
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    asyncio.run(shoot())
