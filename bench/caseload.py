"""The caseload on a year's archive, against listing the sessions (issue 16).

Run by hand: ``.venv/bin/python bench/caseload.py [--archive DIR] [--repeat 7]``. Without
``--archive`` it builds ``observe demo --families 500`` (about 2,000 sessions) in a
temporary folder first.

Cases, each a ratio against a baseline measured alternately in the same run:

- ``observe caseload`` and ``observe session list`` in new processes (what a supervisor
  waits for at the prompt): the caseload reads the same index, so the target is within
  2× the list;
- in this process, :func:`observe.caseload.build_caseload` against
  :meth:`Archive.list_sessions` (the work the caseload adds to reading the index: the
  families, the schedule, and each visitor's last check compared);
- the Caseload screen (headless ``App.run_test``): from pressing ``c`` to the families
  table filled, against opening the app to its home screen.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OBSERVE = str(Path(sys.executable).with_name("observe"))
TODAY = "2026-12-02"


def timed_command(archive: Path, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [OBSERVE, "--data-dir", str(archive), *args], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def processes(archive: Path, repeat: int) -> list[tuple[str, float]]:
    listing, caseload = [], []
    for _ in range(repeat):
        listing.append(timed_command(archive, "session", "list"))
        caseload.append(timed_command(archive, "caseload", "--today", TODAY))
    return [("observe session list", statistics.median(listing)),
            ("observe caseload", statistics.median(caseload))]  # fmt: skip


def in_process(archive: Path, repeat: int) -> list[tuple[str, float]]:
    from observe.caseload import build_caseload
    from observe.store.settings import read_settings
    from observe.workspace import open_archive

    listing, caseload = [], []
    with open_archive(archive, readonly=True) as opened:
        settings = read_settings(opened.path)
        for _ in range(repeat):
            started = time.perf_counter()
            opened.list_sessions()
            listing.append(time.perf_counter() - started)
            started = time.perf_counter()
            build_caseload(opened, settings, date.fromisoformat(TODAY))
            caseload.append(time.perf_counter() - started)
    return [("Archive.list_sessions", statistics.median(listing)),
            ("build_caseload", statistics.median(caseload))]  # fmt: skip


async def screen_once(archive: Path) -> tuple[float, float]:
    from textual.widgets import DataTable

    from observe.tui.app import make_app
    from observe.tui.screens.caseload import CaseloadScreen

    app = make_app(archive)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press("c")
        while not (
            isinstance(app.screen, CaseloadScreen)
            and app.screen.query_one("#caseload-families", DataTable).row_count
        ):
            await asyncio.sleep(0.005)
        return home, time.perf_counter() - started


def screen(archive: Path, repeat: int) -> list[tuple[str, float]]:
    runs = [asyncio.run(screen_once(archive)) for _ in range(repeat)]
    return [("app start to the home screen", statistics.median(r[0] for r in runs)),
            ("c to the caseload filled", statistics.median(r[1] for r in runs))]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = options.archive
        if archive is None:
            archive = Path(folder) / "archive"
            subprocess.run([OBSERVE, "--data-dir", str(archive), "demo", "--families", "500"],
                           check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        for title, measure in (("New processes", processes), ("In this process", in_process),
                               ("The Caseload screen", screen)):  # fmt: skip
            (base_name, base), (name, value) = measure(archive, options.repeat)
            print(f"{title}: {base_name} {base * 1000:.0f} ms; {name} {value * 1000:.0f} ms "
                  f"({value / base:.2f}×)")  # fmt: skip


if __name__ == "__main__":
    main()
