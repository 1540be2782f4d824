"""A yes/no question. Returns True only when the user confirms."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from observe.tui.dialogs.frame import button_row, dialog_css


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone (or offer something at start-up).

    The safe answer has the focus, so a stray Enter never deletes anything.
    """

    DEFAULT_CSS = (
        dialog_css("ConfirmDialog", width=60, padding="1 2")
        + """
    ConfirmDialog #question { margin-bottom: 1; }
    ConfirmDialog #keys { color: $text-muted; margin-bottom: 1; }
    """
    )

    BINDINGS = [
        Binding("escape", "answer(False)", "Cancel", show=False),
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n", "answer(False)", "No", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", danger: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question")
            yield Static(f"y: {self.yes_label} · n or Esc: {self.no_label}", id="keys")
            yield button_row(
                Button(self.yes_label, id="yes", variant="error" if self.danger else "primary"),
                Button(self.no_label, id="no"),
            )

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class QuitWithUnsavedDialog(ConfirmDialog):
    """Quitting while coded changes still wait for the disk would lose them: ask first."""

    def __init__(self, count: int, reason: str) -> None:
        changes = "1 coded change is" if count == 1 else f"{count} coded changes are"
        super().__init__(
            f"{changes} not saved yet: {reason.rstrip('.')}. They are kept in memory and "
            "retried while observe stays open; quitting now loses them. Free some space or "
            "fix the folder, then wait for the red NOT SAVED line to go. Quit anyway?",
            yes="Quit and lose them",
            no="Stay open",
            danger=True,
        )
