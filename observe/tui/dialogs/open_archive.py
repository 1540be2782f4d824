"""Asks for another archive folder to open (a colleague's copy, a USB stick, a backup)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from observe.tui.dialogs.frame import button_row, dialog_css


class OpenArchiveDialog(ModalScreen[Path | None]):
    """Returns the folder typed in, or None when cancelled. Opening it is the caller's job,
    so a folder that cannot be opened is reported in one sentence and nothing changes."""

    DEFAULT_CSS = (
        dialog_css("OpenArchiveDialog", width=72, padding="1 2")
        + """
    OpenArchiveDialog #about { margin-bottom: 1; }
    OpenArchiveDialog #message { color: $text-error; height: auto; }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Open archive folder (now: {self.current}). A folder that does not exist "
                "yet becomes a new, empty archive.",
                id="about",
            )
            yield Input(str(self.current), placeholder="folder path, e.g. ~/observe", id="folder")
            yield Static("", id="message")
            yield button_row(
                Button("Open", id="open", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        if not text:
            self.query_one("#message", Static).update("✗ Type the folder of the archive to open.")
            return
        self.dismiss(Path(text).expanduser())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
