"""Tables that never overflow: every cell is a wrapping Paragraph, header rows repeat
when a table splits across pages.

A table's rows are measured once, here, and handed to reportlab with their heights, and a
table longer than a page is laid out a page at a time (``paged_table``). Left to itself,
reportlab measures the rows again, and builds a new table of the rows left, for every page
the table runs onto (and measures the whole table again whenever it is kept together with
a heading), so a table of a long session's moments cost time in the square of its length.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles, wording
from observe.reports.paged_table import PagedTable
from reportlab.platypus import Paragraph, Table, TableStyle

#: Cell padding in points, the same on every data table.
PAD_X = 3.0
PAD_Y = 2.5
#: The height reportlab offers a table cell's contents when measuring a row.
_MEASURING_HEIGHT = 72000.0


class Cell(Paragraph):
    """A table cell's paragraph. It keeps the lines it was last broken into: a table wraps
    every cell once to measure its row and again to draw it, at the same width."""

    _wrapped: tuple[float, float, float] | None = None  # (width given, width, height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == availWidth:
            return self._wrapped[1], self._wrapped[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


def cell(
    value: str, style: styles.ParagraphStyle = styles.CELL, *, markup: bool = False
) -> Paragraph:
    """A wrapping cell; ``markup`` says the text is already Paragraph markup."""
    return Cell(value if markup else wording.text(value), style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Paragraph]],
    widths: Sequence[float],
    *,
    numeric_from: int | None = None,
    zebra: bool = True,
) -> Table:
    """A table with a bold header row repeated on every page it spans."""
    head_style = styles.ParagraphStyle("head", parent=styles.CELL_BOLD, textColor=styles.INK)
    number_style = styles.ParagraphStyle("number", parent=styles.CELL, alignment=2)
    number_head = styles.ParagraphStyle("number_head", parent=head_style, alignment=2)
    cells: list[list[Paragraph]] = []
    cells.append(
        [
            cell(
                text,
                number_head if numeric_from is not None and index >= numeric_from else head_style,
            )
            for index, text in enumerate(header)
        ]
    )
    for row in rows:
        cells.append(
            [
                value
                if isinstance(value, Paragraph)
                else cell(
                    value,
                    number_style
                    if numeric_from is not None and index >= numeric_from
                    else styles.CELL,
                )
                for index, value in enumerate(row)
            ]
        )

    def row_commands(closing: bool) -> list[tuple]:
        commands: list[tuple] = [("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK)]
        if closing:
            commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.5, styles.GREY))
        if zebra:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, styles.PALE]))
        return commands

    table = PagedTable(
        cells,
        widths=widths,
        heights=row_heights(cells, widths),
        row_commands=row_commands,
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ]
        )
    )
    return table


def row_heights(cells: Sequence[Sequence[Paragraph]], widths: Sequence[float]) -> list[float]:
    """The height of each row as reportlab's ``Table`` works it out (the tallest cell's
    wrapped height plus the padding above and below), in one pass over the rows."""
    available = [width - PAD_X - PAD_X for width in widths]
    room = _MEASURING_HEIGHT - PAD_Y - PAD_Y
    heights = []
    for row in cells:
        tallest = 0.0
        for paragraph, width in zip(row, available, strict=True):
            _, height = paragraph.wrap(width, room)
            before, after = paragraph.getSpaceBefore(), paragraph.getSpaceAfter()
            # the same sums in the same order as reportlab's, so the heights are equal
            # to the last bit and the pages come out as they always did
            height = (height + after + before) - before - after + (PAD_Y + PAD_Y)
            tallest = max(tallest, height)
        heights.append(tallest)
    return heights
