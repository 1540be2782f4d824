"""The coding screen's help, shown in place of the legend rather than over the screen.

It is part of the coding screen, not a dialog on top of it: code keys pressed while it is
open are recorded as always, and the clock, the open cues and the recent events stay in
sight. ``?`` or ``Esc`` hides it again; the arrows and Page Up/Down scroll it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from observe.scheme import Scheme
from observe.tui.widgets.key_tables import keys_table, scheme_table

STILL_CODING = "Code keys still record while this help is open · ? or Esc hides it"


class CodingHelp(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    CodingHelp { display: none; height: 1fr; padding: 0 1 0 0; }
    CodingHelp .title { text-style: bold; }
    CodingHelp #help-still-coding { color: $text-warning; text-style: italic; }
    """

    def __init__(self, rows: Sequence[tuple[str, str]], scheme: Scheme, *, id: str) -> None:
        super().__init__(id=id)
        self.rows = list(rows)
        self.scheme = scheme

    def compose(self) -> ComposeResult:
        yield Static(STILL_CODING, id="help-still-coding")
        yield Static(keys_table(self.rows), id="help-keys")
        yield Static(
            f"Codes of {self.scheme.name} ({self.scheme.id} {self.scheme.version})",
            classes="title",
        )
        yield Static(scheme_table(self.scheme), id="help-codes")
