"""Review's not-codable periods: add, adjust and remove them as lines of text.

Each line is one period, ``start - end`` in the times the review shows (``03:12.0 -
04:05.5``, or seconds: ``192 - 245.5``); a new line adds a period, an edited one moves it,
a deleted one removes it. Every line is checked and a problem is said in one sentence
naming its line; nothing is saved until all are right. Returns the periods (overlapping
ones merge when the session keeps them) or None when cancelled.
"""

from __future__ import annotations

import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from observe.display import clock_tenths
from observe.model import Interval
from observe.tui.dialogs.event_editor import parse_time
from observe.tui.dialogs.frame import button_row, dialog_css

#: Between a period's start and end: a hyphen or a dash, with or without spaces.
_BETWEEN = re.compile(r"\s*[-–—]\s*")


def periods_text(periods: tuple[Interval, ...]) -> str:
    return "\n".join(
        f"{clock_tenths(p.start)} - {'' if p.end is None else clock_tenths(p.end)}" for p in periods
    )


def parse_periods(text: str, duration: float) -> tuple[tuple[Interval, ...], list[str]]:
    """The periods written one a line, and one sentence per line that is not one."""
    periods: list[Interval] = []
    problems: list[str] = []
    example = "write a period as start - end, e.g. 03:12.0 - 04:05.5"
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = _BETWEEN.split(line.strip(), maxsplit=1)
        if len(parts) != 2 or not all(parts):
            problems.append(f"Line {number}: “{line.strip()}” is not a period; {example}.")
            continue
        start, end = parse_time(parts[0]), parse_time(parts[1])
        if start is None or end is None:
            problems.append(f"Line {number}: “{line.strip()}” has no time there; {example}.")
        elif not 0 <= start < end <= duration:
            problems.append(
                f"Line {number}: a period must start before it ends, within the session "
                f"(00:00.0 to {clock_tenths(duration)})."
            )
        else:
            periods.append(Interval(start, end))
    return tuple(periods), problems


class ExclusionsDialog(ModalScreen[tuple[Interval, ...] | None]):
    DEFAULT_CSS = (
        dialog_css("ExclusionsDialog", width=64)
        + """
    ExclusionsDialog #periods { height: 8; margin-top: 1; }
    ExclusionsDialog .hint { color: $text-muted; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, periods: tuple[Interval, ...], duration: float) -> None:
        super().__init__()
        self.periods = periods
        self.duration = duration

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Not-codable periods", classes="title")
            yield Static(
                "One period a line, start - end (mm:ss.t or seconds). Its cues and "
                "contingency units are left out of the figures.",
                classes="hint",
            )
            yield TextArea(periods_text(self.periods), id="periods")
            yield Static("", id="problems")
            yield Static("Ctrl+S saves · Esc cancels · delete a line to remove it", classes="hint")
            yield button_row(
                Button("Save", id="save", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        periods, problems = parse_periods(self.query_one(TextArea).text, self.duration)
        if problems:
            self.query_one("#problems", Static).update("\n".join(problems))
            return
        self.dismiss(periods)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
