"""The append-only journal of a live session: one checksummed line per change.

A line is ``<crc32 of the JSON, 8 hex digits> <JSON>\\n``. Line 1 is the header: the
journal's generation id and the session as it stood when the journal was started, so a
session that only has a journal can still be rebuilt. Every later line is one
:data:`~observe.changes.Change`.

A crash can only tear the line being written, which is always the last one: a bad last
line is dropped and reported. A bad line anywhere else means the file was damaged after
it was written; nothing after it can be trusted, so reading stops with an error that
names the line instead of guessing. A journal with no readable header at all (empty,
zero-filled by a power cut, cut inside its first line) is read as holding nothing, with
``unreadable`` saying why: the archive keeps such a file aside, it never deletes it.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path
from typing import Any

from attrs import frozen

from observe.changes import Change, structure_change, unstructure_change
from observe.convert import structure, unstructure
from observe.model import Session, new_id
from observe.store.atomic import encode_json
from observe.store.perms import durable_fsync, fsync_dir, open_private, read_private, write_all

HEADER_TYPE = "JournalStarted"
#: Why a journal of no bytes has no header (also: one being started this very moment).
EMPTY_JOURNAL = "it is empty"
_LINE = re.compile(rb"^([0-9a-f]{8}) (.*)$", re.DOTALL)


class JournalUnreadable(Exception):
    """A journal whose header cannot be read, of a session with no saved file (internal;
    the archive keeps the journal aside and names it)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class JournalDamaged(Exception):
    """A line that is not the last one is unreadable (internal; see the archive)."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path} line {line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def encode_line(record: dict[str, Any]) -> bytes:
    body = encode_json(record)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def header_record(generation: str, session: Session) -> dict[str, Any]:
    return {"type": HEADER_TYPE, "journal": generation, "session": unstructure(session)}


def change_record(change: Change) -> dict[str, Any]:
    return unstructure_change(change)


@frozen
class JournalContents:
    """What a journal holds, up to its last good line."""

    path: Path
    generation: str | None  # None: not even the header was written completely
    started: Session | None  # the session as it stood when the journal began
    changes: tuple[Change, ...]  # lines 2 … good_lines
    good_lines: int  # lines that passed their checksum, header included
    good_bytes: int  # the offset just after the last good line
    torn: str | None  # why the last line was dropped, if it was
    unreadable: str | None = None  # why the header could not be read (generation None)


def _parse(path: Path, number: int, raw: bytes) -> dict[str, Any]:
    match = _LINE.match(raw)
    if match is None:
        raise JournalDamaged(path, number, "it does not start with a checksum")
    checksum, body = match.groups()
    if int(checksum, 16) != zlib.crc32(body):
        raise JournalDamaged(path, number, "its checksum does not match its content")
    try:
        record = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise JournalDamaged(path, number, "it is not valid JSON") from None
    if not isinstance(record, dict):
        raise JournalDamaged(path, number, "it is not a journal record")
    return record


def read_journal(path: Path) -> JournalContents:
    """Read a journal; raises :class:`JournalDamaged` for a bad line before the last."""
    data = read_private(path)
    pieces = data.split(b"\n")
    # pieces[-1] is what follows the last newline: b"" unless the last write was torn.
    complete, tail = pieces[:-1], pieces[-1]
    generation: str | None = None
    started: Session | None = None
    changes: list[Change] = []
    good_lines = 0
    good_bytes = 0
    torn: str | None = "it was cut off in the middle" if tail else None
    for index, raw in enumerate(complete):
        number = index + 1
        is_last = index == len(complete) - 1 and not tail
        try:
            record = _parse(path, number, raw)
            if number == 1:
                if record.get("type") != HEADER_TYPE:
                    raise JournalDamaged(path, number, "it is not a journal header")
                generation = str(record["journal"])
                started = structure(record["session"], Session)
            else:
                changes.append(structure_change(record))
        except JournalDamaged as damage:
            if is_last:
                torn = damage.reason
                break
            raise
        except Exception as error:
            raise JournalDamaged(
                path, number, f"it is not a change this version of observe knows ({error})"
            ) from None
        good_lines = number
        good_bytes += len(raw) + 1
    return JournalContents(
        path=path,
        generation=generation,
        started=started,
        changes=tuple(changes),
        good_lines=good_lines,
        good_bytes=good_bytes,
        torn=torn,
        unreadable=_why_no_header(data, torn) if generation is None else None,
    )


def header_problem(path: Path) -> str | None:
    """Why the journal ``path`` has no readable header, or None when it has one (or when
    other lines follow its first: a bad first line is then a damaged line, named when the
    journal is read). Reads little more than the first line of a long journal."""
    fd = open_private(path, os.O_RDONLY)
    try:
        head = b""
        while b"\n" not in head and (chunk := os.read(fd, 1 << 16)):
            head += chunk
    finally:
        os.close(fd)
    _, newline, rest = head.partition(b"\n")
    if newline and rest:
        return None
    return read_journal(path).unreadable  # at most one line: read it all


def _why_no_header(data: bytes, torn: str | None) -> str:
    """Why a journal has no readable header, in words for the user."""
    if not data:
        return EMPTY_JOURNAL
    if not data.strip(b"\0"):
        return f"it holds only zero bytes ({len(data):,}), as a power cut can leave a file"
    if not re.match(rb"^[0-9a-f]{0,8}( |$)", data):
        return "its first line is not a journal header (it does not start with a checksum)"
    if b"\n" not in data:
        return "it was cut off inside its first line, the header"
    return f"its first line is not a journal header ({torn or 'it cannot be read'})"


class JournalWriter:
    """Appends lines durably. Not thread-safe: the recorder serialises calls.

    A failed append (disk full, permission lost) truncates the file back to where it
    was, so the next append cannot leave a torn line in the middle of the journal.
    """

    def __init__(self, path: Path, fd: int, size: int, lines: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self.size = size
        self.lines = lines
        self._needs_truncate = False

    @classmethod
    def create(cls, path: Path, session: Session) -> tuple[JournalWriter, str]:
        """Start a new journal for ``session``; returns the writer and its generation."""
        generation = new_id()
        fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND)
        writer = cls(path, fd, 0, 0)
        try:
            writer.append(header_record(generation, session))
            fsync_dir(path.parent)
        except BaseException:
            writer.close()
            # Deleting it loses nothing: this call created the file (O_EXCL), its header
            # did not reach the disk, and the recording it was to start has not begun, so
            # no change was ever acknowledged in it. (A header found torn when a journal is
            # read is another case: that file is kept, see ArchiveFiles.restore.)
            path.unlink(missing_ok=True)
            raise
        return writer, generation

    @classmethod
    def resume(cls, path: Path, contents: JournalContents) -> JournalWriter:
        """Continue a journal after its last good line (a torn tail is cut off)."""
        fd = open_private(path, os.O_WRONLY | os.O_APPEND)
        writer = cls(path, fd, contents.good_bytes, contents.good_lines)
        if os.fstat(fd).st_size != contents.good_bytes:
            writer._needs_truncate = True
        return writer

    @classmethod
    def reopen(cls, path: Path, size: int, lines: int) -> JournalWriter:
        return cls(path, open_private(path, os.O_WRONLY | os.O_APPEND), size, lines)

    def append(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            raise ValueError("the journal is closed")
        line = encode_line(record)
        if self._needs_truncate:
            self._truncate()
        try:
            write_all(self._fd, line)
            durable_fsync(self._fd)
        except OSError:
            self._needs_truncate = True
            try:
                self._truncate()
            except OSError:
                pass  # tried again before the next append
            raise
        self.size += len(line)
        self.lines += 1

    def _truncate(self) -> None:
        assert self._fd is not None
        os.ftruncate(self._fd, self.size)
        durable_fsync(self._fd)
        self._needs_truncate = False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
