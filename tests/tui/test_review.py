"""Reviewing an ended session: edits, deletions and insertions are journaled and kept."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import DataTable, Input, Select

from observe.store import Archive
from observe.tui.dialogs.event_editor import EventEditor, check_event, parse_time
from observe.tui.screens.review import ReviewScreen

from .coding_harness import APP_CSS
from .waiting import wait_until


class ReviewApp(App[None]):
    CSS_PATH = str(APP_CSS)

    def __init__(self, archive: Archive, session_id: str) -> None:
        super().__init__()
        self.archive = archive
        self.session_id = session_id

    def on_mount(self) -> None:
        self.push_screen(ReviewScreen(self.archive, self.archive.load(self.session_id)))


def stored_session(tmp_path: Path, make_session) -> str:
    session = make_session(
        [(1.0, "hungry"), (2.5, "feed", "point", 2), (10.0, "tired"), (20.0, "play")], duration=30.0
    )
    with Archive.open(tmp_path) as archive:
        archive.add(session)
    return session.id


async def replace_input(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    await pilot.pause()


async def test_edit_delete_and_insert_land_in_the_archive(tmp_path: Path, make_session) -> None:
    """A corrected time, a deleted event and an inserted response are in the reloaded session."""
    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 4
        # Edit the first event (hungry at 1.0) to 1.25 s.
        await pilot.press("enter")
        assert isinstance(app.screen, EventEditor)
        await replace_input(pilot, "#time", "1.25")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        # Delete the third event (tired at 10.0), confirmed.
        await pilot.press("down", "down", "d", "y")
        assert table.row_count == 3
        # Insert a settle response at 11.5 s.
        await pilot.press("i")
        editor = app.screen
        assert isinstance(editor, EventEditor)
        await replace_input(pilot, "#time", "00:11.5")
        editor.query_one("#code", Select).value = "settle"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert table.row_count == 4
        await pilot.press("escape")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t, e.intensity) for e in session.events] == [
        ("hungry", 1.25, None),
        ("feed", 2.5, 2),
        ("settle", 11.5, None),
        ("play", 20.0, None),
    ]
    assert session.status == "ended" and session.duration == 30.0


async def test_invalid_edit_is_refused_with_a_sentence(tmp_path: Path, make_session) -> None:
    """A time past the end of the session is not saved; the editor says why."""
    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    async with ReviewApp(archive, session_id).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await replace_input(pilot, "#time", "31")
        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, EventEditor)
        assert "outside the session" in str(pilot.app.screen.query_one("#problems").render())
        await pilot.press("escape", "escape")
    archive.close()
    with Archive.open(tmp_path) as reopened:
        assert reopened.load(session_id).events[0].t == 1.0


def test_times_are_read_as_seconds_or_minutes(tiny_scheme) -> None:
    assert parse_time("75.2") == 75.2
    assert parse_time("01:15.2") == 75.2
    assert parse_time("1:01:15") == 3675
    assert parse_time("soon") is None
    assert parse_time("") is None


def test_event_checks_name_each_problem(tiny_scheme) -> None:
    """Negative times, codes outside the scheme, wrong kinds and intensities are each named."""
    _, problems = check_event(
        tiny_scheme, 30.0, time_text="-1", code="nope", kind="point", intensity_text="9"
    )
    assert len(problems) == 3
    _, problems = check_event(
        tiny_scheme, 30.0, time_text="3", code="fussing", kind="point", intensity_text=""
    )
    assert problems == ["Fussing is a state code: its kind must be start or stop."]
    fields, problems = check_event(
        tiny_scheme, 30.0, time_text="3", code="feed", kind="point", intensity_text="2"
    )
    assert problems == [] and fields == {"t": 3.0, "code": "feed", "kind": "point", "intensity": 2}


async def test_read_only_archive_shows_why_and_changes_nothing(
    tmp_path: Path, make_session
) -> None:
    """When another window holds the archive, review still shows the session but edits are off."""
    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path, readonly=True)
    async with ReviewApp(archive, session_id).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        banner = pilot.app.screen.query_one("#review-readonly")
        assert banner.display and "READ-ONLY" in str(banner.render())
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ReviewScreen)  # no delete dialog
        assert pilot.app.screen.query_one(DataTable).row_count == 4
    archive.close()


async def test_review_figures_and_the_home_list_follow_an_edit(
    isolated_data_dir: Path, make_session
) -> None:
    """Deleting the only response turns "responded" from 100% to 0% in the review figures
    at once, and in the home list after going back."""
    from observe.tui.app import make_app
    from observe.tui.screens.home import HomeScreen
    from observe.workspace import open_archive

    session = make_session([(1.0, "hungry"), (2.5, "feed")], duration=30.0)
    with open_archive(isolated_data_dir) as archive:
        archive.add(session)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        assert "100%" in str(home.query_one("#sessions").get_row_at(0))
        await pilot.press("v")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        figures = review.query_one("#review-figures")
        assert "Responded 100%" in str(figures.render())
        await pilot.press("down", "d", "y")
        assert "Responded 0%" in str(figures.render())
        await pilot.press("escape")
        await app.workers.wait_for_complete()

        def home_row() -> list[str]:
            return [str(cell) for cell in home.query_one("#sessions").get_row_at(0)]

        # The home list follows the index on disk: it polls, so give it time.
        await wait_until(pilot, lambda: home_row()[5] == "0%", "the home list to follow")
        assert isinstance(app.screen, HomeScreen)


async def test_review_help_lists_every_key(tmp_path: Path, make_session) -> None:
    from observe.tui.screens.help import HelpScreen

    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    async with ReviewApp(archive, session_id).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        listed = " ".join(key for key, _ in pilot.app.screen.rows)
        for binding in ReviewScreen.BINDINGS:
            shown = binding.key_display or binding.key
            assert shown.replace("escape", "esc") in listed, shown
    archive.close()


async def test_a_refused_review_edit_is_kept_retried_and_saved(
    tmp_path: Path, make_session, monkeypatch
) -> None:
    """A deletion the disk refuses is not lost: the NOT SAVED banner says so, the screen
    will not close while it waits, and the retry puts it in the archive."""
    from observe.errors import ArchiveError

    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.recorder is not None
        recorder = screen.recorder
        real_apply = recorder.apply
        refusing = [True]

        def apply(change):
            if refusing[0]:
                raise ArchiveError("the disk is full; free some space")
            return real_apply(change)

        monkeypatch.setattr(recorder, "apply", apply)
        await pilot.press("d", "y")  # delete hungry at 1.0, refused by the disk
        await pilot.pause()
        banner = screen.query_one("#write-error")
        assert banner.display and "NOT SAVED: 1 change" in str(banner.render())
        assert screen.query_one(DataTable).row_count == 3, "the deletion shows at once"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen, "review stays open while a change waits"
        refusing[0] = False
        screen._retry_writes()
        await pilot.pause()
        assert not banner.display
    archive.close()
    with Archive.open(tmp_path) as reopened:
        assert [e.code for e in reopened.load(session_id).events] == ["feed", "tired", "play"]


async def test_review_edits_are_folded_by_the_same_policy_as_live_coding(
    tmp_path: Path, make_session, monkeypatch
) -> None:
    """An edit is in the journal at once; the session file is rewritten by live coding's
    fold policy (not after every edit), and at the latest when review closes."""
    from observe.live import FOLD_EVERY_CHANGES, FOLD_EVERY_SECONDS

    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.saver is not None
        policy = screen.saver.policy
        assert (policy.every_changes, policy.every_seconds) == (
            FOLD_EVERY_CHANGES,
            FOLD_EVERY_SECONDS,
        )
        recorder = screen.recorder
        folds: list[int] = []
        real_fold = recorder.fold
        monkeypatch.setattr(
            recorder,
            "fold",
            lambda **how: (folds.append(len(recorder.session.events)), real_fold(**how))[1],
        )
        await pilot.press("d", "y")
        await app.workers.wait_for_complete()
        assert folds == [] and len(recorder.session.events) == 3
        await pilot.press("escape")
        await pilot.pause()
        assert folds == [3], "the last fold, when review closes"
    archive.close()
    with Archive.open(tmp_path) as reopened:
        assert [e.code for e in reopened.load(session_id).events] == ["feed", "tired", "play"]
