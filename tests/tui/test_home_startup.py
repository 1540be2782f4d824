"""Starting observe: the home screen is the first screen, its footer offers what the
selected session allows, and what a crash left is recovered before the list shows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets._footer import FooterKey

from observe.changes import EventRecorded
from observe.model import Event, new_id
from observe.tui.app import make_app
from observe.tui.dialogs.resume_offer import ResumeOffer
from observe.tui.screens.home import HomeScreen
from observe.tui.widgets.session_table import SessionTable
from observe.workspace import open_archive

SIZE = (100, 24)


def footer_actions(screen: HomeScreen) -> dict[str, bool]:
    """Each action the footer shows, and whether it can be pressed."""
    return {key.action: not key.disabled for key in screen.query(FooterKey)}


async def test_the_home_screen_is_the_first_screen(isolated_data_dir: Path, make_session) -> None:
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001"))
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(SessionTable).row_count == 1


async def test_the_footer_follows_the_selected_session(ended_and_interrupted: Path) -> None:
    """Resume for an interrupted session, Review and Report for an ended one: the footer
    is updated once the list is loaded and again whenever the cursor moves."""
    app = make_app(ended_and_interrupted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeOffer)
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        shown = footer_actions(home)
        assert shown.get("resume") is True and "review" not in shown
        await pilot.press("down")
        await pilot.pause()
        shown = footer_actions(home)
        assert shown.get("review") is True and shown.get("report") is True
        assert "resume" not in shown


async def test_events_only_in_a_leftover_journal_are_listed_on_start(
    isolated_data_dir: Path, make_session
) -> None:
    """observe was killed while coding: the events saved in the journal after the last
    fold are replayed when the app opens the archive, so the list counts them."""
    live = make_session(dyad="D007", status="live")
    archive = open_archive(isolated_data_dir)
    recorder = archive.recorder(live)
    recorder.fold()
    for t in (1.0, 2.0, 3.0):
        recorder.apply(EventRecorded(Event(new_id(), "hungry", t)))
    recorder._writer.close()  # killed: no fold, no close
    archive._recorders.clear()
    archive.close()
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if isinstance(app.screen, ResumeOffer):
            await pilot.press("escape")
            await pilot.pause()
        (summary,) = app.screen.query_one(SessionTable).summaries.values()
        assert summary.dyad == "D007" and summary.events == 3 and summary.status == "live"
