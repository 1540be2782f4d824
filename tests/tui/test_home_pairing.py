"""Double-coded visits on the home screen: the list's Pair column says which coding of a
visit each session is, and ``m`` pairs the selected session with another coding of the same
visit (or unpairs it), through the archive as ``observe session pair`` does."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve
from textual.widgets import Button, Checkbox, Select

from observe.tui.app import make_app
from observe.tui.dialogs.pair import PairDialog
from observe.tui.screens.home import HomeScreen
from observe.tui.widgets.session_table import COLUMNS, PAIR_COLUMN
from observe.workspace import open_archive

SIZE = (80, 24)
FIRST, SECOND, LATER, OTHER = ("1" * 32, "2" * 32, "3" * 32, "4" * 32)


def seed(data_dir: Path, make_session, *, paired: bool) -> None:
    """D001 visit 1 coded by OBS1 (FIRST) and OBS2 (SECOND), visit 2 (LATER); D002 (OTHER)."""
    first = evolve(make_session([(1.0, "hungry"), (3.5, "feed")], duration=600.0), id=FIRST)
    second = evolve(
        make_session([(1.2, "hungry"), (3.4, "feed")], duration=600.0),
        id=SECOND,
        observer="OBS2",
        started_at="2026-03-02T10:00:02+00:00",
    )
    if paired:
        second = evolve(
            second, second_coding_of=FIRST, second_coding_at="2026-03-02T12:00:00+00:00"
        )
    later = evolve(
        make_session([(1.0, "hungry")], visit="2", started_at="2026-03-09T10:05:00+00:00"),
        id=LATER,
    )
    other = evolve(make_session(dyad="D002", started_at="2026-03-03T14:30:00+00:00"), id=OTHER)
    with open_archive(data_dir) as archive:
        archive.add_many([first, second, later, other])


def column_labels(home: HomeScreen) -> list[str]:
    return [str(column.label) for column in home.table.columns.values()]


def pair_cell(home: HomeScreen, session_id: str) -> str:
    row = home.table.get_row(session_id)
    return str(row[column_labels(home).index(PAIR_COLUMN)])


async def select_session(pilot, home: HomeScreen, session_id: str) -> None:
    home.table.move_cursor(row=home.table.get_row_index(session_id))
    await pilot.pause()


async def test_an_archive_without_double_coded_visits_lists_no_pair_column(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=False)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert column_labels(app.screen) == list(COLUMNS)


async def test_the_pair_column_says_which_coding_and_of_which_session(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=True)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert PAIR_COLUMN in column_labels(home)
        assert pair_cell(home, FIRST) == "1st + 22222222"
        assert pair_cell(home, SECOND) == "2nd + 11111111"
        assert pair_cell(home, LATER) == pair_cell(home, OTHER) == ""
        # Filtered to a family without a double-coded visit, the column goes.
        await pilot.press("slash", *"D002")
        await pilot.pause()
        assert column_labels(home) == list(COLUMNS)


async def test_m_pairs_the_selected_session_with_the_chosen_coding(
    isolated_data_dir: Path, make_session
) -> None:
    """The second observer's session selected, the first one chosen: the first is the
    visit's primary (the one trends count), as `observe session pair FIRST SECOND` does."""
    seed(isolated_data_dir, make_session, paired=False)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await select_session(pilot, home, SECOND)
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, PairDialog)
        assert [s.id for s in dialog.candidates] == [LATER, FIRST]  # its dyad's, newest first
        await pilot.click("#pair")  # nothing chosen yet: refused with a sentence
        assert isinstance(app.screen, PairDialog)
        assert "Choose the other coding" in str(dialog.query_one("#problems").render())
        dialog.query_one("#pair-with", Select).value = FIRST
        dialog.query_one("#pair", Button).press()
        await pilot.pause()
        assert app.screen is home
        visit = {s.id: s for s in app.archive.list_sessions()}[SECOND].coded_visit
        assert visit is not None and visit.codings == (FIRST, SECOND)
        assert pair_cell(home, SECOND) == "2nd + 11111111"


async def test_the_selected_session_can_be_made_the_primary_when_pairing(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=False)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        await select_session(pilot, home, SECOND)
        await pilot.press("m")
        app.screen.query_one("#pair-with", Select).value = FIRST
        app.screen.query_one("#primary", Checkbox).value = True
        await pilot.click("#pair")
        await pilot.pause()
        visit = {s.id: s for s in app.archive.list_sessions()}[SECOND].coded_visit
        assert visit is not None and visit.primary == SECOND


async def test_m_on_a_second_coding_makes_it_primary_or_unpairs_it(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=True)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        await select_session(pilot, home, SECOND)
        await pilot.press("m")
        assert isinstance(app.screen, PairDialog)
        assert "a second coding" in str(app.screen.query_one("#pair-about").render())
        await pilot.click("#make-primary")
        await pilot.pause()
        listed = {s.id: s for s in app.archive.list_sessions()}
        assert listed[SECOND].coded_visit.primary == SECOND
        assert pair_cell(home, SECOND) == "1st + 11111111"
        await pilot.press("m")
        assert not app.screen.query("#make-primary")  # the primary has no such button
        await pilot.click("#unpair")
        await pilot.pause()
        listed = {s.id: s for s in app.archive.list_sessions()}
        assert listed[SECOND].coded_visit is None and listed[FIRST].coded_visit is None
        assert column_labels(home) == list(COLUMNS)


async def test_a_session_with_nothing_to_pair_with_says_so(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=False)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        await select_session(pilot, home, OTHER)  # D002's only session
        await pilot.press("m")
        assert isinstance(app.screen, PairDialog)
        assert "No other session of dyad D002" in str(app.screen.query_one("#pair-about").render())
        assert [b.id for b in app.screen.query(Button)] == ["cancel"]
        await pilot.press("escape")
        assert app.screen is home


async def test_a_read_only_archive_offers_no_pairing(isolated_data_dir: Path, make_session) -> None:
    seed(isolated_data_dir, make_session, paired=False)
    with open_archive(isolated_data_dir):  # another observe holds the archive
        app = make_app(isolated_data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen) and app.archive.readonly
            assert home.check_action("pair", ()) is None  # dimmed, not usable
            await pilot.press("m")
            assert app.screen is home


def test_the_home_screen_with_a_double_coded_visit(
    snap_compare, isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, make_session, paired=True)
    assert snap_compare(make_app(isolated_data_dir), terminal_size=SIZE)


def test_the_pair_dialog(snap_compare, isolated_data_dir: Path, make_session) -> None:
    seed(isolated_data_dir, make_session, paired=False)
    app = make_app(isolated_data_dir)

    async def open_dialog(pilot) -> None:
        await pilot.pause()
        home = app.screen
        home.table.move_cursor(row=home.table.get_row_index(SECOND))
        await pilot.press("m")

    assert snap_compare(app, terminal_size=SIZE, run_before=open_dialog)
