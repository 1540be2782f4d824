"""An antecedent's own window under a rule, in seconds (blank: the rule's). Returns what
was typed, or None when cancelled."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from observe.tui.dialogs.frame import dialog_css


class WindowDialog(ModalScreen[str | None]):
    DEFAULT_CSS = (
        dialog_css("WindowDialog", width=64, padding="1 2")
        + """
    WindowDialog #keys { color: $text-muted; margin-top: 1; }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, question: str, current: str, blank: str) -> None:
        super().__init__()
        self.question = question
        self.current = current
        self.blank = blank

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title")
            yield Input(self.current, placeholder=self.blank, id="seconds")
            yield Static(f"Seconds; blank: {self.blank}. Enter saves, Esc cancels.", id="keys")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
