"""Opening the archive after a crash: what was recorded comes back, damage is named."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from observe.errors import ArchiveError
from observe.store import Archive

from .conftest import die, record


def test_a_torn_last_line_is_cut_off_before_recording_continues(
    archive_dir: Path, live_session
) -> None:
    """Resuming after a power cut that tore the last line: the tear is dropped and
    reported, and new events never end up behind a bad line."""
    archive = Archive.open(archive_dir)
    kept = record(archive.recorder(live_session), 1.0, 2.0)
    die(archive)
    journal_path = archive_dir / "sessions" / f"{live_session.id}.journal"
    with journal_path.open("ab") as handle:
        handle.write(b'1234abcd {"type": "EventRecorded", "ev')
    with Archive.open(archive_dir) as archive:
        assert any("incomplete" in problem for problem in archive.problems)
        recorder = archive.recorder(archive.load(live_session.id))
        later = record(recorder, 3.0)
        die(archive)
    with Archive.open(archive_dir) as archive:
        assert [e.id for e in archive.load(live_session.id).events] == [e.id for e in kept + later]
        assert not any("damaged" in problem for problem in archive.problems)


def test_a_session_that_only_has_its_journal_is_listed_and_opens(
    archive_dir: Path, live_session
) -> None:
    """A crash right after the journal was created, before the session file existed."""
    archive = Archive.open(archive_dir)
    events = record(archive.recorder(live_session), 1.0, 2.0)
    die(archive)
    (archive_dir / "sessions" / f"{live_session.id}.json").unlink()
    (archive_dir / "index.json").unlink()
    with Archive.open(archive_dir) as archive:
        (summary,) = archive.list_sessions()
        assert summary.id == live_session.id and summary.status == "live"
        assert archive.load(live_session.id).events == tuple(events)


def test_a_damaged_journal_line_in_the_middle_stops_with_file_and_line(
    archive_dir: Path, live_session, make_session
) -> None:
    other = make_session(dyad="D2")
    archive = Archive.open(archive_dir)
    archive.add(other)
    record(archive.recorder(live_session), 1.0, 2.0, 3.0)
    die(archive)
    journal_path = archive_dir / "sessions" / f"{live_session.id}.journal"
    lines = journal_path.read_bytes().split(b"\n")
    lines[2] = lines[2][:20] + b"X" + lines[2][21:]
    journal_path.write_bytes(b"\n".join(lines))
    damaged = journal_path.read_bytes()
    with Archive.open(archive_dir) as archive:
        assert any(f"{journal_path} is damaged at line 3" in p for p in archive.problems)
        with pytest.raises(ArchiveError, match="at line 3") as raised:
            archive.load(live_session.id)
        assert str(journal_path) in str(raised.value) and "move it out of" in str(raised.value)
        assert archive.load(other.id) == other
        with pytest.raises(ArchiveError, match="at line 3"):
            archive.recorder(live_session)
    assert journal_path.read_bytes() == damaged  # never reset or rewritten


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_every_file_is_0600_and_every_folder_0700(
    tmp_path: Path, live_session, make_session
) -> None:
    old_umask = os.umask(0o022)
    try:
        with Archive.open(tmp_path / "archive") as archive:
            archive.add(make_session())
            recorder = archive.recorder(live_session)
            record(recorder, 1.0)
            modes = {
                path.relative_to(tmp_path).as_posix(): stat.S_IMODE(path.stat().st_mode)
                for path in [tmp_path / "archive", *(tmp_path / "archive").rglob("*")]
            }
    finally:
        os.umask(old_umask)
    assert any(name.endswith(".journal") for name in modes)
    assert "archive/archive.lock.owner" in modes and "archive/index.json" in modes
    for name, mode in modes.items():
        expected = 0o700 if (tmp_path / name).is_dir() else 0o600
        assert mode == expected, f"{name} is {oct(mode)}"
