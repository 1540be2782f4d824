"""The still frames of a session's moments, four to a row, each under its number.

The frames are files made before the report is laid out (``observe.media.report_stills``:
the report never drives a player); a moment without a file is left out of the grid.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from observe.reports import styles
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

#: Stills per row.
ACROSS = 4


def stills_grid(
    captions: Sequence[tuple[int, str]], stills: Mapping[int, Path], width: float
) -> list[Flowable]:
    """A grid of the stills of ``captions`` (moment number, caption) that have a file."""
    shown = [(number, text) for number, text in captions if number in stills]
    if not shown:
        return []
    column = width / ACROSS
    cells: list[list[Flowable]] = []
    for number, text in shown:
        path = stills[number]
        frame_width, frame_height = ImageReader(str(path)).getSize()
        picture_width = column - 8
        picture_height = picture_width * frame_height / frame_width if frame_width else 0
        cells.append(
            [
                Image(str(path), width=picture_width, height=picture_height),
                Paragraph(f"<b>{number}</b> · {text}", styles.SMALL),
            ]
        )
    rows = [cells[k : k + ACROSS] for k in range(0, len(cells), ACROSS)]
    rows[-1] += [[]] * (ACROSS - len(rows[-1]))
    table = Table(rows, colWidths=[column] * ACROSS, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [
        Spacer(0, 6),
        Paragraph("Still frames of the moments, taken from the linked video:", styles.NOTE),
        Spacer(0, 3),
        table,
    ]
