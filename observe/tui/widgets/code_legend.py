"""The scheme's keys, grouped as infant cues and caregiver responses.

Built from the scheme (never hard-coded) and sized so a 20-code scheme fits an 80×24 terminal:
two columns, one line per code. State codes are marked, and an open state says ON in words.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from observe.scheme import Cue, Response, Scheme


def legend_text(title: str, codes: Iterable[Cue | Response], open_states: Iterable[str]) -> Text:
    open_codes = set(open_states)
    text = Text(title, style="bold underline")
    for code in codes:
        text.append("\n")
        text.append(f" {code.key} ", style="reverse bold")
        text.append(" ")
        if code.kind == "state":
            text.append("ON " if code.id in open_codes else "⇄ ", style="bold")
        text.append(code.label)
    return text


class CodeLegend(Horizontal):
    DEFAULT_CSS = """
    CodeLegend {
        height: auto;
    }
    CodeLegend > Static {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding-right: 1;
    }
    """

    def __init__(self, scheme: Scheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._open_states: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(legend_text("Infant cues", self.scheme.cues, ()), id="legend-cues")
        yield Static(
            legend_text("Caregiver responses", self.scheme.responses, ()), id="legend-responses"
        )

    def show_open_states(self, open_states: tuple[str, ...]) -> None:
        if open_states == self._open_states:
            return
        self._open_states = open_states
        self.query_one("#legend-cues", Static).update(
            legend_text("Infant cues", self.scheme.cues, open_states)
        )
        self.query_one("#legend-responses", Static).update(
            legend_text("Caregiver responses", self.scheme.responses, open_states)
        )
