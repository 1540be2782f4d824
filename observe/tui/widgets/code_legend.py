"""The scheme's keys, grouped as infant cues and caregiver responses (by actor, in a scheme
with more than two), with full labels.

Built from the scheme (never hard-coded). The legend is laid out for the width it has: each
group gets as many columns as make the legend shortest while every label is whole (a wide
terminal puts the ten responses of ``infant-cues`` in two columns of five); only when even
one column per group does not fit are labels cut, keeping the words that tell similar
labels apart. State codes are marked, and an open state says ON in words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import product
from math import ceil

from attrs import frozen
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from observe.labels import names_actors
from observe.scheme import Cue, Response, Scheme

Code = Cue | Response

#: " a " and a space before each label; a state code also has "ON " or "⇄ ".
KEY_CELLS = 4
STATE_CELLS = 3
#: Cells between two columns.
GAP = 2
#: At most this many columns per group (more would only be read across, not down).
MAX_SPLIT = 4


def _cut_end(label: str, room: int) -> str:
    return label if len(label) <= room else label[: max(room - 1, 0)] + "…"


def _cut_middle(label: str, room: int) -> str:
    """Keep the last word ("…(subtle)"), which is what tells similar labels apart."""
    tail = label[label.rfind(" ") + 1 :]
    head_room = room - 1 - len(tail)
    if head_room < 3:
        return _cut_end(label, room)
    return label[:head_room].rstrip() + "…" + tail


def fitted_labels(codes: Sequence[Code], width: int | None) -> dict[str, str]:
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


def entry_width(code: Code) -> int:
    return KEY_CELLS + (STATE_CELLS if code.kind == "state" else 0) + len(code.label)


@frozen
class Column:
    heading: str  # the group's title over its first column, "" over the others
    codes: tuple[Code, ...]
    width: int


@frozen
class LegendPlan:
    """Where each code goes: columns from left to right, ``height`` rows with the titles."""

    columns: tuple[Column, ...]
    height: int

    @property
    def width(self) -> int:
        return sum(column.width for column in self.columns) + GAP * (len(self.columns) - 1)


Groups = Sequence[tuple[str, Sequence[Code]]]


def scheme_groups(scheme: Scheme) -> Groups:
    """Infant cues and caregiver responses; in a scheme with more than two actors, one
    group per actor under the actor's label ("Infant", "Parent A", "Parent B")."""
    if names_actors(scheme):
        by_actor = ((actor.label, scheme.codes_of(actor.id)) for actor in scheme.actors)
        return [(title, codes) for title, codes in by_actor if codes]
    groups = (("Infant cues", scheme.cues), ("Caregiver responses", scheme.responses))
    return [(title, codes) for title, codes in groups if codes]


def _split(title: str, codes: Sequence[Code], parts: int) -> list[Column]:
    rows = ceil(len(codes) / parts)
    chunks = [tuple(codes[i : i + rows]) for i in range(0, len(codes), rows)]
    columns = [
        Column(title if index == 0 else "", chunk, max(entry_width(code) for code in chunk))
        for index, chunk in enumerate(chunks)
    ]
    # The title must fit over the group's columns.
    spare = len(title) - (sum(c.width for c in columns) + GAP * (len(columns) - 1))
    if spare > 0:
        last = columns[-1]
        columns[-1] = Column(last.heading, last.codes, last.width + spare)
    return columns


def _plan(groups: Groups, splits: Sequence[int]) -> LegendPlan:
    columns = [
        column
        for (title, codes), parts in zip(groups, splits)
        for column in _split(title, codes, parts)
    ]
    rows = max((ceil(len(codes) / parts) for (_t, codes), parts in zip(groups, splits)), default=0)
    return LegendPlan(tuple(columns), rows + 1)


def natural_plan(groups: Groups) -> LegendPlan:
    """One column per group, every label whole: the narrowest legend with full labels."""
    return _plan(groups, [1] * len(groups))


def plan_legend(groups: Groups, width: int) -> LegendPlan:
    """The shortest legend with full labels that fits ``width`` cells (then the one with
    fewest columns); when none fits, one column per group."""
    choices = product(*(range(1, min(MAX_SPLIT, len(codes)) + 1) for _title, codes in groups))
    fitting = [plan for plan in map(lambda s: _plan(groups, s), choices) if plan.width <= width]
    if not fitting:
        return natural_plan(groups)
    return min(fitting, key=lambda plan: (plan.height, len(plan.columns)))


def legend_text(plan: LegendPlan, open_states: Iterable[str], width: int) -> Text:
    """The plan drawn in ``width`` cells; labels are cut only if the plan does not fit."""
    open_codes = set(open_states)
    widths = [column.width for column in plan.columns]
    if plan.width > width:  # too narrow even for one column per group: share the room
        share = max((width - GAP * (len(widths) - 1)) // max(len(widths), 1), KEY_CELLS + 2)
        widths = [min(w, share) for w in widths]
    labels: dict[str, str] = {}
    for column, room in zip(plan.columns, widths):
        labels.update(fitted_labels(column.codes, room if room < column.width else None))
    lines = [Text() for _ in range(plan.height)]
    for index, (column, room) in enumerate(zip(plan.columns, widths)):
        gap = " " * GAP if index else ""
        head = lines[0]
        head.append(gap)
        head.append(_cut_end(column.heading, room).ljust(room), style="bold underline")
        for row in range(1, plan.height):
            line = lines[row]
            line.append(gap)
            code = column.codes[row - 1] if row - 1 < len(column.codes) else None
            if code is None:
                line.append(" " * room)
                continue
            entry = Text()
            entry.append(f" {code.key} ", style="reverse bold")
            entry.append(" ")
            if code.kind == "state":
                entry.append("ON " if code.id in open_codes else "⇄  ", style="bold")
            entry.append(labels[code.id])
            entry.truncate(room, pad=True)
            line.append_text(entry)
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


class CodeLegend(Widget):
    """The legend of ``scheme``, planned anew for the width it is given."""

    DEFAULT_CSS = """
    CodeLegend {
        height: auto;
        width: 1fr;
        text-wrap: nowrap;
    }
    """

    def __init__(self, scheme: Scheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self.groups = scheme_groups(scheme)
        self._open_states: tuple[str, ...] = ()
        self._plans: dict[int, LegendPlan] = {}

    def plan(self, width: int) -> LegendPlan:
        if width not in self._plans:
            self._plans[width] = plan_legend(self.groups, width)
        return self._plans[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.plan(width).height

    def render(self) -> Text:
        width = self.content_size.width or natural_plan(self.groups).width
        return legend_text(self.plan(width), self._open_states, width)

    def show_open_states(self, open_states: tuple[str, ...]) -> None:
        if open_states == self._open_states:
            return
        self._open_states = open_states
        self.refresh()
