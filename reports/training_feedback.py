"""The feedback sheet of a training attempt (DESIGN §11), for the trainee's file: the
pack, the decision and the figures it rests on, agreement per code, and every moment the
trainee's coding differs from the master's.

The training package prepares the sheet's words and figures (:class:`FeedbackSheet`);
this module lays them out. The same sheet and date give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from attrs import frozen
from observe.reports import styles, wording
from observe.reports.document import write_report
from observe.reports.sections import facts_table, heading, key_figures_table
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, Paragraph, Spacer


@frozen
class FeedbackSheet:
    """What the sheet says, already in words."""

    pack: str  # the pack's name
    observer: str
    verdict: str  # "Passed" / "Not passed"
    practice: str | None  # why it counts as practice only (None: it counts)
    facts: tuple[tuple[str, str], ...]  # label, value
    figures: tuple[tuple[str, str, str], ...]  # name, value, what it counts
    checks: tuple[tuple[str, str, str, str], ...]  # condition, value, needed, met
    per_code: tuple[tuple[str, str, str, str], ...]  # code, pairs, agreed, agreement
    disagreements: tuple[tuple[str, str, str, str, str], ...]  # what, you, at, master, at
    note: str
    scheme_digest: str


def write_training_feedback(
    sheet: FeedbackSheet,
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
) -> Path:
    """Write the feedback sheet as a PDF to ``path`` (0600) and return the path."""
    return write_report(
        path,
        lambda width: feedback_story(sheet, width),
        title=f"Training feedback {sheet.pack} · {sheet.observer}",
        running_title=f"Training feedback · pack {sheet.pack} · observer {sheet.observer}",
        scheme_digests=[sheet.scheme_digest],
        pagesize=pagesize,
        generated=generated,
    )


def feedback_story(sheet: FeedbackSheet, width: float) -> list[Flowable]:
    colour = styles.GREEN if sheet.verdict == "Passed" else styles.VERMILLION
    story: list[Flowable] = [
        Paragraph("Training feedback", styles.TITLE),
        Spacer(0, 4),
        Paragraph(
            f'<font color="{colour.hexval()}"><b>{wording.text(sheet.verdict)}</b></font>'
            f" · pack {wording.text(sheet.pack)} · observer {wording.text(sheet.observer)}",
            styles.BODY,
        ),
    ]
    if sheet.practice:
        story += [
            Spacer(0, 3),
            Paragraph(
                "<b>Practice only, not counted for certification:</b> "
                + wording.text(sheet.practice),
                styles.BODY,
            ),
        ]
    story += [heading("The attempt"), facts_table(list(sheet.facts), width)]
    story += [heading("Agreement with the master coding")]
    story += [key_figures_table(list(sheet.figures), width)]
    story += [heading("What the decision rests on")]
    story += [_table(("Condition", "Yours", "Needed", "Met"), sheet.checks, width, (0.4, 0.2))]
    story += [heading("Agreement per code")]
    story += [_table(("Code", "Pairs", "Agreed", "Agreement"), sheet.per_code, width, (0.4, 0.2))]
    story += [heading(f"Where your coding differs ({len(sheet.disagreements)})")]
    if sheet.disagreements:
        header = ("What", "You coded", "At", "The master coded", "At")
        story.append(_table(header, sheet.disagreements, width, (0.24, 0.2, 0.14, 0.28, 0.14)))
        story += [Spacer(0, 4), Paragraph(wording.text(sheet.note), styles.NOTE)]
    else:
        story.append(Paragraph("None: you coded every moment as the master did.", styles.BODY))
    return story


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: float,
    shares: Sequence[float],
) -> Flowable:
    rest = (1 - sum(shares)) / max(len(header) - len(shares), 1)
    widths = [width * share for share in shares]
    widths += [width * rest] * (len(header) - len(shares))
    return data_table(header, [list(row) for row in rows], widths)
