"""A session being recorded lists the events it has, not those of its last save.

The index is written when a live session is folded (every 30 s or 50 changes, at pause
and at end), never on a key press. ``observe session list`` in another terminal, or a
second observe's home screen, used to show the session as "0 events" until its first
fold. Here a session is recorded by another process, which never folds while it runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.model import Session, new_id
from observe.store import Archive

from .conftest import record

CHILD = Path(__file__).with_name("live_child.py")


class Recording:
    """The child process recording session ``session_id`` in ``archive_dir``."""

    def __init__(self, archive_dir: Path) -> None:
        self.session_id = new_id()
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(archive_dir), self.session_id],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read() == "ready"

    def read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def record(self, count: int) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(f"record {count}\n")
        self.process.stdin.flush()
        verb, total = self.read().split()
        assert verb == "recorded"
        return int(total)

    def stop(self) -> None:
        self.process.communicate("\n", timeout=60)


@pytest.fixture
def recording(archive_dir: Path, make_session) -> Iterator[Recording]:
    with Archive.open(archive_dir) as archive:
        archive.add(make_session(dyad="D001"))
    child = Recording(archive_dir)
    yield child
    child.stop()


def events_listed(archive: Archive, session_id: str) -> int:
    (summary,) = [s for s in archive.list_sessions() if s.id == session_id]
    return summary.events


def test_a_read_only_archive_lists_the_events_recorded_elsewhere_so_far(
    archive_dir: Path, recording: Recording
) -> None:
    with Archive.open(archive_dir, readonly=True) as archive:
        assert archive.readonly
        assert events_listed(archive, recording.session_id) == 0
        assert recording.record(7) == 7
        assert events_listed(archive, recording.session_id) == 7, "not the 0 of the index"
        assert recording.record(5) == 12
        assert events_listed(archive, recording.session_id) == 12
        (summary,) = [s for s in archive.list_sessions() if s.id == recording.session_id]
        assert summary.status == "live"
        assert archive.problems == []


def test_session_list_shows_the_events_of_a_session_being_recorded(
    archive_dir: Path, recording: Recording
) -> None:
    recording.record(9)
    result = CliRunner().invoke(main, ["--data-dir", str(archive_dir), "session", "list"])
    assert result.exit_code == 0, result.output
    (row,) = [line for line in result.stdout.splitlines() if "LIVE-1" in line]
    assert " 9 " in f"{row} " and "live" in row


def test_the_archive_that_records_lists_its_own_live_session_as_it_stands(
    archive: Archive, live_session: Session
) -> None:
    """The home screen of the observe that codes reads the same list."""
    recorder = archive.recorder(live_session)
    record(recorder, 1.0, 2.0, 3.0)
    assert events_listed(archive, live_session.id) == 3
    recorder.close()
    assert events_listed(archive, live_session.id) == 3


def test_a_line_being_written_elsewhere_is_not_called_damage(
    archive_dir: Path, recording: Recording
) -> None:
    """``session list`` may read the journal while the other observe is halfway through
    appending a line: that line is left out, and not reported as torn."""
    recording.record(4)
    journal = archive_dir / "sessions" / f"{recording.session_id}.journal"
    with journal.open("ab") as file:
        file.write(b'0badf00d {"type": "EventRec')  # an append in progress
    result = CliRunner().invoke(main, ["--data-dir", str(archive_dir), "session", "list"])
    assert result.exit_code == 0 and not result.stderr, result.stderr
    (row,) = [line for line in result.stdout.splitlines() if "LIVE-1" in line]
    assert " 4 " in f"{row} "
