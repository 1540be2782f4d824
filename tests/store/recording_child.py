"""A process that records a session through the public API until it is killed.

Usage: ``python recording_child.py ARCHIVE_DIR SESSION_ID SEED``. It creates the session
(or resumes it if it exists), prints ``ready``, then records events as fast as it can.
Before each ``Recorder.apply`` it prints ``recording <event id>`` (or ``removing <event
id>`` for an undo of the last event) and after it returns ``recorded …`` (``removed …``),
so the parent knows what was confirmed durable and which one change may have been in
flight when it was killed. A worker thread folds the journal every few milliseconds, so kills
also land in the middle of atomic rewrites of the session file and the index.
"""

from __future__ import annotations

import random
import sys
import threading
from pathlib import Path

from observe.changes import EventRecorded, EventRemoved
from observe.errors import ArchiveError
from observe.model import Event, Session
from observe.scheme import Cue, Response, Scheme
from observe.store import Archive

SCHEME = Scheme(
    id="kill",
    name="Kill test",
    version="1",
    response_window=5.0,
    repair_window=30.0,
    cues=[Cue("hungry", "Hungry", "h", matches=["feed"])],
    responses=[Response("feed", "Feeds", "f")],
)


def main(archive_dir: Path, session_id: str, seed: int) -> None:
    rng = random.Random(seed)
    fold_rng = random.Random(-seed)
    archive = Archive.open(archive_dir)
    if archive.readonly:
        raise SystemExit(f"archive is read-only: {archive.readonly_reason}")
    try:
        session = archive.load(session_id)
    except ArchiveError:
        session = Session(
            id=session_id,
            dyad="K001",
            observer="child",
            started_at="2026-01-01T10:00:00+00:00",
            scheme=SCHEME,
            scheme_digest=SCHEME.digest,
        )
    recorder = archive.recorder(session)
    stop = threading.Event()

    def fold_often() -> None:
        while not stop.wait(fold_rng.uniform(0.001, 0.02)):
            recorder.fold()

    threading.Thread(target=fold_often, daemon=True).start()
    print("ready", flush=True)
    t = recorder.session.clock
    while True:
        events = recorder.session.events
        if events and rng.random() < 0.1:
            last = events[-1]
            print(f"removing {last.id}", flush=True)
            recorder.apply(EventRemoved(last.id))
            print(f"removed {last.id}", flush=True)
            continue
        t += 0.01
        event_id = f"{seed:06d}{rng.getrandbits(64):016x}{len(events):010d}"
        print(f"recording {event_id}", flush=True)
        recorder.apply(EventRecorded(Event(event_id, rng.choice(["hungry", "feed"]), t)))
        print(f"recorded {event_id}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
