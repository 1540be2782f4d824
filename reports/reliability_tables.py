"""Tables of the reliability report: the confusion matrix (split into column blocks when a
scheme has many codes) and the observers' facts side by side."""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles
from observe.reports.tables import cell
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from observe.analysis.reliability_results import ConfusionMatrix

#: The narrowest a count column gets (points): room for three digits. Codes that do not
#: fit across the page continue in a next block (each block repeats the row labels), the
#: columns shared out evenly so no block is left with a lone column.
MIN_COUNT_WIDTH = 26.0
MAX_COUNT_WIDTH = 36.0


def matrix_tables(matrix: ConfusionMatrix, labels: Sequence[str], width: float) -> list[Flowable]:
    """The matrix as one or more tables: rows observer A, columns observer B.

    Columns are numbered like the rows (the row label shows number and code), the diagonal
    (agreements) is shaded, and the nil row and column are set apart by a rule.
    """
    codes = matrix.codes
    size = len(codes)
    numbers = [str(k) for k in range(1, size)] + ["nil"]
    row_labels = [
        f"{number}  {label}" if number != "nil" else "nil (not coded by A)"
        for number, label in zip(numbers, labels, strict=True)
    ]
    label_width = width * 0.30
    fits = max(1, int((width - label_width) // MIN_COUNT_WIDTH))
    blocks = -(-size // fits)
    per_block = -(-size // blocks)
    count_width = min(MAX_COUNT_WIDTH, (width - label_width) / per_block)
    number_style = styles.ParagraphStyle("matrix_number", parent=styles.CELL, alignment=2)
    head_style = styles.ParagraphStyle("matrix_head", parent=styles.CELL_BOLD, alignment=2)
    flow: list[Flowable] = []
    for start in range(0, size, per_block):
        columns = list(range(start, min(size, start + per_block)))
        header = [cell("A \\ B", styles.CELL_BOLD)] + [
            cell(numbers[k], head_style) for k in columns
        ]
        rows: list[list[Paragraph]] = [header]
        for r in range(size):
            rows.append(
                [cell(row_labels[r])]
                + [cell(str(matrix.counts[r][k]), number_style) for k in columns]
            )
        table = Table(
            rows,
            colWidths=[label_width] + [count_width] * len(columns),
            repeatRows=1,
            hAlign="LEFT",
        )
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
            ("LINEABOVE", (0, size), (-1, size), 0.5, styles.GREY),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, styles.GREY),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for position, k in enumerate(columns, start=1):
            if k < size - 1:  # the nil-nil cell is structurally empty, not an agreement
                commands.append(("BACKGROUND", (position, k + 1), (position, k + 1), styles.WINDOW))
            if k == size - 1:
                commands.append(("LINEBEFORE", (position, 0), (position, -1), 0.5, styles.GREY))
        table.setStyle(TableStyle(commands))
        if flow:
            flow.append(Spacer(0, 6))
        flow.append(table)
    return flow


def observers_table(rows: Sequence[tuple[str, str, str]], width: float) -> Table:
    """What each observer's session was: label, observer A, observer B."""
    cells = [
        [cell("", styles.CELL_BOLD), cell("Observer A", styles.CELL_BOLD),
         cell("Observer B", styles.CELL_BOLD)]
    ]  # fmt: skip
    cells += [[cell(name, styles.CELL_BOLD), cell(a), cell(b)] for name, a, b in rows]
    table = Table(cells, colWidths=[width * 0.2, width * 0.4, width * 0.4], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 1), (-1, -1), styles.PALE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
