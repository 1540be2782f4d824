"""The scheme's keys, grouped as infant cues and caregiver responses.

Built from the scheme (never hard-coded) and sized so a 20-code scheme fits an 80×24 terminal:
two columns, one line per code. State codes are marked, and an open state says ON in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget

from observe.scheme import Cue, Response, Scheme

#: " a " and a space before each label; a state code also has "ON " or "⇄ ".
KEY_CELLS = 4
STATE_CELLS = 3


def _cut_end(label: str, room: int) -> str:
    return label if len(label) <= room else label[: max(room - 1, 0)] + "…"


def _cut_middle(label: str, room: int) -> str:
    """Keep the last word ("…(subtle)"), which is what tells similar labels apart."""
    tail = label[label.rfind(" ") + 1 :]
    head_room = room - 1 - len(tail)
    if head_room < 3:
        return _cut_end(label, room)
    return label[:head_room].rstrip() + "…" + tail


def fitted_labels(codes: Sequence[Cue | Response], width: int | None) -> dict[str, str]:
    """Each code's label cut to fit ``width`` cells; where two cut labels would read the
    same ("Needs a break …" twice), they are cut in the middle instead, keeping their ends."""
    if width is None:
        return {code.id: code.label for code in codes}
    rooms = {c.id: width - KEY_CELLS - (STATE_CELLS if c.kind == "state" else 0) for c in codes}
    cut = {c.id: _cut_end(c.label, rooms[c.id]) for c in codes}
    seen = Counter(cut.values())
    for code in codes:
        if seen[cut[code.id]] > 1 and len(code.label) > rooms[code.id]:
            cut[code.id] = _cut_middle(code.label, rooms[code.id])
    return cut


def legend_text(
    title: str,
    codes: Sequence[Cue | Response],
    open_states: Iterable[str],
    width: int | None = None,
) -> Text:
    open_codes = set(open_states)
    labels = fitted_labels(codes, width)
    text = Text(title, style="bold underline")
    for code in codes:
        text.append("\n")
        text.append(f" {code.key} ", style="reverse bold")
        text.append(" ")
        if code.kind == "state":
            text.append("ON " if code.id in open_codes else "⇄ ", style="bold")
        text.append(labels[code.id])
    return text


class LegendColumn(Widget):
    """One group of codes; drawn at paint time, so its labels fit the width it really has."""

    DEFAULT_CSS = """
    LegendColumn {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding-right: 1;
    }
    """

    def __init__(self, title: str, codes: Sequence[Cue | Response], *, id: str) -> None:
        super().__init__(id=id)
        self.title = title
        self.codes = codes
        self.open_states: tuple[str, ...] = ()

    def render(self) -> Text:
        width = self.content_size.width
        return legend_text(self.title, self.codes, self.open_states, width if width > 0 else None)


class CodeLegend(Horizontal):
    DEFAULT_CSS = """
    CodeLegend {
        height: auto;
    }
    """

    def __init__(self, scheme: Scheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._open_states: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield LegendColumn("Infant cues", self.scheme.cues, id="legend-cues")
        yield LegendColumn("Caregiver responses", self.scheme.responses, id="legend-responses")

    def show_open_states(self, open_states: tuple[str, ...]) -> None:
        if open_states == self._open_states:
            return
        self._open_states = open_states
        for column in self.query(LegendColumn):
            column.open_states = open_states
            column.refresh()
