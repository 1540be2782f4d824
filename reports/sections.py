"""Building blocks the reports share: headings, the facts header, the key figures."""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles, wording
from observe.reports.tables import cell
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle


def heading(text: str) -> Paragraph:
    return Paragraph(wording.text(text), styles.HEADING)


def facts_table(facts: Sequence[tuple[str, str]], width: float) -> Flowable:
    """Who, when and how: label/value pairs, two to a row, filled row by row."""
    left, right = list(facts[0::2]), list(facts[1::2])
    right += [("", "")] * (len(left) - len(right))
    rows = [
        [cell(a, styles.CELL_BOLD), cell(b), cell(c, styles.CELL_BOLD), cell(d)]
        for (a, b), (c, d) in zip(left, right, strict=True)
    ]
    table = Table(
        rows, colWidths=[width * 0.16, width * 0.34, width * 0.16, width * 0.34], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, -1), styles.PALE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def key_figures_table(figures: Sequence[tuple[str, str, str]], width: float) -> Flowable:
    rows = [
        [cell(name, styles.CELL_BOLD), cell(value, styles.FIGURE_VALUE), cell(explanation)]
        for name, value, explanation in figures
    ]
    table = Table(rows, colWidths=[width * 0.2, width * 0.14, width * 0.66], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, styles.LIGHT),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table
