"""A one-line note on an event. Returns the note ("" clears it), or None when cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from observe.tui.dialogs.frame import dialog_css
from observe.tui.dialogs.lengths import show_length
from observe.validity.limits import MAX_EVENT_NOTE_LENGTH

#: Said from the moment the note opens over the coding screen: keys typed here are text.
NOT_CODED = "Keys typed here are the note: code keys are not recorded until it closes."


class NoteDialog(ModalScreen[str | None]):
    DEFAULT_CSS = (
        dialog_css("NoteDialog", width=70, padding="1 2")
        + """
    NoteDialog .hint { color: $text-muted; }
    NoteDialog #not-coded { color: $text-warning; text-style: italic; }
    NoteDialog #note-length { color: $text-warning; display: none; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, about: str, note: str | None = None) -> None:
        super().__init__()
        self.about = about
        self.note = note or ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Note on {self.about}")
            yield Input(
                value=self.note,
                placeholder="what you noticed",
                id="note",
                max_length=MAX_EVENT_NOTE_LENGTH,
            )
            yield Static("", id="note-length")
            yield Static("Enter saves · Esc cancels · an empty note removes it", classes="hint")
            yield Static(NOT_CODED, id="not-coded")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _length(self, event: Input.Changed) -> None:
        counter = self.query_one("#note-length", Static)
        show_length(counter, len(event.value), MAX_EVENT_NOTE_LENGTH, "a note")

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
