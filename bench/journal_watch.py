"""Watching a folder for a new journal, then that journal for each line added (inotify).

Used by ``bench/tui_pty.py`` to timestamp the moment each key's line is in the journal
file. inotify (Linux, through ctypes) rather than polling: the watcher sleeps in
``select`` until the kernel reports a write, so it costs nothing while waiting and wakes
within the scheduler's latency of the ``write`` — a 1 ms poll would cost a thousand
``stat`` calls a second on a 2-core machine shared with the program measured, and still
be up to 1 ms late.

A line counts when it is complete (ends with a newline); its time is the moment the
watcher read it, right after the kernel's notification.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import time
from pathlib import Path

IN_MODIFY = 0x00000002
IN_CREATE = 0x00000100
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000
_EVENT = struct.Struct("iIII")  # wd, mask, cookie, len

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
_libc.inotify_init1.argtypes = [ctypes.c_int]
_libc.inotify_add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
_libc.inotify_rm_watch.argtypes = [ctypes.c_int, ctypes.c_int]


def _check(result: int, what: str) -> int:
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")
    return result


class JournalWatch:
    """Finds the first ``*.journal`` created in ``folder`` after it was made, then reports
    every complete line appended to it. ``fd`` is for ``select``."""

    def __init__(self, folder: Path, suffix: str = ".journal") -> None:
        self.folder = folder
        self.suffix = suffix
        self.fd = _check(_libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC), "inotify_init1")
        self._folder_watch = _check(
            _libc.inotify_add_watch(self.fd, os.fsencode(folder), IN_CREATE | IN_MOVED_TO),
            f"watching {folder}",
        )
        self._file_watch: int | None = None
        self.path: Path | None = None
        self._file: int | None = None
        self._partial = b""
        self.lines: list[tuple[float, bytes]] = []  # (time read, line without newline)

    def ready(self) -> list[tuple[float, bytes]]:
        """Call when ``fd`` is readable: the complete lines that arrived since last time."""
        names: list[bytes] = []
        modified = False
        while True:
            try:
                data = os.read(self.fd, 1 << 14)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                wd, _mask, _cookie, length = _EVENT.unpack_from(data, offset)
                name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
                offset += _EVENT.size + length
                if wd == self._folder_watch:
                    names.append(name)
                elif wd == self._file_watch:
                    modified = True
        if self.path is None:
            for name in names:
                if name.endswith(os.fsencode(self.suffix)):
                    self._open(self.folder / os.fsdecode(name))
                    modified = True
                    break
        return self._read_lines() if modified and self._file is not None else []

    def _open(self, path: Path) -> None:
        self.path = path
        self._file_watch = _check(
            _libc.inotify_add_watch(self.fd, os.fsencode(path), IN_MODIFY), f"watching {path}"
        )
        # The folder's events are no use any more (the program writes other files there).
        _libc.inotify_rm_watch(self.fd, self._folder_watch)
        self._file = os.open(path, os.O_RDONLY)

    def _read_lines(self) -> list[tuple[float, bytes]]:
        assert self._file is not None
        chunks = []
        while True:
            chunk = os.read(self._file, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        now = time.perf_counter()
        data = self._partial + b"".join(chunks)
        *complete, self._partial = data.split(b"\n")
        new = [(now, line) for line in complete]
        self.lines.extend(new)
        return new

    def close(self) -> None:
        if self._file is not None:
            os.close(self._file)
        os.close(self.fd)
