"""The last section of the session report: the observer's ratings and notes, as written."""

from __future__ import annotations

from observe.reports import styles, wording
from observe.reports.sections import heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.labels import code_label
from observe.model import Session
from observe.scheme import Rating


def anchor_text(rating: Rating, value: int) -> str:
    """What ``rating``'s anchors say at ``value``: the anchor written for it, else the two
    it lies between (or the nearest one, past either end)."""
    if not rating.anchors:
        return ""
    exact = rating.anchor(value)
    if exact is not None:
        return f"{value}: {exact}"
    below = [point for point in rating.anchors if point < value]
    above = [point for point in rating.anchors if point > value]
    said = [f"{point}: {rating.anchors[point]}" for point in (below[-1:] + above[:1])]
    return "between " + " and ".join(said) if len(said) == 2 else "near " + said[0]


def ratings_and_notes(session: Session, width: float, title: str) -> list[Flowable]:
    """The ratings table, the observer's notes and the notes on single coded moments."""
    flow: list[Flowable] = [heading(title)]
    rating_labels = {r.id: r for r in session.scheme.ratings}
    if session.ratings:
        rows = []
        ordered = [r.id for r in session.scheme.ratings if r.id in session.ratings]
        ordered += sorted(k for k in session.ratings if k not in ordered)
        anchored = any(r.anchors for r in session.scheme.ratings)
        for key in ordered:
            rating = rating_labels.get(key)
            scale = f"{rating.min} to {rating.max}" if rating else display.MISSING
            row = [rating.label if rating else key, str(session.ratings[key]), scale]
            if anchored:  # what the scale says at the score, between the label and it
                row.insert(1, anchor_text(rating, session.ratings[key]) if rating else "")
            rows.append(row)
        if anchored:
            header: tuple[str, ...] = ("Rating", "What the scale says there", "Score", "Scale")
            widths = [width * 0.3, width * 0.46, width * 0.1, width * 0.14]
        else:
            header = ("Rating", "Score", "Scale")
            widths = [width * 0.6, width * 0.2, width * 0.2]
        flow.append(data_table(header, rows, widths, numeric_from=len(header) - 2))
    else:
        flow.append(Paragraph("No ratings were entered for this session.", styles.BODY))
    flow.append(Spacer(0, 6))
    flow.append(Paragraph("<b>Observer notes</b>", styles.BODY))
    paragraphs = [p.strip() for p in session.notes.split("\n\n") if p.strip()]
    notes: list[Flowable] = []
    for text in paragraphs:
        notes.append(Paragraph(wording.text(text).replace("\n", "<br/>"), styles.BODY))
        notes.append(Spacer(0, 3))
    if not notes:
        notes.append(Paragraph("No notes were recorded.", styles.BODY))
    # the heading, the ratings and the start of the notes stay on one page
    flow = [KeepTogether([*flow, notes[0]]), *notes[1:]]
    event_notes = [e for e in session.events if e.note]
    if event_notes:
        flow.append(Spacer(0, 4))
        flow.append(Paragraph("<b>Notes on coded moments</b>", styles.BODY))
        for event in event_notes:
            label = wording.text(code_label(session.scheme, event.code))
            flow.append(
                Paragraph(
                    f"<b>{display.clock(event.t)} {label}</b>: {wording.text(event.note or '')}",
                    styles.BODY,
                )
            )
    return flow
