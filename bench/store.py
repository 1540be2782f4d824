"""How long recording one event durably takes, against an fsync floor and a single-file
TinyDB baseline measured in the same run; and, with ``--kill-trials``, that killing the
recording process never loses a confirmed event.

Run by hand: ``.venv/bin/python bench/store.py`` (latency; a few minutes) and
``.venv/bin/python bench/store.py --kill-trials 200`` (adds the kill trials).

For archives of 0, 200 and 2,000 sessions of 300 events (from the demo simulator):

- **recorder**: ``Recorder.apply`` of one ``EventRecorded`` (a journal line, fsync'd);
- **floor**: ``write`` + the archive's own fsync (``F_FULLFSYNC`` on macOS) of one JSON
  line to a plain file in the same directory — what any durable append costs on this
  disk. Floor and recorder samples are interleaved, so noise from other processes hits both alike;
- **recorder + folds**: the same while a worker thread folds the session every 100
  events (what the coding screen does);
- **single file**: inserting one event into one plain TinyDB file holding the whole
  archive (stock ``JSONStorage``, no fsync — flattering the baseline). It rewrites the
  whole file on every insert, so it gets fewer samples (``--baseline-inserts``).

Targets: recorder p99 ≤ 2 × floor p99 at every size; ≥ 100 × faster than the single
file at 2,000 sessions.

``--open ARCHIVE`` instead times opening an existing archive (what the home screen waits
for): for writing (recovery checks included), read-only, and listing it, against the
floor any opening pays, reading and parsing ``index.json``, measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from attrs import evolve  # noqa: E402
from tinydb import TinyDB  # noqa: E402

from observe.analysis.stats import quantile  # noqa: E402
from observe.changes import EventRecorded  # noqa: E402
from observe.convert import unstructure  # noqa: E402
from observe.interchange.simulate import simulate_session  # noqa: E402
from observe.model import Event, Session, new_id  # noqa: E402
from observe.scheme import Scheme, find_scheme  # noqa: E402
from observe.store import Archive  # noqa: E402
from observe.store.perms import durable_fsync  # noqa: E402
from observe.workspace import open_archive  # noqa: E402

EVENTS_PER_SESSION = 300


def percentile(samples: list[float], q: float) -> float:
    value = quantile(sorted(samples), q)
    assert value is not None, "no samples"
    return value


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f}"


def stored_session(scheme: Scheme, number: int) -> Session:
    """A demo session cut to exactly 300 events."""
    session = simulate_session(
        scheme,
        seed=number,
        dyad=f"B{number // 10:04d}",
        visit=str(number % 10 + 1),
        started_at=f"2025-{number % 12 + 1:02d}-{number % 28 + 1:02d}T10:00:00+00:00",
        duration=3600.0,
        skill=(number % 10) / 10,
        cue_rate=6.0,  # per minute: an hour gives well over 300 events
    )
    events = session.events[:EVENTS_PER_SESSION]
    assert len(events) == EVENTS_PER_SESSION, len(session.events)
    return evolve(session, events=events, duration=events[-1].t)


def grow_archive(archive_dir: Path, scheme: Scheme, start: int, stop: int) -> float:
    """Add sessions ``start … stop-1``; returns the seconds it took."""
    began = time.perf_counter()
    with open_archive(archive_dir) as archive:
        batch: list[Session] = []
        for number in range(start, stop):
            batch.append(stored_session(scheme, number))
            if len(batch) == 100:
                archive.add_many(batch)
                batch = []
        if batch:
            archive.add_many(batch)
    return time.perf_counter() - began


def measure_recording(
    archive_dir: Path, scheme: Scheme, samples: int, fold_every: int | None
) -> tuple[list[float], list[float]]:
    """Interleaved (recorder, floor) latencies of ``samples`` events each."""
    floor_path = archive_dir / "floor.jsonl"
    floor_fd = os.open(floor_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    recorder_times: list[float] = []
    floor_times: list[float] = []
    with open_archive(archive_dir) as archive:
        live = evolve(
            stored_session(scheme, 10**6), id=new_id(), events=(), status="live", duration=0.0
        )
        recorder = archive.recorder(live)
        folds: list[threading.Thread] = []
        for number in range(samples):
            event = Event(new_id(), scheme.cues[number % len(scheme.cues)].id, number * 0.5)
            record = json.dumps(unstructure(EventRecorded(event))).encode() + b"\n"
            began = time.perf_counter()
            os.write(floor_fd, record)
            durable_fsync(floor_fd)
            floor_times.append(time.perf_counter() - began)
            began = time.perf_counter()
            recorder.apply(EventRecorded(event))
            recorder_times.append(time.perf_counter() - began)
            if fold_every and number % fold_every == fold_every - 1:
                worker = threading.Thread(target=recorder.fold)
                worker.start()
                folds.append(worker)
        for worker in folds:
            worker.join()
        recorder.close()
        archive.delete(live.id)  # keep the archive at its nominal size
    os.close(floor_fd)
    floor_path.unlink()
    return recorder_times, floor_times


def build_single_file(path: Path, scheme: Scheme, sessions: int) -> None:
    """One plain TinyDB file with every session and event of an archive of this size."""
    session_docs: dict[str, dict] = {}
    event_docs: dict[str, dict] = {}
    for number in range(sessions):
        session = stored_session(scheme, number)
        document = unstructure(session)
        events = document.pop("events")
        session_docs[str(number + 1)] = document
        for event in events:
            event_docs[str(len(event_docs) + 1)] = {"session": session.id, **event}
    path.write_text(json.dumps({"sessions": session_docs, "events": event_docs}))


def measure_single_file(path: Path, inserts: int) -> list[float]:
    times = []
    with TinyDB(path) as db:
        events = db.table("events")
        for number in range(inserts):
            document = {
                "session": "x",
                "id": new_id(),
                "code": "hungry",
                "t": number * 0.5,
                "kind": "point",
                "intensity": None,
                "note": None,
            }
            began = time.perf_counter()
            events.insert(document)
            times.append(time.perf_counter() - began)
    return times


def measure_listing(archive_dir: Path) -> tuple[float, float, int]:
    began = time.perf_counter()
    with open_archive(archive_dir, readonly=True) as archive:
        opened = time.perf_counter() - began
        began = time.perf_counter()
        count = len(archive.list_sessions())
        listed = time.perf_counter() - began
    return opened, listed, count


def run_opening(archive_dir: Path, repeat: int) -> None:
    """Medians of ``repeat`` interleaved runs of each way to open ``archive_dir``."""
    index = archive_dir / "index.json"

    def floor() -> None:
        json.loads(index.read_bytes())

    def writable() -> None:
        open_archive(archive_dir).close()

    def readonly() -> None:
        open_archive(archive_dir, readonly=True).close()

    listing = open_archive(archive_dir, readonly=True)
    cases = {
        "read and parse index.json (floor)": floor,
        "open for writing (recovery checks)": writable,
        "open read-only": readonly,
        "list the sessions (index cached)": listing.list_sessions,
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, case in cases.items():
            began = time.perf_counter()
            case()
            times[name].append(time.perf_counter() - began)
    count = len(listing.list_sessions())
    listing.close()
    floor_median = statistics.median(times["read and parse index.json (floor)"])
    print(f"\nOpening {archive_dir} ({count:,} sessions; median of {repeat} runs)\n")
    print("| case | median (ms) | min (ms) | ÷ floor |")
    print("|---|---:|---:|---:|")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"| {name} | {ms(median)} | {ms(min(samples))} | {median / floor_median:.2f} |")


def run_latency(args: argparse.Namespace, workdir: Path) -> None:
    scheme = find_scheme("infant-cues", workdir)
    archive_dir = workdir / "archive"
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    built = 0
    for size in sizes:
        if size > built:
            seconds = grow_archive(archive_dir, scheme, built, size)
            print(f"built an archive of {size} sessions ({seconds:.1f} s)", file=sys.stderr)
            built = size
        if size == 0:
            Archive.open(archive_dir).close()
        recorder, floor = measure_recording(archive_dir, scheme, args.samples, None)
        with_folds, floor_folds = measure_recording(archive_dir, scheme, args.samples, 100)
        inserts = args.baseline_inserts if size >= 1000 else args.baseline_inserts * 4
        single = workdir / "single.json"
        build_single_file(single, scheme, size)
        baseline = measure_single_file(single, inserts)
        single_mb = single.stat().st_size / 1e6
        single.unlink()
        opened, listed, count = measure_listing(archive_dir)
        assert count == size, (count, size)
        rows.append(
            {
                "size": size,
                "floor": floor,
                "recorder": recorder,
                "folds": with_folds,
                "floor_folds": floor_folds,
                "baseline": baseline,
                "inserts": inserts,
                "single_mb": single_mb,
                "opened": opened,
                "listed": listed,
            }
        )
        print(f"measured {size} sessions", file=sys.stderr)
    print(f"\nRecording one event durably ({args.samples} events per case; times in ms)\n")
    print(
        "| sessions × 300 events | fsync floor p50 / p99 | recorder p50 / p99 | p99 ÷ floor p99 "
        "| recorder + folds p50 / p99 / max (p99 ÷ floor p99) "
        "| single TinyDB file p50 (inserts, file MB) "
        "| single file ÷ recorder p50 | open / list (ms) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        floor_p99 = percentile(row["floor"], 0.99)
        rec_p50, rec_p99 = percentile(row["recorder"], 0.5), percentile(row["recorder"], 0.99)
        fold_p50, fold_p99 = percentile(row["folds"], 0.5), percentile(row["folds"], 0.99)
        fold_floor_p99 = percentile(row["floor_folds"], 0.99)
        base_p50 = statistics.median(row["baseline"])
        print(
            f"| {row['size']:,} | {ms(percentile(row['floor'], 0.5))} / {ms(floor_p99)} "
            f"| {ms(rec_p50)} / {ms(rec_p99)} | {rec_p99 / floor_p99:.2f} "
            f"| {ms(fold_p50)} / {ms(fold_p99)} / {ms(max(row['folds']))} "
            f"({fold_p99 / fold_floor_p99:.2f}) "
            f"| {ms(base_p50)} ({row['inserts']}, {row['single_mb']:.1f}) "
            f"| {base_p50 / rec_p50:,.0f}× "
            f"| {row['opened'] * 1000:.0f} / {row['listed'] * 1000:.0f} |"
        )


def run_kill_trials(trials: int, workdir: Path) -> None:
    spec = importlib.util.spec_from_file_location("kill_test", ROOT / "tests/store/test_kill.py")
    assert spec is not None and spec.loader is not None
    kill_test = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kill_test)
    archive_dir = workdir / "kill-archive"
    session_id = new_id()
    rng = random.Random(7)
    confirmed: list[str] = []
    torn = mid_write = recorded = 0
    began = time.perf_counter()
    for trial in range(trials):
        lines = kill_test.run_until_killed(archive_dir, session_id, trial, rng.uniform(0.0, 0.15))
        recorded += sum(line.startswith("recorded ") for line in lines)
        outcomes = kill_test.acceptable_outcomes(confirmed + lines)
        sessions_dir = archive_dir / "sessions"
        mid_write += any(p.name.endswith(".tmp") for p in sessions_dir.iterdir()) or any(
            p.name.endswith(".tmp") for p in archive_dir.iterdir()
        )
        with Archive.open(archive_dir) as archive:
            assert not archive.readonly
            actual = [event.id for event in archive.load(session_id).events]
            torn += any("incomplete" in problem for problem in archive.problems)
            damaged = [p for p in archive.problems if "damaged" in p]
        if actual not in outcomes or damaged:
            raise SystemExit(
                f"trial {trial}: LOST DATA or damage: {damaged}; "
                f"{len(outcomes[0])} confirmed, {len(actual)} restored"
            )
        confirmed = [f"recorded {event_id}" for event_id in actual]
    seconds = time.perf_counter() - began
    print(
        f"\nKill trials: {trials} SIGKILLs at random moments ({seconds:.0f} s); "
        f"{recorded:,} events confirmed, every one restored in order after every kill; "
        f"{torn} kills tore the last journal line (dropped, reported); "
        f"{mid_write} kills landed inside an atomic rewrite (old file kept)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0,200,2000", help="archive sizes in sessions")
    parser.add_argument("--samples", type=int, default=1000, help="events recorded per case")
    parser.add_argument(
        "--baseline-inserts",
        type=int,
        default=5,
        help="single-file inserts at 1,000+ sessions (4× that below)",
    )
    parser.add_argument("--kill-trials", type=int, default=0)
    parser.add_argument("--no-latency", action="store_true", help="only the kill trials")
    parser.add_argument(
        "--open", type=Path, metavar="ARCHIVE", help="only time opening this existing archive"
    )
    parser.add_argument("--open-repeat", type=int, default=15)
    args = parser.parse_args()
    if args.open is not None:
        run_opening(args.open, args.open_repeat)
        return
    workdir = Path(tempfile.mkdtemp(prefix="observe-bench-", dir=args_dir()))
    try:
        if not args.no_latency:
            run_latency(args, workdir)
        if args.kill_trials:
            run_kill_trials(args.kill_trials, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def args_dir() -> str | None:
    """Where to measure: $OBSERVE_BENCH_DIR, else the system temporary directory."""
    return os.environ.get("OBSERVE_BENCH_DIR")


if __name__ == "__main__":
    main()
