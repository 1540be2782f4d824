"""The scheme's keys on a keyboard: where each code sits, under which hand.

Cue keys and response keys are drawn apart (and say so in letters, not colour alone); the
coding screen's own keys are crossed out; the line between the hands is drawn. Below, each
hand's codes are listed, so a programme lead sees at a glance whether an observer can code
the infant with one hand and the caregiver with the other.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from observe.scheme import RESERVED_KEYS, Scheme
from observe.scheme_editor.keyboard import LEFT_KEYS, ROWS, hand

CUE_STYLE = "bold reverse green"
RESPONSE_STYLE = "bold reverse blue"
RESERVED_STYLE = "dim strike"


def keyboard_picture(scheme: Scheme) -> Text:
    """Four rows of keys: each code key shown with what it codes (c: cue, r: response)."""
    cues = {c.key for c in scheme.cues}
    responses = {r.key for r in scheme.responses}
    text = Text()
    for number, row in enumerate(ROWS):
        text.append(" " * number)
        for column, key in enumerate(row):
            if column == LEFT_KEYS[number]:
                text.append("│ ", style="bold")
            if key in cues and key in responses:
                text.append(f"{key}!", style="bold reverse red")
            elif key in cues:
                text.append(f"{key}c", style=CUE_STYLE)
            elif key in responses:
                text.append(f"{key}r", style=RESPONSE_STYLE)
            elif key in RESERVED_KEYS:
                text.append(f"{key}·", style=RESERVED_STYLE)
            else:
                text.append(f"{key} ", style="dim")
            text.append(" ")
        text.append("\n")
    text.append("c: infant cue  r: caregiver response  ·: the coding screen's own  │: the hands")
    return text


def hand_lists(scheme: Scheme) -> Table:
    """Each hand's codes, cues first; codes whose key is not on the map, or missing, last."""
    table = Table(box=None, expand=True, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("Left hand", ratio=1)
    table.add_column("Right hand", ratio=1)
    sides: dict[str | None, list[Text]] = {"left": [], "right": [], None: []}
    for code in scheme.codes:
        what = "cue" if scheme.is_cue(code.id) else "response"
        line = Text(f" {code.key or '?'} ", style=CUE_STYLE if what == "cue" else RESPONSE_STYLE)
        line.append(f" {code.label} ({what})")
        sides[hand(code.key) if code.key else None].append(line)
    for left, right in zip(*(_padded(sides["left"], sides["right"]))):
        table.add_row(left, right)
    if sides[None]:
        table.add_row(Text("Not on the map, or no key yet:", style="bold"), "")
        for line in sides[None]:
            table.add_row(line, "")
    return table


def _padded(left: list[Text], right: list[Text]) -> tuple[list[Text], list[Text]]:
    size = max(len(left), len(right))
    return left + [Text()] * (size - len(left)), right + [Text()] * (size - len(right))


class KeyboardMap(Static):
    DEFAULT_CSS = """
    KeyboardMap { height: auto; padding: 0 1; }
    """

    def show(self, scheme: Scheme) -> None:
        self.update(Group(keyboard_picture(scheme), Text(), hand_lists(scheme)))
