"""Fixtures for the observer-agreement tests: a simulated visit and its second observer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from observe.interchange.second_observer import second_observer
from observe.interchange.simulate import simulate_session
from observe.model import Session
from observe.scheme import Scheme, find_scheme


@pytest.fixture(scope="session")
def infant_cues(tmp_path_factory: pytest.TempPathFactory) -> Scheme:
    return find_scheme("infant-cues", tmp_path_factory.mktemp("schemes"))


@pytest.fixture(scope="session")
def visit(infant_cues: Scheme) -> Session:
    """About 300 events: a 55-minute simulated visit."""
    return simulate_session(
        infant_cues,
        seed=11,
        dyad="D-21",
        visit="2",
        started_at="2026-04-01T09:30:00+02:00",
        duration=3300.0,
        skill=0.6,
    )


@pytest.fixture(scope="session")
def second(visit: Session) -> Session:
    """The same visit coded by a second observer whose clock started 4.3 s later."""
    return second_observer(visit, seed=5, clock_offset=4.3)


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed to single spaces."""
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
