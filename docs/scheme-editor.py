"""Regenerate docs/scheme-editor.svg: the scheme editor's grid of fits, a cue just added.

.venv/bin/python docs/scheme-editor.py
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from textual.widgets import DataTable, TabbedContent

from observe.scheme_editor import create_user_scheme
from observe.tui.app import make_app

SIZE = (100, 30)
OUTPUT = Path(__file__).with_name("scheme-editor.svg")


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        archive_dir = Path(folder)
        create_user_scheme(archive_dir, "our-visits", "infant-cues")
        app = make_app(archive_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("s")  # the schemes; ours is the last row
            rows = app.screen.query_one(DataTable)
            rows.move_cursor(row=rows.row_count - 1)
            await pilot.press("e")
            await pilot.pause()
            editor = app.screen
            editor.query_one(TabbedContent).active = "tab-codes"
            await pilot.pause()
            editor.query_one("#pane-codes DataTable").focus()
            await pilot.press("c", *"Sleepy", "tab", "tab", "enter", "g", "escape")
            await pilot.pause()
            editor.query_one(TabbedContent).active = "tab-fits"
            await pilot.pause()
            grid = editor.query_one("#pane-fits DataTable", DataTable)
            grid.focus()
            row = grid.get_row_index("sleepy")
            for response in ("settle", "calm"):
                grid.cursor_coordinate = (row, grid.get_column_index(response))
                await pilot.press("space")
            await pilot.pause(0.3)
            app.save_screenshot(filename=OUTPUT.name, path=str(OUTPUT.parent))
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    asyncio.run(shoot())
