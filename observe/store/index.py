"""``index.json``: one small TinyDB document per session, so listing 2,000 sessions
reads one file instead of 2,000.

The index is derived data: every document can be rebuilt from ``sessions/``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from attrs import evolve, frozen

from observe.model import Session
from observe.pairing import CodedVisit, pairing
from observe.store.atomic import atomic_write, decode_database, encode_json
from observe.store.perms import read_private

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
    #: The session's own double-coding mark as recorded (see :mod:`observe.pairing`).
    second_coding_of: str | None = None
    second_coding_at: str | None = None
    #: The double-coded visit it is a coding of, read from every listed session's mark
    #: (:meth:`Archive.list_sessions` fills it in); None for a visit coded once.
    coded_visit: CodedVisit | None = None
    #: When the observer left it paused with ctrl+q (None: not left on purpose).
    left_at: str | None = None
    #: The training pack it is a trainee's coding of (None: a coding of a family's visit).
    training: str | None = None

    @classmethod
    def from_document(
        cls, document: dict[str, Any], coded_visit: CodedVisit | None = None
    ) -> SessionSummary:
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
            second_coding_of=_text_or_none(document.get("second_coding_of")),
            second_coding_at=_text_or_none(document.get("second_coding_at")),
            coded_visit=coded_visit,
            left_at=_text_or_none(document.get("left_at")),
            training=_text_or_none(document.get("training")),
        )

    def as_recorded(self, session: Session) -> SessionSummary:
        """This summary with what ``session`` (the same one, as recorded so far) has now:
        its events, status and duration. Its figures stay those of its last fold."""
        return evolve(
            self,
            events=len(session.events),
            status=session.status,
            duration=session.duration,
            left_at=session.left_at,
        )


def _text_or_none(value: object) -> str | None:
    return str(value) if value else None


@frozen
class _Marks:
    """What :func:`observe.pairing.pairing` reads of an index document."""

    id: str
    dyad: str
    started_at: str
    second_coding_of: str | None
    second_coding_at: str | None


def listed_summaries(documents: Iterable[dict[str, Any]]) -> list[SessionSummary]:
    """The summaries of index documents, each with the double-coded visit it is a coding
    of. Only the documents with a mark, and those their marks name, are looked at twice:
    in most archives most visits are coded once."""
    documents = list(documents)
    by_id = {str(d["id"]): d for d in documents}
    linked: dict[str, None] = {}
    for document in documents:
        of = document.get("second_coding_of")
        if of:
            linked[str(document["id"])] = None
            if of in by_id:
                linked[str(of)] = None
    visits = pairing([_marks(by_id[session_id]) for session_id in linked])
    return [SessionSummary.from_document(d, visits.visit(str(d["id"]))) for d in documents]


def _marks(document: dict[str, Any]) -> _Marks:
    return _Marks(
        id=str(document["id"]),
        dyad=str(document.get("dyad", "")),
        started_at=str(document.get("started_at", "")),
        second_coding_of=_text_or_none(document.get("second_coding_of")),
        second_coding_at=_text_or_none(document.get("second_coding_at")),
    )


def summary_document(
    session: Session, digest: str | None, figures: dict[str, Any]
) -> dict[str, Any]:
    """The index document of a session. ``digest`` is the sha256 of its session file
    (None while it only has a journal). A trainee's coding says its pack (``training``)."""
    document = {
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
        "second_coding_of": session.second_coding_of,
        "second_coding_at": session.second_coding_at,
        "left_at": session.left_at,
        "digest": digest,
    }
    if session.training is not None:
        document["training"] = session.training
    return document


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


_HEAD = b'{"%s":{\n' % _TABLE.encode()
_TAIL = b"\n}}"


class Index:
    """The index file, or an in-memory stand-in when a read-only archive's index is
    damaged (it cannot be moved aside without writing).

    The file is a TinyDB database (table ``sessions``). Its documents are kept in memory
    between writes and read again only when the file has changed (another process wrote
    it): with 2,000 sessions, parsing the file on every fold would hold the interpreter
    for tens of milliseconds while the coding screen waits to journal a key press.

    It is written one document a line, and the text of each line is kept with the
    document it was read as: a write encodes only the documents that changed and copies
    the others' text, so adding 100 sessions to an index of 2,000 (or a fold rewriting one
    document) encodes 100 documents (one), not 2,100. A file in another layout (an older
    observe wrote it on one line, or TinyDB itself) is read all the same and rewritten in
    this one at the next write.
    """

    def __init__(self, path: Path, *, in_memory: bool = False) -> None:
        self.path = path
        self.in_memory = in_memory
        self._documents: dict[str, dict[str, Any]] | None = {} if in_memory else None
        # The text each document was read or written as, keyed by the document itself
        # (by identity: a changed document is a new dict, and is encoded again).
        self._texts: dict[int, tuple[dict[str, Any], bytes]] = {}
        self._signature: tuple[int, int, int] | None = None

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            status = os.lstat(self.path)
        except FileNotFoundError:
            return None
        return (status.st_ino, status.st_size, status.st_mtime_ns)

    def _load(self) -> dict[str, dict[str, Any]]:
        """The documents by session id; raises DamagedFile for an unreadable file."""
        if self.in_memory:
            assert self._documents is not None
            return self._documents
        signature = self._stat()
        if self._documents is not None and signature == self._signature:
            return self._documents
        try:
            raw = read_private(self.path)
        except FileNotFoundError:
            raw = None
        table = decode_database(self.path, raw).get(_TABLE, {}) if raw is not None else {}
        texts = _entry_texts(raw, len(table)) if raw is not None else {}
        documents: dict[str, dict[str, Any]] = {}
        self._texts = {}
        for key, document in table.items():
            if isinstance(document, dict) and "id" in document:
                documents[str(document["id"])] = document
                if key in texts:
                    self._texts[id(document)] = (document, texts[key])
        self._documents, self._signature = documents, signature
        return documents

    def check(self) -> None:
        """Raise :class:`~observe.store.atomic.DamagedFile` if the file is unreadable."""
        if not self.in_memory:
            self._documents = None  # read it, whatever was read before
            self._load()

    def ids(self) -> set[str]:
        return set(self._load())

    def documents(self) -> list[dict[str, Any]]:
        return [dict(document) for document in self._load().values()]

    def stored(self) -> Iterable[dict[str, Any]]:
        """The documents themselves, not copies (to read, never to change)."""
        return self._load().values()

    def get(self, session_id: str) -> dict[str, Any] | None:
        found = self._load().get(session_id)
        return dict(found) if found is not None else None

    def put(self, document: dict[str, Any]) -> None:
        self.put_many([document])

    def put_many(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace many documents in one write."""
        updated = dict(self._load())
        updated.update({str(d["id"]): d for d in documents})
        self._write(updated)

    def remove(self, session_id: str) -> None:
        current = self._load()
        if session_id in current:
            self._write({i: d for i, d in current.items() if i != session_id})

    def replace_all(self, documents: list[dict[str, Any]]) -> None:
        """Write the whole index in one atomic write."""
        self._write({str(d["id"]): d for d in documents})

    def _write(self, documents: dict[str, dict[str, Any]]) -> None:
        """Atomically write ``documents``; the memory copy changes only once it is saved."""
        if not self.in_memory:
            texts: dict[int, tuple[dict[str, Any], bytes]] = {}
            entries = []
            for number, document in enumerate(documents.values(), start=1):
                known = self._texts.get(id(document))
                text = known[1] if known is not None and known[0] is document else None
                if text is None:
                    text = encode_json(document)
                texts[id(document)] = (document, text)
                entries.append(b'"%d":%s' % (number, text))
            atomic_write(self.path, _HEAD + b",\n".join(entries) + _TAIL)
            self._signature = self._stat()
            self._texts = texts
        self._documents = documents


def _entry_texts(raw: bytes, count: int) -> dict[str, bytes]:
    """The text of each entry of an index file written one entry a line, by TinyDB key;
    empty when the file is laid out otherwise (then every document is encoded anew)."""
    if not (raw.startswith(_HEAD) and raw.endswith(_TAIL)):
        return {}
    body = raw[len(_HEAD) : -len(_TAIL)]
    lines = body.split(b",\n") if body else []
    if len(lines) != count:
        return {}
    texts = {}
    for line in lines:
        key, colon, text = line.partition(b":")
        if not (colon and key.startswith(b'"') and key.endswith(b'"') and text.startswith(b"{")):
            return {}
        texts[key[1:-1].decode("utf-8", "replace")] = text
    return texts
