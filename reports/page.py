"""Page furniture: a running header and the footer with "page x of y".

The total page count is known only after the whole story has been laid out, so the
canvas keeps each page's state and draws the furniture when the document is saved
(the usual reportlab "numbered canvas").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from attrs import frozen
from observe.reports import styles
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


@frozen
class Furniture:
    """What every page carries."""

    running_title: str  # e.g. "Session report · D001 · visit 2"
    generated: str  # e.g. "2026-03-02 10:15 UTC"
    version: str
    scheme_digest: str  # short form, may be several joined by ", "


def generated_text(generated: datetime | None) -> str:
    """The generation date as printed in the footer (UTC when the time zone is known)."""
    moment = generated or datetime.now(UTC)
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def numbered_canvas(furniture: Furniture) -> Callable[..., Canvas]:
    """A canvas class that draws ``furniture`` on every page once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                draw_furniture(self, furniture, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_furniture(canvas: Canvas, furniture: Furniture, number: int, total: int) -> None:
    width, height = canvas._pagesize
    left, right = styles.MARGIN, width - styles.MARGIN
    canvas.saveState()
    canvas.setStrokeColor(styles.LIGHT)
    canvas.setLineWidth(0.5)
    if number > 1:
        canvas.setFont(styles.FONT, 8)
        canvas.setFillColor(styles.GREY)
        canvas.drawString(
            left,
            height - 12 * 2.8346,
            fitted(furniture.running_title, styles.FONT, 8, right - left),
        )
        canvas.line(left, height - 13.5 * 2.8346, right, height - 13.5 * 2.8346)
    footer_y = 10 * 2.8346
    canvas.line(left, footer_y + 10, right, footer_y + 10)
    page_text = f"Page {number} of {total}"
    room = right - left - stringWidth(page_text, styles.FONT_BOLD, 8) - 12
    canvas.setFont(styles.FONT, 7.5)
    canvas.setFillColor(styles.GREY)
    canvas.drawString(
        left,
        footer_y,
        fitted(
            f"Generated {furniture.generated} · observe {furniture.version}"
            + (f" · scheme {furniture.scheme_digest}" if furniture.scheme_digest else ""),
            styles.FONT,
            7.5,
            room,
        ),
    )
    canvas.setFont(styles.FONT_BOLD, 8)
    canvas.setFillColor(styles.INK)
    canvas.drawRightString(right, footer_y, page_text)
    canvas.restoreState()


def fitted(text: str, font: str, size: float, room: float) -> str:
    """``text`` cut to ``room`` points, ending in "…" when cut (a long visit label or many
    scheme digests must not run off the page)."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"
