"""Fixtures for replaying moments and syncing a live session with its video."""

from __future__ import annotations

import pytest

from observe.interchange.simulate import simulate_session
from observe.model import Session
from observe.scheme import Scheme, find_scheme


@pytest.fixture(scope="session")
def infant_cues(tmp_path_factory: pytest.TempPathFactory) -> Scheme:
    return find_scheme("infant-cues", tmp_path_factory.mktemp("schemes"))


@pytest.fixture(scope="session")
def visit(infant_cues: Scheme) -> Session:
    """A 55-minute simulated live visit (about 300 events)."""
    return simulate_session(
        infant_cues,
        seed=11,
        dyad="D-21",
        visit="2",
        started_at="2026-04-01T09:30:00+02:00",
        duration=3300.0,
        skill=0.6,
    )
