"""Recording a live session: every change is durable before it counts.

``apply`` is the only I/O on a key press: one journal line, fsync'd. ``fold`` rewrites
the session file from the current state; it may run on a worker thread while the UI
thread keeps calling ``apply`` (it copies the state under the lock and writes outside
it, so a key press never waits for a fold).

While the session is live, a fold writes its session file and nothing else: the index
(one document per session of the whole archive, a megabyte for a year's 2,000 sessions)
is brought up to date when the session is paused, left, ended or its recording closed,
and when a change is written to it from outside the coding screen (a mark). Rewriting
the index at every fold made each fold's disk writes, and the processor time it takes
from the key presses, grow with the archive. The session list loses nothing by it: it
counts a recorded session's events from its recorder (or, in another process, its
journal), and a crash leaves the journal, which opening the archive folds and lists.

A recorder works on the archive's files (:class:`~observe.store.files.ArchiveFiles`), not
on the archive itself: :meth:`Archive.recorder <observe.store.archive.Archive.recorder>`
hands them over, and ``on_close`` tells the archive when recording stops.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from observe.changes import Change, apply_change
from observe.errors import ArchiveError
from observe.model import Session
from observe.store import messages
from observe.store.files import ArchiveFiles
from observe.store.journal import JournalWriter, change_record
from observe.store.perms import fsync_dir
from observe.store.sessionfile import write_session_file


class Recorder:
    """Use :meth:`Archive.recorder` to get one."""

    def __init__(
        self,
        files: ArchiveFiles,
        session: Session,
        writer: JournalWriter | None,
        generation: str | None,
        folded: int,
        *,
        on_close: Callable[[str], object],
    ) -> None:
        self._files = files
        self._on_close = on_close  # told the session id once recording has stopped
        self._session = session
        self._writer = writer
        self._generation = generation
        # (journal generation, its lines) already in the session file, and in the index
        self._folded: tuple[str | None, int] = (generation, folded)
        self._listed = self._folded
        self._digest: str | None = None  # of the session file this recorder last wrote
        self._state = threading.Lock()  # session, writer, generation
        self._folding = threading.Lock()  # one fold at a time; guards _folded
        self._closed = False

    @classmethod
    def start(
        cls, files: ArchiveFiles, session: Session, *, on_close: Callable[[str], object]
    ) -> Recorder:
        """Record ``session`` new, or resume it from its file and journal."""
        session_path = files.session_path(session.id)
        journal_path = files.journal_path(session.id)
        try:
            # An empty journal is a start that a crash cut short: nothing is in it, and
            # the new journal of this recording takes its name.
            files.tidy_empty_journal(session.id)
            if session_path.exists() or journal_path.exists():
                restored = files.restore(session.id)
                journal = restored.journal
                if journal is not None and journal.generation is not None:
                    writer = JournalWriter.resume(journal_path, journal)
                    return cls(
                        files,
                        restored.session,
                        writer,
                        journal.generation,
                        restored.folded,
                        on_close=on_close,
                    )
                # No journal, or one that could not be read (restore kept it aside): the
                # session continues from its file, in a new journal at the first change.
                return cls(files, restored.session, None, None, 0, on_close=on_close)
            writer, generation = JournalWriter.create(journal_path, session)
            try:
                digest = write_session_file(session_path, session, generation, 1)
                files.index_session(session, digest)
            except BaseException:
                writer.close()
                raise
            return cls(files, session, writer, generation, 1, on_close=on_close)
        except OSError as error:
            raise ArchiveError(
                messages.disk_problem(error, journal_path, "start recording in")
            ) from error

    @property
    def session(self) -> Session:
        return self._session

    def apply(self, change: Change) -> Session:
        """Journal ``change`` durably, then apply it; on a disk error nothing changes."""
        with self._state:
            if self._closed:
                raise ArchiveError(
                    f"the recording of session {self._session.id[:8]} was closed; "
                    "resume the session to record more"
                )
            updated = apply_change(self._session, change)
            path = self._files.journal_path(self._session.id)
            try:
                if self._writer is None:
                    # The session was finished (its journal removed) and is changed again.
                    self._writer, self._generation = JournalWriter.create(path, self._session)
                self._writer.append(change_record(change))
            except OSError as error:
                raise ArchiveError(
                    messages.disk_problem(error, path, "save the change to")
                ) from error
            self._session = updated
            return updated

    def fold(self, *, list_now: bool = False) -> None:
        """Write the session file from the current state; the index too unless the session
        is live (``list_now``: even then, for a change the session list must show at once);
        after the session has ended, also finish it (the journal is removed)."""
        with self._folding:
            with self._state:
                if self._writer is None:
                    return  # nothing journaled since the last finish
                session, generation, lines = self._session, self._generation, self._writer.lines
            session_path = self._files.session_path(session.id)
            state = (generation, lines)
            try:
                if state != self._folded:
                    self._digest = write_session_file(session_path, session, generation, lines)
                    self._folded = state
                if state != self._listed and (list_now or session.status != "live"):
                    self._files.index_session(session, self._digest)
                    self._listed = state
            except OSError as error:
                raise ArchiveError(messages.disk_problem(error, session_path, "save")) from error
            if session.status == "ended":
                self._finish(lines)

    def _finish(self, lines: int) -> None:
        with self._state:
            writer = self._writer
            if writer is None or writer.lines != lines:
                return  # changed again since: the next fold finishes
            journal_path = writer.path
            writer.close()  # Windows cannot remove an open file
            try:
                # Deleting it loses nothing: this writer wrote every line of it in this
                # process (or resumed it after its last good line), and the fold above
                # put all of them in the session file.
                journal_path.unlink()
                fsync_dir(journal_path.parent)
            except OSError as error:
                # The journal stays (fully folded; opening the archive removes it) and
                # recording continues in it.
                self._files.note(messages.disk_problem(error, journal_path, "remove"))
                self._writer = JournalWriter.reopen(journal_path, writer.size, writer.lines)
                return
            self._writer = None
            self._generation = None

    def close(self) -> None:
        """Fold what is not folded yet and stop recording."""
        if self._closed:
            return
        try:
            self.fold(list_now=True)
        finally:
            with self._state:
                self._closed = True
                if self._writer is not None:
                    self._writer.close()
                    self._writer = None
            self._on_close(self._session.id)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
