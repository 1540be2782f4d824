"""How the coding screen uses the terminal it has: which arrangement, and the smallest size.

- **stacked** (80×24): the legend across the top with every label whole, the open cues and
  the recent events under it, each as wide as the screen;
- **wide** (120 columns and more, when the legend and a list of events fit side by side):
  the legend with the open cues under it on the left, a long list of recent events on the
  right;
- **tall** (from 32 lines): the clock in big digits;
- below the scheme's **minimum size**, one notice saying which size is needed, while coding
  goes on underneath (code keys still record, the clock still runs).

The minimum is the scheme's own: its legend with full labels (one column per group) and a
few lines of events, and never narrower than the footer needs. A scheme whose labels are
very long does not ask for more than 80 columns: its labels are cut to fit instead.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from observe.tui.widgets.code_legend import Groups, natural_plan

Arrangement = Literal["stacked", "wide", "too-small"]

#: The clock, the status line, the running figures and the hint, beside it.
TOP_LINES = 3
#: The clock in big digits is five lines high.
TALL_TOP_LINES = 5
TALL_FROM = 32
#: The footer. (At 80×24 the stacked legend has no title line: its group titles say it
#: all; it gets one when the terminal has this many lines to spare.)
FOOTER_LINES = 1
TITLE_FROM_SPARE = 6
#: The legend panel's padding, left and right.
LEGEND_PADDING = 2
#: The open cues (one line) and the recent events (two) at least, each with its title.
EVENTS_MIN_LINES = 5
#: Columns an event line needs beside the legend for the wide arrangement.
EVENTS_MIN_WIDTH = 54
#: The footer's keys (Pause, Undo, Redo, Note, End, Help) need this many columns.
FOOTER_MIN_WIDTH = 64
#: Labels are cut rather than asking for more than this.
WIDTH_NEVER_ABOVE = 80


@frozen
class CodingLayout:
    arrangement: Arrangement
    tall: bool
    #: Room to spare for the legend's title line ("Keys · <scheme>") when stacked.
    titled: bool
    #: The legend panel's width in the wide arrangement (its content plus padding).
    legend_width: int
    #: The smallest terminal the coding screen can be used in, for this scheme.
    minimum: tuple[int, int]


def minimum_size(groups: Groups, state_lines: int = 0) -> tuple[int, int]:
    """The smallest (columns, lines) that show the whole legend and a few events (and the
    line of the state groups' states, ``state_lines``)."""
    legend = natural_plan(groups)
    width = max(FOOTER_MIN_WIDTH, min(legend.width + LEGEND_PADDING, WIDTH_NEVER_ABOVE))
    height = TOP_LINES + state_lines + legend.height + EVENTS_MIN_LINES + FOOTER_LINES
    return width, height


def coding_layout(groups: Groups, width: int, height: int, *, state_lines: int = 0) -> CodingLayout:
    """The arrangement for a terminal of ``width`` × ``height``."""
    minimum = minimum_size(groups, state_lines)
    legend_width = natural_plan(groups).width + LEGEND_PADDING
    tall = height >= TALL_FROM
    titled = height >= minimum[1] + TITLE_FROM_SPARE
    if width < minimum[0] or height < minimum[1]:
        arrangement: Arrangement = "too-small"
    elif width >= legend_width + 1 + EVENTS_MIN_WIDTH:
        arrangement = "wide"
    else:
        arrangement = "stacked"
    return CodingLayout(arrangement, tall, titled, legend_width, minimum)


def too_small_notice(size: tuple[int, int], minimum: tuple[int, int]) -> str:
    """What the coding screen says instead of itself in a terminal that is too small."""
    columns, lines = size
    need_columns, need_lines = minimum
    return (
        f"This terminal is {columns}×{lines}; the coding screen needs at least "
        f"{need_columns}×{need_lines}. Make the window larger (or the font smaller)."
    )


def too_small_text(
    size: tuple[int, int],
    minimum: tuple[int, int],
    *,
    coding: str,
    last: str | None,
    hint: str,
    not_saved: str | None,
) -> str:
    """The notice, and what shows that coding goes on: the clock and status (``coding``),
    the last event, the last hint and the NOT SAVED line when changes wait."""
    lines = [
        too_small_notice(size, minimum),
        "",
        f"Coding goes on: code keys still record. {coding}",
    ]
    if last is not None:
        lines.append(f"Last: {last}")
    lines.extend(line for line in (hint, not_saved) if line)
    return "\n".join(lines)
