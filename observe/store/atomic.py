"""Whole-file writes that leave the old file or the new one, never half of either.

TinyDB rewrites its whole file on every change; its stock ``JSONStorage`` does so in
place, so a crash in the middle leaves a truncated file. :class:`AtomicJSONStorage`
writes a temporary file in the same directory, fsyncs it, swaps it in with
``os.replace`` and fsyncs the directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from observe.store.perms import durable_fsync, fsync_dir, open_private, replace, write_all

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
    temp = temp_name(path)
    fd = open_private(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    try:
        try:
            write_all(fd, data)
            durable_fsync(fd)
        finally:
            os.close(fd)
        replace(temp, path)
    except BaseException:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def encode_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def decode_json(path: Path, raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        where = f" (at character {error.pos})" if isinstance(error, json.JSONDecodeError) else ""
        raise DamagedFile(path, f"it is not valid JSON{where}") from None


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
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw:
            raise DamagedFile(self.path, "it is empty")
        data = decode_json(self.path, raw)
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise DamagedFile(self.path, "it is not a TinyDB database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.last_digest = atomic_write(self.path, encode_json(data))

    def close(self) -> None:
        pass
