"""What an import costs as it grows, and how fast a file that cannot be imported is refused
(issue #11).

Run by hand: ``.venv/bin/python bench/imports.py``. Each case runs ``observe`` as a user
would, in a fresh process, into a fresh archive:

- ``session import`` of a CSV of 1, 10,000 and 100,000 rows (the largest a session may hold),
  and ``import-bundle`` of one session of 1, 10,000 and 100,000 events, each checked field by
  field against the model of a session (``observe.validity``);
- ``import-bundle`` of the same session again from another file: exported again (only its
  ``exported_at`` differs) and laid out anew (every byte moved, the session's JSON the same),
  as a ratio of the first import's time beyond start-up;
- the refusal of ``/dev/zero`` and of a file one byte over its limit, against ``observe
  --version`` (start-up alone) as the baseline.

Figures: the best wall time of ``ROUNDS`` runs, sizes interleaved (a busy moment on the
machine hits every size alike), and the process's peak resident memory. The per-row figures
subtract the 1-row case (start-up, imports, opening the archive), so what remains is the
cost of the rows. Target: linear in the rows — the per-row time and memory at 100,000 rows
within 1.5× of those at 10,000 (a quadratic step would give 10×).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from observe.interchange.bundle import bundle_text
from observe.model import Event, Session, new_id
from observe.scheme import find_scheme
from observe.validity.limits import MAX_BUNDLE_BYTES, MAX_CSV_BYTES

SIZES = (1, 10_000, 100_000)
ROUNDS = 3
CODES = ("hungry", "feed", "tired", "settle", "calm", "serve_return")
#: Measures one command in a child and prints its wall time and peak memory (KB).
_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "started = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], capture_output=True).returncode\n"
    "elapsed = time.perf_counter() - started\n"
    "print(code, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def _observe(*args: str) -> list[str]:
    return [sys.executable, "-m", "observe.cli", *args]


def _measure(command: list[str]) -> tuple[int, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def _csv(folder: Path, rows: int) -> Path:
    path = folder / f"events-{rows}.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("time,code,intensity,note\n")
        for i in range(rows):
            handle.write(f"{(i + 1) * 0.5:.3f},{CODES[i % len(CODES)]},{i % 3 + 1},\n")
    return path


def _bundle(folder: Path, events: int) -> Path:
    scheme = find_scheme("infant-cues", folder)
    session = Session(
        id=new_id(),
        dyad="D001",
        observer="O1",
        started_at="2026-03-02T10:00:00+00:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        duration=(events + 1) * 0.5,
        status="ended",
        events=[
            Event(id=new_id(), code=CODES[i % len(CODES)], t=(i + 1) * 0.5) for i in range(events)
        ],
    )
    path = folder / f"bundle-{events}.json"
    path.write_text(bundle_text([session]), encoding="utf-8")
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _table(title: str, results: dict[int, tuple[float, int]]) -> None:
    print(f"\n{title}")
    print("| rows | best time (s) | peak memory (MB) | rows/s beyond start-up | KB per row |")
    print("|---:|---:|---:|---:|---:|")
    base_time, base_memory = results[1]
    per_row: dict[int, tuple[float, float]] = {}
    for size, (elapsed, memory) in results.items():
        if size == 1:
            print(f"| 1 | {elapsed:.2f} | {memory / 1024:.0f} | (start-up) | |")
            continue
        rate = size / max(elapsed - base_time, 1e-9)
        kb = (memory - base_memory) / size
        per_row[size] = (1 / rate, kb)
        print(f"| {size:,} | {elapsed:.2f} | {memory / 1024:.0f} | {rate:,.0f} | {kb:.2f} |")
    small, large = per_row[SIZES[1]], per_row[SIZES[2]]
    print(
        f"per-row time 100k ÷ 10k: {large[0] / small[0]:.2f}; "
        f"per-row memory 100k ÷ 10k: {large[1] / small[1]:.2f} (target ≤ 1.5 each)"
    )


def _exported_again(bundle: Path) -> tuple[Path, Path]:
    """The session of ``bundle`` in two other files: exported again (only ``exported_at``
    differs) and laid out anew (indented otherwise: every byte of the file moves, the
    session's JSON is the same)."""
    text = bundle.read_text(encoding="utf-8")
    again = bundle.with_name(f"{bundle.stem}-again.json")
    again.write_text(text.replace('"exported_at": "', '"exported_at": "1', 1), encoding="utf-8")
    laid_out = bundle.with_name(f"{bundle.stem}-laid-out.json")
    laid_out.write_text(json.dumps(json.loads(text), indent=2, sort_keys=True), encoding="utf-8")
    return again, laid_out


def _again_table(folder: Path, bundles: dict[int, Path]) -> None:
    """Each bundle imported, then the same session from another file, into that archive:
    best of ``ROUNDS``; ratios of the time beyond start-up (the 1-event import's)."""
    best: dict[tuple[int, str], float] = {}
    for round_number in range(ROUNDS):
        for size in SIZES:
            archive = folder / f"again-{round_number}-{size}"
            again, laid_out = _exported_again(bundles[size])
            for what, file in (("first", bundles[size]), ("again", again), ("laid", laid_out)):
                code, elapsed, _ = _measure(
                    _observe("--data-dir", str(archive), "import-bundle", str(file))
                )
                assert code == 0, f"import of {file} failed"
                best[size, what] = min(best.get((size, what), float("inf")), elapsed)
    start = min(best[1, what] for what in ("first", "again", "laid"))
    print("\nobserve import-bundle of a session already imported, from another file")
    print(
        "| events | first import (s) | exported again (s) | ÷ first beyond start-up "
        "| laid out anew (s) | ÷ first beyond start-up |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size in SIZES:
        first, again, laid = (best[size, what] for what in ("first", "again", "laid"))
        if size == 1:
            print(f"| 1 | {first:.2f} | {again:.2f} | (start-up) | {laid:.2f} | (start-up) |")
            continue
        beyond = max(first - start, 1e-9)
        print(
            f"| {size:,} | {first:.2f} | {again:.2f} | {max(again - start, 0) / beyond:.2f} "
            f"| {laid:.2f} | {max(laid - start, 0) / beyond:.2f} |"
        )
    print("target: ≤ 0.10 beyond start-up at 10,000 and 100,000 events")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csvs = {size: _csv(folder, size) for size in SIZES}
        bundles = {size: _bundle(folder, size) for size in SIZES}
        imported: dict[int, tuple[float, int]] = {}
        merged: dict[int, tuple[float, int]] = {}
        for round_number in range(ROUNDS):
            for size in SIZES:
                archive = folder / f"archive-{round_number}-{size}"
                code, elapsed, memory = _measure(
                    _observe("--data-dir", str(archive), "session", "import", str(csvs[size]),
                             "--scheme", "infant-cues", "--dyad", "D001", "--observer", "O1")
                )  # fmt: skip
                assert code == 0, f"import of {size} rows failed"
                best = imported.get(size, (float("inf"), 0))
                imported[size] = (min(best[0], elapsed), min(best[1] or memory, memory))
                code, elapsed, memory = _measure(
                    _observe("--data-dir", str(archive) + "-b", "import-bundle", str(bundles[size]))
                )
                assert code == 0, f"bundle of {size} events failed"
                best = merged.get(size, (float("inf"), 0))
                merged[size] = (min(best[0], elapsed), min(best[1] or memory, memory))
        _table("observe session import (CSV)", imported)
        _table("observe import-bundle (one session)", merged)
        _again_table(folder, bundles)
        refusals = {
            "observe --version (baseline)": _observe("--version"),
            "session import /dev/zero": _observe("--data-dir", str(folder / "r"), "session",
                "import", "/dev/zero", "--scheme", "infant-cues", "--dyad", "D1",
                "--observer", "O"),
            "import-bundle /dev/zero": _observe("--data-dir", str(folder / "r"),
                "import-bundle", "/dev/zero"),
            "scheme validate /dev/zero": _observe("scheme", "validate", "/dev/zero"),
            "session import, CSV 1 byte over 64 MB": _observe("--data-dir", str(folder / "r"),
                "session", "import", str(_sparse(folder / "big.csv", MAX_CSV_BYTES + 1)),
                "--scheme", "infant-cues", "--dyad", "D1", "--observer", "O"),
            "import-bundle, bundle 1 byte over 128 MB": _observe("--data-dir",
                str(folder / "r"), "import-bundle",
                str(_sparse(folder / "big.json", MAX_BUNDLE_BYTES + 1))),
        }  # fmt: skip
        print("\n| refused | best time (s) | ÷ start-up alone |")
        print("|---|---:|---:|")
        baseline = 0.0
        for what, command in refusals.items():
            best = min(_measure(command)[1] for _ in range(5))
            baseline = baseline or best
            print(f"| {what} | {best:.2f} | {best / baseline:.2f} |")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
