"""The home screen under the coding screen does nothing while the observer codes.

If these failed, every fold's index write during coding would make the hidden list of a
year's sessions rebuild on the main thread, and a key pressed meanwhile would wait for it
(a second and more with 2,000 sessions).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from observe.tui.app import make_app
from observe.tui.messages import SessionsChanged
from observe.tui.screens.coding import CodingScreen
from observe.tui.screens.end_summary import EndSummary
from observe.tui.screens.home import HomeScreen
from observe.tui.screens.home_following import INDEX_POLL_SECONDS
from observe.workspace import open_archive

from .waiting import wait_until

SIZE = (100, 30)


async def test_the_hidden_home_screen_does_not_rebuild_while_coding(
    isolated_data_dir: Path, make_session
) -> None:
    """Five pauses (each pause's fold writes the index) and a SessionsChanged while the
    coding screen is on top, over more than two poll periods: no rebuild. Back home: one."""
    with open_archive(isolated_data_dir) as archive:
        for day in range(1, 10):
            archive.add(make_session(dyad=f"D{day:03d}", started_at=f"2026-03-{day:02d}T09:00"))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        await pilot.pause()
        rebuilds = home.rebuilds
        index = isolated_data_dir / "index.json"
        for key in "aotle":
            before = index.stat().st_mtime_ns
            await pilot.press(key, "space")  # a code, then pause: the fold lists the session
            await app.workers.wait_for_complete()
            assert index.stat().st_mtime_ns != before, "the pause's fold wrote the index"
            await asyncio.sleep(INDEX_POLL_SECONDS / 2)
            await pilot.press("space")  # resume
            await pilot.pause()
        app.post_message(SessionsChanged())
        await pilot.pause()
        assert home.rebuilds == rebuilds, "the hidden home screen rebuilt its list"
        await pilot.press("x", "y")  # end; the scheme's ratings, then the summary
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EndSummary), "the end summary")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is home, "the home screen again")
        await wait_until(pilot, lambda: home.rebuilds > rebuilds, "the list read again")
        await pilot.pause(0.2)
        assert home.rebuilds == rebuilds + 1, "read once when it is seen again"
        assert "D014" in str(home.table.get_row_at(0))


async def test_starting_a_session_does_not_rebuild_the_list_first(
    isolated_data_dir: Path, make_session
) -> None:
    """Enter on the new-session form writes the index (the new session) and uncovers the
    home screen for a moment before the coding screen opens: the list is not rebuilt."""
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001"))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        rebuilds = home.rebuilds
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        await pilot.pause(0.2)
        assert home.rebuilds == rebuilds


async def test_what_was_alive_before_coding_is_left_out_of_garbage_collection(
    isolated_data_dir: Path, make_session
) -> None:
    """The list and the index loaded before coding stay alive while coding: the collector's
    full passes skip them then (they would walk the whole archive between two keys), and
    take them back once coding is over."""
    import gc

    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001"))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() == 0
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        assert gc.get_freeze_count() > 0
        await pilot.press("x", "y", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, EndSummary), "the end summary")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        assert gc.get_freeze_count() == 0
