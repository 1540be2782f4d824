"""Work that must grow no faster than the data: each case a ratio measured in one run.

Run by hand: ``.venv/bin/python bench/scale.py`` (every case, a few minutes), or pick cases
with ``--case NAME`` (repeatable); ``--list`` names them.

Cases:

- ``import-bundle``: ``observe import-bundle`` of a bundle of 100, 250 and 500 new sessions
  into an empty archive and into an archive of 2,000 sessions (a year of a programme), then
  the same bundle again, the same sessions exported again and the same sessions in another
  order (other files; each adds nothing). Targets: the cost per session flat from 100 to
  500 sessions (linear in sessions), the same bundle costing the same into 2,000 sessions as
  into none (flat in the size of the target archive), and either re-import at most 10 % of
  the first import. Each import runs in this process through the command itself
  (``observe.cli.main``), on a fresh copy of the target archive, the page cache flushed
  before the clock starts; the median of ``--repeat`` runs. Counted alongside: fsyncs,
  JSON encodes and bytes written by the import.
- ``session-report``: the session report of visits of about 2,500, 5,000 and 10,000
  events; the cost per event flat (``bench/scale_reports.py``).
- ``start-up``: ``observe --help`` and ``observe session list`` in new processes against a
  bare click app's ``--help``; ``--help`` within 1.5× (``bench/scale_reports.py``).

A case is one function registered with ``@case(name, summary)`` (``bench/scale_kit.py``:
the shared :class:`Workbench`, timing and tables): it gets the parsed options and the
workbench (scheme, temporary folder, archives built once per run) and returns the tables
to print. Add one the same way, here or in a module imported below.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from attrs import define

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scale_kit import CASES, Table, Took, Workbench, case, ms, ratio, typical, user_time  # noqa: E402

from observe.cli import main as observe_main  # noqa: E402
from observe.interchange.bundle import bundle_text  # noqa: E402
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme  # noqa: E402

# -- counting what a command does ------------------------------------------------------------


@define
class Counts:
    fsyncs: int = 0
    encodes: int = 0
    written: int = 0


@contextlib.contextmanager
def counting() -> Iterator[Counts]:
    """Count fsyncs, ``json.dumps`` calls and bytes written while the block runs."""
    counts = Counts()
    real_fsync, real_dumps, real_write = os.fsync, json.dumps, os.write

    def fsync(fd: int) -> None:
        counts.fsyncs += 1
        real_fsync(fd)

    def dumps(*args: object, **kwargs: object) -> str:
        counts.encodes += 1
        return real_dumps(*args, **kwargs)  # type: ignore[arg-type]

    def write(fd: int, data: bytes | memoryview) -> int:
        written = real_write(fd, data)
        counts.written += written
        return written

    os.fsync, json.dumps, os.write = fsync, dumps, write  # type: ignore[assignment]
    try:
        yield counts
    finally:
        os.fsync, json.dumps, os.write = real_fsync, real_dumps, real_write


def run_observe(*args: str) -> Took:
    """Run ``observe ARGS`` in this process. Its output is discarded; a failure stops the
    benchmark with the command's own message."""
    output, errors = io.StringIO(), io.StringIO()
    failed = f"observe {' '.join(args)} failed"
    began, began_cpu = time.perf_counter(), user_time()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(errors):
        try:
            observe_main(list(args), standalone_mode=False)
        except SystemExit as stop:
            if stop.code:
                raise RuntimeError(f"{failed}: {errors.getvalue()}") from None
    took = Took(time.perf_counter() - began, user_time() - began_cpu)
    if "error:" in errors.getvalue():
        raise RuntimeError(f"{failed}: {errors.getvalue()}")
    return took


# -- the cases -------------------------------------------------------------------------------


@define
class Imported:
    first: Took
    again: Took
    reexported: Took
    reordered: Took
    first_counts: Counts
    again_counts: Counts
    reexported_counts: Counts
    reordered_counts: Counts


def exported_again(bundle: Path) -> tuple[Path, Path]:
    """Two other files holding the same sessions: as ``observe export`` run again later
    writes it (only its ``exported_at`` differs, so its sha256 does too), and the same
    sessions in the other order (every session's JSON as before, the file's not)."""
    text = bundle.read_text(encoding="utf-8")
    again = bundle.with_name(f"{bundle.stem}-again.json")
    again.write_text(text.replace('"exported_at": "', '"exported_at": "1', 1), encoding="utf-8")
    data = json.loads(text)
    data["sessions"].reverse()
    reordered = bundle.with_name(f"{bundle.stem}-reordered.json")
    reordered.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    return again, reordered


def import_twice(bench: Workbench, bundle: Path, target_size: int, repeat: int) -> Imported:
    """Median first import, then into the same archive: the same file again, the same
    sessions exported again, and the same sessions in another order, from ``bundle``,
    into copies of an archive."""
    again, reordered = exported_again(bundle)
    runs: list[list[Took]] = [[], [], [], []]
    counts: list[Counts] = []
    for _ in range(repeat):
        archive = bench.fresh_copy(target_size, "target")
        for took, file in zip(runs, (bundle, bundle, again, reordered)):
            with counting() as counted:
                took.append(run_observe("--data-dir", str(archive), "import-bundle", str(file)))
            counts.append(counted)
            os.sync()
    return Imported(*(typical(took) for took in runs), *counts[:4])


@case("import-bundle", "bundles of 100/250/500 sessions into 0 and 2,000 sessions, twice")
def import_bundle_case(options: argparse.Namespace, bench: Workbench) -> list[Table]:
    sizes = [int(size) for size in options.bundle_sizes.split(",")]
    big = options.target_sessions
    results: dict[tuple[int, int], Imported] = {}
    warm_up = bench.scratch / "warm-up.json"
    warm_up.write_text(bundle_text(bench.sessions(2, first=2 * 10**6)), encoding="utf-8")
    import_twice(bench, warm_up, 0, 1)  # every module the command loads, loaded once
    for size in sizes:
        bundle = bench.scratch / f"bundle-{size}.json"
        # Numbered after every session of the target archive: all of them are new there.
        bundle.write_text(bundle_text(bench.sessions(size, first=10**6)), encoding="utf-8")
        for target in (0, big):
            results[size, target] = import_twice(bench, bundle, target, options.repeat)
            print(f"  import-bundle {size} into {target}: done", file=sys.stderr)
    rows = []
    smallest = sizes[0]
    for size in sizes:
        for target in (0, big):
            got = results[size, target]
            base = results[smallest, target].first
            rows.append(
                (
                    f"{size} into {target:,}",
                    ms(got.first),
                    ratio(got.first, base, smallest / size),
                    ratio(got.first, results[size, 0].first),
                    f"{got.first_counts.fsyncs:,} / {got.first_counts.encodes:,}",
                    f"{got.first_counts.written / 1e6:,.1f}",
                    ms(got.again),
                    ratio(got.again, got.first),
                    f"{got.again_counts.fsyncs:,} / {got.again_counts.encodes:,}",
                    f"{got.again_counts.written / 1e6:,.2f}",
                    ms(got.reexported),
                    ratio(got.reexported, got.first),
                    ms(got.reordered),
                    ratio(got.reordered, got.first),
                    f"{got.reordered_counts.fsyncs:,} / {got.reordered_counts.encodes:,}",
                )
            )
    header = (
        "bundle into archive",
        "import ms (CPU)",
        f"per session ÷ at {smallest}",
        "÷ into empty",
        "fsyncs / encodes",
        "MB written",
        "re-import ms (CPU)",
        "re-import ÷ import",
        "re-import fsyncs / encodes",
        "re-import MB written",
        "exported again ms (CPU)",
        "exported again ÷ import",
        "another order ms (CPU)",
        "another order ÷ import",
        "another order fsyncs / encodes",
    )
    notes = [
        f"{options.repeat} runs each: the median on the clock, and in brackets the least "
        "user processor time (the clock also counts waits for a disk other programs "
        "share); ratios of both. "
        f"Targets: per session ÷ at {smallest} ≈ 1 "
        f"(linear in sessions); ÷ into empty ≈ 1 (flat in the size of the target archive); "
        "re-import ÷ import ≤ 0.10: the same file, the same sessions exported again (another "
        "file: exported_at differs), the same sessions in another order (another file, each "
        "session's JSON the same)."
    ]
    return [Table("import-bundle", header, rows, notes)]


import scale_reports  # noqa: E402, F401  (its cases register after the one above)

# -- running ---------------------------------------------------------------------------------


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="repeatable")
    parser.add_argument("--list", action="store_true", help="name the cases and stop")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--bundle-sizes", default="100,250,500", help="sessions per bundle")
    parser.add_argument("--target-sessions", type=int, default=2000, help="the large archive")
    parser.add_argument("--events", default="2500,5000,10000", help="events per visit reported")
    parser.add_argument("--startup-repeat", type=int, default=40, help="runs per start-up")
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    options = parse_arguments(argv)
    if options.list:
        for name, (_, summary) in CASES.items():
            print(f"{name:16} {summary}")
        return
    scratch = Path(tempfile.mkdtemp(prefix="observe-scale-"))
    try:
        bench = Workbench(find_scheme(DEFAULT_SCHEME_ID, scratch / "data"), scratch)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{os.cpu_count()} CPUs, load average {load:.1f} at the start\n")
        for name in options.case or list(CASES):
            function, _ = CASES[name]
            for table in function(options, bench):
                print(table.markdown())
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
