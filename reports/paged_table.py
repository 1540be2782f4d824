"""A long table laid out one page at a time, at a cost in proportion to its rows.

Left to itself, reportlab splits a table that runs over a page into the rows that fit and a
new ``Table`` of all the rows left, which it builds and measures again, and so on for every
page: a table of a long session's moments cost time in the square of its length. Here each
page is cut from a table of the header and only the rows near that page, so every page
costs the same however many rows follow it.

Every page comes out exactly as reportlab's own split makes it (the same rows, lines,
shading and positions, to the byte), because reportlab still makes each cut: only the rows
it is shown are fewer. Rows need their heights given (``row_heights``), as a table's rows
are measured once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

#: Line and background commands of a table's rows: ``closing`` says the part of the table
#: holds its last row (whose line below ends the table).
RowCommands = Callable[[bool], list[tuple]]


class PagedTable(Table):
    """A table with a header row repeated on every page, whose rows' heights are known.

    ``row_commands`` gives the table's line and background commands, the same for any run
    of its rows (the header's rule, the shading, the line under the last row when it is
    there); every other command is set on the table with ``setStyle`` as usual.
    """

    def __init__(
        self,
        cells: Sequence[Sequence[Any]],
        *,
        widths: Sequence[float],
        heights: Sequence[float],
        row_commands: RowCommands,
    ) -> None:
        super().__init__(
            [list(row) for row in cells],
            colWidths=list(widths),
            rowHeights=list(heights),
            repeatRows=1,
            hAlign="LEFT",
        )
        self.row_commands = row_commands
        self.setStyle(TableStyle(row_commands(True)))
        self._sums: list[tuple[float, float]] | None = None
        self._full_width: float | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return _Rest(self, 1).split(availWidth, availHeight)

    # -- what the pages share --------------------------------------------------------------

    def rows(self) -> int:
        """Rows, the header included."""
        return len(self._rowHeights)

    def part(self, start: int, stop: int) -> Table:
        """A table of the header and rows ``start`` to ``stop`` (not included), styled as
        reportlab styles what is left of a table after a split."""
        rows = [0, *range(start, stop)]
        part = Table(
            [self._cellvalues[i] for i in rows],
            colWidths=self._colWidths,
            rowHeights=[self._rowHeights[i] for i in rows],
            repeatRows=1,
            normalizedData=1,
            cellStyles=[self._cellStyles[i] for i in rows],
            hAlign=self.hAlign,
        )
        part.setStyle(TableStyle(self.row_commands(stop == self.rows())))
        return part

    def height_from(self, start: int) -> float:
        """The height reportlab gives the header and rows ``start`` on: its sum of the row
        heights (compensated, from the last row up), kept for every ``start`` at once."""
        if self._sums is None:
            sums = [(0.0, 0.0)] * (self.rows() + 1)
            height: float = 0
            carry: float = 0
            for index in range(self.rows() - 1, 0, -1):
                y = self._rowHeights[index] - carry
                total = height + y
                carry = (total - height) - y
                height = total
                sums[index] = (height, carry)
            self._sums = sums
        height, carry = self._sums[start] if start < self.rows() else (0, 0)
        return height + (self._rowHeights[0] - carry)

    def width(self, availWidth: float, availHeight: float) -> float:
        if self._full_width is None:
            self._full_width = self.part(1, min(2, self.rows())).wrap(availWidth, availHeight)[0]
        return self._full_width


class _Rest(Flowable):
    """The rows of a :class:`PagedTable` from ``start`` on, under its header: what is left
    of the table once the pages before have taken theirs."""

    def __init__(self, whole: PagedTable, start: int) -> None:
        super().__init__()
        self.whole = whole
        self.start = start
        self.hAlign = whole.hAlign
        self._wrapped_for: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._wrapped_for = (availWidth, availHeight)
        width = self.whole.width(availWidth, availHeight)
        return width, self.whole.height_from(self.start)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The rows that fit in ``availHeight`` as a table, and the rest; reportlab makes the
        cut, shown the header and the rows as far as one past the first that does not fit."""
        stop = self._past_the_page(availHeight)
        part = self.whole.part(self.start, stop)
        parts = part.split(availWidth, availHeight)
        if len(parts) < 2 or stop == self.whole.rows():
            return parts
        page, _ = parts
        return [page, _Rest(self.whole, self.start + len(page._rowHeights) - 1)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """It fitted: all of the rest as one table."""
        table = self.whole.part(self.start, self.whole.rows())
        table.wrapOn(canvas, *self._wrapped_for)
        table.drawOn(canvas, x, y, _sW)

    def _past_the_page(self, availHeight: float) -> int:
        """Where to stop the rows shown to reportlab's cut: two past the first row that does
        not fit under the header (reportlab's own sum, row by row from the top)."""
        heights = self.whole._rowHeights
        used = heights[0]
        row = self.start
        while row < len(heights) and used + heights[row] <= availHeight:
            used += heights[row]
            row += 1
        return min(len(heights), row + 2)
