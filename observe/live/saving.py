"""Saving a session as it changes: one queue of durable writes and one fold policy.

Every screen that changes a session (live coding, review) saves through a
:class:`SessionSaver`: each change goes through :class:`PendingWrites` (the journal append
is the only I/O it does; a change the disk refuses waits, in order), and the
:class:`FoldPolicy` says when the journal should be folded into the session file. The saver
only *decides* a fold ("fold now" in what it returns); the screen runs :meth:`SessionSaver.fold`
on a worker thread, so no key press ever waits for one. No threads and no Textual here.
"""

from __future__ import annotations

from attrs import frozen

from observe.changes import Change
from observe.live.pending import ChangeRecorder, PendingWrites
from observe.model import Session

#: Fold the journal into the session file after this many changes, and this often (s)
#: while some change is not folded yet.
FOLD_EVERY_CHANGES = 50
FOLD_EVERY_SECONDS = 30.0


class FoldPolicy:
    """When a session's journal is folded into its session file.

    After :attr:`every_changes` changes (once they are all in the journal), every
    :attr:`every_seconds` while a change is not folded yet (the screen's timer asks
    :meth:`timer`), and at once when the session is paused. The end of a session is folded
    by the screen's last fold, when it leaves after the ratings: that fold also finishes the
    session file. A fold rewrites the whole session file, so it is not done on every key;
    never folding would leave a long journal to replay after a crash.
    """

    def __init__(
        self, every_changes: int = FOLD_EVERY_CHANGES, every_seconds: float = FOLD_EVERY_SECONDS
    ) -> None:
        self.every_changes = every_changes
        self.every_seconds = every_seconds
        self.unfolded = 0  # changes made since the last fold was decided

    def changed(self, *, saved: bool) -> bool:
        """One more change; True when the journal should be folded now."""
        self.unfolded += 1
        return self.written(saved=saved)

    def written(self, *, saved: bool) -> bool:
        """Waiting changes were written (``saved``: all of them); fold now?"""
        return self._fold() if saved and self.unfolded >= self.every_changes else False

    def timer(self) -> bool:
        """The periodic timer: fold now if anything changed since the last fold."""
        return self._fold() if self.unfolded else False

    def paused(self) -> bool:
        """The session was paused: fold now (a pause is a natural moment to be up to date)."""
        return self._fold()

    def _fold(self) -> bool:
        self.unfolded = 0
        return True


@frozen
class Saved:
    """What a write came to: is everything in the journal, and should the journal be
    folded now (the screen runs :meth:`SessionSaver.fold` in its worker)?"""

    saved: bool
    fold_now: bool = False


class SessionSaver:
    """A session's changes written through one queue, folded by one policy."""

    def __init__(self, recorder: ChangeRecorder, policy: FoldPolicy | None = None) -> None:
        self.recorder = recorder
        self.writes = PendingWrites(recorder)
        self.policy = policy or FoldPolicy()

    @property
    def session(self) -> Session:
        """The session as the observer sees it: saved, plus the changes still waiting."""
        return self.writes.session

    @property
    def waiting(self) -> int:
        """How many changes wait in memory for the disk."""
        return len(self.writes.waiting)

    def submit(self, change: Change, *, pause: bool = False) -> Saved:
        """Write ``change`` behind any waiting ones; ``pause`` says it pauses the session."""
        saved = self.writes.submit(change)
        fold_now = self.policy.changed(saved=saved)
        if pause:
            fold_now = self.policy.paused()
        return Saved(saved, fold_now)

    def retry(self) -> Saved:
        """Write what waits (the screen's retry timer, and before it leaves)."""
        saved = self.writes.retry()
        return Saved(saved, self.policy.written(saved=saved))

    def timer(self) -> bool:
        """The screen's fold timer (every :attr:`FoldPolicy.every_seconds`): fold now?"""
        return self.policy.timer()

    def fold(self) -> None:
        """Fold the journal into the session file. Blocking I/O: a screen runs it in a
        worker thread (the recorder lets key presses go on meanwhile)."""
        self.recorder.fold()
