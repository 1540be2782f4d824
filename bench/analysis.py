"""How analysis time grows with session size, and what the coding screen pays per refresh
(DESIGN §5; issue #3).

Run by hand: ``.venv/bin/python bench/analysis.py`` (``--live``: live_status only).
Sessions of about 1k, 10k and 100k events come from the seeded demo simulator
(``observe.interchange.simulate``), so every run analyses the same sessions. Targets:
analysing 100k events takes well under a second, and the 100k/10k time ratio is at most 15
(10× the events; n log n gives ≈ 12.5, a quadratic algorithm 100).

How it measures, and why:

- **Best of several runs**, sizes interleaved (one run of each size in turn, repeated), so a
  busy moment on the machine hits every size alike rather than one.
- **Baseline**, measured in the same run under the same conditions: one plain pass that
  sorts the events and reads the fields the analysis reads. It is linear, so its own
  100k/10k ratio shows what the machine adds when the data outgrows its caches (a 100k-event
  session is ~20 MB of event objects; a 10k one fits in cache).
- **Garbage collection paused** (``gc.collect()`` then ``gc.disable()`` around each timed
  call, for the analysis and the baseline alike) in the columns the targets are judged on
  (``analyze``: best of the runs, GC paused).
  Python's cyclic collector runs after every ~700 net allocations of container objects and
  walks whatever young containers the process holds, so with it on, time also depends on
  what else is in memory. The ``GC on`` column is the same call with the collector running,
  as in ``observe analyze``, shown for honesty. Measured with ``gc.callbacks``: at 100k events
  the collector takes ~28 ms of the call, ~17 ms of it in the first two collections, which
  walk the analysis's large column lists (about a million entries, out of cache) once each;
  the rest is ~70 cheap collections caused by the one result object per cue that
  ``SessionAnalysis.cues`` must hold. At 10k events it takes ~1 ms.
- **Cold cache** column: before each timed call the bench writes a 64 MB buffer, evicting the
  session from the CPU caches, as in a real ``observe analyze`` that analyses a session once.
  Best-of on the same session otherwise keeps a 10k session entirely in cache while a
  100k one cannot fit, which inflates the ratio for reasons that are not the algorithm's.

``live_status`` (called by the coding screen 5–10 times a second) is timed on live
sessions of 1,000 and 5,000 events (infant-cues, one rule; home-visit, two rules) from
their last moment on (every event already
recorded), with the collector on, as the coding screen runs it: per clock tick (the same
session, ``now`` advancing) and right after a key press (a new session value each call,
so nothing from the previous call can be reused).
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from attrs import evolve

from observe.analysis import analyze_session, index_figures, live_status
from observe.interchange.simulate import simulate_session
from observe.model import Session
from observe.scheme import find_scheme

EVENTS_PER_SECOND = 0.1  # about 6 events a minute with the simulator's default cue rate
SIZES = (1_000, 10_000, 100_000)
ROUNDS = 11
#: live_status's sessions: the default rule's scheme, and one of two rules (home-visit:
#: every rule's open and decided cues and bids are worked out per call).
LIVE_CASES = (
    ("infant-cues", 1_000),
    ("infant-cues", 5_000),
    ("home-visit", 1_000),
    ("home-visit", 5_000),
)
CACHE_EVICTION_BYTES = 64 * 1024 * 1024
_eviction = bytearray(CACHE_EVICTION_BYTES)


def evict_caches() -> None:
    """Touch more memory than the CPU caches hold, so the next call starts cold."""
    _eviction[:] = bytes(CACHE_EVICTION_BYTES)


def timed(action: Callable[..., object], *args: object, collector: bool, cold: bool) -> float:
    if cold:
        evict_caches()
    gc.collect()
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        action(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def baseline_pass(session: Session) -> int:
    """Sort the events and read each one's time, kind, code and intensity once."""
    seen = 0
    for event in sorted(session.events, key=lambda e: e.t):
        if event.kind != "stop" and event.code and event.intensity is None:
            seen += 1
    return seen


def session_of(events: int, scheme_id: str = "infant-cues") -> Session:
    scheme = find_scheme(scheme_id, Path("."))
    session = simulate_session(
        scheme,
        seed=2026,
        dyad="BENCH",
        visit=str(events),
        started_at="2026-03-02T10:00:00+00:00",
        duration=events / EVENTS_PER_SECOND,
        skill=0.6,
    )
    return session


def live(session: Session) -> Session:
    """The same session as if it were still being coded."""
    return evolve(session, status="live", ended_at=None)


MEASURES: dict[str, tuple[Callable[[Session], object], bool, bool]] = {
    # name: (what is timed, collector on, cold cache)
    "analyze": (analyze_session, False, False),
    "analyze GC on": (analyze_session, True, False),
    "analyze cold": (analyze_session, False, True),
    "baseline": (baseline_pass, False, False),
    "baseline cold": (baseline_pass, False, True),
}


def live_figures() -> None:
    print("live_status (collector on, as in the coding screen), milliseconds per call:")
    for scheme_id, size in LIVE_CASES:
        coding = live(session_of(size, scheme_id))
        start = coding.duration
        # A clock tick: the same session, a little later each time.
        ticks = sorted(
            timed(live_status, coding, start + i / 10, collector=True, cold=False)
            for i in range(100)
        )
        # After a key press: a new session value every call (two copies, alternating).
        copies = [live(coding), live(coding)]
        presses = sorted(
            timed(live_status, copies[i % 2], start, collector=True, cold=False) for i in range(50)
        )
        print(
            f"  {scheme_id}, {len(coding.events)}-event live session: clock tick median "
            f"{ticks[len(ticks) // 2] * 1000:.2f} (worst {ticks[-1] * 1000:.2f}); "
            f"after a key press median {presses[len(presses) // 2] * 1000:.2f} "
            f"(worst {presses[-1] * 1000:.2f})"
        )


def main() -> int:
    if sys.argv[1:] == ["--live"]:  # live_status only
        live_figures()
        return 0
    sessions = {size: session_of(size) for size in SIZES}
    best = {(size, name): float("inf") for size in SIZES for name in MEASURES}
    for _ in range(ROUNDS):
        for size, session in sessions.items():
            for name, (action, collector, cold) in MEASURES.items():
                elapsed = timed(action, session, collector=collector, cold=cold)
                best[size, name] = min(best[size, name], elapsed)

    names = list(MEASURES)
    print(f"best of {ROUNDS} runs, milliseconds (GC paused unless 'GC on'; see the docstring)")
    print(f"{'size':>7} {'events':>7} {'cues':>6} " + " ".join(f"{n:>14}" for n in names))
    for size, session in sessions.items():
        cues = index_figures(session)["cues"]
        cells = " ".join(f"{best[size, name] * 1000:>14.2f}" for name in names)
        print(f"{size:>7} {len(session.events):>7} {cues:>6} {cells}")
    ratios = {name: best[100_000, name] / best[10_000, name] for name in names}
    print(f"{'100k/10k':>22} " + " ".join(f"{ratios[n]:>14.1f}" for n in names))

    time_100k = best[100_000, "analyze"]
    ratio = ratios["analyze"]
    print()
    print(f"100k events: {time_100k:.3f} s (GC on: {best[100_000, 'analyze GC on']:.3f} s)")
    print(f"100k under 1 s: {'yes' if time_100k < 1.0 else 'NO'}")
    print(
        f"ratio 100k/10k, GC paused (the target's measure): {ratio:.1f}; "
        f"target ≤ 15: {'yes' if ratio <= 15 else 'NO'}"
    )
    print(
        f"  for comparison: cold cache {ratios['analyze cold']:.1f}, GC on "
        f"{ratios['analyze GC on']:.1f}; the linear baseline pass {ratios['baseline']:.1f} "
        f"(cold {ratios['baseline cold']:.1f})"
    )
    print()
    live_figures()
    return 0 if time_100k < 1.0 and ratio <= 15 else 1


if __name__ == "__main__":
    sys.exit(main())
