"""The terminal UI's two speed targets: key press to durable event, and start-up.

    .venv/bin/python bench/tui.py [--sessions 2000] [--repeat 5] [--keys 400] [--skip-keys]
                                  [--archive /tmp/tui-bench-archive]

1. Key press → durable event on the live coding screen, quiet, while a fold runs and while
   a PDF report is written (``bench/tui_keys.py``, which also runs on its own). Target: p99
   under 5 ms with the background work.
2. Start-up: the time from ``App.run_test`` starting to a home table holding every row, for
   (a) observe on an archive of N sessions (opening the archive, reading the index,
   formatting the rows) and (b) a bare Textual app showing one DataTable of the same rows,
   already formatted in memory, measured in the same run the same way. Target: ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tui_keys

from observe.interchange.simulate import simulate_session
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
from observe.tui.app import make_app
from observe.tui.widgets.session_table import COLUMNS, SessionTable, summary_cells
from observe.workspace import open_archive

SIZE = (100, 30)


def build_archive(path: Path, count: int) -> None:
    scheme = find_scheme(DEFAULT_SCHEME_ID, path)
    start = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
    with open_archive(path) as archive:
        for number in range(count):
            archive.add(
                simulate_session(
                    scheme,
                    seed=number,
                    dyad=f"D{number % 150:03d}",
                    visit=str(number // 150 + 1),
                    started_at=(start + timedelta(hours=7 * number)).isoformat(),
                    duration=240.0,
                    skill=(number % 10) / 10,
                )
            )


class BareTable(App[None]):
    def __init__(self, rows: list[list[object]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for number, row in enumerate(self.rows):
            table.add_row(*row, key=str(number))
        table.focus()


async def time_until_rows(app: App[None], expected: int, table_type: type[DataTable]) -> float:
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while True:
            tables = app.screen.query(table_type)
            if tables and tables.first().row_count >= expected:
                break
            await asyncio.sleep(0)
        elapsed = time.perf_counter() - started
        await pilot.press("ctrl+q")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-keys", action="store_true", help="only the start-up table")
    parser.add_argument(
        "--archive",
        type=Path,
        help="keep the start-up archive here (built once if missing) instead of a temporary one",
    )
    tui_keys.add_options(parser)
    args = parser.parse_args()

    if not args.skip_keys:
        tui_keys.run_and_print(args)
        print()

    with tempfile.TemporaryDirectory() as folder:
        archive_dir = args.archive or Path(folder) / "archive"
        built = time.perf_counter()
        if not (archive_dir / "index.json").exists():
            build_archive(archive_dir, args.sessions)
        built = time.perf_counter() - built
        with open_archive(archive_dir, readonly=True) as archive:
            rows = [summary_cells(s) for s in archive.list_sessions()]
        assert len(rows) == args.sessions

        observe_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(args.repeat):  # alternate, so drift hits both alike
            observe_times.append(
                asyncio.run(time_until_rows(make_app(archive_dir), args.sessions, SessionTable))
            )
            bare_times.append(
                asyncio.run(time_until_rows(BareTable(rows), args.sessions, DataTable))
            )

    observe_median = statistics.median(observe_times)
    bare_median = statistics.median(bare_times)
    print(
        f"Start-up: archive of {args.sessions} sessions built in {built:.1f} s; "
        f"{args.repeat} runs each, {SIZE[0]}×{SIZE[1]}.\n"
    )
    print("| start-up to a populated table | median (ms) | min (ms) | max (ms) |")
    print("|---|---:|---:|---:|")
    for name, times in (
        ("observe home screen", observe_times),
        ("bare Textual DataTable", bare_times),
    ):
        print(
            f"| {name} | {statistics.median(times) * 1000:.0f} | {min(times) * 1000:.0f} "
            f"| {max(times) * 1000:.0f} |"
        )
    ratio = observe_median / bare_median
    print(f"\n**ratio {ratio:.2f}** (target ≤ 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
