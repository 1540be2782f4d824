"""The observer's notes and an event's note say how long they may be while they are typed.

The archive holds a session's notes to 10,000 characters and an event's note to 1,000
(``observe.validity.limits``), as every way in does. A form that let more be typed would
lose the text at the moment it is saved, or store a session no bundle import accepts: the
count shows as the limit nears, an event's note takes no more, and notes past the limit
are refused with a sentence while the form stays open with the text in it.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static, TextArea

from observe.scheme import Rating
from observe.store import Archive
from observe.tui.dialogs.event_editor import EventEditor
from observe.tui.dialogs.lengths import length_sentence
from observe.tui.dialogs.ratings import RatingsDialog
from observe.validity import session_problems
from observe.validity.limits import MAX_EVENT_NOTE_LENGTH, MAX_NOTES_LENGTH

from .test_review import ReviewApp, stored_session

RATINGS = [Rating("warmth", "Overall warmth", 1, 5)]


class RatingsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(RatingsDialog(RATINGS), self.results.append)


def shown(screen, selector: str) -> str:
    widget = screen.query_one(selector, Static)
    return str(widget.render()) if widget.display else ""


def test_the_count_is_said_only_near_the_limit() -> None:
    assert length_sentence(899, 1_000, "a note") == ""
    assert length_sentence(950, 1_000, "a note") == "950 of 1,000 characters"
    assert length_sentence(1_000, 1_000, "a note") == (
        "1,000 of 1,000 characters, the most a note may hold"
    )
    assert length_sentence(1_005, 1_000, "a note") == "1,005 of 1,000 characters: 5 too many"


async def test_notes_past_the_limit_are_refused_with_a_sentence_and_kept_in_the_form() -> None:
    app = RatingsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        notes = dialog.query_one("#notes", TextArea)
        assert shown(dialog, "#notes-length") == ""
        notes.text = "n" * (MAX_NOTES_LENGTH - 100)
        await pilot.pause()
        assert shown(dialog, "#notes-length") == "9,900 of 10,000 characters"
        notes.text = "n" * (MAX_NOTES_LENGTH + 1)
        await pilot.pause()
        assert shown(dialog, "#notes-length") == "10,001 of 10,000 characters: 1 too many"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and app.results == []
        assert "The observer's notes are 10,001 characters long" in shown(dialog, "#problems")
        assert len(notes.text) == MAX_NOTES_LENGTH + 1, "the text is not lost"
        notes.text = "n" * MAX_NOTES_LENGTH
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [({}, "n" * MAX_NOTES_LENGTH)]


async def test_notes_with_a_control_character_are_refused() -> None:
    """An escape sequence pasted into the notes would act on the terminal of whoever runs
    ``observe session show``."""
    app = RatingsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#notes", TextArea).text = "fine\x1b[2J"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "control character" in shown(app.screen, "#problems")
    assert app.results == []


async def test_an_event_note_takes_no_more_than_a_note_may_hold(
    tmp_path: Path, make_session
) -> None:
    """Typing on at the limit adds nothing; the count says why; what is saved is a session
    every way into the archive accepts."""
    session_id = stored_session(tmp_path, make_session)
    archive = Archive.open(tmp_path)
    async with ReviewApp(archive, session_id).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        editor = pilot.app.screen
        assert isinstance(editor, EventEditor)
        assert shown(editor, "#note-length") == ""
        note = editor.query_one("#note", Input)
        note.value = "x" * (MAX_EVENT_NOTE_LENGTH - 5)
        note.focus()
        await pilot.pause()
        note.cursor_position = len(note.value)
        await pilot.press(*"abcdefghij")
        await pilot.pause()
        assert len(note.value) == MAX_EVENT_NOTE_LENGTH
        assert shown(editor, "#note-length") == (
            "1,000 of 1,000 characters, the most a note may hold"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert session.events[0].note == "x" * (MAX_EVENT_NOTE_LENGTH - 5) + "abcde"
    assert session_problems(session) == []


async def test_a_note_typed_while_coding_shows_its_length_at_the_limit() -> None:
    from observe.tui.dialogs.note import NoteDialog

    class NoteApp(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.results: list[object] = []

        def on_mount(self) -> None:
            self.push_screen(NoteDialog("hungry at 0:12", "x" * 990), self.results.append)

    app = NoteApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        note = app.screen.query_one(Input)
        note.cursor_position = len(note.value)
        await pilot.press(*"abcdefghijklmn", "enter")
        await pilot.pause()
    assert app.results == ["x" * 990 + "abcdefghij"]
