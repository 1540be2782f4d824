"""The archive's files as the archive, the recorder and recovery share them.

One :class:`ArchiveFiles` per open archive owns

- where a session's files are: ``sessions/<id>.json`` and ``sessions/<id>.journal``;
- restoring a session from its file plus its journal, damage turned into one sentence (a
  journal that cannot be read at all is kept aside under a name that says so, never
  deleted);
- the index (``index.json``): its documents (cached between writes by
  :class:`~observe.store.index.Index`), every write to it under one lock, and its repair
  (a damaged index is kept aside and rebuilt from ``sessions/``; in memory only when the
  archive is read-only here);
- the problems met on the way, sentences shown to the user.

:class:`~observe.store.archive.Archive` composes it and offers the public API; the
:class:`~observe.store.recorder.Recorder` and :mod:`observe.store.recovery` are handed it
and use its public names only. It knows neither of them, so nothing imports back.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from attrs import evolve

from observe.errors import ArchiveError, UnknownSession
from observe.model import Session
from observe.store import messages
from observe.store.atomic import DamagedFile, file_digest
from observe.store.index import Figures, Index, summary_document
from observe.store.journal import EMPTY_JOURNAL, JournalDamaged, JournalUnreadable
from observe.store.layout import (
    INDEX_NAME,
    JOURNAL_SUFFIX,
    SESSION_SUFFIX,
    SESSIONS_DIR,
    kept_aside_name,
    own_folders,
)
from observe.store.listing import list_folder
from observe.store.perms import fsync_dir, link_refused, make_private_dir, replace
from observe.store.replay import Restored, restore
from observe.validity import SessionProblem, session_problems

T = TypeVar("T")


class ArchiveFiles:
    """The files of the archive at ``path``; thread-safe (the recorder folds on a worker
    thread while the user lists or loads sessions)."""

    def __init__(
        self,
        path: Path,
        *,
        readonly: bool,
        readonly_reason: str | None,
        figures: Figures | None,
    ) -> None:
        self.path = path
        self.sessions_dir = path / SESSIONS_DIR
        self.readonly = readonly
        self.readonly_reason = readonly_reason
        self.problems: list[str] = []
        self._figures = figures
        self._mutex = threading.RLock()  # the index, and the problems
        self._index = Index(path / INDEX_NAME)

    # -- where things are ----------------------------------------------------------------

    def session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{SESSION_SUFFIX}"

    def journal_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}{JOURNAL_SUFFIX}"

    @property
    def index_path(self) -> Path:
        return self._index.path

    def stored_ids(self) -> list[str]:
        """Ids of every session with a file or a journal in ``sessions/``."""
        return sorted(list_folder(self.sessions_dir).ids)

    def check_folders(self) -> None:
        """The archive's own folders, on opening. For writing: ``sessions/`` is created or
        made 0700 (a link, or a folder that cannot be made private, is refused with a
        sentence); ``schemes/`` and ``reports/``, where they exist, are made 0700 too, and
        one that cannot be is named in ``problems`` (the archive still works; writing into
        it is refused when it is tried). Read-only: a ``sessions/`` that is a link is
        refused, nothing is changed."""
        if self.readonly:
            if self.sessions_dir.is_symlink():
                raise ArchiveError(link_refused(self.sessions_dir, folder=True).sentence)
            return
        try:
            make_private_dir(self.sessions_dir)
        except OSError as error:
            raise ArchiveError(messages.disk_problem(error, self.sessions_dir, "create")) from error
        for folder in own_folders(self.path):
            if folder == self.sessions_dir or not (folder.exists() or folder.is_symlink()):
                continue
            try:
                make_private_dir(folder)
            except OSError as error:
                self.note(messages.disk_problem(error, folder, "make private"))

    def kept_journals(self) -> tuple[Path, ...]:
        """The journals kept aside because they could not be read."""
        return list_folder(self.sessions_dir).kept

    def require_writable(self) -> None:
        if self.readonly:
            raise ArchiveError(self.readonly_reason or messages.read_only(self.path, None))

    def note(self, problem: str) -> None:
        """Keep ``problem`` (a sentence) to show the user, once."""
        with self._mutex:
            if problem not in self.problems:
                self.problems.append(problem)

    # -- a session as it stands on disk --------------------------------------------------

    def restore(self, session_id: str, *, recorded_elsewhere: bool = False) -> Restored:
        """The session file plus the journal lines not yet folded into it.

        Raises :class:`UnknownSession` when neither file is there, and ArchiveError with
        one sentence (also kept in ``problems``) when one cannot be read. A journal with
        no readable header, or one whose changes make a session no way into the archive
        accepts (:meth:`_held_to_the_model`), is kept aside (named in ``problems``; left in
        place, and named, when the archive is read-only here): the session is what its
        file holds. An empty journal is no problem to name (see
        :meth:`tidy_empty_journal`): the session is what its file holds, and one with no
        file was never started. ``recorded_elsewhere``: the session may be being recorded
        by another process right now, so a torn last line is its write in progress and not
        a problem to name.
        """
        path = self.session_path(session_id)
        journal_path = self.journal_path(session_id)
        try:
            restored = restore(path, journal_path)
        except FileNotFoundError:
            raise UnknownSession(
                f"session {session_id[:8]} is listed but its file {path} is missing; "
                'run "observe session list" again (the list is repaired on opening)'
            ) from None
        except DamagedFile as damage:
            raise self.refusal(messages.damaged_file(damage.path, damage.reason)) from None
        except JournalDamaged as damage:
            sentence = messages.damaged_journal(damage.path, damage.line, damage.reason)
            raise self.refusal(sentence) from None
        except JournalUnreadable as unreadable:
            if unreadable.reason == EMPTY_JOURNAL:
                raise UnknownSession(messages.never_started(session_id)) from None
            sentence = self.unreadable_journal(session_id, unreadable.reason, None)
            raise ArchiveError(sentence) from None
        except OSError as error:
            where = Path(error.filename) if error.filename else path
            raise self.refusal(messages.unreadable_file(error, where)) from error
        journal = restored.journal
        if journal is not None and journal.generation is None:
            reason = journal.unreadable or "it cannot be read"
            if reason != EMPTY_JOURNAL:  # (nothing was recorded in an empty one)
                self.unreadable_journal(session_id, reason, len(restored.session.events))
            restored = evolve(restored, journal=None)
        elif journal is not None:
            restored = self._held_to_the_model(session_id, restored)
        if not recorded_elsewhere and (not self.readonly or self.readonly_reason is None):
            # While another process records, its journal's last line may be mid-write:
            # only a writer (the holder is gone) can tell a torn line from a busy one.
            for note in restored.notes:
                self.note(note)
        return restored

    def _held_to_the_model(self, session_id: str, restored: Restored) -> Restored:
        """``restored`` when what its journal replayed is a session the archive may hold
        (:func:`~observe.validity.session_problems`, the check every way in passes);
        otherwise the journal is kept aside and named as one that cannot be read, and the
        session is what its file holds.

        A journal written by observe passes. One edited by hand or damaged into values no
        session may hold (an event time of 1e300 s, a pause before the start, a code not in
        the scheme), checksums and all, would otherwise reach the index, the figures and the
        reports, which assume them in range. Only what the journal brings is held against
        it: a problem its session file has already (a scheme snapshot a stricter version of
        observe would not accept) is the file's, and the session opens as it would without
        a journal.
        """
        file = restored.file
        if file is not None and restored.session is file.session:
            return restored  # the journal added nothing to what the file holds
        problems = _problems_of(restored.session)
        if problems and file is not None:
            in_file = _problems_of(file.session)
            problems = [problem for problem in problems if problem not in in_file]
        if not problems:
            return restored
        reason = f"what it records is no session observe keeps: {problems[0].sentence}"
        saved = None if file is None else len(file.session.events)
        sentence = self.unreadable_journal(session_id, reason, saved)
        if file is None:
            raise ArchiveError(sentence)
        return Restored(file.session, file, None, 0, ())

    def tidy_empty_journal(self, session_id: str) -> bool:
        """Remove the journal of ``session_id`` if it holds no byte at all; whether it did.

        That is what a crash leaves between creating a journal and writing its header
        (:meth:`JournalWriter.create <observe.store.journal.JournalWriter.create>`), and
        nothing can have been acknowledged in it: every line is fsync'd before the screen
        shows its key press, and a file's size is part of what fsync makes durable. So an
        empty journal is no damage to name (a zero-filled or cut one is: that one held
        something). Only a writer tidies, and only where no recording of this archive is
        under way (opening it, or starting to record this very session), so a journal
        being created at this moment is never taken for one left by a crash.
        """
        if self.readonly:
            return False
        path = self.journal_path(session_id)
        try:
            status = os.lstat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_size != 0:
                return False
            path.unlink()
            fsync_dir(path.parent)
        except OSError:
            return False  # left as it is: it is named nowhere, and tried again next time
        return True

    def unreadable_journal(self, session_id: str, reason: str, saved_events: int | None) -> str:
        """Keep aside (writable) or name (read-only) a journal with no readable header;
        returns the sentence, also noted in ``problems``. ``saved_events``: how many events
        the session file holds, None when there is none.

        Such a journal holds no change that can be read, but it is never deleted: what a
        power cut or a failing disk left may matter to whoever looks into it, and nothing
        in the archive is deleted because it could not be read.
        """
        path = self.journal_path(session_id)
        if self.readonly:
            sentence = messages.unreadable_journal(
                path, reason, kept_as=None, saved_events=saved_events
            )
            if self.readonly_reason is None or reason != EMPTY_JOURNAL:
                self.note(sentence)  # (an empty one may be the holder's, being started)
            return sentence
        kept = kept_aside_name(path)
        try:
            replace(path, kept)
            fsync_dir(path.parent)
        except OSError as error:
            sentence = messages.disk_problem(error, path, "set aside the unreadable journal")
            self.note(sentence)
            return sentence
        if saved_events is None and session_id in self.indexed_ids():
            self.unindex(session_id)  # nothing of it is left to list
        sentence = messages.unreadable_journal(
            path, reason, kept_as=kept, saved_events=saved_events
        )
        self.note(sentence)
        return sentence

    def refusal(self, sentence: str) -> ArchiveError:
        """``sentence`` noted in ``problems`` and made the error to raise."""
        self.note(sentence)
        return ArchiveError(sentence)

    # -- the index -----------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        """Copies of every index document."""
        return self._with_index(Index.documents)

    def indexed_ids(self) -> set[str]:
        """Ids the index lists (without copying its documents)."""
        return self._with_index(Index.ids)

    def with_documents(self, use: Callable[[Iterable[dict[str, Any]]], T]) -> T:
        """``use`` applied to the index documents themselves (not copies: it must not
        change them), under the index's lock."""
        return self._with_index(lambda index: use(index.stored()))

    def indexed(self, session_id: str) -> dict[str, Any] | None:
        """A copy of the index document of ``session_id``, if it is listed."""
        return self._with_index(lambda index: index.get(session_id))

    def document_of(self, session: Session, digest: str | None) -> dict[str, Any]:
        """The index document of ``session`` (figures included); ``digest`` is the sha256
        of its session file, None while it only has a journal."""
        return summary_document(session, digest, self._figures_of(session))

    def index_session(self, session: Session, digest: str | None) -> None:
        self.index_documents([self.document_of(session, digest)])

    def index_documents(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace several documents in one index write."""
        self._write_index(lambda index: index.put_many(documents))

    def unindex(self, session_id: str) -> None:
        self._write_index(lambda index: index.remove(session_id))

    def rebuild_index(self) -> int:
        """Fill the index from the session files and journals; returns how many it lists."""
        documents = []
        for session_id in self.stored_ids():
            try:
                restored = self.restore(session_id)
            except ArchiveError:
                continue  # named in problems; every other session still lists
            path = self.session_path(session_id)
            digest = file_digest(path) if path.exists() else None
            documents.append(self.document_of(restored.session, digest))
        with self._mutex:
            try:
                self._index.replace_all(documents)
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, self._index.path, "write the index")
                ) from error
        return len(documents)

    def rebuild_in_memory(self) -> int:
        """List the sessions from their files in memory, leaving ``index.json`` as it is
        (a read-only archive may not write it); returns how many it lists."""
        with self._mutex:
            self._index = Index(self._index.path, in_memory=True)
            return self.rebuild_index()

    def repair_index(self) -> None:
        """Move a damaged index aside and rebuild it (in memory when read-only)."""
        with self._mutex:
            try:
                self._index.check()
                return
            except DamagedFile as damage:
                reason = damage.reason
            except OSError as error:  # a link, or no permission: not to be rebuilt over
                raise ArchiveError(messages.unreadable_file(error, self._index.path)) from None
            index_path = self._index.path
            if self.readonly:
                count = self.rebuild_in_memory()
                self.note(messages.damaged_index(index_path, reason, None, count))
                return
            aside = kept_aside_name(index_path)
            try:
                replace(index_path, aside)
                fsync_dir(self.path)
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, index_path, "move aside the damaged index")
                ) from error
            self._index = Index(index_path)
            count = self.rebuild_index()
            self.note(messages.damaged_index(index_path, reason, aside.name, count))

    def _with_index(self, use: Callable[[Index], T]) -> T:
        """``use(index)``; if the index file turns out damaged, repair it and use it again."""
        with self._mutex:
            try:
                return use(self._index)
            except DamagedFile:
                self.repair_index()
                return use(self._index)

    def _write_index(self, change: Callable[[Index], object]) -> None:
        with self._mutex:
            try:
                self._with_index(change)
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, self._index.path, "update the index")
                ) from error

    def _figures_of(self, session: Session) -> dict[str, Any]:
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


def _problems_of(session: Session) -> list[SessionProblem]:
    """What :func:`session_problems` finds in a replayed session, measured against its
    clock rather than its recorded length: a recording may go on after its end (an edit in
    review, a key pressed as the end was saved), which is no damage, while a time of 1e300
    s, a pause before the start or a code the scheme lacks still is."""
    return session_problems(evolve(session, duration=session.clock))
