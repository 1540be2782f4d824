"""Fixtures of the archive tests: an open archive and a fresh live session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from observe.changes import EventRecorded
from observe.model import Event, Session, new_id
from observe.store import Archive, Recorder


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def archive(archive_dir: Path) -> Iterator[Archive]:
    opened = Archive.open(archive_dir)
    yield opened
    opened.close()


@pytest.fixture
def live_session(make_session) -> Session:
    return make_session(status="live")


def record(recorder: Recorder, *times: float, code: str = "hungry") -> list[Event]:
    events = [Event(new_id(), code, t) for t in times]
    for event in events:
        recorder.apply(EventRecorded(event))
    return events


def die(archive: Archive) -> None:
    """Drop everything as a killed process would: no fold, no close, no lock release
    beyond what the OS does for a dead process."""
    for recorder in list(archive._recorders.values()):
        if recorder._writer is not None:
            recorder._writer.close()
    archive._recorders.clear()
    archive.close()
