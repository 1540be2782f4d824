"""Complete sessions from elsewhere (a bundle) merged into the archive, at a cost that
grows with what is added, not with the size of the archive.

- An incoming session is compared with the stored one through the sha256 of the session
  file it would be, which the index keeps for every stored file: nothing stored is read
  or encoded again, except a stored session whose file differs from what the bundle
  would write (one recorded here keeps its journal's bookkeeping in its file): that one is
  read and compared as a session.
- The new and replacing files are written as one :class:`~observe.store.atomic.Batch`:
  each file fsync'd once, then all swapped in, then ``sessions/`` fsync'd once; if one
  cannot be written, none is swapped in. Then the index is written once (its file
  fsync'd, then the archive folder). N files cost N + 3 fsyncs.
- A merge that adds nothing writes nothing.
- With the sha256 of the bundle, each session it brought (or found already there) is
  marked in its index document; :func:`bundle_unchanged` then recognises the same bundle
  imported again without reading it further. Any later change to a session writes a new
  document without the mark, so the mark only ever says "as that import left it".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from attrs import frozen

from observe.errors import ArchiveError
from observe.model import Session
from observe.store import messages
from observe.store.atomic import Batch
from observe.store.files import ArchiveFiles
from observe.store.sessionfile import session_file_bytes

BUNDLE_MARK = "bundle"


@frozen
class Merged:
    """What a merge did: sessions added, sessions already there with the same content
    (their count: a bundle recognised whole is not read again), and sessions whose stored
    copy differs (replaced when asked to, otherwise left as they are)."""

    added: tuple[Session, ...]
    same: int
    differing: tuple[Session, ...]
    replaced: bool


def bundle_unchanged(files: ArchiveFiles, bundle: str) -> int | None:
    """How many sessions the bundle with sha256 ``bundle`` holds, if importing it again
    would change nothing: every one of them is in the archive as that import left it.
    None when that is not known (then the bundle must be read and merged)."""

    def count(documents: Iterable[dict[str, Any]]) -> int | None:
        marks = [d.get(BUNDLE_MARK) for d in documents]
        found = [mark for mark in marks if isinstance(mark, dict) and mark.get("sha256") == bundle]
        if not found or any(mark != found[0] for mark in found):
            return None
        total = found[0].get("sessions")
        return total if isinstance(total, int) and total == len(found) else None

    return files.with_documents(count)


def merge(
    files: ArchiveFiles,
    sessions: Iterable[Session],
    *,
    replace: bool,
    check_replaceable: Callable[[str], None],
    bundle: str | None = None,
    stored: Iterable[str] = (),
) -> Merged:
    """Add the sessions the archive does not have; with ``replace``, also those whose
    stored copy differs. ``check_replaceable(id)`` raises ArchiveError for a session that
    may not be written over (a live one). ``stored``: the ids of the bundle's other
    sessions, found in the archive as they are without being built
    (:func:`~observe.interchange.bundle.read_bundle`), counted as the same."""
    files.require_writable()
    incoming = list(sessions)
    already = list(stored)
    added: list[tuple[Session, bytes]] = []
    differing: list[tuple[Session, bytes]] = []
    same: list[dict[str, Any] | None] = [files.indexed(i) for i in already]  # index documents
    for session in incoming:
        data = session_file_bytes(session, None, 0)
        stored = files.indexed(session.id)
        if stored is None and not _on_disk(files, session.id):
            added.append((session, data))
        elif _stored_alike(files, session, data, stored):
            same.append(stored)
        else:
            differing.append((session, data))
    writing = added + (differing if replace else [])
    for session, _ in writing:
        check_replaceable(session.id)
    if not writing:
        return Merged(tuple(s for s, _ in added), len(same), tuple(s for s, _ in differing), False)
    mark = {"sha256": bundle, "sessions": len(incoming) + len(already)} if bundle else None
    documents = write_sessions(files, writing, mark)
    if mark is not None:  # (one that is not listed yet is indexed when the archive opens)
        documents += [_marked(stored, mark) for stored in same if stored is not None]
    files.index_documents(documents)
    return Merged(tuple(s for s, _ in added), len(same), tuple(s for s, _ in differing), replace)


def write_sessions(
    files: ArchiveFiles,
    writing: list[tuple[Session, bytes]],
    mark: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Write the session files (each session with its file's bytes) as one batch; returns
    their index documents, for the caller to write in one go. If one cannot be written,
    none is swapped in; files swapped in before a failure are indexed before the error is
    raised."""
    batch = Batch()
    digests: dict[str, str] = {}
    try:
        for session, data in writing:
            digests[session.id] = batch.add(files.session_path(session.id), data)
    except OSError as error:
        path = files.session_path(session.id)
        raise ArchiveError(messages.disk_problem(error, path, "write")) from error
    try:
        batch.commit()
    except OSError as error:
        committed = {path.stem for path in batch.committed}
        saved = [(s, d) for s, d in writing if s.id in committed]
        if saved:
            files.index_documents(_documents(files, saved, digests, mark))
        raise ArchiveError(messages.disk_problem(error, files.sessions_dir, "write in")) from error
    return _documents(files, writing, digests, mark)


def _documents(
    files: ArchiveFiles,
    written: list[tuple[Session, bytes]],
    digests: dict[str, str],
    mark: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    return [_marked(files.document_of(s, digests[s.id]), mark) for s, _ in written]


def _marked(document: dict[str, Any], mark: dict[str, Any] | None) -> dict[str, Any]:
    if mark is not None:
        document[BUNDLE_MARK] = mark
    return document


def _stored_alike(
    files: ArchiveFiles, session: Session, data: bytes, stored: dict[str, Any] | None
) -> bool:
    """Whether the archive holds ``session`` as it is: its file has the same sha256 as
    ``data`` would (nothing is read), or, failing that, the session read back is equal."""
    if stored is not None and stored.get("digest") == hashlib.sha256(data).hexdigest():
        return True
    return files.restore(session.id).session == session


def _on_disk(files: ArchiveFiles, session_id: str) -> bool:
    """A session file or journal not in the index (damaged, or just being repaired)."""
    return any(
        path.exists() or path.is_symlink()
        for path in (files.session_path(session_id), files.journal_path(session_id))
    )
