"""Reading a recording's facts while coding: does the event loop stay free?

A session coded from a video hashes the whole file (SHA-256) once the video shows, in a
worker thread (:func:`observe.media.facts.read_facts` through ``asyncio.to_thread``), while
the coding screen's loop goes on reading keys. This measures, for a file of ``--mb`` MB:

- how long the hash takes (MB/s), and
- the loop's lag meanwhile: a task that sleeps 10 ms over and over, its oversleep p50 / p99
  / max, against the same task with nothing else running (the baseline, same run).

Target: the p99 lag while hashing stays within a few ms of the baseline's (a key is read
within a frame of 25 fps, 40 ms, either way).

    .venv/bin/python bench/video_facts.py [--mb 512]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from observe.media.facts import read_facts

TICK = 0.010


async def lags(until: asyncio.Future[object] | None, seconds: float) -> list[float]:
    """Oversleep of each 10 ms sleep (ms), until ``until`` is done or ``seconds`` passed."""
    found: list[float] = []
    end = time.perf_counter() + seconds
    while (until is None or not until.done()) and time.perf_counter() < end:
        start = time.perf_counter()
        await asyncio.sleep(TICK)
        found.append((time.perf_counter() - start - TICK) * 1000)
    return found


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{statistics.median(ordered):.2f} / {p99:.2f} / {ordered[-1]:.2f}"


async def main(megabytes: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "visit.mp4"
        with open(path, "wb") as handle:
            for _ in range(megabytes):
                handle.write(os.urandom(1 << 20))
        baseline = await lags(None, 2.0)
        started = time.perf_counter()
        hashing = asyncio.ensure_future(asyncio.to_thread(read_facts, path, duration=600.0))
        during = await lags(hashing, 600.0)
        facts = await hashing
        took = time.perf_counter() - started
    print(f"file: {megabytes} MB, hashed in {took:.2f} s ({megabytes / took:.0f} MB/s)")
    print(f"loop lag, ms p50 / p99 / max: baseline {summary(baseline)}")
    print(f"                             while hashing {summary(during)}")
    print(f"sha256 {facts.sha256[:16]}…")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=512)
    asyncio.run(main(parser.parse_args().mb))
