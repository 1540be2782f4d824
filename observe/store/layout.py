"""Where things are in an archive folder (DESIGN §3): the names every module of the store
uses, in one place.

```
index.json                 the session list
sessions/<id>.json         a session's snapshot
sessions/<id>.journal      a live session's journal
schemes/, reports/         the user's schemes, the reports written by default
archive.lock               one writing process at a time (+ archive.lock.owner: who)
```
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from observe.locations import reports_dir, schemes_dir

INDEX_NAME = "index.json"
SESSIONS_DIR = "sessions"
LOCK_NAME = "archive.lock"
OWNER_NAME = "archive.lock.owner"
SESSION_SUFFIX = ".json"
JOURNAL_SUFFIX = ".journal"
#: What a file kept aside because it could not be read is called: ``<name>.damaged-<when>``.
KEPT_MARK = ".damaged-"


def own_folders(archive: Path) -> tuple[Path, ...]:
    """The folders an archive keeps inside itself."""
    return (archive / SESSIONS_DIR, schemes_dir(archive), reports_dir(archive))


def is_own_folder(folder: Path) -> bool:
    """Whether ``folder`` is one of :func:`own_folders` of an archive (the folder above it
    holds an index, a lock or a ``sessions/`` folder)."""
    archive = folder.parent
    if folder not in own_folders(archive):
        return False
    markers = (archive / INDEX_NAME, archive / LOCK_NAME, archive / SESSIONS_DIR)
    return any(marker.exists() for marker in markers)


def kept_aside_name(path: Path, when: datetime | None = None) -> Path:
    """A free name to keep ``path`` under once it could not be read: its own name, what
    happened and when (UTC), e.g. ``3f2a….journal.damaged-20261128T101500Z`` (``-2``,
    ``-3`` … after it if that name is taken: a file kept before is never replaced)."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}{KEPT_MARK}{stamp}")
    number = 1
    while kept.exists() or kept.is_symlink():
        number += 1
        kept = path.with_name(f"{path.name}{KEPT_MARK}{stamp}-{number}")
    return kept
