"""The archive: a directory of sessions that keeps every key press (DESIGN §3).

```
index.json              TinyDB: one small document per session (for listing)
sessions/<id>.json      TinyDB: the session's snapshot
sessions/<id>.journal   the live session's journal (one fsync'd line per change)
archive.lock            one writing process at a time (+ archive.lock.owner: who)
```
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from observe.errors import ArchiveError, UnknownSession
from observe.model import Session
from observe.store import messages
from observe.store.atomic import DamagedFile
from observe.store.index import Figures, Index, SessionSummary, started_key, summary_document
from observe.store.journal import JournalDamaged
from observe.store.listing import list_folder
from observe.store.lock import ArchiveLock
from observe.store.perms import fsync_dir, make_private_dir
from observe.store.replay import Restored, restore
from observe.store.sessionfile import read_session_file, write_session_file

if TYPE_CHECKING:
    from observe.store.recorder import Recorder

T = TypeVar("T")

INDEX_NAME = "index.json"
SESSIONS_DIR = "sessions"
MIN_PREFIX = 4


class Archive:
    """Open with :meth:`open`; use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        path: Path,
        *,
        lock: ArchiveLock | None,
        readonly_reason: str | None,
        figures: Figures | None,
    ) -> None:
        self.path = path
        self.readonly = lock is None
        self.readonly_reason = readonly_reason
        self.problems: list[str] = []
        self._lock = lock
        self._figures = figures
        self._mutex = threading.RLock()
        self._recorders: dict[str, Recorder] = {}
        self.sessions_dir = path / SESSIONS_DIR
        self._index = Index(path / INDEX_NAME)

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, figures: Figures | None = None) -> Archive:
        path = Path(path).expanduser()
        if path.exists() and not path.is_dir():
            raise ArchiveError(
                f"{path} is a file, not an archive folder; give a folder with --data-dir "
                "or OBSERVE_DATA_DIR"
            )
        lock: ArchiveLock | None = None
        reason: str | None = None
        try:
            make_private_dir(path)
            if not readonly:
                lock = ArchiveLock(path)
                if not lock.acquire():
                    reason = messages.read_only(path, lock.holder())
                    lock = None
        except OSError as error:
            raise ArchiveError(messages.disk_problem(error, path, "open the archive")) from error
        archive = cls(path, lock=lock, readonly_reason=reason, figures=figures)
        try:
            archive._start()
        except BaseException:
            archive.close()
            raise
        return archive

    def _start(self) -> None:
        from observe.store.recovery import recover, survey_read_only

        if not self.readonly:
            try:
                make_private_dir(self.sessions_dir)
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, self.sessions_dir, "create")
                ) from error
        self._check_index()
        if self.readonly:
            survey_read_only(self)
        else:
            recover(self)

    def close(self) -> None:
        with self._mutex:
            recorders = list(self._recorders.values())
        failure: ArchiveError | None = None
        for recorder in recorders:
            try:
                recorder.close()
            except ArchiveError as error:
                failure = failure or error
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if failure is not None:
            raise failure

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def list_sessions(self, dyad: str | None = None) -> list[SessionSummary]:
        """Newest first, from the index alone."""
        documents = self._documents()
        if dyad is not None:
            documents = [d for d in documents if d.get("dyad") == dyad]
        documents.sort(key=started_key, reverse=True)
        return [SessionSummary.from_document(d) for d in documents]

    def resolve(self, id_or_prefix: str) -> str:
        wanted = id_or_prefix.strip().lower()
        ids = [str(d["id"]) for d in self._documents()]
        if wanted in ids:
            return wanted
        hint = 'run "observe session list" to see the ids'
        if len(wanted) < MIN_PREFIX:
            raise UnknownSession(
                f'"{id_or_prefix}" is too short to name a session: give at least '
                f"{MIN_PREFIX} characters of its id ({hint})"
            )
        found = sorted(i for i in ids if i.startswith(wanted))
        if not found:
            found = [i for i in self.stored_ids() if i.startswith(wanted)]
            if len(found) == 1:
                # Not listed but on disk (damaged, or listed once the index is repaired):
                # loading it names the damage, deleting it removes it.
                return found[0]
        if not found:
            raise UnknownSession(f'no session matches "{id_or_prefix}"; {hint}')
        if len(found) > 1:
            shown = ", ".join(i[:12] for i in found[:8]) + (", …" if len(found) > 8 else "")
            raise UnknownSession(
                f'"{id_or_prefix}" matches {len(found)} sessions ({shown}); '
                "give more characters of the id"
            )
        return found[0]

    def load(self, id_or_prefix: str) -> Session:
        """The session file plus any journal lines not yet folded into it."""
        session_id = self.resolve(id_or_prefix)
        with self._mutex:
            recorder = self._recorders.get(session_id)
        if recorder is not None:
            return recorder.session
        return self._restore(session_id).session

    def sessions(self, dyad: str) -> list[Session]:
        """Every session of a dyad, oldest first."""
        summaries = self.list_sessions(dyad)
        summaries.sort(key=lambda summary: started_key({"started_at": summary.started_at}))
        return [self.load(summary.id) for summary in summaries]

    # -- writing -------------------------------------------------------------------------

    def add(self, session: Session) -> None:
        """Store a complete session (import, demo, bundle): atomically, then indexed."""
        self.add_many([session])

    def add_many(self, sessions: Iterable[Session]) -> None:
        """Store several complete sessions with one index write at the end."""
        self.require_writable()
        documents: list[dict[str, Any]] = []
        try:
            for session in sessions:
                self._check_replaceable(session.id)
                path = self.session_path(session.id)
                try:
                    digest = write_session_file(path, session, None, 0)
                except OSError as error:
                    raise ArchiveError(messages.disk_problem(error, path, "write")) from error
                documents.append(summary_document(session, digest, self.figures_of(session)))
        finally:
            if documents:  # whatever was saved is listed, even if a later one failed
                self._write_index(lambda index: index.put_many(documents))

    def delete(self, id_or_prefix: str) -> None:
        self.require_writable()
        session_id = self.resolve(id_or_prefix)
        with self._mutex:
            if session_id in self._recorders:
                raise ArchiveError(
                    f"session {session_id[:8]} is being recorded; end it before deleting it"
                )
        for path in (self.journal_path(session_id), self.session_path(session_id)):
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise ArchiveError(messages.disk_problem(error, path, "delete")) from error
        fsync_dir(self.sessions_dir)
        self._write_index(lambda index: index.remove(session_id))

    def rebuild_index(self) -> int:
        """Rebuild ``index.json`` from ``sessions/``; returns how many sessions it lists."""
        self.require_writable()
        return self._rebuild(self._index)

    def recorder(self, session: Session) -> Recorder:
        """Record a new live session, or resume one that has files already."""
        from observe.store.recorder import Recorder

        self.require_writable()
        with self._mutex:
            if session.id in self._recorders:
                raise ArchiveError(
                    f"session {session.id[:8]} is already being recorded in this window"
                )
            recorder = Recorder.start(self, session)
            self._recorders[session.id] = recorder
            return recorder

    # -- for the recorder and recovery ----------------------------------------------------

    def require_writable(self) -> None:
        if self.readonly:
            raise ArchiveError(self.readonly_reason or messages.read_only(self.path, None))

    def session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    def journal_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.journal"

    def figures_of(self, session: Session) -> dict[str, Any]:
        if self._figures is None:
            return {}
        try:
            return dict(self._figures(session))
        except Exception as error:
            self.note(
                f"the figures of session {session.id[:8]} could not be computed "
                f"({type(error).__name__}: {error}); the session is saved and its figures "
                "will be filled in when it is saved again"
            )
            return {}

    def index_session(self, session: Session, digest: str | None) -> None:
        document = summary_document(session, digest, self.figures_of(session))
        self._write_index(lambda index: index.put(document))

    def forget_recorder(self, session_id: str) -> None:
        with self._mutex:
            self._recorders.pop(session_id, None)

    def note(self, problem: str) -> None:
        with self._mutex:
            if problem not in self.problems:
                self.problems.append(problem)

    def _restore(self, session_id: str) -> Restored:
        path = self.session_path(session_id)
        try:
            restored = restore(path, self.journal_path(session_id))
        except FileNotFoundError:
            raise UnknownSession(
                f"session {session_id[:8]} is listed but its file {path} is missing; "
                'run "observe session list" again (the list is repaired on opening)'
            ) from None
        except DamagedFile as damage:
            sentence = messages.damaged_file(damage.path, damage.reason)
            self.note(sentence)
            raise ArchiveError(sentence) from None
        except JournalDamaged as damage:
            sentence = messages.damaged_journal(damage.path, damage.line, damage.reason)
            self.note(sentence)
            raise ArchiveError(sentence) from None
        except OSError as error:
            where = Path(error.filename) if error.filename else path
            sentence = messages.unreadable_file(error, where)
            self.note(sentence)
            raise ArchiveError(sentence) from error
        if not self.readonly or self.readonly_reason is None:
            # While another process records, its journal's last line may be mid-write:
            # only a writer (the holder is gone) can tell a torn line from a busy one.
            for note in restored.notes:
                self.note(note)
        return restored

    def _check_replaceable(self, session_id: str) -> None:
        """A complete session may replace a saved one, never a damaged or live one."""
        with self._mutex:
            live = session_id in self._recorders
        if live or self.journal_path(session_id).exists():
            raise ArchiveError(
                f"session {session_id[:8]} is being recorded (it has a journal in "
                f"{self.sessions_dir}); finish or delete it before replacing it"
            )
        path = self.session_path(session_id)
        try:
            if path.exists():
                read_session_file(path)
        except DamagedFile as damage:
            sentence = messages.damaged_file(damage.path, damage.reason)
            self.note(sentence)
            raise ArchiveError(sentence) from None

    # -- the index ---------------------------------------------------------------------------

    def _documents(self) -> list[dict[str, Any]]:
        return self._with_index(Index.documents)

    def _with_index(self, use: Callable[[Index], T]) -> T:
        """``use(index)``; if the index file turns out damaged, repair it and use it again."""
        with self._mutex:
            try:
                return use(self._index)
            except DamagedFile:
                self._check_index()
                return use(self._index)

    def _write_index(self, change: Callable[[Index], object]) -> None:
        with self._mutex:
            try:
                self._with_index(change)
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, self._index.path, "update the index")
                ) from error

    def _check_index(self) -> None:
        from observe.store.recovery import repair_index

        repair_index(self)

    def _rebuild(self, index: Index) -> int:
        from observe.store.recovery import rebuild

        return rebuild(self, index)

    def stored_ids(self) -> list[str]:
        """Ids of every session with a file or a journal in ``sessions/``."""
        return sorted(list_folder(self.sessions_dir).ids)

    def indexed_ids(self) -> set[str]:
        """Ids the index lists (without copying its documents)."""
        return self._with_index(Index.ids)
