"""Families' visits with chosen figures, for the caseload tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from attrs import evolve

from observe.model import Session


@pytest.fixture
def visit(make_session) -> Callable[..., Session]:
    """A visit with ``cues`` hungry cues, the first ``answered`` of them answered ``latency``
    s later (the first ``fitting`` of those with feed, the rest with play, which fits no
    cue), started on ``day`` (YYYY-MM-DD) by ``observer``."""

    def build(
        day: str,
        *,
        dyad: str = "D001",
        cues: int = 20,
        answered: int = 15,
        fitting: int = 10,
        latency: float = 1.5,
        observer: str = "OBS1",
        visit: str = "1",
    ) -> Session:
        events: list[tuple] = []
        for number in range(cues):
            t = 30.0 * number + 1
            events.append((t, "hungry"))
            if number < answered:
                events.append((t + latency, "feed" if number < fitting else "play"))
        session = make_session(
            events,
            dyad=dyad,
            started_at=f"{day}T10:00:00+01:00",
            visit=visit,
            duration=30.0 * cues + 30,
        )
        return evolve(session, observer=observer)

    return build
