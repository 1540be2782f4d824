"""Long tables: pages exactly as reportlab lays them out, at a cost in proportion to the rows.

If these failed, the table of a long visit's moments would either come out different from
the report clinicians know (rows moved, a header missing, a line or shading out of place)
or take time in the square of its length again, so a four-hour visit's report would take
many times longer than four one-hour reports.
"""

from __future__ import annotations

import random

import pytest
from observe.reports import styles
from observe.reports.document import render_pdf
from observe.reports.page import Furniture
from observe.reports.sections import heading
from observe.reports.tables import PAD_X, PAD_Y, data_table
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

FURNITURE = Furniture("Long tables", "2026-03-02 10:15 UTC", "test", "0123456789ab")
HEADER = ("Time", "Cue", "What happened", "What followed")
WORDS = ("the", "baby", "turned", "away", "and", "caregiver", "offered", "a", "feed", "held")


def rows(count: int, seed: int = 5) -> list[tuple[str, ...]]:
    """Rows of one to six lines each, so the pages break at many different places."""
    rng = random.Random(seed)
    return [
        (
            f"{n // 60}:{n % 60:02d}",
            rng.choice(["Tired", "Hungry", "Overstimulated (turns away)"]),
            " ".join(rng.choices(WORDS, k=rng.randint(3, 60))),
            " ".join(rng.choices(WORDS, k=rng.randint(1, 40))),
        )
        for n in range(count)
    ]


def widths(paper: str) -> list[float]:
    width = styles.content_width(paper)
    return [width * 0.08, width * 0.18, width * 0.44, width * 0.30]


def reportlab_table(body: list[tuple[str, ...]], paper: str, *, zebra: bool) -> Table:
    """The same table as reportlab's own ``Table``, measuring and splitting it itself."""
    head = styles.ParagraphStyle("head", parent=styles.CELL_BOLD, textColor=styles.INK)
    cells = [[Paragraph(text, head) for text in HEADER]]
    cells += [[Paragraph(text, styles.CELL) for text in row] for row in body]
    table = Table(cells, colWidths=widths(paper), repeatRows=1, hAlign="LEFT")
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, styles.GREY),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, styles.PALE]))
    table.setStyle(TableStyle(commands))
    return table


def story(table: Table) -> list:
    """A heading kept with the table's start, after some text, as the reports place them."""
    intro = Paragraph("Some words before the table. " * 12, styles.BODY)
    return [intro, Spacer(0, 6), KeepTogether([heading("Moments to revisit"), table])]


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(("count", "zebra"), [(1, True), (25, True), (180, True), (180, False)])
def test_a_long_table_comes_out_as_reportlab_lays_it_out(paper, count, zebra):
    body = rows(count)
    ours = render_pdf(
        story(data_table(HEADER, body, widths(paper), zebra=zebra)),
        paper=paper,
        title="t",
        furniture=FURNITURE,
    )
    theirs = render_pdf(
        story(reportlab_table(body, paper, zebra=zebra)),
        paper=paper,
        title="t",
        furniture=FURNITURE,
    )
    assert ours == theirs


def test_each_page_of_a_long_table_is_cut_from_the_rows_near_it(monkeypatch):
    """reportlab is shown about a page of rows for each page, not every row left: the rows
    of all the tables built while the table is laid out stay a few times its own rows."""
    built: list[int] = []
    make = Table.__init__

    def counting(self, data, *args, **kwargs) -> None:
        built.append(len(data))
        make(self, data, *args, **kwargs)

    monkeypatch.setattr(Table, "__init__", counting)
    for count in (400, 1600):
        built.clear()
        table = data_table(HEADER, rows(count), widths("a4"))
        render_pdf(story(table), paper="a4", title="t", furniture=FURNITURE)
        assert count < sum(built) < 5 * count
