"""Fixtures the terminal UI tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.workspace import open_archive


@pytest.fixture
def ended_and_interrupted(isolated_data_dir: Path, make_session) -> Path:
    """The archive holding an ended session of D001 and a newer interrupted one of D002
    (listed first, and offered for resume at start)."""
    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001", started_at="2026-03-01T09:00:00+00:00"))
        archive.add(
            make_session(
                [(3.0, "hungry")],
                dyad="D002",
                started_at="2026-03-02T09:00:00+00:00",
                status="live",
            )
        )
    return isolated_data_dir


from .video_harness import players, video_file  # noqa: E402, F401  (coding from a recording)
