"""Journal writes that never lose an observation, even when the disk refuses them.

Every change a screen makes to a session (a coded key, a review edit) goes through
:class:`PendingWrites`. It is written through the recorder at once (journal append +
fsync); if that raises :class:`ArchiveError` (disk full, permissions, a removed USB stick)
the change waits in memory, in order, and is retried on a timer and before the next
change. What the screen shows is the saved session with the waiting changes applied on
top, so the observer keeps coding and sees which events are not yet saved. Headless: no
Textual here.
"""

from __future__ import annotations

from typing import Protocol

from observe.changes import Change, EventAmended, EventRecorded, apply_changes
from observe.errors import ArchiveError
from observe.model import Session


class ChangeRecorder(Protocol):
    """What the live core needs from :class:`observe.store.Recorder`: the saved session,
    a durable write of one change (the journal append), and a fold of the journal into the
    session file (safe to run on a worker thread while ``apply`` goes on)."""

    @property
    def session(self) -> Session: ...

    def apply(self, change: Change) -> Session: ...

    def fold(self) -> None: ...


#: How often a screen retries the changes waiting for the disk (s).
RETRY_EVERY_SECONDS = 2.0


class PendingWrites:
    def __init__(self, recorder: ChangeRecorder) -> None:
        self.recorder = recorder
        self.waiting: list[Change] = []
        self.last_error: str | None = None

    @property
    def session(self) -> Session:
        """The session as the observer sees it: saved state plus changes still waiting."""
        saved = self.recorder.session
        return apply_changes(saved, self.waiting) if self.waiting else saved

    @property
    def unsaved_event_ids(self) -> frozenset[str]:
        return frozenset(
            change.event.id
            for change in self.waiting
            if isinstance(change, (EventRecorded, EventAmended))
        )

    def submit(self, change: Change) -> bool:
        """Queue ``change`` behind any waiting ones and write what can be written.

        Returns True when everything, this change included, is durable in the journal.
        """
        self.waiting.append(change)
        return self.retry()

    def retry(self) -> bool:
        """Write waiting changes in order; stop at the first failure (order matters)."""
        while self.waiting:
            try:
                self.recorder.apply(self.waiting[0])
            except ArchiveError as error:
                self.last_error = str(error)
                return False
            self.waiting.pop(0)
        self.last_error = None
        return True

    def fold_failed_notice(self, error: str) -> str | None:
        """What to say when the journal could not be folded into the session file. While
        changes wait for the disk, the NOT SAVED notice is the one message (the fold failed
        for the same reason): None. Otherwise every change is in the journal, and saying so
        is true."""
        if self.waiting:
            return None
        return (
            f"The session file could not be updated ({error.rstrip('.')}); every change is "
            "safe in the journal, and the file is brought up to date at the next fold or "
            "when observe next opens the archive."
        )

    def not_saved_notice(self) -> str | None:
        """The sentence a screen shows while changes wait for the disk; None when none do."""
        waiting = len(self.waiting)
        if not waiting:
            return None
        noun = "change" if waiting == 1 else "changes"
        return (
            f"NOT SAVED: {waiting} {noun} kept in memory, retrying every "
            f"{RETRY_EVERY_SECONDS:.0f} s. Keep working; do not close observe. "
            f"{self.last_error}"
        )
