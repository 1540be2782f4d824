"""Practice coding with a scheme being edited: a session that lives in memory only.

"Try it" opens the coding screen on a practice session, to feel the key layout before a
real visit. The coding screen codes through the same recorder protocol as always (the
live core's :class:`~observe.live.ChangeRecorder`: the session, a write of one change, a
fold, and closing), so practice codes exactly as a visit does; the recorder here keeps
the changes in memory and writes nothing: no session, journal or index entry is ever
made in the archive.
"""

from __future__ import annotations

from datetime import datetime

from observe.changes import Change, apply_change
from observe.model import Session, new_id
from observe.scheme import Scheme

#: The dyad code a practice session shows where a family's code would be.
PRACTICE_DYAD = "PRACTICE"


def practice_session(scheme: Scheme, now: datetime) -> Session:
    """A new session with ``scheme`` starting ``now``, for practice only."""
    return Session(
        id=new_id(),
        dyad=PRACTICE_DYAD,
        observer="",
        context="practice",
        started_at=now.isoformat(timespec="seconds"),
        scheme=scheme,
        scheme_digest=scheme.digest,
        status="live",
        origin="live",
    )


class PracticeRecorder:
    """Records a practice session's changes in memory (nothing reaches the disk)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.changes: list[Change] = []

    @property
    def session(self) -> Session:
        return self._session

    def apply(self, change: Change) -> Session:
        self.changes.append(change)
        self._session = apply_change(self._session, change)
        return self._session

    def fold(self) -> None:
        """Nothing to fold: there is no journal."""

    def close(self) -> None:
        """Nothing to close: there is no file."""
