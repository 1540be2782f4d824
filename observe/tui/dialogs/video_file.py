"""Which video file is this session's? Returns the path typed, or None when cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from observe.tui.dialogs.frame import dialog_css


class VideoFileDialog(ModalScreen[Path | None]):
    DEFAULT_CSS = (
        dialog_css("VideoFileDialog", width=76, padding="1 2")
        + """
    VideoFileDialog .hint { color: $text-muted; }
    VideoFileDialog #problems { height: auto; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield Input(placeholder="/path/to/visit.mp4", id="video-path")
            yield Static(id="problems")
            yield Static("Enter opens it · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _open(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self.query_one("#problems", Static).update(f"There is no file {path}.")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
