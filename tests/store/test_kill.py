"""Killing the recording process at any moment loses no confirmed key press."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from observe.model import new_id
from observe.store import Archive

CHILD = Path(__file__).with_name("recording_child.py")
TRIALS = 24


def acceptable_outcomes(lines: list[str]) -> list[list[str]]:
    """The event lists the archive may hold after the child printed ``lines``: exactly
    what it confirmed, or that plus the one change it had started when it was killed."""
    events: list[str] = []
    in_flight: tuple[str, str] | None = None
    for line in lines:
        verb, _, event_id = line.partition(" ")
        if verb in ("recording", "removing"):
            in_flight = (verb, event_id)
        elif verb == "recorded":
            events.append(event_id)
            in_flight = None
        elif verb == "removed":
            assert events and events[-1] == event_id
            events.pop()
            in_flight = None
    outcomes = [events]
    if in_flight is not None:
        verb, event_id = in_flight
        if verb == "recording":
            outcomes.append([*events, event_id])
        elif events and events[-1] == event_id:
            outcomes.append(events[:-1])
    return outcomes


def run_until_killed(
    archive_dir: Path, session_id: str, seed: int, confirmations: int, delay: float
) -> list[str]:
    """Start the child, let it confirm ``confirmations`` key presses, kill it ``delay``
    seconds later; every whole line it printed.

    Counting confirmations rather than sleeping a fixed time means every trial records
    something however slowly a loaded machine fsyncs; the random extra delay lets the
    kill land anywhere in the recording loop, the fold thread included."""
    errors = archive_dir.parent / "child-stderr.txt"
    with errors.open("wb") as error_file:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(archive_dir), session_id, str(seed)],
            stdout=subprocess.PIPE,
            stderr=error_file,
        )
    assert child.stdout is not None
    first = child.stdout.readline()
    assert first == b"ready\n", errors.read_text()
    seen: list[bytes] = []
    while sum(line.startswith(b"recorded ") for line in seen) < confirmations:
        line = child.stdout.readline()
        assert line.endswith(b"\n"), f"the child stopped early: {errors.read_text()}"
        seen.append(line)
    time.sleep(delay)
    child.kill()  # SIGKILL: no cleanup, no atexit, no flush
    rest = child.stdout.read()  # what readline() buffered ahead, then the rest
    child.stdout.close()
    assert child.wait() != 0
    assert not errors.read_text().strip(), errors.read_text()
    # A line cut off by the kill was not confirmed to the parent: ignore it.
    return [line.decode() for line in (b"".join(seen) + rest).split(b"\n")[:-1]]


@pytest.mark.slow
def test_every_confirmed_event_survives_repeated_kills(tmp_path: Path) -> None:
    """A home visitor's laptop dying mid-session never costs an event the screen showed
    as recorded, and the session resumes where it stopped every time."""
    archive_dir = tmp_path / "archive"
    session_id = new_id()
    rng = random.Random(20260301)
    confirmed: list[str] = []
    removed = 0
    for trial in range(TRIALS):
        confirmations, delay = rng.randint(1, 40), rng.uniform(0.0, 0.02)
        lines = run_until_killed(archive_dir, session_id, trial, confirmations, delay)
        removed += sum(line.startswith("removed ") for line in lines)
        outcomes = acceptable_outcomes(confirmed + lines)
        with Archive.open(archive_dir) as archive:
            assert not archive.readonly  # the dead child's lock was taken over
            actual = [event.id for event in archive.load(session_id).events]
            assert all("damaged" not in problem for problem in archive.problems)
        assert actual in outcomes, (
            f"trial {trial}: {len(outcomes[0])} confirmed events, {len(actual)} restored"
        )
        # Carry on from what the archive holds, exactly as a resumed session does.
        confirmed = [f"recorded {event_id}" for event_id in actual]
    assert removed, "the trials also killed a session that had undone key presses"
    assert len(confirmed) > TRIALS, "the session grew across the kills"


MID_SWAP_CHILD = """
import sys, time
from pathlib import Path
from observe.changes import EventRecorded
from observe.model import Event, Session
from observe.store import Archive, atomic
sys.path.insert(0, sys.argv[3])
from recording_child import SCHEME

archive = Archive.open(Path(sys.argv[1]))
session = Session(id="0" * 31 + "1", dyad="K002", observer="child",
                  started_at="2026-01-01T10:00:00+00:00", scheme=SCHEME,
                  scheme_digest=SCHEME.digest)
recorder = archive.recorder(session)
for n in range(8):
    recorder.apply(EventRecorded(Event(f"{n:032d}", "hungry", n + 1.0)))
    if n == 4:
        recorder.fold()
real_replace = atomic.replace

def stalled_replace(source, target):
    if Path(target).name == sys.argv[2]:
        print("swapping", flush=True)  # the new file is written and fsync'd, not yet swapped
        time.sleep(60)
    real_replace(source, target)

atomic.replace = stalled_replace
recorder.fold(list_now=True)  # the session file, then the index (as a pause's fold does)
"""


@pytest.mark.parametrize("target", ["session file", "index"])
def test_a_kill_in_the_middle_of_an_atomic_rewrite_keeps_the_old_file(
    tmp_path: Path, target: str
) -> None:
    """SIGKILL after the new file was written but before it was swapped in: the old file
    is intact, the leftover is cleaned up, and every journaled event is there."""
    archive_dir = tmp_path / "archive"
    session_id = "0" * 31 + "1"
    name = f"{session_id}.json" if target == "session file" else "index.json"
    child = subprocess.Popen(
        [sys.executable, "-c", MID_SWAP_CHILD, str(archive_dir), name, str(CHILD.parent)],
        stdout=subprocess.PIPE,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == b"swapping\n"
    child.kill()
    child.wait()
    leftovers = [p for p in archive_dir.rglob(".*.tmp")]
    assert leftovers, "the kill landed inside the rewrite"
    with Archive.open(archive_dir) as archive:
        assert [e.t for e in archive.load(session_id).events] == [float(n + 1) for n in range(8)]
        assert not any("damaged" in problem for problem in archive.problems)
        assert [s.id for s in archive.list_sessions()] == [session_id]
    assert not [p for p in archive_dir.rglob(".*.tmp")], "opening cleaned up the leftover"
