"""``sessions/<id>.json``: a TinyDB file holding one session's snapshot.

Its one document carries the full session (scheme snapshot, events, ratings, pauses)
and which journal lines are already folded into it: the journal's generation and how
many of its lines (header included). Replay skips exactly those lines, because undo and
amends cannot be replayed twice safely.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from attrs import frozen
from tinydb import TinyDB

from observe.convert import structure, unstructure
from observe.model import Session
from observe.store.atomic import AtomicJSONStorage, DamagedFile, atomic_write, encode_json

FORMAT = 1
_TABLE = "session"


@frozen
class SessionFile:
    session: Session
    journal: str | None  # generation of the journal folded into this snapshot
    folded: int  # lines of that journal already in the snapshot (header included)


def read_session_file(path: Path) -> SessionFile:
    """Raises :class:`DamagedFile` if the file is not a readable session snapshot and
    ``FileNotFoundError`` if there is none."""
    if not path.exists():
        raise FileNotFoundError(path)
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        document = db.table(_TABLE).get(doc_id=1)
    if not isinstance(document, dict) or "session" not in document:
        raise DamagedFile(path, "it holds no session")
    if document.get("format", FORMAT) > FORMAT:
        raise DamagedFile(path, "it was written by a newer version of observe")
    try:
        session = structure(document["session"], Session)
    except Exception as error:
        raise DamagedFile(path, f"its session record is incomplete ({error})") from None
    if path.stem != session.id:
        raise DamagedFile(path, f"it holds session {session.id}, not {path.stem}")
    journal = document.get("journal")
    return SessionFile(
        session=session,
        journal=str(journal) if journal else None,
        folded=int(document.get("folded", 0)),
    )


def session_file_bytes(session: Session, journal: str | None, folded: int) -> bytes:
    """The exact bytes of the session file of ``session``: the index keeps their sha256,
    so a session arriving again (a bundle imported twice) is recognised from them."""
    return file_bytes_of(unstructure(session), journal, folded)


def file_bytes_of(
    session: dict[str, Any], journal: str | None, folded: int, *, sort: bool = True
) -> bytes:
    """:func:`session_file_bytes` of a session already unstructured (as a bundle holds it:
    a session read back from JSON gives the same bytes as the session it was written
    from, so one the archive holds already is known before it is built). ``sort=False``:
    the keys of ``session`` are sorted already, at every depth (JSON read from a bundle,
    which is written so), and sorting them again would only cost time."""
    # The file's own keys in sorted order, so that only the session's may need sorting.
    document = {"folded": folded, "format": FORMAT, "journal": journal, "session": session}
    # One storage write, not TinyDB's read-modify-write: the old file may be damaged, and
    # the caller has already decided it is to be replaced. Keys sorted, as a bundle has
    # them: the same session gives the same bytes whether it was built or read as JSON.
    return encode_json({_TABLE: {"1": document}}, sort_keys=sort)


def write_session_file(path: Path, session: Session, journal: str | None, folded: int) -> str:
    """Atomically (re)write the snapshot; returns the sha256 of the file written."""
    return atomic_write(path, session_file_bytes(session, journal, folded))


__all__ = [
    "SessionFile",
    "file_bytes_of",
    "read_session_file",
    "session_file_bytes",
    "write_session_file",
]
