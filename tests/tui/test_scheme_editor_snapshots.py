"""What the scheme list and the editor look like at 80×24 (SVG snapshots)."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve
from textual.widgets import DataTable, Input, TabbedContent

from observe.scheme import find_scheme
from observe.scheme_editor import create_user_scheme
from observe.tui.app import make_app
from observe.tui.screens.scheme_editor import SchemeEditorScreen
from observe.tui.screens.scheme_list import SchemeListScreen
from observe.workspace import open_archive
from tests.tui.waiting import wait_until

SIZE = (80, 24)


def archive_with_own_scheme(data_dir: Path, make_session):
    """A copy of infant-cues ("ours"), and sessions coded with infant-cues 1.0 and 0.9."""
    create_user_scheme(data_dir, "ours", "infant-cues")
    cues = find_scheme("infant-cues", data_dir)
    with open_archive(data_dir) as archive:
        for version in ("1.0", "1.0", "0.9"):
            archive.add(make_session(scheme=evolve(cues, version=version)))
    return make_app(data_dir, clock_source=lambda: 1000.0)


async def open_own(pilot) -> None:
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SchemeListScreen), "the list")
    rows = pilot.app.screen.query_one(DataTable)
    rows.move_cursor(row=rows.row_count - 1)
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SchemeEditorScreen), "the editor")
    await pilot.pause()


def test_the_scheme_list(snap_compare, isolated_data_dir: Path, make_session) -> None:
    app = archive_with_own_scheme(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, press=["s"])


def test_a_key_refused_for_a_new_cue(snap_compare, isolated_data_dir, make_session) -> None:
    async def run_before(pilot) -> None:
        await open_own(pilot)
        pilot.app.screen.query_one(TabbedContent).active = "tab-codes"
        await pilot.pause()
        pilot.app.screen.query_one("#pane-codes DataTable").focus()
        await pilot.press("c", *"Sleepy", "tab", "tab", "enter", "a")

    app = archive_with_own_scheme(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_the_grid_of_fits(snap_compare, isolated_data_dir: Path, make_session) -> None:
    async def run_before(pilot) -> None:
        await open_own(pilot)
        pilot.app.screen.query_one(TabbedContent).active = "tab-fits"
        await pilot.pause()
        grid = pilot.app.screen.query_one("#pane-fits DataTable", DataTable)
        grid.focus()
        grid.cursor_coordinate = (2, 2)  # tired → settles to sleep
        await pilot.pause()

    app = archive_with_own_scheme(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_the_keyboard(snap_compare, isolated_data_dir: Path, make_session) -> None:
    async def run_before(pilot) -> None:
        await open_own(pilot)
        pilot.app.screen.query_one(TabbedContent).active = "tab-keys"
        await pilot.pause()

    app = archive_with_own_scheme(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_a_problem_beside_its_field(snap_compare, isolated_data_dir, make_session) -> None:
    async def run_before(pilot) -> None:
        await open_own(pilot)
        pilot.app.screen.query_one("#field-repair_window", Input).focus()
        await pilot.press("ctrl+u", "3")
        await pilot.pause()

    app = archive_with_own_scheme(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
