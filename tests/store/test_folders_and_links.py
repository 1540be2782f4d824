"""The archive's folders are private and its files are never reached through a link.

Records about families must not be readable by other users of the laptop, and a link
planted in the archive (or left by a careless copy) must not lead them out of it: folders
that already exist with loose permissions are made 0700 when the archive writes in them,
and a symbolic link where the archive keeps a folder or a file is refused with one
sentence saying what is wrong and what to do.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.errors import ArchiveError
from observe.model import Session
from observe.store import Archive
from observe.store.atomic import atomic_write
from observe.store.perms import UnsafeLocation

from .conftest import record

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and links")


def observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def the_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    return line


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077], indirect=True, ids=oct)
def test_loose_folders_that_already_exist_end_private(tmp_path: Path, umask: int) -> None:
    """``mkdir -m 755 X; mkdir -m 777 X/sessions X/reports X/schemes; observe --data-dir X
    demo``: every folder ends 0700, every file 0600, whatever the umask."""
    archive_dir = tmp_path / "X"
    archive_dir.mkdir()
    os.chmod(archive_dir, 0o755)
    for name in ("sessions", "reports", "schemes"):
        (archive_dir / name).mkdir()
        os.chmod(archive_dir / name, 0o777)
    result = observe(archive_dir, "demo")
    assert result.exit_code == 0, result.output
    for folder in (archive_dir, *(archive_dir / n for n in ("sessions", "reports", "schemes"))):
        assert mode(folder) == 0o700, folder
    files = [p for p in archive_dir.rglob("*") if p.is_file()]
    assert files and all(mode(p) == 0o600 for p in files)


def test_a_linked_sessions_folder_is_refused_and_nothing_is_written_through_it(
    tmp_path: Path,
) -> None:
    archive_dir, outside = tmp_path / "archive", tmp_path / "outside"
    archive_dir.mkdir()
    outside.mkdir()
    (archive_dir / "sessions").symlink_to(outside)
    for command in (["demo"], ["session", "list"]):
        line = the_error(observe(archive_dir, *command))
        assert f"{archive_dir / 'sessions'} is a symbolic link to {outside}" in line
        assert "replace the link with a real folder" in line
    with pytest.raises(ArchiveError, match="is a symbolic link"):
        Archive.open(archive_dir)
    assert list(outside.iterdir()) == []


def test_a_linked_lock_file_says_it_is_a_link(tmp_path: Path) -> None:
    """Not "Too many levels of symbolic links … check the disk"."""
    archive_dir = tmp_path / "archive"
    archive_dir.mkdir()
    (archive_dir / "archive.lock").symlink_to(tmp_path / "elsewhere.lock")
    line = the_error(observe(archive_dir, "demo"))
    assert f"the lock file {archive_dir / 'archive.lock'} is a symbolic link" in line
    assert "remove the link" in line and "Too many levels" not in line
    assert not (tmp_path / "elsewhere.lock").exists()


def test_a_linked_reports_folder_is_named_and_no_report_is_written_through_it(
    tmp_path: Path, make_session
) -> None:
    """Opening the archive names the link (coding still works); writing a report into
    it, through the store's atomic write that reports use, is refused."""
    archive_dir, outside = tmp_path / "archive", tmp_path / "outside"
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    outside.mkdir(mode=0o755)
    (archive_dir / "reports").symlink_to(outside)
    with Archive.open(archive_dir) as archive:
        assert [p for p in archive.problems if "reports is a symbolic link" in p]
        assert not archive.readonly
    with pytest.raises(UnsafeLocation, match="is a symbolic link"):
        atomic_write(archive_dir / "reports" / "D001.pdf", b"%PDF-1.4")
    assert list(outside.iterdir()) == []


def test_observe_report_writes_no_pdf_through_a_linked_reports_folder(
    tmp_path: Path, make_session
) -> None:
    """The issue as found: PDFs landed in an outside 0755 folder through a linked
    ``reports/``. The report is refused with the link named; the outside folder stays
    empty."""
    archive_dir, outside = tmp_path / "archive", tmp_path / "outside"
    with Archive.open(archive_dir) as archive:
        archive.add(session := make_session([(1.0, "hungry"), (2.0, "feed")]))
    outside.mkdir(mode=0o755)
    (archive_dir / "reports").symlink_to(outside)
    line = the_error(observe(archive_dir, "report", session.id[:8]))
    assert f"{archive_dir / 'reports'} is a symbolic link to {outside}" in line
    assert list(outside.iterdir()) == []


def test_a_loose_reports_folder_is_made_private_when_a_report_is_written(
    tmp_path: Path, make_session
) -> None:
    """Even by a command that opened the archive read-only (``observe report``)."""
    archive_dir = tmp_path / "archive"
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    reports = archive_dir / "reports"
    reports.mkdir()
    os.chmod(reports, 0o777)
    atomic_write(reports / "D001.pdf", b"%PDF-1.4")
    assert mode(reports) == 0o700 and mode(reports / "D001.pdf") == 0o600


def test_a_folder_the_user_chose_to_write_into_is_left_as_it_is(
    tmp_path: Path, make_session
) -> None:
    """``observe export … -o ~/Desktop/x.csv`` does not change the Desktop's mode."""
    archive_dir, desktop = tmp_path / "archive", tmp_path / "Desktop"
    with Archive.open(archive_dir) as archive:
        archive.add(session := make_session([(1.0, "hungry")]))
    desktop.mkdir()
    os.chmod(desktop, 0o755)
    result = observe(archive_dir, "export", session.id[:8], "--format", "csv", "-o",
                     str(desktop / "x.csv"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert mode(desktop) == 0o755 and mode(desktop / "x.csv") == 0o600


def test_linked_session_files_and_journals_are_named_and_refused(
    archive_dir: Path, make_session, live_session: Session, tmp_path: Path
) -> None:
    saved = make_session(dyad="D002")
    with Archive.open(archive_dir) as archive:
        archive.add(saved)
        recorder = archive.recorder(live_session)
        record(recorder, 1.0)
        recorder.close()
    sessions = archive_dir / "sessions"
    for name in (f"{saved.id}.json", f"{live_session.id}.journal"):
        (sessions / name).rename(tmp_path / name)
        (sessions / name).symlink_to(tmp_path / name)
    with Archive.open(archive_dir) as archive:
        for name in (f"{saved.id}.json", f"{live_session.id}.journal"):
            assert [p for p in archive.problems if f"{sessions / name} is a symbolic link" in p]
        with pytest.raises(ArchiveError, match="is a symbolic link"):
            archive.load(saved.id)
        with pytest.raises(ArchiveError, match="is a symbolic link"):
            archive.recorder(archive.load(live_session.id))
    line = the_error(observe(archive_dir, "session", "show", saved.id[:8]))
    assert f"{sessions / saved.id}.json is a symbolic link" in line
    assert (tmp_path / f"{saved.id}.json").exists() and (sessions / f"{saved.id}.json").is_symlink()


def test_a_linked_index_is_refused(archive_dir: Path, make_session, tmp_path: Path) -> None:
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    (archive_dir / "index.json").rename(tmp_path / "index.json")
    (archive_dir / "index.json").symlink_to(tmp_path / "index.json")
    for readonly in (False, True):
        with pytest.raises(ArchiveError, match=r"index\.json is a symbolic link"):
            Archive.open(archive_dir, readonly=readonly)
    assert (tmp_path / "index.json").exists()


@pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() != 0, reason="giving a folder to another user needs root"
)
def test_a_folder_of_another_user_is_refused_for_writing_and_still_read(
    tmp_path: Path, make_session
) -> None:
    archive_dir = tmp_path / "archive"
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    os.chown(archive_dir, 65534, 65534)
    line = the_error(observe(archive_dir, "demo"))
    assert "belongs to another user (uid 65534)" in line and "an archive folder of your own" in line
    listed = observe(archive_dir, "session", "list")
    assert listed.exit_code == 0 and "D001" in listed.stdout
    with Archive.open(archive_dir) as archive:
        assert archive.readonly and "it is open read-only here" in str(archive.readonly_reason)
    assert mode(archive_dir) == 0o700, "left as it was"


def test_a_disk_that_keeps_no_permissions_opens_read_only_and_says_why(
    tmp_path: Path, make_session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FAT or exFAT stick accepts chmod and keeps nothing: the archive is not written
    there (its records would be readable by anyone), but it can still be browsed."""
    archive_dir = tmp_path / "stick"
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    os.chmod(archive_dir, 0o777)
    monkeypatch.setattr(os, "chmod", lambda path, mode: None)
    with Archive.open(archive_dir) as archive:
        assert archive.readonly
        assert "cannot be made private to you (0700: its file system keeps no permissions)" in (
            str(archive.readonly_reason)
        )
        assert [s.dyad for s in archive.list_sessions()] == ["D001"]
        with pytest.raises(ArchiveError, match="not a FAT or exFAT stick"):
            archive.add(make_session(dyad="D002"))
