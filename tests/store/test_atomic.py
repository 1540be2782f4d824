"""Whole-file writes leave the old file or the new one, never half; files are private."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from observe.store import atomic, perms
from observe.store.atomic import AtomicJSONStorage, DamagedFile, atomic_write

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]


def test_a_crash_before_the_swap_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "index.json"
    atomic_write(target, b'{"old": {}}')

    def crash(source: object, destination: object) -> None:
        raise OSError(errno.EIO, "simulated crash during os.replace")

    monkeypatch.setattr(perms.os, "replace", crash)
    with pytest.raises(OSError):
        atomic_write(target, b'{"new": {}}')
    assert target.read_bytes() == b'{"old": {}}'
    assert leftovers(tmp_path) == []


def test_a_failed_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.json"
    atomic_write(target, b"old")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "durable_fsync", no_space)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_the_new_file_replaces_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    atomic_write(target, b"old")
    digest = atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert digest == atomic.file_digest(target)


@posix_only
def test_files_are_0600_and_directories_0700(tmp_path: Path) -> None:
    """Records about families are readable by their owner only, whatever the umask."""
    old_umask = os.umask(0o022)
    try:
        folder = tmp_path / "archive" / "sessions"
        perms.make_private_dir(folder)
        atomic_write(folder / "s.json", b"{}")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "s.json").stat().st_mode) == 0o600


def test_the_swap_is_retried_while_windows_holds_the_file(tmp_path: Path, monkeypatch) -> None:
    """A virus scanner holding the file for a moment does not lose the write."""
    calls: list[int] = []
    real_replace = os.replace

    def busy_then_free(source: object, destination: object) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise PermissionError(errno.EACCES, "being used by another process")
        real_replace(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(perms, "_IS_WINDOWS", True)
    monkeypatch.setattr(perms.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(perms.os, "replace", busy_then_free)
    source = tmp_path / "a"
    source.write_bytes(b"x")
    perms.replace(source, tmp_path / "b")
    assert len(calls) == 3 and (tmp_path / "b").read_bytes() == b"x"


def test_tinydb_on_the_atomic_storage_refuses_a_damaged_file(tmp_path: Path) -> None:
    """TinyDB's own storage would treat garbage as an error too late; ours never writes
    over a file it could not read."""
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.insert({"a": 1})
    path.write_bytes(b'{"_default": {"1": {"a"')
    with TinyDB(path, storage=AtomicJSONStorage) as db, pytest.raises(DamagedFile):
        db.insert({"b": 2})
    assert path.read_bytes() == b'{"_default": {"1": {"a"'
