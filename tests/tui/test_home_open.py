"""Opening sessions from the home screen: a damaged one is one sentence, and a session
left with ctrl+q comes back as paused, not as a crash.

If these failed, a damaged session file would end the app with a traceback in the middle
of a visit, or a visitor who quit on purpose would be told observe had crashed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.errors import ObserveError
from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NewSessionDialog
from observe.tui.dialogs.resume_offer import ResumeOffer
from observe.tui.screens.coding import CodingScreen
from observe.tui.screens.home import HomeScreen
from observe.tui.widgets.session_table import SessionTable
from observe.workspace import open_archive

from .waiting import wait_until

SIZE = (100, 30)


def damaged_archive(data_dir: Path, make_session, *, status: str) -> str:
    """One session whose file is then overwritten with bytes that are no session file;
    returns the sentence the store gives when it is loaded."""
    session = make_session([(1.0, "hungry")], dyad="D009", status=status)
    with open_archive(data_dir) as archive:
        archive.add(session)
    (data_dir / "sessions" / f"{session.id}.json").write_text('{"session": {"dyad": 4')
    with open_archive(data_dir) as archive, pytest.raises(ObserveError) as refused:
        archive.load(session.id)
    return str(refused.value)


def errors_shown(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


@pytest.mark.parametrize("key", ["enter", "v", "p"])
async def test_a_damaged_session_opened_from_home_is_one_sentence(
    isolated_data_dir: Path, make_session, key: str
) -> None:
    sentence = damaged_archive(isolated_data_dir, make_session, status="ended")
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await wait_until(pilot, lambda: errors_shown(app), "the error to be shown")
        assert sentence in errors_shown(app)[0] and "\n" not in errors_shown(app)[0]
        assert app.is_running and isinstance(app.screen, HomeScreen)
        await pilot.press("down", "question_mark")  # the app still answers keys
        assert app.screen.__class__.__name__ == "HelpScreen"


@pytest.mark.parametrize("key", ["escape", "r"])
async def test_a_damaged_paused_session_resumed_is_one_sentence(
    isolated_data_dir: Path, make_session, key: str
) -> None:
    """Escape on the start-up offer then r (or Enter on the offer itself) on a paused
    session whose file is damaged."""
    sentence = damaged_archive(isolated_data_dir, make_session, status="paused")
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeOffer)
        await pilot.press(key)
        if key == "escape":
            await pilot.press("r")
        await wait_until(pilot, lambda: errors_shown(app), "the error to be shown")
        assert sentence in errors_shown(app)[0]
        assert app.is_running and isinstance(app.screen, HomeScreen)


async def code_then_quit(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        await pilot.press("a", "o")
        coding = app.screen
        await wait_until(pilot, lambda: len(coding.recorder.session.events) == 2, "both events")
        await pilot.press("ctrl+q")
    assert not app.is_running


async def test_quit_then_restart_offers_the_session_as_paused(isolated_data_dir: Path) -> None:
    """ctrl+q is not a crash: the next start says "paused", the list says "⏸ paused", and
    n on the offer is a new session (not "no")."""
    await code_then_quit(isolated_data_dir)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, ResumeOffer)
        assert "D014" in offer.question and "is paused: you left it with ctrl+q" in offer.question
        assert "interrupted" not in offer.question
        status = str(app.screen_stack[0].query_one(SessionTable).get_row_at(0)[3])
        assert status == "⏸ paused"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)


async def test_a_paused_session_resumed_and_then_lost_is_interrupted(
    isolated_data_dir: Path,
) -> None:
    """Left with ctrl+q, resumed (space) and then the program dies: no longer "paused"."""
    await code_then_quit(isolated_data_dir)
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        coding = app.screen
        await pilot.press("space", "t")
        await wait_until(pilot, lambda: len(coding.recorder.session.events) == 3, "the cue")
        coding.recorder.fold()
        summary = app.archive.list_sessions()[0]
        assert (summary.status, summary.left_at) == ("live", None)
