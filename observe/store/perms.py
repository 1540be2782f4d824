"""Private files and directories, and writes that survive a power cut.

The archive holds records about families: files are created 0600 and directories 0700
whatever the umask says. "Durable" means the bytes reached the disk, not the OS cache:
``fsync`` on Linux, ``F_FULLFSYNC`` on macOS (plain ``fsync`` there only reaches the
drive's cache), and the parent directory is fsync'd after a file is created or renamed so
the name itself survives.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_BINARY = getattr(os, "O_BINARY", 0)
_IS_WINDOWS = sys.platform == "win32"

try:
    import fcntl

    _FULL_FSYNC: int | None = getattr(fcntl, "F_FULLFSYNC", None)  # macOS only
except ImportError:  # Windows
    _FULL_FSYNC = None


def make_private_dir(path: Path) -> bool:
    """Create ``path`` (and missing parents) as 0700; True if it was created now."""
    if path.is_dir():
        return False
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if not _IS_WINDOWS:
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
    fsync_dir(path.parent)
    return True


def open_private(path: Path, flags: int) -> int:
    """``os.open`` with 0600 for a new file (binary mode on Windows)."""
    return os.open(path, flags | _BINARY, FILE_MODE)


def durable_fsync(fd: int) -> None:
    """Flush a file descriptor all the way to the disk."""
    if _FULL_FSYNC is not None:
        try:
            fcntl.fcntl(fd, _FULL_FSYNC)
            return
        except OSError:
            pass  # not supported by this file system: fall back to fsync
    os.fsync(fd)


def fsync_dir(path: Path) -> None:
    """Make a created, renamed or removed name in ``path`` durable (no-op on Windows)."""
    if _IS_WINDOWS:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a short write is legal)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def replace(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly on Windows where scanners and sync clients hold
    files open for a moment (PermissionError); elsewhere one attempt."""
    attempts = 10 if _IS_WINDOWS else 1
    for attempt in range(attempts):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
