"""Sessions and recorders for the live core's tests: plain Python, no Textual anywhere."""

from __future__ import annotations

from datetime import datetime

from observe.changes import Change, apply_change
from observe.errors import ArchiveError
from observe.live import LiveSession, SessionClock
from observe.model import Session, new_id
from observe.scheme import Cue, Response, Scheme


class FakeMonotonic:
    """A monotonic source the test moves by hand (the key timestamps use the same base)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def live_session(scheme: Scheme, *, session_id: str | None = None) -> Session:
    return Session(
        id=session_id or new_id(),
        dyad="D042",
        observer="OBS1",
        started_at="2026-03-02T10:00:00+00:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit="3",
        context="feeding",
        status="live",
    )


class MemoryRecorder:
    """A recorder in memory: every change it accepts is applied as the journal's replay
    would apply it; while ``refusing`` (a full disk) it raises as the store does."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.changes: list[Change] = []
        self.folds = 0
        self.refusing: str | None = None

    def apply(self, change: Change) -> Session:
        if self.refusing is not None:
            raise ArchiveError(self.refusing)
        self.changes.append(change)
        self.session = apply_change(self.session, change)
        return self.session

    def fold(self) -> None:
        self.folds += 1


WALL = "2026-03-02T10:00:00+00:00"


def coding(
    scheme: Scheme, *, now: float = 1000.0, session: Session | None = None
) -> tuple[LiveSession, MemoryRecorder, FakeMonotonic]:
    """A session being coded from monotonic ``now``, on a recorder in memory."""
    source = FakeMonotonic(now)
    recorder = MemoryRecorder(session or live_session(scheme))
    clock = SessionClock.continuing(recorder.session, source)
    live = LiveSession(recorder, clock, wall_clock=lambda: datetime.fromisoformat(WALL))
    return live, recorder, source


def coded(live: LiveSession) -> list[tuple]:
    return [(e.code, e.t, e.kind, e.intensity, e.note) for e in live.session.events]


def code(scheme: Scheme, key: str) -> Cue | Response:
    found = scheme.by_key(key)
    assert found is not None
    return found
