"""One writer at a time: a second observe gets read-only access and is told who holds
the archive; a lock left by a dead process is taken over."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from observe.errors import ArchiveError
from observe.store import Archive

HOLDER = """
import sys, time
from pathlib import Path
from observe.store import Archive
archive = Archive.open(Path(sys.argv[1]))
print("writable" if not archive.readonly else "read-only", flush=True)
time.sleep(60)
"""


def start_holder(archive_dir: Path) -> subprocess.Popen[bytes]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(archive_dir)], stdout=subprocess.PIPE
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == b"writable\n"
    return holder


def test_a_second_process_gets_read_only_access_naming_the_holder(
    archive_dir: Path, make_session
) -> None:
    holder = start_holder(archive_dir)
    try:
        with Archive.open(archive_dir) as archive:
            assert archive.readonly
            reason = archive.readonly_reason or ""
            assert f"process {holder.pid} on {socket.gethostname()}" in reason
            assert "close observe there" in reason
            assert archive.list_sessions() == []  # reading still works
            with pytest.raises(ArchiveError) as raised:
                archive.add(make_session())
            assert str(raised.value) == reason
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_is_taken_over(archive_dir: Path, make_session) -> None:
    holder = start_holder(archive_dir)
    holder.kill()  # SIGKILL: the holder never releases anything itself
    holder.wait()
    assert (archive_dir / "archive.lock.owner").exists()  # its note is still there
    with Archive.open(archive_dir) as archive:
        assert not archive.readonly and archive.readonly_reason is None
        archive.add(make_session())
        assert len(archive.list_sessions()) == 1


def test_closing_releases_the_lock(archive_dir: Path) -> None:
    """Closing observe lets the next observe write: it never finds itself read-only."""
    with Archive.open(archive_dir) as first:
        assert not first.readonly
    with Archive.open(archive_dir) as second:
        assert not second.readonly
