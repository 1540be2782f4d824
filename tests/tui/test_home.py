"""The home screen: what a home visitor sees and does before and after coding."""

from __future__ import annotations

from pathlib import Path

from observe.tui.app import make_app
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.resume_offer import ResumeOffer
from observe.tui.screens.home import HomeScreen
from observe.tui.widgets.session_table import SessionTable
from observe.workspace import open_archive

SIZE = (80, 24)


def seed(data_dir: Path, sessions) -> None:
    with open_archive(data_dir) as archive:
        for session in sessions:
            archive.add(session)


def listed_dyads(app) -> list[str]:
    table = app.screen.query_one(SessionTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_sessions_are_listed_newest_first(isolated_data_dir: Path, make_session) -> None:
    seed(
        isolated_data_dir,
        [
            make_session(
                [(1.0, "hungry"), (2.0, "feed")],
                dyad="D001",
                started_at="2026-03-01T09:00:00+00:00",
            ),
            make_session([(1.0, "tired")], dyad="D003", started_at="2026-03-03T09:00:00+00:00"),
            make_session([(1.0, "over")], dyad="D002", started_at="2026-03-02T09:00:00+01:00"),
        ],
    )
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert listed_dyads(app) == ["D003", "D002", "D001"]
        first = app.screen.query_one(SessionTable).get_row_at(2)
        assert "2026-03-01 09:00" in [str(cell) for cell in first]
        assert "100%" in [str(cell) for cell in first], (
            "the response rate of D001 (1 of 1 cue answered)"
        )


async def test_typing_a_dyad_after_slash_filters_the_list(
    isolated_data_dir: Path, make_session
) -> None:
    seed(
        isolated_data_dir,
        [
            make_session(dyad="D001", started_at="2026-03-01T09:00:00+00:00"),
            make_session(dyad="D002", started_at="2026-03-02T09:00:00+00:00"),
            make_session(dyad="D001", visit="2", started_at="2026-03-03T09:00:00+00:00"),
        ],
    )
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "d", "0", "0", "1")
        await pilot.pause()
        assert listed_dyads(app) == ["D001", "D001"]
        await pilot.press("enter")
        assert isinstance(app.focused, SessionTable)
        await pilot.press("slash", "ctrl+u", "9")  # ctrl+u clears the input
        await pilot.pause()
        assert listed_dyads(app) == []
        assert "No session matches" in str(app.screen.query_one("#status").render())


async def test_delete_asks_first_and_only_yes_removes_the_session(
    isolated_data_dir: Path, make_session
) -> None:
    keep = make_session(dyad="D001", started_at="2026-03-01T09:00:00+00:00")
    doomed = make_session(dyad="D002", started_at="2026-03-02T09:00:00+00:00")
    seed(isolated_data_dir, [keep, doomed])
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focused answer is "Keep"
        await pilot.pause()
        assert listed_dyads(app) == ["D002", "D001"]
        await pilot.press("d", "escape")
        await pilot.pause()
        assert listed_dyads(app) == ["D002", "D001"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert listed_dyads(app) == ["D001"]
        assert [s.id for s in app.archive.list_sessions()] == [keep.id]


async def test_an_interrupted_session_is_marked_and_offered_for_resume(
    ended_and_interrupted: Path,
) -> None:
    app = make_app(ended_and_interrupted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeOffer)
        assert "D002" in app.screen.question and "interrupted" in app.screen.question
        await pilot.press("escape")  # not now
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        status_cells = [str(app.screen.query_one(SessionTable).get_row_at(r)[3]) for r in range(2)]
        assert status_cells == ["▶ resume", "✓ ended"]
        home = app.screen
        assert home.check_action("resume", ()) is True
        assert home.check_action("review", ()) is False
        await pilot.press("down")
        assert home.check_action("resume", ()) is False
        assert home.check_action("review", ()) is True


async def test_archive_problems_are_shown_as_warnings(
    isolated_data_dir: Path, make_session
) -> None:
    seed(isolated_data_dir, [make_session(dyad="D001")])
    (isolated_data_dir / "sessions" / "0123456789abcdef0123456789abcdef.json").write_text(
        "{not json"
    )
    with open_archive(isolated_data_dir) as archive:
        expected = list(archive.problems)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert expected and all(problem in shown for problem in expected)


async def test_help_lists_every_home_key(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        from observe.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        keys = [key for key, _ in app.screen.rows]
        for binding in HomeScreen.BINDINGS:
            if binding.show:
                assert (binding.key_display or binding.key) in keys
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
