"""The archive's sessions as a table: one row per :class:`SessionSummary`, newest first.

Rows come from the index only (never a full session), so 2,000 sessions list quickly.
A session that was not ended can be resumed, and says so in words and a symbol, not only
in colour: "⏸ paused" when the observer left it with ctrl+q, "▶ resume" when its program
died while coding it (interrupted). Where a listed session is a coding of a double-coded
visit, a "Pair" column after the figures says which coding it is and of which other session
(``2nd + 362ebad7``, :func:`observe.pairing.partner_text`); an archive without any shows
no such column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from observe.display import clock, percent, when
from observe.pairing import partner_text

if TYPE_CHECKING:
    from observe.store import SessionSummary

# Observer comes last: at 80 columns it is the one cut off (on a visitor's own laptop it is
# mostly their own initials), while the scheme says how the figures were coded.
COLUMNS = ("Dyad", "Visit", "Started", "Status", "Length", "Resp", "Match", "Scheme", "Observer")
#: Which coding of a double-coded visit a session is, after the figures (at 80 columns it
#: fits where the scheme was): shown while a listed session is one (the index says so, so
#: the column costs no session read).
PAIR_COLUMN = "Pair"
AFTER = COLUMNS.index("Match") + 1
RESUMABLE = ("live", "paused")
MOVE = Binding.Group("Move", compact=True)


def is_resumable(summary: SessionSummary) -> bool:
    """Not ended: paused or interrupted, and resumed with ``r``."""
    return summary.status in RESUMABLE


def is_interrupted(summary: SessionSummary) -> bool:
    """Not ended, and not left on purpose: its program died while coding it."""
    return is_resumable(summary) and summary.left_at is None


def format_status(summary: SessionSummary) -> Text:
    if is_interrupted(summary):
        return Text("▶ resume", style="bold")
    if is_resumable(summary):
        return Text("⏸ paused", style="bold")
    return Text("✓ ended")


def columns(paired: bool) -> tuple[str, ...]:
    """The table's columns; ``paired``: with the Pair column after the figures."""
    return (*COLUMNS[:AFTER], PAIR_COLUMN, *COLUMNS[AFTER:]) if paired else COLUMNS


def summary_cells(summary: SessionSummary, paired: bool = False) -> list[str | Text]:
    figures = summary.figures or {}
    cells: list[str | Text] = [
        summary.dyad,
        summary.visit,
        when(summary.started_at),
        format_status(summary),
        clock(summary.duration),
        percent(figures.get("response_rate")),
        percent(figures.get("match_rate")),
        summary.scheme_id,
        summary.observer,
    ]
    if paired:
        cells.insert(AFTER, partner_text(summary.coded_visit, summary.id))
    if is_resumable(summary):
        cells = [Text(c, style="bold") if isinstance(c, str) else c for c in cells]
    return cells


class SessionTable(DataTable[str | Text]):
    """Sessions, one row each, keyed by session id."""

    # j/k: moving through the list without leaving the home row (one-handed use). Listed in
    # the help, not the footer: at 80 columns the footer needs the room for "? Help".
    BINDINGS = [
        Binding("j", "cursor_down", "Down", group=MOVE, show=False),
        Binding("k", "cursor_up", "Up", group=MOVE, show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.summaries: dict[str, SessionSummary] = {}
        self.paired = False  # whether the Pair column is shown
        # Columns before any row: the home screen fills the table from its own on_mount,
        # and columns added after 2,000 rows would make the table measure every row twice.
        self.add_columns(*COLUMNS)

    def show(self, summaries: Sequence[SessionSummary]) -> None:
        """Replace the rows, keeping the cursor on the same session when it is still listed."""
        current = self.selected
        paired = any(summary.coded_visit is not None for summary in summaries)
        self.clear(columns=paired != self.paired)
        if paired != self.paired:  # (columns again before the rows, as at the start)
            self.paired = paired
            self.add_columns(*columns(paired))
        self.summaries = {s.id: s for s in summaries}
        for summary in summaries:
            self.add_row(*summary_cells(summary, paired), key=summary.id)
        if current is not None and current.id in self.summaries:
            self.move_cursor(row=self.get_row_index(current.id))

    @property
    def selected(self) -> SessionSummary | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:
            return None
        return self.summaries.get(key or "")
