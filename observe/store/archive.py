"""The archive: a directory of sessions that keeps every key press (DESIGN §3).

```
index.json              TinyDB: one small document per session (for listing)
sessions/<id>.json      TinyDB: the session's snapshot
sessions/<id>.journal   the live session's journal (one fsync'd line per change)
archive.lock            one writing process at a time (+ archive.lock.owner: who)
```

:class:`Archive` is what the rest of observe uses. The files themselves (paths, restoring
a session, the index and its repair, the problems met) are one
:class:`~observe.store.files.ArchiveFiles`, which the archive shares with its
:class:`~observe.store.recorder.Recorder` and with :mod:`~observe.store.recovery`; the
archive adds the lock, the recorders of live sessions and the rules of adding and deleting.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from observe.changes import Change, RecordingLinked, SecondCodingMarked, apply_change
from observe.errors import ArchiveError, UnknownSession
from observe.model import Recording, Session
from observe.pairing import Mark, PairingRefused, marked_new, pair_marks, unpair_marks
from observe.store import messages
from observe.store.atomic import DamagedFile
from observe.store.current import LiveCounts
from observe.store.files import ArchiveFiles
from observe.store.index import Figures, SessionSummary, listed_summaries, started_key
from observe.store.lock import ArchiveLock
from observe.store.merge import Merged, bundle_unchanged, merge, write_sessions
from observe.store.perms import UnsafeLocation, fsync_dir, make_private_dir
from observe.store.recorder import Recorder
from observe.store.recovery import recover, survey_read_only
from observe.store.sessionfile import read_session_file, session_file_bytes

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
        self._files = ArchiveFiles(
            path, readonly=lock is None, readonly_reason=readonly_reason, figures=figures
        )
        self.path = path
        self.readonly = lock is None
        self.readonly_reason = readonly_reason
        self.problems = self._files.problems  # the one list: read it, never replace it
        self.sessions_dir = self._files.sessions_dir
        self._lock = lock
        self._live = threading.RLock()  # guards _recorders
        self._recorders: dict[str, Recorder] = {}
        self._counts = LiveCounts(self._files)
        self._last_mark: datetime | None = None  # the moment of the latest mark written

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False, figures: Figures | None = None) -> Archive:
        """Open the archive folder ``path`` (created if missing). For writing, its folders
        are made 0700, or refused with a sentence where they cannot be: an archive folder
        of another user, or on a disk without permissions, opens read-only with that
        sentence as the reason. A folder given as a symbolic link is followed once, to the
        folder it names; nothing inside it is reached through a link."""
        path = Path(path).expanduser()
        if path.is_symlink():
            path = path.resolve()
        if path.exists() and not path.is_dir():
            raise ArchiveError(
                f"{path} is a file, not an archive folder; give a folder with --data-dir "
                "or OBSERVE_DATA_DIR"
            )
        lock: ArchiveLock | None = None
        reason: str | None = None
        try:
            if not readonly or not path.exists():
                try:
                    make_private_dir(path)
                except UnsafeLocation as unsafe:
                    if unsafe.errno != errno.EPERM:
                        raise
                    # Someone else's folder, or one on a disk without permissions: it
                    # may still be read, as when another observe holds the lock.
                    readonly, reason = True, f"{unsafe.sentence}; it is open read-only here"
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
        self._files.check_folders()
        self._files.repair_index()
        if self.readonly:
            survey_read_only(self._files)
        else:
            recover(self._files)

    def close(self) -> None:
        with self._live:
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
        """Newest first, from the index; a session being recorded counts the events it
        has now (from its recorder here, or read-only from its journal), not those of its
        last fold."""
        documents = self._files.documents()
        if dyad is not None:
            documents = [d for d in documents if d.get("dyad") == dyad]
        documents.sort(key=started_key, reverse=True)
        summaries = listed_summaries(documents)  # with their visits (each one dyad's)
        with self._live:
            recorders = dict(self._recorders)
        if not recorders and not self.readonly:
            return summaries  # here no journal changes but through this process's recorders
        return [self._current(summary, recorders) for summary in summaries]

    def _current(self, summary: SessionSummary, recorders: dict[str, Recorder]) -> SessionSummary:
        recorder = recorders.get(summary.id)
        if recorder is not None:
            return summary.as_recorded(recorder.session)
        if self.readonly and summary.status != "ended":
            return self._counts.current(summary)
        return summary

    def resolve(self, id_or_prefix: str) -> str:
        wanted = id_or_prefix.strip().lower()
        ids = [str(d["id"]) for d in self._files.documents()]
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
            kept = [p for p in self._files.kept_journals() if p.name.startswith(wanted)]
            if kept:  # all that is left of it is a journal that could not be read
                raise UnknownSession(messages.kept_journal(kept[0], has_file=False))
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
        with self._live:
            recorder = self._recorders.get(session_id)
        if recorder is not None:
            return recorder.session
        return self._files.restore(session_id).session

    def sessions(self, dyad: str) -> list[Session]:
        """Every session of a dyad, oldest first: the family's visits, so a trainee's
        coding of a training pack (``Session.training``) is never one of them."""
        summaries = [s for s in self.list_sessions(dyad) if s.training is None]
        summaries.sort(key=lambda summary: started_key({"started_at": summary.started_at}))
        return [self.load(summary.id) for summary in summaries]

    # -- writing -------------------------------------------------------------------------

    def add(self, session: Session) -> None:
        """Store a complete session (import, demo, bundle): atomically, then indexed."""
        self.add_many([session])

    def add_many(self, sessions: Iterable[Session]) -> None:
        """Store several complete sessions, replacing saved copies (never a damaged or a
        live one): each file written and fsync'd once, then one index write."""
        self.require_writable()
        writing = []
        for session in sessions:
            self._check_replaceable(session.id)
            writing.append((session, session_file_bytes(session, None, 0)))
        if writing:
            self._files.index_documents(write_sessions(self._files, writing))

    def merge(
        self,
        sessions: Iterable[Session],
        *,
        replace: bool = False,
        bundle: str | None = None,
        stored: Iterable[str] = (),
    ) -> Merged:
        """Add the complete sessions the archive does not have yet, compared with what is
        stored by digest (see :mod:`observe.store.merge`); with ``replace``, also take
        those whose stored copy differs. ``bundle``: the sha256 of the bundle they come
        from, so that importing it again is recognised (:meth:`bundle_unchanged`);
        ``stored``: the ids of its sessions known to be stored as they are (not built)."""
        return merge(
            self._files,
            sessions,
            replace=replace,
            check_replaceable=self._check_replaceable,
            bundle=bundle,
            stored=stored,
        )

    def stored_digest(self, session_id: str) -> str | None:
        """The sha256 of the session file of ``session_id`` as the index has it (None: not
        listed, or only a journal)."""
        document = self._files.indexed(session_id)
        digest = None if document is None else document.get("digest")
        return digest if isinstance(digest, str) else None

    def imported_already(self, bundle: str) -> Merged | None:
        """What merging the bundle with sha256 ``bundle`` again does, when that is known
        without reading it: nothing, every session of it being in the archive as importing
        it left them. None: read the bundle and :meth:`merge` it."""
        count = bundle_unchanged(self._files, bundle)
        return None if count is None else Merged((), count, (), replaced=False)

    def delete(self, id_or_prefix: str) -> None:
        self.require_writable()
        session_id = self.resolve(id_or_prefix)
        with self._live:
            if session_id in self._recorders:
                raise ArchiveError(
                    f"session {session_id[:8]} is being recorded; end it before deleting it"
                )
        # The one deletion of recorded data, and only because the user asked for it (a
        # journal kept aside as unreadable is not removed here: it is the user's to move).
        for path in (self.journal_path(session_id), self.session_path(session_id)):
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise ArchiveError(messages.disk_problem(error, path, "delete")) from error
        fsync_dir(self.sessions_dir)
        self._files.unindex(session_id)

    # -- double-coded visits (observe.pairing) -------------------------------------------

    def pair(self, primary: str, second: str, *, at: str | None = None) -> tuple[Mark, ...]:
        """Make ``second`` a second observer's coding of ``primary``'s visit, ``primary``
        its primary (ids or unique prefixes); a pair already, the other way round, swaps
        which one is primary. Returns the marks written (none: it was so already);
        :class:`~observe.pairing.PairingRefused` says why two sessions cannot be paired."""
        self.require_writable()
        primary_id, second_id = self.resolve(primary), self.resolve(second)
        summaries = self._summaries_around(primary_id, second_id)
        marks = pair_marks(summaries, primary_id, second_id)
        self.write_marks(marks, at=at)
        return marks

    def unpair(self, session: str, *, at: str | None = None) -> tuple[Mark, ...]:
        """Make the session (id or unique prefix) a coding of no double-coded visit; the
        visit's other codings stay one. Returns the marks written (none: it was none)."""
        self.require_writable()
        session_id = self.resolve(session)
        marks = unpair_marks(self._summaries_around(session_id), session_id)
        self.write_marks(marks, at=at)
        return marks

    def second_coding(self, session: Session, primary: str) -> tuple[Session, tuple[Mark, ...]]:
        """``session`` (new, not stored yet: an import, or a live session about to start)
        marked now as a second coding of ``primary``'s visit (an id or unique prefix), and
        the marks still to write on other sessions once it is stored (:meth:`write_marks`,
        at its ``second_coding_at``). Refused (:class:`~observe.pairing.PairingRefused`)
        before anything is stored when it cannot be one."""
        primary_id = self.resolve(primary)
        summaries = self._summaries_around(primary_id)
        dyad = next(s.dyad for s in summaries if s.id == primary_id)
        if dyad != session.dyad:
            raise PairingRefused(
                f"{primary_id[:8]} is a session of dyad {dyad}, and this one is of dyad "
                f"{session.dyad}: two codings of one visit are of one dyad"
            )
        return marked_new(summaries, session, primary_id, self._mark_moment())

    def write_marks(self, marks: Sequence[Mark], *, at: str | None = None) -> None:
        """Write each mark on its session, in order, so the index lists it at once; ``at``
        is the wall-clock moment of the marks (default: now). A session with a journal
        (being recorded, paused, interrupted) gets the mark as one more journal line, folded
        in; an ended one without a journal has its file replaced atomically, as an import
        stores a complete session (no journal is started only to be removed again)."""
        self.require_writable()
        wall = at or self._mark_moment()
        for mark in marks:
            self._change(mark.session, SecondCodingMarked(of=mark.of, wall=wall))

    def link_recording(self, session_id: str, recording: Recording, offset: float = 0.0) -> None:
        """Link the session (id or unique prefix) to the video ``recording``, its clock at
        ``offset`` s of the video (a :class:`~observe.changes.RecordingLinked` change; a later
        link replaces an earlier one), written as :meth:`write_marks` writes a mark."""
        self.require_writable()
        self._change(self.resolve(session_id), RecordingLinked(recording, offset))

    def _change(self, session_id: str, change: Change) -> None:
        """One change written on a stored session: through its recorder if it is being
        recorded here, into its journal if it has one, else its file replaced atomically."""
        with self._live:
            recorder = self._recorders.get(session_id)
        if recorder is not None:
            recorder.apply(change)
            recorder.fold(list_now=True)
            return
        session = self.load(session_id)
        if session.status == "ended" and not self.journal_path(session.id).exists():
            self.add(apply_change(session, change))
            return
        with self.recorder(session) as recorder:
            recorder.apply(change)

    def _mark_moment(self) -> str:
        """Now, to the microsecond, and later than this archive's previous marks even if
        the clock stepped back: the newest mark is what settles a circle of marks."""
        moment = datetime.now().astimezone()
        if self._last_mark is not None and moment <= self._last_mark:
            moment = self._last_mark + timedelta(microseconds=1)
        self._last_mark = moment
        return moment.isoformat(timespec="microseconds")

    def _summaries_around(self, *session_ids: str) -> list[SessionSummary]:
        """The summaries of the named sessions' dyads (each named one loaded if it is not
        listed, so that a damaged file is named)."""
        listed = {s.id: s for s in self.list_sessions()}
        for session_id in session_ids:
            if session_id not in listed:  # (loading a damaged one names the damage)
                document = self._files.document_of(self.load(session_id), None)
                listed[session_id] = SessionSummary.from_document(document)
        dyads = {listed[session_id].dyad for session_id in session_ids}
        return [s for s in listed.values() if s.dyad in dyads]

    def rebuild_index(self) -> int:
        """Rebuild ``index.json`` from ``sessions/``; returns how many sessions it lists."""
        self.require_writable()
        return self._files.rebuild_index()

    def recorder(self, session: Session) -> Recorder:
        """Record a new live session, or resume one that has files already."""
        self.require_writable()
        with self._live:
            if session.id in self._recorders:
                raise ArchiveError(
                    f"session {session.id[:8]} is already being recorded in this window"
                )
            recorder = Recorder.start(self._files, session, on_close=self.forget_recorder)
            self._recorders[session.id] = recorder
            return recorder

    def forget_recorder(self, session_id: str) -> None:
        """Stop counting ``session_id`` as being recorded here (its recorder has closed)."""
        with self._live:
            self._recorders.pop(session_id, None)

    # -- where things are ----------------------------------------------------------------

    def require_writable(self) -> None:
        self._files.require_writable()

    def session_path(self, session_id: str) -> Path:
        return self._files.session_path(session_id)

    def journal_path(self, session_id: str) -> Path:
        return self._files.journal_path(session_id)

    def stored_ids(self) -> list[str]:
        """Ids of every session with a file or a journal in ``sessions/``."""
        return self._files.stored_ids()

    def _check_replaceable(self, session_id: str) -> None:
        """A complete session may replace a saved one, never a damaged or live one."""
        with self._live:
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
            raise self._files.refusal(messages.damaged_file(damage.path, damage.reason)) from None
