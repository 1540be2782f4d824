"""Palette, fonts, paragraph styles and paper sizes shared by every report.

Outcome colours are the Okabe–Ito palette, chosen so that each pair stays apart for
colour-blind readers; every outcome also has its own marker shape (and unanswered cues
are hollow), so a greyscale print still tells them apart.
"""

from __future__ import annotations

import os
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from observe.errors import ObserveError

Paper = Literal["a4", "letter"]

PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
MARGIN = 18 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm

# Territories that print on US Letter (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "CL", "CO", "CR", "DO", "GT", "PA", "PH", "PR", "SV", "VE"}
)

# Okabe–Ito
BLUE = colors.HexColor("#0072B2")
SKY = colors.HexColor("#56B4E9")
ORANGE = colors.HexColor("#E69F00")
VERMILLION = colors.HexColor("#D55E00")
GREEN = colors.HexColor("#009E73")
INK = colors.HexColor("#222222")
GREY = colors.HexColor("#777777")
LIGHT = colors.HexColor("#DDDDDD")
PALE = colors.HexColor("#F2F2F2")
WINDOW = colors.HexColor("#E3EEF6")  # response windows: pale, behind everything

OUTCOME_ORDER = ("matched", "repaired", "mismatched", "unanswered")
# A cue whose outcome fell partly in a period that could not be coded (left out of every
# figure) is drawn in grey; it is in no legend of a session that has none.
OUTCOME_COLOURS = {
    "matched": BLUE,
    "repaired": SKY,
    "mismatched": ORANGE,
    "unanswered": VERMILLION,
    "not_codable": GREY,
}
OUTCOME_MARKERS = {
    "matched": "circle",
    "repaired": "diamond",
    "mismatched": "triangle",
    "unanswered": "square",  # drawn hollow
    "not_codable": "circle",
}
OUTCOME_LABELS = {
    "matched": "Matched",
    "repaired": "Repaired",
    "mismatched": "Mismatched",
    "unanswered": "Unanswered",
    "not_codable": "Not codable",
}

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"

BODY = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10.5)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=FONT_BOLD)
NOTE = ParagraphStyle("note", parent=SMALL, textColor=GREY)
TITLE = ParagraphStyle("title", parent=BODY, fontName=FONT_BOLD, fontSize=17, leading=21)
HEADING = ParagraphStyle(
    "heading",
    parent=BODY,
    fontName=FONT_BOLD,
    fontSize=12,
    leading=15,
    spaceBefore=10,
    spaceAfter=4,
)
FIGURE_VALUE = ParagraphStyle(
    "figure_value", parent=CELL, fontName=FONT_BOLD, fontSize=11, leading=13
)


def content_width(paper: Paper) -> float:
    """The width the stories are laid out for: the page less both side margins."""
    return PAGE_SIZES[paper][0] - 2 * MARGIN


def parse_paper(value: str | None) -> Paper:
    """``a4`` or ``letter`` (any case); ``None`` means the reader's locale decides."""
    if value is None:
        return paper_from_locale()
    normalised = value.strip().lower()
    if normalised in ("a4", "letter"):
        return normalised  # type: ignore[return-value]
    raise ObserveError(f"unknown paper size {value!r}; use a4 or letter.")


def paper_from_locale(environ: dict[str, str] | None = None) -> Paper:
    """US Letter where the locale's territory prints on it (LC_PAPER, else LANG), else A4."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(name)
        if value:
            return "letter" if _territory(value) in LETTER_TERRITORIES else "a4"
    return "a4"


def _territory(locale_name: str) -> str:
    """``en_US.UTF-8@euro`` → ``US``; ``C`` → ``""``."""
    base = locale_name.split(".")[0].split("@")[0]
    return base.split("_")[1].upper() if "_" in base else ""
