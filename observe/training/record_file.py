"""The certification record and the imported packs, kept in the archive (DESIGN §3, §11).

```
training/record.journal        the certification record: one checksummed line per entry
training/packs/<digest>.obpack the packs imported here, by their digest
```

The record is journaled as the archive journals key presses: each entry is one line
``<crc32> <JSON>`` appended and fsync'd before it counts as written. A torn last line
(a crash while appending) is dropped, and the file is first rewritten without it,
atomically, before anything is appended after it; a bad line before the last is damage,
named with its line, never guessed around. Entries are facts with ids: merging another
laptop's record appends only the entries this one lacks, so merging twice adds nothing and
the order of merges does not matter. Packs are written whole and atomically; one already
there (the same digest) is not written again. Files are 0600 and folders 0700, like every
file of the archive, and writing needs the archive open for writing (its lock).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cattrs import BaseValidationError

from observe.convert import structure, unstructure
from observe.errors import ArchiveError
from observe.store import Archive
from observe.store.atomic import atomic_write, encode_json
from observe.store.perms import (
    durable_fsync,
    fsync_dir,
    make_private_dir,
    open_private,
    read_private,
    write_all,
)
from observe.training.pack import PACK_SUFFIX, Pack, PackError, pack_text, parse_pack
from observe.training.record import Attempt, DriftCheck, Entry
from observe.validity import NotExactly, structure_exactly, wall_clock_problem
from observe.validity.text import shown, text_problem

TRAINING_DIR = "training"
RECORD_NAME = "record.journal"
PACKS_DIR = "packs"
_TYPES: dict[str, type] = {"Attempt": Attempt, "DriftCheck": DriftCheck}


def record_path(archive_dir: Path) -> Path:
    return Path(archive_dir) / TRAINING_DIR / RECORD_NAME


def packs_path(archive_dir: Path) -> Path:
    return Path(archive_dir) / TRAINING_DIR / PACKS_DIR


# -- the record ------------------------------------------------------------------------


def _line(entry: Entry) -> bytes:
    body = encode_json(unstructure_entry(entry))
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def unstructure_entry(entry: Entry) -> dict[str, Any]:
    """An entry as the record and bundles write it: ``{"type": "Attempt", …}``."""
    return {"type": type(entry).__name__, **unstructure(entry)}


def _read(path: Path) -> tuple[list[Entry], bytes | None]:
    """The entries of the record file and, if its last line is torn, the good bytes
    before it (None: nothing to cut)."""
    try:
        data = read_private(path)
    except FileNotFoundError:
        return [], None
    except OSError as error:
        raise ArchiveError(
            f"the certification record {path} cannot be read ({error.strerror or error}); "
            "check that it is a file you may read."
        ) from None
    pieces = data.split(b"\n")
    complete, tail = pieces[:-1], pieces[-1]
    entries: list[Entry] = []
    good = 0
    for number, raw in enumerate(complete, start=1):
        entry = _entry_of(raw)
        if entry is None:
            if number == len(complete) and not tail:
                return entries, data[:good]
            raise ArchiveError(
                f"the certification record {path} is damaged at line {number} (its checksum "
                "or content is not what observe wrote); nothing after it can be trusted: "
                "restore the file from a backup, or move it away to start a new record."
            )
        entries.append(entry)
        good += len(raw) + 1
    return entries, (data[:good] if tail else None)


def _entry_of(raw: bytes) -> Entry | None:
    checksum, _, body = raw.partition(b" ")
    try:
        if len(checksum) != 8 or int(checksum, 16) != zlib.crc32(body):
            return None
        data = json.loads(body.decode("utf-8"))
        cls = _TYPES[data.pop("type")]
        return structure(data, cls)  # type: ignore[no-any-return]
    except (ValueError, KeyError, TypeError, AttributeError, BaseValidationError):
        return None  # (cattrs: an entry this version cannot read)


def read_record(archive_dir: Path) -> list[Entry]:
    """Every entry of the archive's certification record (none: no record yet)."""
    return _read(record_path(archive_dir))[0]


def add_entries(archive: Archive, entries: Iterable[Entry]) -> list[Entry]:
    """Append the entries the record does not hold yet (by id); returns those appended."""
    archive.require_writable()
    path = record_path(archive.path)
    try:
        make_private_dir(path.parent)
        held, good = _read(path)
        if good is not None:  # a torn last line: cut it off first, atomically
            atomic_write(path, good)
        known = {entry.id for entry in held}
        new: list[Entry] = []
        for entry in entries:
            if entry.id not in known:
                known.add(entry.id)
                new.append(entry)
        if not new:
            return []
        created = not path.exists()
        fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            write_all(fd, b"".join(_line(entry) for entry in new))
            durable_fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
    except OSError as error:
        raise ArchiveError(
            f"the certification record {path} cannot be written ({error.strerror or error}); "
            "nothing was added to it: free some space or check the folder, and try again."
        ) from None
    return new


def entries_from_data(items: object, source: str) -> list[Entry]:
    """Entries read from outside (a bundle's ``certification`` list), each checked."""
    if not isinstance(items, list):
        raise ArchiveError(f"{source}: its certification record is not a list; export it again.")
    entries: list[Entry] = []
    for number, item in enumerate(items, start=1):
        where = f"{source}: entry {number} of its certification record"
        if not isinstance(item, dict) or item.get("type") not in _TYPES:
            raise ArchiveError(f"{where} is not an attempt or a drift check; export it again.")
        fields = {key: value for key, value in item.items() if key != "type"}
        try:
            entry = structure_exactly(fields, _TYPES[item["type"]])
        except NotExactly as wrong:
            raise ArchiveError(
                f"{where}: its field {wrong.field or 'content'} {wrong.reason}; export it again."
            ) from None
        problem = entry_problem(entry)
        if problem is not None:
            raise ArchiveError(f"{where}: {problem}; export it again.")
        entries.append(entry)
    return entries


def entry_problem(entry: Entry) -> str | None:
    """What keeps an entry from outside out of the record (None: nothing)."""
    texts = [("id", entry.id), ("at", entry.at)]
    if isinstance(entry, Attempt):
        texts += [("observer", entry.observer), ("pack", entry.pack), ("session", entry.session)]
        texts += [("pack_name", entry.pack_name)]
    else:
        texts += [("dyad", entry.dyad), ("primary", entry.primary), ("second", entry.second)]
        texts += [("observers", name) for name in entry.observers]
    for name, value in texts:
        problem = text_problem(value, 200, one_line=True)
        if problem is not None or not value.strip():
            return f'its {name} "{shown(value)}" is not a line of text ({problem or "empty"})'
    wrong = wall_clock_problem(entry.at)
    if wrong is not None:
        return f"its at {wrong}"
    for name in ("agreement", "kappa"):
        value = getattr(entry, name)
        if value is not None and not -1.0 <= value <= 1.0:
            return f"its {name} {value:g} is not a fraction"
    return None


# -- packs -----------------------------------------------------------------------------


def import_pack(archive: Archive, pack: Pack) -> bool:
    """Keep ``pack`` in the archive; False when it is there already (nothing written)."""
    archive.require_writable()
    folder = packs_path(archive.path)
    path = folder / f"{pack.digest}{PACK_SUFFIX}"
    try:
        make_private_dir(folder.parent)
        make_private_dir(folder)
        if path.exists():
            return False
        atomic_write(path, pack_text(pack).encode("utf-8"))
    except OSError as error:
        raise ArchiveError(
            f"the pack cannot be kept in {folder} ({error.strerror or error}); free some "
            "space or check the folder, and try again."
        ) from None
    return True


def stored_packs(archive_dir: Path) -> tuple[list[Pack], list[str]]:
    """The packs imported into the archive (by name) and a sentence for each one that
    cannot be read."""
    folder = packs_path(archive_dir)
    packs: list[Pack] = []
    problems: list[str] = []
    if not folder.is_dir():
        return packs, problems
    for path in sorted(folder.glob(f"*{PACK_SUFFIX}")):
        try:
            pack = parse_pack(read_private(path), str(path))
        except (PackError, OSError) as error:
            problems.append(str(error))
            continue
        packs.append(pack)
    packs.sort(key=lambda p: (p.name, p.created_at))
    return packs, problems


def stored_pack(archive_dir: Path, digest_or_prefix: str) -> Pack | None:
    """The imported pack whose digest starts with ``digest_or_prefix`` (None: no one)."""
    packs, _ = stored_packs(archive_dir)
    found = [p for p in packs if p.digest.startswith(digest_or_prefix.lower())]
    return found[0] if len(found) == 1 else None
