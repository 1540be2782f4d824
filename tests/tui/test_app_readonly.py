"""When another observe holds the archive, this one only looks (and says why)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from observe.tui.app import make_app
from observe.tui.screens.home import HomeScreen
from observe.workspace import open_archive

HOLD_LOCK = """
import sys
from observe.workspace import open_archive
archive = open_archive(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
archive.close()
"""


async def test_a_locked_archive_opens_read_only_with_a_notice(
    isolated_data_dir: Path, make_session
) -> None:
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001"))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(isolated_data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        app = make_app(isolated_data_dir)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen)
            assert app.archive.readonly
            banner = home.query_one("#readonly")
            assert banner.display
            text = str(banner.render())
            assert "READ-ONLY" in text and str(holder.pid) in text
            assert home.check_action("new_session", ()) is None, "shown dimmed, not usable"
            assert home.check_action("delete", ()) is None
            assert home.check_action("review", ()) is True
            await pilot.press("n", "d")
            assert app.screen is home, "no dialog opens for a write action"
            assert len(app.archive.list_sessions()) == 1
    finally:
        holder.communicate("\n", timeout=60)
