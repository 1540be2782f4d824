"""Live coding through a real terminal: observe started as a user starts it, in a pty.

    .venv/bin/python bench/tui_pty.py [--keys 300] [--archive DIR] [--demo-archive DIR]
        [--cases keys,keys-report,startup,enter] [--repeat 5] [--size 100x30] [--seed 1]
        [--scheme infant-cues] [--latencies FILE]

Needs the ``bench`` extra (``pip install -e '.[bench]'``: pyte). Drives the app only
through the pty (key bytes in, screen out) and reads only the journal files; nothing of
observe is imported. Archives are generated when missing: ``--archive`` (default
``/tmp/observe-bench-2000``) by ``observe demo --families 500`` (about 2,000 sessions),
``--demo-archive`` (default ``/tmp/observe-bench-demo``) by ``observe demo`` (21
sessions). Every launch of observe works on a fresh copy, so each starts alike (no
session to resume) and the archives stay as generated.

Cases (``--cases``, comma-separated):

- ``keys`` — key press → journal line. observe: start a new session through the form
  (``n``, dyad, ``Tab``, observer, ``Enter``), then press ``--keys`` code keys of the
  ``--scheme`` (default ``infant-cues``; another shipped scheme is chosen in the form's
  list by typing its name), one every 100–200 ms (uniform jitter, seeded), without waiting
  for the screen; each key's time is taken just before its byte is written to the pty,
  its line's when the watcher (``bench/journal_watch.py``, inotify) reads it complete in
  the session's journal. Baseline: ``bench/bare_apps.py keys``, a bare Textual app that
  appends and fsyncs a line of the same shape per key, driven by the same key sequence
  through a pty of the same size, in the same run. ``keys-report``: the same while
  ``observe report ID`` runs in a loop in another process (the archive's session with
  the most events).
- ``startup`` — spawn → home screen interactive: from just before the process is
  started until the screen shows the session table and the table has answered ``↓``
  (its cursor is drawn on the second row; ``↓`` is first sent as soon as the table is
  on screen and again every 20 ms until it moves). Baseline: ``bench/bare_apps.py
  table``, one DataTable of the same sessions read from ``index.json``.
- ``enter`` — ``Enter`` on the filled-in new-session form → the coding screen drawn
  (the first frame showing the clock's ``LIVE``, the keys, open cues and recent
  events), on the 2,000-session archive and on the 21-session demo archive.

Frames are timed by their arrival (``bench/pty_terminal.py``): the terminal answers
Textual's synchronized-output query, so a frame's end is a marker in the byte stream.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journal_watch import JournalWatch
from pty_report import Comparison, Row, key_summary, print_tables, spread
from pty_terminal import Terminal, Timeout

ROOT = Path(__file__).resolve().parent.parent
BARE_APPS = Path(__file__).resolve().parent / "bare_apps.py"
SCHEMES = ROOT / "coding_schemes"
DEFAULT_SCHEME = "infant-cues"
DOWN_EVERY = 0.02


class Bench:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        columns, lines = options.size.lower().split("x")
        self.size = (int(columns), int(lines))
        self.observe = str(options.observe)
        self.work = Path(tempfile.mkdtemp(prefix="observe-pty-bench-"))
        self.launches = 0

    # -- archives --------------------------------------------------------------------------

    def ensure(self, archive: Path, *demo_args: str) -> None:
        if (archive / "index.json").exists():
            return
        print(f"generating {archive}: observe demo {' '.join(demo_args)}".rstrip(), flush=True)
        started = time.perf_counter()
        subprocess.run(
            [self.observe, "--data-dir", str(archive), "demo", *demo_args],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  took {time.perf_counter() - started:.1f} s", flush=True)

    def fresh_copy(self, archive: Path) -> Path:
        self.launches += 1
        copy = self.work / f"archive-{self.launches}"
        shutil.copytree(archive, copy)
        os.sync()  # the copy's writes must not be flushed during the measurement
        time.sleep(0.5)
        return copy

    def discard(self, copy: Path) -> None:
        shutil.rmtree(copy, ignore_errors=True)

    # -- observe through the pty -----------------------------------------------------------

    def spawn_observe(self, archive: Path) -> tuple[Terminal, float]:
        return Terminal.spawn([self.observe, "--data-dir", str(archive)], self.size)

    def spawn_bare(self, *args: str) -> tuple[Terminal, float]:
        return Terminal.spawn([sys.executable, str(BARE_APPS), *args], self.size)

    def home_interactive(self, terminal: Terminal, spawned: float) -> tuple[float, float, int]:
        """(spawn → table on screen, spawn → table answered ↓, ↓ presses needed)."""
        shown = terminal.wait_for(lambda t: cursor_row(t) is not None, 60) - spawned
        first = cursor_row(terminal)
        presses = 0
        deadline = time.perf_counter() + 30
        while time.perf_counter() < deadline:
            terminal.send("down")
            presses += 1
            until = time.perf_counter() + DOWN_EVERY
            while (remaining := until - time.perf_counter()) > 0:
                frame_at, _ = terminal.pump(remaining)
                if frame_at is not None and cursor_row(terminal) not in (None, first):
                    return shown, frame_at - spawned, presses
        raise Timeout("the table never answered ↓:\n" + terminal.text())

    def start_session(self, terminal: Terminal) -> float:
        """From the home screen, fill in the new-session form; returns Enter → coding."""
        terminal.send("n")
        terminal.wait_for(lambda t: t.contains("New session", "Observer", "Start"))
        terminal.type("BENCH-01")
        terminal.wait_for(lambda t: t.contains("BENCH-01"))
        terminal.send("tab")
        terminal.type("BX")
        terminal.wait_for(lambda t: t.contains("BX"))
        if self.options.scheme != DEFAULT_SCHEME:
            name = scheme_name(self.options.scheme)
            for _ in range(3):  # visit, context, the scheme's list
                terminal.send("tab")
            terminal.send("enter")  # the list opens; typing a name moves to it
            terminal.wait_for(lambda t: t.contains("Face-to-face play", "Responsive feeding"))
            terminal.type(name[:12])
            terminal.send("enter")
            terminal.wait_for(lambda t: t.contains(f"({self.options.scheme})"))
            terminal.send("tab")  # Start
            time.sleep(0.3)
        pressed = terminal.send("enter")
        drawn = terminal.wait_for(
            lambda t: t.contains("LIVE", "BENCH-01", "Keys", "Open cues", "Recent events"), 60
        )
        return drawn - pressed

    # -- the cases -------------------------------------------------------------------------

    def startup_case(self, archive: Path) -> list[Comparison]:
        times: dict[str, list[float | None]] = {key: [] for key in ("o", "o-shown", "b", "b-shown")}
        presses = []
        for _ in range(self.options.repeat):
            copy = self.fresh_copy(archive)
            terminal, spawned = self.spawn_observe(copy)
            with terminal:
                shown, ready, pressed = self.home_interactive(terminal, spawned)
            self.discard(copy)
            times["o"].append(ready)
            times["o-shown"].append(shown)
            presses.append(pressed)
            terminal, spawned = self.spawn_bare("table", str(archive))
            with terminal:
                shown, ready, pressed = self.home_interactive(terminal, spawned)
            times["b"].append(ready)
            times["b-shown"].append(shown)
            presses.append(pressed)
        load = os.getloadavg()[0]
        print(f"  start-up: ↓ presses until the table answered: {presses}; load {load:.2f}")
        count = f"{sessions(archive):,}"
        return [
            Comparison(
                "start-up ÷ bare DataTable app",
                Row(f"spawn → home screen answers ↓, observe, {count} sessions", times["o"]),
                Row(f"spawn → table answers ↓, bare DataTable app, {count} rows", times["b"]),
                1.5,
            ),
            Comparison(
                "table on screen (not yet answering), observe ÷ bare",
                Row("spawn → table on screen, observe", times["o-shown"]),
                Row("spawn → table on screen, bare DataTable app", times["b-shown"]),
                None,
            ),
        ]

    def enter_case(self, archive: Path, demo: Path) -> list[Comparison]:
        times: dict[str, list[float | None]] = {"big": [], "demo": []}
        for _ in range(self.options.repeat):
            for name, source in (("big", archive), ("demo", demo)):
                copy = self.fresh_copy(source)
                terminal, spawned = self.spawn_observe(copy)
                with terminal:
                    self.home_interactive(terminal, spawned)
                    times[name].append(self.start_session(terminal))
                self.discard(copy)
        return [
            Comparison(
                "Enter → coding, 2,000-session archive ÷ demo archive",
                Row(f"Enter → coding screen, {sessions(archive):,} sessions", times["big"]),
                Row(f"Enter → coding screen, {sessions(demo):,} sessions (demo)", times["demo"]),
                1.2,
            )
        ]

    def keys_case(self, archive: Path, app: str, report: bool) -> list[float | None]:
        plan = key_plan(self.options.keys, self.options.seed, self.options.scheme)
        copy = self.fresh_copy(archive)
        loop = self.report_loop(copy) if report else None
        try:
            if app == "observe":
                terminal, spawned = self.spawn_observe(copy)
                with terminal:
                    self.home_interactive(terminal, spawned)
                    watch = JournalWatch(copy / "sessions")
                    self.start_session(terminal)
                    sent, latencies = press_keys(terminal, watch, plan, [c for _, c in plan])
            else:
                folder = self.work / f"bare-journal-{self.launches}"
                folder.mkdir()
                watch = JournalWatch(folder)
                terminal, _ = self.spawn_bare("keys", str(folder))
                with terminal:
                    terminal.wait_for(lambda t: t.contains("bare key app ready"))
                    sent, latencies = press_keys(
                        terminal, watch, plan, [f"code-{k}" for k, _ in plan]
                    )
            watch.close()
        finally:
            if loop is not None:
                stop(loop)
            self.discard(copy)
        self.keep_latencies(app, report, sent, latencies)
        return latencies

    def keep_latencies(
        self, app: str, report: bool, sent: list[float], latencies: list[float | None]
    ) -> None:
        """Append one run's keys to ``--latencies`` (a JSON line: each key's press time on
        the monotonic clock and its latency), to set slow keys beside other timings."""
        if self.options.latencies is None:
            return
        run = {"app": app, "report": report, "sent": sent, "latencies": latencies}
        with self.options.latencies.open("a", encoding="utf-8") as out:
            out.write(json.dumps(run) + "\n")

    def report_loop(self, archive: Path) -> subprocess.Popen[bytes]:
        """``observe report ID`` over and over in another process (its own group)."""
        session_id = largest_session(archive)
        out = self.work / "report.pdf"
        command = (
            f"while :; do '{self.observe}' --data-dir '{archive}' report {session_id} "
            f"-o '{out}' >/dev/null 2>&1 || sleep 0.2; done"
        )
        process = subprocess.Popen(["bash", "-c", command], start_new_session=True)
        time.sleep(1.0)  # the first report is under way before the first key
        return process


def scheme_name(scheme_id: str) -> str:
    text = (SCHEMES / f"{scheme_id}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["scheme"]["name"]


def key_plan(count: int, seed: int, scheme_id: str = DEFAULT_SCHEME) -> list[tuple[str, str]]:
    """(key, code) for ``count`` presses of the scheme's point codes, seeded."""
    scheme = tomllib.loads((SCHEMES / f"{scheme_id}.toml").read_text(encoding="utf-8"))
    codes = [
        (code["key"], code["id"])
        for code in [*scheme["cues"], *scheme["responses"]]
        if code.get("kind", "point") == "point"
    ]
    rng = random.Random(seed)
    return [rng.choice(codes) for _ in range(count)]


def press_keys(
    terminal: Terminal, watch: JournalWatch, plan: list[tuple[str, str]], expected: list[str]
) -> tuple[list[float], list[float | None]]:
    """Press the keys on schedule (100–200 ms apart, not waiting for the app); returns
    each key's press time and its latency to its journal line (None: no line, or not that
    key's code)."""
    rng = random.Random(len(plan))
    terminal.parse = False  # only drain the screen output while keys are timed
    watch.ready()
    header = len(watch.lines)
    sent: list[float] = []
    next_at = time.perf_counter() + 0.5
    deadline = float("inf")
    while True:
        now = time.perf_counter()
        done = len(watch.lines) - header >= len(plan)
        if done or now > deadline:
            break
        if len(sent) < len(plan) and now >= next_at:
            sent.append(terminal.send(plan[len(sent)][0]))
            next_at = sent[-1] + rng.uniform(0.1, 0.2)
            if len(sent) == len(plan):
                deadline = now + 15.0
            continue
        wait = (next_at if len(sent) < len(plan) else deadline) - now
        _, ready = terminal.pump(min(wait, 1.0), also=[watch.fd])
        if ready:
            watch.ready()
    lines = watch.lines[header:]
    latencies: list[float | None] = []
    for number, pressed in enumerate(sent):
        if number >= len(lines):
            latencies.append(None)
            continue
        arrived, line = lines[number]
        code = json.loads(line.split(b" ", 1)[1]).get("event", {}).get("code")
        latencies.append(arrived - pressed if code == expected[number] else None)
    return sent, latencies


def cursor_row(terminal: Terminal) -> int | None:
    """Which row of the session table the cursor is drawn on (the one data row in a
    colour of its own), or None while no table is on screen."""
    display = terminal.screen.display
    header = next(
        (y for y, line in enumerate(display) if "Dyad" in line and "Started" in line), None
    )
    if header is None:
        return None
    rows = [y for y in range(header + 1, len(display)) if display[y].lstrip().startswith("DEMO")]
    if len(rows) < 3:
        return None
    colours = [terminal.row_background(y) for y in rows]
    unique = [n for n, colour in enumerate(colours) if colours.count(colour) == 1]
    return unique[0] if len(unique) == 1 else None


def largest_session(archive: Path) -> str:
    documents = json.loads((archive / "index.json").read_text(encoding="utf-8"))["sessions"]
    return max(documents.values(), key=lambda d: (d.get("events", 0), d["id"]))["id"]


def sessions(archive: Path) -> int:
    return len(json.loads((archive / "index.json").read_text(encoding="utf-8"))["sessions"])


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, 15)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--archive", type=Path, default=Path("/tmp/observe-bench-2000"))
    parser.add_argument("--demo-archive", type=Path, default=Path("/tmp/observe-bench-demo"))
    parser.add_argument(
        "--cases", default="keys,keys-report,startup,enter", help="comma-separated, any of these"
    )
    parser.add_argument("--repeat", type=int, default=5, help="start-up and Enter runs")
    parser.add_argument("--size", default="100x30", help="terminal COLUMNSxLINES")
    parser.add_argument("--seed", type=int, default=1, help="the key sequence")
    parser.add_argument("--scheme", default=DEFAULT_SCHEME, help="a shipped scheme's id")
    parser.add_argument(
        "--latencies", type=Path, help="append each key run's times to this file (JSON lines)"
    )
    parser.add_argument("--observe", type=Path, default=Path(sys.executable).parent / "observe")
    options = parser.parse_args()
    cases = {case.strip() for case in options.cases.split(",") if case.strip()}
    bench = Bench(options)
    bench.ensure(options.archive, "--families", "500")
    if "enter" in cases:
        bench.ensure(options.demo_archive)
    load_before = os.getloadavg()
    print(
        f"{sessions(options.archive):,} sessions in {options.archive}; terminal {options.size}; "
        f"{os.cpu_count()} CPUs; load {load_before[0]:.2f} {load_before[1]:.2f}",
        flush=True,
    )
    key_rows: list[Row] = []
    comparisons: list[Comparison] = []
    try:
        for report in [case == "keys-report" for case in ("keys", "keys-report") if case in cases]:
            for app in ("observe", "bare"):
                latencies = bench.keys_case(options.archive, app, report)
                row = key_summary(app, report, latencies)
                load = os.getloadavg()[0]
                print(f"  {row.name}: {spread(row)}; load {load:.2f}", flush=True)
                key_rows.append(row)
        if "startup" in cases:
            comparisons += bench.startup_case(options.archive)
        if "enter" in cases:
            comparisons += bench.enter_case(options.archive, options.demo_archive)
    finally:
        shutil.rmtree(bench.work, ignore_errors=True)
    load_after = os.getloadavg()
    print_tables(key_rows, comparisons)
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
