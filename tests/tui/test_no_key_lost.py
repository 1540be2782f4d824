"""No code key is swallowed: not by the help, not by a question, not by Caps Lock, and the
ratings form never moves the focus by itself.

If these failed, a home visitor glancing at the help, answering a question or typing with
Caps Lock on would lose cues without a word, or a note typed after the ratings would
vanish.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandPalette

from observe.errors import ArchiveError
from observe.scheme import Scheme, find_scheme
from observe.tui.app import make_app
from observe.tui.dialogs.confirm import ConfirmDialog, QuitWithUnsavedDialog
from observe.tui.dialogs.note import NOT_CODED, NoteDialog
from observe.tui.screens.coding import CodingScreen
from observe.tui.widgets.coding_help import STILL_CODING, CodingHelp

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording
from .waiting import wait_until

SIZE = (80, 24)


def codes(recorder) -> list[str]:
    return [event.code for event in recorder.session.events]


def recent(screen) -> str:
    return str(screen.query_one("#recent-events").render())


async def test_a_code_key_with_the_help_open_is_recorded_and_shown(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """? then h: hungry is recorded, the recent events show it and the help stays open."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        coding = pilot.app.screen
        assert coding.query_one(CodingHelp).display
        assert STILL_CODING in str(coding.query_one("#help-still-coding").render())
        await press_at(pilot, "h", 1002.0, "h")
        await pilot.pause()
        assert codes(recorder) == ["hungry"]
        assert "Hungry" in recent(coding) and "1 event" in str(
            coding.query_one("#status-line").render()
        )
        assert coding.query_one(CodingHelp).display, "the help is still open"
        await pilot.press("escape")
        assert not coding.query_one(CodingHelp).display
    archive.close()


async def test_caps_lock_records_the_lowercase_code_with_one_hint(tmp_path: Path) -> None:
    """A (infant-cues has no A) records a's hunger cue, with a word about Caps Lock, once;
    O then records o's feed without another word."""
    archive, recorder = start_recording(tmp_path, find_scheme("infant-cues", tmp_path))
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("A")
        hint = pilot.app.screen.query_one("#hint")
        assert "Caps Lock" in str(hint.render()) and "Hunger cues" in str(hint.render())
        hint.clear()
        await pilot.press("O")
        assert codes(recorder) == ["hungry", "feed"]
        assert str(hint.render()) == "", "the hint is given once"
    archive.close()


async def test_ratings_then_tab_then_a_note_saves_the_note(tmp_path: Path) -> None:
    """x, y, 4 3 5, Tab, a note, ctrl+s: the three ratings and the note are saved (the
    focus stays on the last rating until Tab moves it to the notes)."""
    scheme = find_scheme("infant-cues", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_at(pilot, "a", 1001.0, "a")
        await press_at(pilot, "x", 1005.0, "x")
        await pilot.press("y", "4", "3", "5", "tab", *"fed early", "ctrl+s")
        await pilot.pause()
        session = recorder.session
        assert session.ratings == {"overall_warmth": 4, "sensitivity": 3, "infant_engagement": 5}
        assert session.notes == "fed early"
    archive.close()


async def test_a_code_key_at_the_end_question_is_coded_and_keeps_coding(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_at(pilot, "x", 1003.0, "x")
        question = pilot.app.screen
        assert isinstance(question, ConfirmDialog)
        assert "a code key is coded and keeps coding" in str(question.query_one("#keys").render())
        await press_at(pilot, "t", 1004.0, "t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CodingScreen) and not pilot.app.screen.live.ended
        assert codes(recorder) == ["tired"] and recorder.session.events[0].t == 4.0
    archive.close()


async def test_the_note_says_at_once_that_keys_are_not_codes(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press_at(pilot, "h", 1001.0, "h")
        await pilot.press("n")
        assert isinstance(pilot.app.screen, NoteDialog)
        assert NOT_CODED in str(pilot.app.screen.query_one("#not-coded").render())
        await pilot.press(*"ok", "enter")
        await pilot.pause()
        assert codes(recorder) == ["hungry"] and recorder.session.events[0].note == "ok"
    archive.close()


async def test_the_palette_over_coding_says_keys_are_not_coded(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        placeholder = app.screen.query_one(CommandInput).placeholder
        assert "not coded" in placeholder


async def test_a_code_key_at_the_unsaved_quit_question_is_kept_and_stays_open(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """infant-cues codes "Redirects to own agenda" on y: pressed at "quit and lose them?",
    it is kept (waiting, with the others) and observe stays open."""
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        coding = app.screen

        def refuse(change):
            raise ArchiveError("the disk is full: sessions/x.journal; free some space")

        monkeypatch.setattr(coding.recorder, "apply", refuse)
        await pilot.press("a", "ctrl+q")
        assert isinstance(app.screen, QuitWithUnsavedDialog)
        assert "ctrl+q again" in str(app.screen.query_one("#keys").render())
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running and app.screen is coding
        assert [e.code for e in coding.live.session.events] == ["hungry", "redirect"]
        assert len(coding.writes.waiting) == 2
