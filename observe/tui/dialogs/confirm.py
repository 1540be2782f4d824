"""A yes/no question. Returns True only when the user confirms."""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from observe.tui.dialogs.frame import button_row, dialog_css

#: Keys a question answers itself, never taken for a code.
OWN_KEYS = frozenset({"y", "n", "escape", "enter", "space", "tab", "shift+tab", "left", "right"})


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone (or offer something at start-up).

    The safe answer has the focus, so a stray Enter never deletes anything.

    Asked over the coding screen, it is given ``code_keys`` (the screen's
    :meth:`~observe.tui.screens.coding.CodingScreen.take_code_key`): a code key pressed
    while the question is open is recorded there and answers the safe way (keep coding),
    so no code key is lost to the question. Its own keys (y, n, Esc, Enter, the arrows)
    stay its own.
    """

    #: The key that answers yes ("" for none: the button, or what the subclass says).
    yes_key = "y"

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
        self,
        question: str,
        *,
        yes: str = "Yes",
        no: str = "No",
        danger: bool = False,
        code_keys: Callable[[events.Key], bool] | None = None,
    ) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no
        self.danger = danger
        self.code_keys = code_keys

    def keys_line(self) -> str:
        yes = f"{self.yes_key}: {self.yes_label} · " if self.yes_key else ""
        line = f"{yes}n or Esc: {self.no_label}"
        if self.code_keys is not None:
            line += " · a code key is coded and keeps coding"
        return line

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question")
            yield Static(self.keys_line(), id="keys")
            yield button_row(
                Button(self.yes_label, id="yes", variant="error" if self.danger else "primary"),
                Button(self.no_label, id="no"),
            )

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == (True,):
            return self.yes_key == "y"
        return True

    def on_key(self, event: events.Key) -> None:
        """A code key over the coding screen: recorded there, and the safe answer."""
        own = OWN_KEYS if self.yes_key == "y" else OWN_KEYS - {"y"}
        if self.code_keys is None or event.key in own:
            return
        if self.code_keys(event):
            event.stop()
            event.prevent_default()
            self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class QuitWithUnsavedDialog(ConfirmDialog):
    """Quitting while coded changes still wait for the disk would lose them: ask first.

    Only ctrl+q again (or the button) quits: ``y`` is a code key in some schemes, and a
    code key pressed here is recorded and keeps observe open."""

    yes_key = ""

    def __init__(
        self, count: int, reason: str, *, code_keys: Callable[[events.Key], bool] | None = None
    ) -> None:
        changes = "1 coded change is" if count == 1 else f"{count} coded changes are"
        super().__init__(
            f"{changes} not saved yet: {reason.rstrip('.')}. They are kept in memory and "
            "retried while observe stays open; quitting now loses them. Free some space or "
            "fix the folder, then wait for the red NOT SAVED line to go. Quit anyway?",
            yes="Quit and lose them",
            no="Stay open",
            danger=True,
            code_keys=code_keys,
        )

    def keys_line(self) -> str:
        return f"ctrl+q again: {self.yes_label} · " + super().keys_line()
