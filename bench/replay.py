"""Replaying a journal: the cost per event must stay flat as the journal grows.

Run by hand: ``.venv/bin/python bench/replay.py`` (``--sizes 10000 20000 40000 100000``).

A journal of N coded events is built as live coding writes one, seeded: one
``EventRecorded`` a key, an intensity set on every fourth event (``EventAmended``), an undo
every 25 events (``EventRemoved``), one event in ten coded earlier than the one before (as
coding from a recording goes back), a pause and a resume every 500 events. For each size:

- ``apply_changes``: the changes folded into the session in memory (the replay itself);
- ``restore``: the journal read from disk, every line checked and parsed, and replayed
  (:func:`observe.store.replay.restore`), what opening a session after a crash does first;
- ``open``: an archive holding only that journal (the program died before its first
  fold) opened and the session loaded: the journal replayed, held to what a session may
  hold, folded into a new session file and indexed, then the session read back.

Processor time (``time.process_time``), the best of ``--repeat`` runs, and the time per
event. Target: the time per event at the largest size within 1.5× the smallest (linear);
a quadratic replay doubles it with every doubling of the journal.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from observe.changes import (  # noqa: E402
    Change,
    EventAmended,
    EventRecorded,
    EventRemoved,
    SessionPaused,
    SessionResumed,
    apply_changes,
)
from observe.model import Event, Session, new_id  # noqa: E402
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme  # noqa: E402
from observe.store import Archive  # noqa: E402
from observe.store.journal import change_record, encode_line, header_record  # noqa: E402
from observe.store.replay import restore  # noqa: E402

WALL = "2026-03-02T10:00:00+00:00"


def session_of(scheme_id: str) -> Session:
    scheme = find_scheme(scheme_id, Path("."))
    return Session(
        id=new_id(),
        dyad="D001",
        observer="OBS1",
        started_at=WALL,
        scheme=scheme,
        scheme_digest=scheme.digest,
    )


def journal_changes(session: Session, count: int, seed: int = 7) -> list[Change]:
    """The changes of ``count`` coded events, as live coding writes them (see above)."""
    rng = random.Random(seed)
    codes = [code.id for code in session.scheme.codes if code.kind == "point"]
    changes: list[Change] = []
    t = 0.0
    last: Event | None = None
    for index in range(count):
        t += rng.uniform(0.2, 0.8)  # 100,000 events within a day, as a session may hold
        at = t - rng.uniform(1.0, 30.0) if index % 10 == 9 else t
        event = Event(new_id(), rng.choice(codes), max(at, 0.0))
        changes.append(EventRecorded(event))
        if index % 4 == 3:
            changes.append(EventAmended(Event(event.id, event.code, event.t, intensity=2)))
        if index % 25 == 24 and last is not None:
            changes.append(EventRemoved(last.id))
        if index % 500 == 499:
            changes.append(SessionPaused(t=t, wall=WALL))
            changes.append(SessionResumed(wall=WALL))
        last = event
    return changes


def best(run: Callable[[], object], repeat: int) -> float:
    """The least processor time of ``repeat`` runs (s)."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        times.append(time.process_time() - started)
    return min(times)


def write_journal(folder: Path, session: Session, changes: list[Change]) -> tuple[Path, Path]:
    journal = folder / f"{session.id}.journal"
    lines = [encode_line(header_record(new_id(), session))]
    lines.extend(encode_line(change_record(change)) for change in changes)
    journal.write_bytes(b"".join(lines))
    return folder / f"{session.id}.json", journal


def open_archive(folder: Path, journal: Path, session: Session, repeat: int) -> float:
    """The least processor time of opening an archive that holds only ``journal`` and
    loading its session, each run on a fresh copy (opening folds the journal)."""
    times = []
    for run in range(repeat):
        archive_dir = folder / f"archive-{run}"
        (archive_dir / "sessions").mkdir(parents=True, mode=0o700)
        shutil.copy(journal, archive_dir / "sessions" / journal.name)
        started = time.process_time()
        with Archive.open(archive_dir) as archive:
            loaded = archive.load(session.id)
        times.append(time.process_time() - started)
        assert not archive.problems, archive.problems
        shutil.rmtree(archive_dir)
    del loaded
    return min(times)


def measure(
    folder: Path, session: Session, size: int, repeat: int
) -> tuple[int, int, tuple[float, float, float]]:
    """(events, changes, (apply_changes, restore, open) seconds) of a journal of ``size``."""
    changes = journal_changes(session, size)
    replayed = best(lambda: apply_changes(session, changes), repeat)
    session_path, journal_path = write_journal(folder, session, changes)
    restored = best(lambda: restore(session_path, journal_path), repeat)
    opened = open_archive(folder, journal_path, session, repeat)
    journal_path.unlink()
    return size, len(changes), (replayed, restored, opened)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scheme", default=DEFAULT_SCHEME_ID)
    options = parser.parse_args()
    session = session_of(options.scheme)
    with tempfile.TemporaryDirectory() as folder:
        rows = [measure(Path(folder), session, size, options.repeat) for size in options.sizes]
    print(
        "| events | changes | apply_changes s (µs/event) | restore s (µs/event) "
        "| open s (µs/event) | µs/event ÷ smallest's |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    smallest = [took / rows[0][0] for took in rows[0][2]]
    for size, changes_count, took in rows:
        per_event = [seconds / size for seconds in took]
        cells = " | ".join(f"{s:.3f} ({e * 1e6:.1f})" for s, e in zip(took, per_event, strict=True))
        growth = " / ".join(f"{e / f:.2f}" for e, f in zip(per_event, smallest, strict=True))
        print(f"| {size:,} | {changes_count:,} | {cells} | {growth} |")


if __name__ == "__main__":
    main()
