"""Reading a file that comes from outside the archive, with a limit on its size.

A CSV of events, a bundle from another laptop, a coding scheme: each is read whole, so each
is first checked to be an ordinary file no larger than any plausible input of its kind (the
limits are where the kinds are: :mod:`observe.validity.limits`, :mod:`observe.scheme.loading`).
What is refused is refused before it is read, at once:

- a device or a named pipe: ``/dev/zero`` never ends, and a pipe may never be written to.
  The file is opened without waiting (``O_NONBLOCK``: opening a pipe to read otherwise
  waits for a writer) and checked on the open descriptor, so a file swapped for a pipe
  between a check and the open is caught too;
- a file larger than its limit, by its size on disk; a file still growing while it is read
  is read only to one byte past the limit, and refused.

:class:`InputRefused` carries the reason as words to put after the file's name; each caller
adds what to do, in its own terms.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # 0 on Windows, which has no such flag


#: Why a file of the archive that is a symbolic link is not read (it follows the name).
LINK_REFUSED = "is a symbolic link, and observe does not follow links inside the archive"


class InputRefused(Exception):
    """A file that is not read: ``reason`` says why, to follow its name ("is a device …");
    ``too_large``: it is larger than its kind may be; ``link``: it is a symbolic link, and
    links were not to be followed."""

    def __init__(
        self, path: Path, reason: str, *, too_large: bool = False, link: bool = False
    ) -> None:
        super().__init__(f"{path} {reason}")
        self.path = path
        self.reason = reason
        self.too_large = too_large
        self.link = link


def size_text(size: int) -> str:
    """``64 MB``, ``1.5 MB``, ``900 KB``: a size as people say it (binary units, one decimal)."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def read_bounded(path: Path, limit: int, *, what: str, follow_links: bool = True) -> bytes:
    """The bytes of the ordinary file at ``path``, at most ``limit`` of them.

    ``what`` names the kind of file in the refusal (``"a CSV file of events"``). Raises
    :class:`InputRefused` for a device, a pipe or a socket, or a file over the limit, and
    with ``follow_links=False`` (a file of the archive) for a symbolic link;
    ``IsADirectoryError`` for a folder; any other ``OSError`` as the system gives it.
    """
    descriptor = _open(path, follow_links)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(status.st_mode):
            raise InputRefused(
                path,
                f"is {_kind(status.st_mode)}, not {what} "
                "(only files are read: a pipe or a device may never end)",
            )
        if status.st_size > limit:
            raise InputRefused(path, _too_large(status.st_size, limit, what), too_large=True)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    if remaining <= 0:
        raise InputRefused(path, _too_large(None, limit, what), too_large=True)
    return b"".join(chunks)


def _open(path: Path, follow_links: bool) -> int:
    if follow_links:
        return os.open(path, _FLAGS)
    if not _NOFOLLOW and path.is_symlink():  # (Windows: checked just before, not on opening)
        raise InputRefused(path, LINK_REFUSED, link=True)
    try:
        return os.open(path, _FLAGS | _NOFOLLOW)
    except OSError as error:
        # ELOOP: a link, with O_NOFOLLOW (FreeBSD says EMLINK).
        if error.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
            raise InputRefused(path, LINK_REFUSED, link=True) from None
        raise


def _too_large(size: int | None, limit: int, what: str) -> str:
    """``is 80 MB, more than the 64 MB …``; without a size: the file grew while it was read."""
    if size is None or size_text(size) == size_text(limit):
        measured = "is more"
    else:
        measured = f"is {size_text(size)}, more"
    return f"{measured} than the {size_text(limit)} {what} may be"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "neither a file nor a folder"
