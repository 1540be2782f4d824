"""Go to a time in the video: ``12.5``, ``1:02.4`` or ``1:02:03``. Returns the seconds, or
None when cancelled."""

from __future__ import annotations

import math
import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from observe.display import clock_tenths
from observe.tui.dialogs.frame import dialog_css

NOT_CODED = "Keys typed here are the time: code keys are not recorded until it closes."
TIME = re.compile(r"(?:(?:(\d+):)?(\d+):)?(\d+(?:[.,]\d*)?)")


def parse_video_time(text: str, duration: float | None = None) -> float | str:
    """The seconds ``text`` means (``90``, ``1:30``, ``1:30.5``, ``0:01:30``), or the
    sentence saying why it is no time of the video."""
    found = TIME.fullmatch(text.strip())
    if found is None:
        return f"“{text.strip()}” is not a time: type seconds (95.5) or minutes:seconds (1:35.5)."
    hours, minutes, seconds = found.groups()
    value = int(hours or 0) * 3600 + int(minutes or 0) * 60 + float(seconds.replace(",", "."))
    if minutes is not None and float(seconds.replace(",", ".")) >= 60:
        return f"“{text.strip()}” has {seconds} seconds: minutes:seconds takes 0 to 59.9."
    if not math.isfinite(value):
        return f"“{text.strip()}” is not a time."
    if duration is not None and value > duration:
        return f"The video lasts {clock_tenths(duration)}: {clock_tenths(value)} is past its end."
    return value


class JumpDialog(ModalScreen[float | None]):
    DEFAULT_CSS = (
        dialog_css("JumpDialog", width=60, padding="1 2")
        + """
    JumpDialog .hint { color: $text-muted; }
    JumpDialog #problem { color: $text-error; text-style: bold; height: auto; }
    JumpDialog #not-coded { color: $text-warning; text-style: italic; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, now: float, duration: float | None) -> None:
        super().__init__()
        self.now = now
        self.duration = duration

    def compose(self) -> ComposeResult:
        length = "" if self.duration is None else f" of {clock_tenths(self.duration)}"
        with Vertical():
            yield Static(f"Go to a time in the video (now {clock_tenths(self.now)}{length})")
            yield Input(placeholder="e.g. 95.5 or 1:35.5", id="time", max_length=16)
            yield Static("", id="problem")
            yield Static("Enter goes there · Esc cancels", classes="hint")
            yield Static(NOT_CODED, id="not-coded")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _go(self, event: Input.Submitted) -> None:
        value = parse_video_time(event.value, self.duration)
        if isinstance(value, str):
            self.query_one("#problem", Static).update(f"✗ {value}")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
