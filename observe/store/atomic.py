"""Whole-file writes that leave the old file or the new one, never half of either.

TinyDB rewrites its whole file on every change; its stock ``JSONStorage`` does so in
place, so a crash in the middle leaves a truncated file. :class:`AtomicJSONStorage`
writes a temporary file in the same directory, fsyncs it, swaps it in with
``os.replace`` and fsyncs the directory. :class:`Batch` does the same for many files at
once, with one fsync of their folder for all of them.

Every write first checks its folder (:func:`~observe.store.perms.guard_destination`): an
archive's own folder that is a link is refused, a loose one is made 0700. Reports and
exports written through :func:`atomic_write` get the same checks.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from observe.store.perms import (
    durable_fsync,
    fsync_dir,
    guard_destination,
    open_private,
    read_private,
    replace,
    write_all,
)

TEMP_SUFFIX = ".tmp"


class DamagedFile(Exception):
    """A file of the archive cannot be read as what it should be (internal: the archive
    turns it into an :class:`~observe.errors.ArchiveError` sentence)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def temp_name(path: Path) -> Path:
    """A temporary sibling of ``path``; a leftover one is recognisable by its suffix."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")


def atomic_write(path: Path, data: bytes) -> str:
    """Replace ``path`` by ``data`` durably and atomically; returns sha256 of ``data``."""
    batch = Batch()
    digest = batch.add(path, data)
    batch.commit()
    return digest


class Batch:
    """Several whole-file writes made durable together: each file is written to a
    temporary sibling and fsync'd once, then all are swapped in, then each folder they
    are in is fsync'd once. If writing any of them fails, none is swapped in."""

    def __init__(self) -> None:
        self._prepared: list[tuple[Path, Path]] = []  # (temporary, destination)
        self.committed: list[Path] = []  # the files swapped in so far

    def add(self, path: Path, data: bytes) -> str:
        """Write ``data`` to a temporary file beside ``path`` and fsync it; returns its
        sha256. On failure every file of the batch is discarded and the error raised."""
        try:
            guard_destination(path.parent)
            temp = temp_name(path)
            fd = open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
            self._prepared.append((temp, path))
            try:
                write_all(fd, data)
                durable_fsync(fd)
            finally:
                os.close(fd)
        except BaseException:
            self.discard()
            raise
        return hashlib.sha256(data).hexdigest()

    def commit(self) -> None:
        """Swap every file in, then fsync their folders. If a swap fails, the files before
        it stay swapped in (``committed``), the rest are discarded, and the error raised."""
        try:
            while self._prepared:
                temp, path = self._prepared[0]
                replace(temp, path)
                self._prepared.pop(0)
                self.committed.append(path)
        finally:
            self.discard()
            for folder in dict.fromkeys(path.parent for path in self.committed):
                fsync_dir(folder)

    def discard(self) -> None:
        """Remove the temporary files not swapped in. Deleting them loses nothing: each
        was created here (O_EXCL) and holds only bytes of this batch, which has not said
        they were saved."""
        for temp, _ in self._prepared:
            try:
                temp.unlink()
            except OSError:
                pass  # a leftover temporary file is removed when the archive next opens
        self._prepared.clear()


def file_digest(path: Path) -> str:
    return hashlib.sha256(read_private(path)).hexdigest()


def encode_json(data: Any, *, sort_keys: bool = False) -> bytes:
    return json.dumps(
        data, ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=sort_keys
    ).encode("utf-8")


def decode_json(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        where = f" (at character {error.pos})" if isinstance(error, json.JSONDecodeError) else ""
        raise DamagedFile(path, f"it is not valid JSON{where}") from None


def decode_database(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """The tables of the TinyDB file ``path`` holding ``raw``; DamagedFile if it is not
    one (never an empty database instead: the caller must not write over it)."""
    if not raw:
        raise DamagedFile(path, "it is empty")
    data = decode_json(path, raw)
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise DamagedFile(path, "it is not a TinyDB database")
    return data


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose every write is atomic and durable.

    Reading a file that is not a JSON object raises :class:`DamagedFile` instead of
    pretending the database is empty: the caller must never write over a damaged file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.last_digest: str | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = read_private(self.path)
        except FileNotFoundError:
            return None
        return decode_database(self.path, raw)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.last_digest = atomic_write(self.path, encode_json(data))

    def close(self) -> None:
        pass
