"""A session coded up to the archive's limits reopens with every key that was acknowledged.

Opening a session replays its journal and holds the result to the limits every way into
the archive is held to (observe/validity/limits.py). Live coding used to accept a key past
24 hours of session clock or past 100,000 events: after a crash the journal was kept
aside, and the session opened without the keys the screen had shown as recorded. Here a
session starts four events short of the limit a few seconds before 24 hours, is coded to
both limits and past them, and the program dies without a fold.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from attrs import evolve

from observe.live import LiveSession, SessionClock
from observe.model import Event, Pause, Session, new_id
from observe.store import Archive
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS

from .conftest import die


def nearly_full(session: Session) -> Session:
    """Paused two seconds before 24 hours, four events short of the limit."""
    count = MAX_EVENTS - 4
    events = tuple(Event(new_id(), "play", round(i * 0.8, 3)) for i in range(count))
    clock = MAX_SESSION_SECONDS - 2.0
    pause = Pause(at=clock, paused_wall="2026-03-02T10:00:00+00:00")
    return evolve(session, status="paused", duration=clock, events=events, pauses=(pause,))


def test_keys_acknowledged_up_to_the_limits_survive_a_crash(
    archive_dir: Path, live_session: Session, tiny_scheme
) -> None:
    session = nearly_full(live_session)
    with Archive.open(archive_dir) as archive:
        archive.add(session)
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(archive.load(session.id))
    now = 1000.0
    clock = SessionClock.continuing(recorder.session, lambda: now)
    live = LiveSession(recorder, clock, wall_clock=lambda: datetime.now().astimezone())
    assert live.begin().done and live.toggle_pause(now).done
    hungry = tiny_scheme.by_key("h")
    acknowledged: list[str] = []
    refused: list[str] = []
    for offset in (0.5, 1.0, 1.5, 2.0, 2.0, 2.5):  # 4 fit; then the count, then the clock
        outcome = live.record(hungry, now + offset)
        if outcome.done:
            assert outcome.saved and outcome.event is not None
            acknowledged.append(outcome.event.id)
        else:
            refused.append(outcome.refused or "")
    assert len(acknowledged) == 4
    assert [sentence.split(":")[0] for sentence in refused] == ["FULL", "24 HOURS"]
    die(archive)

    with Archive.open(archive_dir) as reopened:
        assert reopened.problems == []
        events = reopened.load(session.id).events
    assert len(events) == MAX_EVENTS
    assert [e.id for e in events[-4:]] == acknowledged
    assert events[-1].t == MAX_SESSION_SECONDS
    assert list((archive_dir / "sessions").glob("*.damaged*")) == [], "nothing kept aside"
