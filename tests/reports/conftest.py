"""Fixtures for the report tests: demo sessions on the shipped scheme, and reading a PDF back."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from observe.interchange.simulate import demo_sessions, simulate_session
from observe.model import Session
from observe.scheme import Scheme, find_scheme

GENERATED = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


@pytest.fixture(scope="session")
def infant_cues(tmp_path_factory: pytest.TempPathFactory) -> Scheme:
    return find_scheme("infant-cues", tmp_path_factory.mktemp("schemes"))


@pytest.fixture(scope="session")
def demo(infant_cues: Scheme) -> list[Session]:
    return demo_sessions(infant_cues)


@pytest.fixture
def visit(demo: list[Session]) -> Session:
    """A demo visit with answered, repaired and unanswered cues and a pause or two."""
    return next(s for s in demo if s.dyad == "DEMO-01" and s.visit == "3")


@pytest.fixture
def simulate(infant_cues: Scheme) -> Callable[..., Session]:
    def build(scheme: Scheme | None = None, **overrides: object) -> Session:
        arguments: dict[str, object] = dict(
            seed=3,
            dyad="D-17",
            visit="2",
            started_at="2026-04-01T09:30:00+02:00",
            duration=600.0,
            skill=0.5,
        )
        arguments.update(overrides)
        return simulate_session(scheme or infant_cues, **arguments)  # type: ignore[arg-type]

    return build


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed to single spaces."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def read_text() -> Callable[[Path], str]:
    return pdf_text


@pytest.fixture
def generated() -> datetime:
    return GENERATED


def text_outside_page(path: Path) -> list[str]:
    """Pieces of text that start left of the page margin or run past the right margin, or
    sit above or below the page. The right edge has 3 pt of slack: reportlab may fit a
    line by narrowing its word spaces a little, which the measure here does not see."""
    problems: list[str] = []
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.extract_text(visitor_text=_edge_check(problems, number, width, height))
    return problems


def _edge_check(
    problems: list[str], number: int, width: float, height: float
) -> Callable[..., None]:
    from observe.reports.styles import MARGIN
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if not text.strip():
            return
        # text-space origin mapped through the text and current matrices
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[0] * cm[0]) or 1.0
        name = str(font.get("/BaseFont", "/Helvetica")).lstrip("/") if font else "Helvetica"
        try:
            extent = stringWidth(text.strip(), name, size) * scale
        except KeyError:
            extent = stringWidth(text.strip(), "Helvetica", size) * scale
        if x < MARGIN - 1 or x + extent > width - MARGIN + 3 or y < 0 or y > height:
            problems.append(f"page {number}: {text!r} at ({x:.0f}, {y:.0f})")

    return visit


@pytest.fixture
def outside_page() -> Callable[[Path], list[str]]:
    return text_outside_page
