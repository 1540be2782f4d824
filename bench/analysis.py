"""How analysis time grows with session size (DESIGN §5; issue #3).

Run by hand: ``.venv/bin/python bench/analysis.py``. Sessions of about 1k, 10k and 100k events
come from the seeded demo simulator (``observe.interchange.simulate``), so every run
analyses the same sessions. For each size it reports the best of several runs of
``analyze_session`` and, as a baseline measured in the same run, one plain pass that sorts
the events and reads the fields the analysis reads. Targets: analysing 100k events takes
well under a second, and the 100k/10k time ratio is at most 15 (10× the events; n log n
gives ≈ 12.5, a quadratic algorithm 100).

The baseline shows what the machine itself does when the data grows past its caches: its
own 100k/10k ratio is well above 10 although it is a single linear pass, so the analysis's
ratio is also given relative to it. It also times ``live_status`` on a 1k-event session,
which the coding screen calls several times a second.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from observe.analysis import analyze_session, index_figures, live_status
from observe.interchange.simulate import simulate_session
from observe.scheme import find_scheme

EVENTS_PER_SECOND = 0.1  # about 6 events a minute with the simulator's default cue rate
SIZES = (1_000, 10_000, 100_000)


def best_of(action: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def baseline_pass(session) -> int:
    """Sort the events and read each one's time, kind, code and intensity once."""
    seen = 0
    for event in sorted(session.events, key=lambda e: e.t):
        if event.kind != "stop" and event.code and event.intensity is None:
            seen += 1
    return seen


def session_of(events: int):
    scheme = find_scheme("infant-cues", Path("."))
    return simulate_session(
        scheme,
        seed=2026,
        dyad="BENCH",
        visit=str(events),
        started_at="2026-03-02T10:00:00+00:00",
        duration=events / EVENTS_PER_SECOND,
        skill=0.6,
    )


def main() -> int:
    rows = []
    for size in SIZES:
        session = session_of(size)
        repeats = 9 if size < 100_000 else 5
        analysis = best_of(lambda: analyze_session(session), repeats)
        sort_only = best_of(lambda: baseline_pass(session), repeats)
        rows.append((size, len(session.events), analysis, sort_only))

    print(
        f"{'size':>8} {'events':>8} {'cues':>7} {'analyze (ms)':>13} {'baseline (ms)':>14} "
        f"{'µs/event':>9}"
    )
    for size, events, analysis, sort_only in rows:
        cues = index_figures(session_of(size))["cues"]
        print(
            f"{size:>8} {events:>8} {cues:>7} {analysis * 1000:>13.1f} {sort_only * 1000:>14.2f} "
            f"{analysis / events * 1e6:>9.2f}"
        )
    (_, events_10k, time_10k, base_10k), (_, events_100k, time_100k, base_100k) = rows[1], rows[2]
    ratio = time_100k / time_10k
    per_event_ratio = (time_100k / events_100k) / (time_10k / events_10k)
    base_ratio = base_100k / base_10k
    print(f"\nratio 100k/10k: {ratio:.1f} (target ≤ 15; per event {per_event_ratio:.2f})")
    print(
        f"baseline pass ratio 100k/10k: {base_ratio:.1f}; "
        f"analysis relative to it: {ratio / base_ratio:.2f}"
    )
    print(f"100k events: {time_100k:.3f} s (target: well under 1 s)")

    live_session = session_of(1_000)
    now = live_session.duration / 2
    live = best_of(lambda: live_status(live_session, now), 50)
    print(f"live_status on {len(live_session.events)} events: {live * 1000:.2f} ms per call")
    print(f"100k under 1 s: {'yes' if time_100k < 1.0 else 'NO'}")
    print(f"ratio 100k/10k ≤ 15: {'yes' if ratio <= 15 else 'NO'}")
    no_worse = "yes" if ratio <= base_ratio else "NO"
    print(f"ratio no worse than the linear baseline pass's: {no_worse}")
    return 0 if time_100k < 1.0 and ratio <= max(15.0, base_ratio) else 1


if __name__ == "__main__":
    sys.exit(main())
