"""What ``sessions/`` holds, from one directory listing.

Opening an archive of 2,000 sessions must not stat or read 2,000 files: the listing
alone says which sessions have a file, which have a journal (a live session, or a crash
to recover from), which temporary files an interrupted write left behind, which journals
were kept aside because they could not be read, and which names are symbolic links (the
archive does not follow them; reading one names the problem).
"""

from __future__ import annotations

import os
from pathlib import Path

from attrs import frozen

from observe.store.atomic import TEMP_SUFFIX
from observe.store.layout import JOURNAL_SUFFIX, KEPT_MARK, SESSION_SUFFIX

__all__ = ["EMPTY", "JOURNAL_SUFFIX", "SESSION_SUFFIX", "Listing", "list_folder"]


@frozen
class Listing:
    files: frozenset[str]  # ids with a ``<id>.json``
    journals: frozenset[str]  # ids with a ``<id>.journal``
    temporary: tuple[Path, ...]  # leftovers of interrupted atomic writes
    kept: tuple[Path, ...] = ()  # ``<id>.journal.damaged-<when>``: unreadable, kept aside
    links: tuple[Path, ...] = ()  # session files or journals that are symbolic links

    @property
    def ids(self) -> frozenset[str]:
        return self.files | self.journals


EMPTY = Listing(frozenset(), frozenset(), ())
_KEPT_JOURNAL = JOURNAL_SUFFIX + KEPT_MARK


def list_folder(folder: Path) -> Listing:
    """One ``os.scandir``; an entry's type comes with the listing on most file systems,
    so nothing is stat'ed per file. A missing folder lists as empty; an unreadable one
    raises OSError (opening the archive turns it into a sentence)."""
    files: set[str] = set()
    journals: set[str] = set()
    temporary: list[Path] = []
    kept: list[Path] = []
    links: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    if name.endswith(TEMP_SUFFIX):
                        temporary.append(Path(entry.path))
                    continue
                if name.endswith(SESSION_SUFFIX):
                    target, stem = files, name[: -len(SESSION_SUFFIX)]
                elif name.endswith(JOURNAL_SUFFIX):
                    target, stem = journals, name[: -len(JOURNAL_SUFFIX)]
                else:
                    if _KEPT_JOURNAL in name and _is_file(entry):
                        kept.append(Path(entry.path))
                    continue
                if not stem:
                    continue
                if _is_link(entry):
                    links.append(Path(entry.path))
                    target.add(stem)  # present: loading it says it is a link
                elif _is_file(entry):  # a folder someone named x.json is none of ours
                    target.add(stem)
    except (FileNotFoundError, NotADirectoryError):
        return EMPTY
    return Listing(
        frozenset(files),
        frozenset(journals),
        tuple(temporary),
        tuple(sorted(kept)),
        tuple(sorted(links)),
    )


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False
