"""The scheme's keys on a keyboard: where each code sits, under which hand.

Cue keys and response keys are drawn in two colours, and the lists below say which is
which in words; the coding screen's own keys are struck out; a line divides the hands.
Each hand's codes are listed, so a programme lead sees at a glance whether an observer can
code the infant with one hand and the caregiver with the other.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from observe.scheme import RESERVED_KEYS, Scheme
from observe.scheme_editor.keyboard import LEFT_KEYS, ROWS, hand

CUE_STYLE = "bold black on green"
RESPONSE_STYLE = "bold white on blue"
BOTH_STYLE = "bold white on red"
RESERVED_STYLE = "dim strike"


def keyboard_picture(scheme: Scheme) -> Text:
    """Four rows of keys, each code key marked as a cue's or a response's key."""
    cues = {c.key for c in scheme.cues}
    responses = {r.key for r in scheme.responses}
    text = Text()
    for number, row in enumerate(ROWS):
        text.append(" " * (2 * number))
        for column, key in enumerate(row):
            if column == LEFT_KEYS[number]:
                text.append("│ ", style="bold")
            if key in cues and key in responses:
                style = BOTH_STYLE
            elif key in cues:
                style = CUE_STYLE
            elif key in responses:
                style = RESPONSE_STYLE
            else:
                style = RESERVED_STYLE if key in RESERVED_KEYS else "dim"
            text.append(f" {key} ", style=style)
            text.append(" ")
        text.append("\n")
    text.append(" cue ", style=CUE_STYLE)
    text.append(" infant cue  ")
    text.append(" res ", style=RESPONSE_STYLE)
    text.append(" caregiver response  ")
    text.append(" 1 ", style=RESERVED_STYLE)
    text.append(" the coding screen's own  │ between the hands")
    return text


def hand_lists(scheme: Scheme) -> Table:
    """Each hand's codes, cues first; codes whose key is not on the map, or missing, last."""
    table = Table(box=None, expand=True, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("Left hand", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Right hand", ratio=1, no_wrap=True, overflow="ellipsis")
    sides: dict[str | None, list[Text]] = {"left": [], "right": [], None: []}
    for code in scheme.codes:
        cue = scheme.is_cue(code.id)
        line = Text()
        line.append(f" {code.key or '?'} ", style=CUE_STYLE if cue else RESPONSE_STYLE)
        line.append(f" {code.label} ({'cue' if cue else 'response'})")
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
