"""``index.json``: one small TinyDB document per session, so listing 2,000 sessions
reads one file instead of 2,000.

The index is derived data: every document can be rebuilt from ``sessions/``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import frozen
from tinydb import TinyDB, where
from tinydb.storages import MemoryStorage

from observe.model import Session
from observe.store.atomic import AtomicJSONStorage

Figures = Callable[[Session], dict[str, Any]]
_TABLE = "sessions"


@frozen
class SessionSummary:
    """What the session list shows, read from the index alone."""

    id: str
    dyad: str
    observer: str
    visit: str
    context: str
    started_at: str
    duration: float
    status: str
    scheme_id: str
    scheme_name: str
    scheme_version: str
    events: int
    origin: str
    figures: dict[str, Any]

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> SessionSummary:
        return cls(
            id=str(document["id"]),
            dyad=str(document.get("dyad", "")),
            observer=str(document.get("observer", "")),
            visit=str(document.get("visit", "")),
            context=str(document.get("context", "")),
            started_at=str(document.get("started_at", "")),
            duration=float(document.get("duration", 0.0)),
            status=str(document.get("status", "")),
            scheme_id=str(document.get("scheme_id", "")),
            scheme_name=str(document.get("scheme_name", "")),
            scheme_version=str(document.get("scheme_version", "")),
            events=int(document.get("events", 0)),
            origin=str(document.get("origin", "")),
            figures=dict(document.get("figures") or {}),
        )


def summary_document(
    session: Session, digest: str | None, figures: dict[str, Any]
) -> dict[str, Any]:
    """The index document of a session. ``digest`` is the sha256 of its session file
    (None while it only has a journal)."""
    return {
        "id": session.id,
        "dyad": session.dyad,
        "observer": session.observer,
        "visit": session.visit,
        "context": session.context,
        "started_at": session.started_at,
        "duration": session.duration,
        "status": session.status,
        "scheme_id": session.scheme.id,
        "scheme_name": session.scheme.name,
        "scheme_version": session.scheme.version,
        "events": len(session.events),
        "origin": session.origin,
        "figures": figures,
        "digest": digest,
    }


def started_key(document: dict[str, Any]) -> tuple[float, str]:
    """Sort key on the wall-clock start (offsets honoured; unparsable sorts first)."""
    text = str(document.get("started_at", ""))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return (float("-inf"), text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment.timestamp(), text)


class Index:
    """The index file, or an in-memory stand-in when a read-only archive's index is
    damaged (it cannot be moved aside without writing)."""

    def __init__(self, path: Path, *, in_memory: bool = False) -> None:
        self.path = path
        self.in_memory = in_memory
        self._open()

    def _open(self) -> None:
        if self.in_memory:
            self._db = TinyDB(storage=MemoryStorage)
        else:
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._table = self._db.table(_TABLE)

    def check(self) -> None:
        """Raise :class:`~observe.store.atomic.DamagedFile` if the file is unreadable."""
        self._db.storage.read()

    def documents(self) -> list[dict[str, Any]]:
        return [dict(document) for document in self._table.all()]

    def get(self, session_id: str) -> dict[str, Any] | None:
        found = self._table.get(where("id") == session_id)
        return dict(found) if isinstance(found, dict) else None

    def put(self, document: dict[str, Any]) -> None:
        self._table.upsert(document, where("id") == document["id"])

    def put_many(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace many documents in one write."""
        by_id = {d["id"]: d for d in self.documents()}
        by_id.update({d["id"]: d for d in documents})
        self.replace_all(list(by_id.values()))

    def remove(self, session_id: str) -> None:
        self._table.remove(where("id") == session_id)

    def replace_all(self, documents: list[dict[str, Any]]) -> None:
        """Write the whole index in one atomic write."""
        data = {_TABLE: {str(number): d for number, d in enumerate(documents, start=1)}}
        if self.in_memory:
            self._open()  # a fresh memory storage, then fill it
            self._db.storage.write(data)
        else:
            self._db.storage.write(data)
            self._open()  # drop TinyDB's cached ids and query results
