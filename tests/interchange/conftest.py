"""Fixtures of the interchange tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from observe.model import Event, Pause, Session, new_id
from observe.scheme import Scheme

ArchiveState = Callable[[Path], dict[str, bytes | None]]


def _archive_state(path: Path) -> dict[str, bytes | None]:
    """Every folder and file under ``path`` with its bytes (None for a folder)."""
    return {
        str(entry.relative_to(path)): entry.read_bytes() if entry.is_file() else None
        for entry in sorted(path.rglob("*"))
    }


@pytest.fixture
def archive_state() -> ArchiveState:
    """What is in an archive folder, to compare before and after a refused import: the
    archive is unchanged when every file has the same bytes and no file came or went."""
    return _archive_state


def full_session_of(scheme: Scheme) -> Session:
    """An ended session of the tiny scheme using every field: events with notes and
    intensities, a state code that starts and stops, a pause, a rating, notes."""
    events = [
        Event(id=new_id(), code="hungry", t=3.0, intensity=2, note="rooting"),
        Event(id=new_id(), code="fussing", t=4.5, kind="start"),
        Event(id=new_id(), code="feed", t=6.25),
        Event(id=new_id(), code="fussing", t=9.0, kind="stop"),
    ]
    return Session(
        id=new_id(),
        dyad="D017",
        observer="OBS1",
        started_at="2026-03-02T10:00:00+01:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit="2",
        context="feeding",
        duration=60.0,
        status="ended",
        events=events,
        notes="settled quickly",
        ratings={"overall_warmth": 4},
        pauses=[
            Pause(
                at=20.0,
                paused_wall="2026-03-02T10:00:20+01:00",
                resumed_wall="2026-03-02T10:02:00+01:00",
            )
        ],
        origin="live",
        ended_at="2026-03-02T10:02:40+01:00",
    )


@pytest.fixture
def full_session(tiny_scheme: Scheme) -> Session:
    """A fresh session using every field (see :func:`full_session_of`)."""
    return full_session_of(tiny_scheme)


@pytest.fixture
def holding(cli_archive, tiny_scheme: Scheme):  # type: ignore[no-untyped-def]
    """An archive that already holds one session (so there is something to leave alone)."""
    cli_archive.store(full_session_of(tiny_scheme))
    return cli_archive
