"""What the home screen's Pair column costs at start-up, in one process, A/B.

    .venv/bin/python bench/home_pairs.py ARCHIVE [--repeat 7]

ARCHIVE: e.g. one made by ``observe --data-dir DIR demo --families 500`` (1,967 sessions,
36 of them codings of double-coded visits). The home screen as it is (a Pair column while
a listed session is a coding of a double-coded visit) and with the column switched off
(``SessionTable.show`` as it was before the column), alternated run by run so that the
machine's load hits both alike: the time from ``App.run_test`` starting to the table holding
every row and drawn once. Reported: medians, and the ratio with the column ÷ without.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from observe.store import SessionSummary
from observe.tui.app import make_app
from observe.tui.widgets import session_table as st
from observe.workspace import open_archive

WITH_COLUMN = st.SessionTable.show


def show_without_pairs(self: st.SessionTable, summaries: Sequence[SessionSummary]) -> None:
    """The list as it was before the Pair column."""
    current = self.selected
    self.clear()
    self.summaries = {s.id: s for s in summaries}
    for summary in summaries:
        self.add_row(*st.summary_cells(summary), key=summary.id)
    if current is not None and current.id in self.summaries:
        self.move_cursor(row=self.get_row_index(current.id))


async def once(archive: Path, count: int) -> float:
    app = make_app(archive)
    started = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        while True:
            tables = app.screen.query(st.SessionTable)
            if tables and tables.first().row_count >= count:
                break
            await asyncio.sleep(0)
        await pilot.pause()
        elapsed = time.perf_counter() - started
        labels = [str(column.label) for column in tables.first().columns.values()]
        assert (st.PAIR_COLUMN in labels) == (st.SessionTable.show is WITH_COLUMN)
        await pilot.press("ctrl+q")
    return elapsed * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with open_archive(args.archive, readonly=True) as archive:
        listed = archive.list_sessions()
    paired = sum(1 for s in listed if s.coded_visit is not None)
    times: dict[str, list[float]] = {"without the column": [], "with the column": []}
    for _ in range(args.repeat):
        for name, show in (
            ("without the column", show_without_pairs),
            ("with the column", WITH_COLUMN),
        ):
            st.SessionTable.show = show  # type: ignore[method-assign]
            times[name].append(asyncio.run(once(args.archive, len(listed))))
    st.SessionTable.show = WITH_COLUMN  # type: ignore[method-assign]
    print(f"{len(listed)} sessions ({paired} in double-coded visits), {args.repeat} runs each\n")
    print("| home screen to a drawn table | median (ms) | min (ms) | max (ms) |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        print(
            f"| {name} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} |"
        )
    after, before = times["with the column"], times["without the column"]
    pairs = [a / b for a, b in zip(after, before, strict=True)]
    print(
        f"\nwith ÷ without: {statistics.median(after) / statistics.median(before):.2f} "
        f"(medians); run by run {statistics.median(pairs):.2f} "
        f"({min(pairs):.2f}–{max(pairs):.2f})"
    )


if __name__ == "__main__":
    main()
