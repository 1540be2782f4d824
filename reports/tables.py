"""Tables that never overflow: every cell is a wrapping Paragraph, header rows repeat
when a table splits across pages."""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles, wording
from reportlab.platypus import Paragraph, Table, TableStyle


def cell(
    value: str, style: styles.ParagraphStyle = styles.CELL, *, markup: bool = False
) -> Paragraph:
    """A wrapping cell; ``markup`` says the text is already Paragraph markup."""
    return Paragraph(value if markup else wording.text(value), style)


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
    table = Table(cells, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, styles.GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, styles.PALE]))
    table.setStyle(TableStyle(commands))
    return table
