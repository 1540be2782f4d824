"""Where each recording a session was coded from was found: ``<archive>/recordings.json``.

A session keeps its recording's name, size and hash (``Session.recording``), never where
the file is: a folder's path can name a family (``~/Visits/Smith family/``) and sessions
travel in bundles. The folder stays on this laptop, in the archive, so that resuming or
reopening the session finds the file again where it was coded from; when it is not there
any more, the screen asks for it.

The file maps session ids to absolute paths (JSON, 0600, replaced atomically). It holds
nothing that cannot be asked for again: one that cannot be read counts as empty, and is
written anew at the next recording.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from observe.store.atomic import atomic_write, encode_json
from observe.store.perms import read_private

RECORDINGS_NAME = "recordings.json"


def _read(archive: Path) -> dict[str, str]:
    try:
        data = json.loads(read_private(archive / RECORDINGS_NAME).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): value for key, value in data.items() if isinstance(value, str)}


def remembered_recording(archive: Path, session_id: str) -> Path | None:
    """Where the recording of ``session_id`` was when it was last coded (None: unknown)."""
    where = _read(archive).get(session_id)
    return Path(where) if where else None


def remembered_folders(archive: Path) -> list[Path]:
    """The folders recordings were coded from, the latest remembered first, each once."""
    folders = [Path(where).parent for where in reversed(_read(archive).values())]
    return list(dict.fromkeys(folders))


def remember_recording(archive: Path, session_id: str, path: Path) -> None:
    """Keep where the recording of ``session_id`` is (its absolute path). A disk that
    refuses costs nothing coded: the file is asked for at the next resume instead."""
    paths = _read(archive)
    paths[session_id] = os.fspath(path.resolve())
    with contextlib.suppress(OSError):
        atomic_write(archive / RECORDINGS_NAME, encode_json(paths))
