"""A process that records a live session as a home visitor's observe would, on command.

Usage: ``python live_child.py ARCHIVE_DIR SESSION_ID``. It starts the session (the index
lists it then, with no events), prints ``ready``, and for each line ``record N`` on its
input records N events (journal lines only: it never folds) and prints ``recorded TOTAL``.
An empty line closes the recording (a fold) and ends the process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from observe.changes import EventRecorded
from observe.model import Event, Session, new_id
from observe.scheme import Cue, Response, Scheme
from observe.store import Archive

SCHEME = Scheme(
    id="live",
    name="Live test",
    version="1",
    response_window=5.0,
    repair_window=30.0,
    cues=[Cue("hungry", "Hungry", "h", matches=["feed"])],
    responses=[Response("feed", "Feeds", "f")],
)


def main(archive_dir: Path, session_id: str) -> None:
    with Archive.open(archive_dir) as archive:
        session = Session(
            id=session_id,
            dyad="LIVE-1",
            observer="child",
            started_at="2026-01-01T10:00:00+00:00",
            scheme=SCHEME,
            scheme_digest=SCHEME.digest,
            status="live",
        )
        recorder = archive.recorder(session)
        print("ready", flush=True)
        for line in sys.stdin:
            if not line.strip():
                break
            for _ in range(int(line.split()[1])):
                t = len(recorder.session.events) + 1.0
                recorder.apply(EventRecorded(Event(new_id(), "hungry", t)))
            print(f"recorded {len(recorder.session.events)}", flush=True)
        recorder.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
