"""Private files and folders, never reached through a link, and writes that survive a
power cut.

The archive holds records about families: files are created 0600 and folders 0700
whatever the umask says, and a folder of the archive that already exists with looser
permissions is made 0700 when the archive writes in it. Nothing of the archive is
reached through a symbolic link: a link could lead a record out of the private folder
(or another user's file into it). "Durable" means the bytes reached the disk, not the OS
cache: ``fsync`` on Linux, ``F_FULLFSYNC`` on macOS (plain ``fsync`` there only reaches the
drive's cache), and the parent folder is fsync'd after a file is created or renamed so
the name itself survives.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from pathlib import Path

from observe.store.layout import is_own_folder

FILE_MODE = 0o600
DIR_MODE = 0o700
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # 0 on Windows, which has no such flag
_IS_WINDOWS = sys.platform == "win32"

try:
    import fcntl

    _FULL_FSYNC: int | None = getattr(fcntl, "F_FULLFSYNC", None)  # macOS only
except ImportError:  # Windows
    _FULL_FSYNC = None


class UnsafeLocation(OSError):
    """A folder or file of the archive that observe will not use as it is: a symbolic
    link, someone else's folder, a folder whose permissions cannot be made private.

    ``sentence`` says what is wrong and what to do. It is also the ``strerror``, so a
    caller that only knows OSError (a report being written) still shows it.
    """

    def __init__(self, path: Path, code: int, sentence: str) -> None:
        super().__init__(code, sentence, str(path))
        self.path = path
        self.sentence = sentence


def link_refused(path: Path, *, folder: bool) -> UnsafeLocation:
    """The refusal of a symbolic link where the archive keeps a folder or a file."""
    try:
        target = f" to {os.readlink(path)}"
    except OSError:
        target = ""
    thing = "a real folder (move what it points to into its place)" if folder else "the file"
    return UnsafeLocation(
        path,
        errno.ELOOP,
        f"{path} is a symbolic link{target}; observe does not follow links inside its "
        "archive, so that no family's record can be led out of it: replace the link with "
        f"{thing}, then try again",
    )


def _is_link(status: os.stat_result) -> bool:
    """A symbolic link, or on Windows any reparse point (a junction too)."""
    if stat.S_ISLNK(status.st_mode):
        return True
    attributes = getattr(status, "st_file_attributes", 0)
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0))


def make_private_dir(path: Path) -> bool:
    """Make ``path`` a private folder: create it (and missing parents) as 0700, or make an
    existing one 0700; True if it was created now. For the archive's own folders (and
    folders observe creates): never call it on a folder the user chose to write into.

    Refuses (:class:`UnsafeLocation`) a symbolic link, something that is not a folder, a
    folder that belongs to another user, and one whose file system does not keep the mode
    (FAT, exFAT). On Windows the mode is left alone (NTFS permissions come from the user
    profile's folders); links and junctions are refused there too.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        status = os.lstat(path)
        created = True
    else:
        created = False
    if _is_link(status):
        raise link_refused(path, folder=True)
    if not stat.S_ISDIR(status.st_mode):
        raise UnsafeLocation(
            path,
            errno.ENOTDIR,
            f"{path} is a file where observe keeps a folder; move it out of the way, then "
            "try again",
        )
    if not _IS_WINDOWS:
        _make_private(path, status)
    if created:
        fsync_dir(path.parent)
    return created


def _make_private(path: Path, status: os.stat_result) -> None:
    if status.st_uid != os.geteuid():
        raise UnsafeLocation(
            path,
            errno.EPERM,
            f"the folder {path} belongs to another user (uid {status.st_uid}), so observe "
            "cannot keep it private to you: use an archive folder of your own "
            "(--data-dir or OBSERVE_DATA_DIR), or have the folder given to you",
        )
    if stat.S_IMODE(status.st_mode) == DIR_MODE:
        return
    try:
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
        kept = stat.S_IMODE(os.lstat(path).st_mode) == DIR_MODE
        cause = "its file system keeps no permissions"
    except OSError as error:
        kept, cause = False, error.strerror or type(error).__name__
    if not kept:
        raise UnsafeLocation(
            path,
            errno.EPERM,
            f"the folder {path} cannot be made private to you (0700: {cause}); observe "
            "writes families' records only in private folders: keep the archive on a disk "
            "that has permissions (not a FAT or exFAT stick)",
        )


def guard_destination(folder: Path) -> None:
    """Before a file is written into ``folder``: if it is one of an archive's own folders
    (``sessions/``, ``schemes/``, ``reports/``), make sure it is a private real folder
    (:func:`make_private_dir`). Any other folder is the user's choice (``-o FILE``) and is
    left as it is."""
    if is_own_folder(folder):
        make_private_dir(folder)


def open_private(path: Path, flags: int) -> int:
    """``os.open`` with 0600 for a new file (binary mode on Windows), never through a
    symbolic link: ``O_NOFOLLOW`` where the system has it; on Windows, which has not, the
    path is checked with ``lstat`` just before it is opened (a link swapped in between the
    two is not caught there)."""
    if not _NOFOLLOW:
        _refuse_link(path)
    try:
        return os.open(path, flags | _BINARY | _NOFOLLOW, FILE_MODE)
    except OSError as error:
        # ELOOP: a link, with O_NOFOLLOW. (FreeBSD says EMLINK; O_EXCL says EEXIST.)
        if error.errno in (errno.ELOOP, errno.EMLINK, errno.EEXIST) and path.is_symlink():
            raise link_refused(path, folder=False) from None
        raise


def read_private(path: Path) -> bytes:
    """The bytes of the archive's file ``path``, never read through a symbolic link
    (:class:`UnsafeLocation`); FileNotFoundError if there is none."""
    fd = open_private(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _refuse_link(path: Path) -> None:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    if _is_link(status):
        raise link_refused(path, folder=False)


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
