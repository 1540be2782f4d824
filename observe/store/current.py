"""What the index cannot say yet: the events a session being recorded elsewhere has now.

The index lists a live session as it was when it was last paused or started (see
:mod:`observe.store.recorder`), not as it is after each key press, which must cost one
journal line and nothing more. So an archive opened read-only while another observe
records would list that session with the events it had then (none, before a pause).
:class:`LiveCounts` reads the journals of the sessions the index says are not ended,
when they changed since last read, and gives their summaries the events, status and
duration the journal has now. There are a few such sessions at most, and each journal
is read again only once it grew.
"""

from __future__ import annotations

import os
import threading

from observe.errors import ArchiveError
from observe.model import Session
from observe.store.files import ArchiveFiles
from observe.store.index import SessionSummary

Signature = tuple[int, int, int]


class LiveCounts:
    """The current state of live sessions, from their journals, for a read-only archive."""

    def __init__(self, files: ArchiveFiles) -> None:
        self._files = files
        self._mutex = threading.Lock()
        self._seen: dict[str, tuple[Signature, Session]] = {}

    def current(self, summary: SessionSummary) -> SessionSummary:
        """``summary`` with the events, status and duration its journal holds now (as it
        is when the session has no journal, or one that cannot be read)."""
        signature = self._signature(summary.id)
        if signature is None:
            return summary
        with self._mutex:
            seen = self._seen.get(summary.id)
        if seen is None or seen[0] != signature:
            try:
                session = self._files.restore(summary.id, recorded_elsewhere=True).session
            except ArchiveError:
                return summary  # named in problems, as loading it would
            seen = (signature, session)
            with self._mutex:
                self._seen[summary.id] = seen
        return summary.as_recorded(seen[1])

    def _signature(self, session_id: str) -> Signature | None:
        """Size and time of the journal and time of the session file; None: no journal."""
        try:
            journal = os.lstat(self._files.journal_path(session_id))
        except OSError:
            return None
        try:
            file_time = os.lstat(self._files.session_path(session_id)).st_mtime_ns
        except OSError:
            file_time = 0
        return (journal.st_size, journal.st_mtime_ns, file_time)
