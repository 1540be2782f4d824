"""The cases of ``bench/scale.py`` for the session report and for start-up.

- ``session-report``: the PDF report of one long visit of about 2,500, 5,000 and 10,000
  events (``--events``; a busy visit of one, two and four hours, about 40 events a minute),
  written in the benchmark's process through :func:`observe.reports.write_session_report`.
  The sizes take turns, ``--repeat`` times, so a busy moment of the machine hits them
  alike. Target: the cost per event flat from the smallest size to the largest (linear in
  events: twice the events, about twice the time).
- ``start-up``: ``observe --help`` and ``observe session list`` (on an archive of the demo
  sessions), each in a new process, against the ``--help`` of a bare click app with the
  same options and commands in one file, run by the same interpreter with byte code cached
  (as an installed observe has it). The three take turns, ``--startup-repeat`` times.
  Target: ``observe --help`` within 1.5× of the bare app.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

from scale_kit import Table, Took, Workbench, case, ms, ratio, typical, user_time

from observe.interchange.simulate import simulate_session
from observe.model import Session

GENERATED = datetime(2026, 3, 2, 10, tzinfo=UTC)
#: Infant cues a minute in the long visits: with the caregiver's responses about 40 events
#: a minute, the rate of the four-hour, 9,500-event visit that showed the report's cost.
CUE_RATE = 25.0

# -- the session report ----------------------------------------------------------------------


def long_visit(bench: Workbench, events: int) -> Session:
    """A simulated visit of about ``events`` events at :data:`CUE_RATE` (its length follows
    from the events of an hour's visit)."""

    def visit(seconds: float) -> Session:
        return simulate_session(
            bench.scheme,
            seed=11,
            dyad="BENCH",
            visit="1",
            started_at="2026-01-05T09:00:00+00:00",
            duration=seconds,
            skill=0.6,
            cue_rate=CUE_RATE,
        )

    per_second = len(visit(3600.0).events) / 3600.0
    return visit(round(events / per_second))


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


@case("session-report", "the session report of visits of 2.5k/5k/10k events")
def session_report_case(options: argparse.Namespace, bench: Workbench) -> list[Table]:
    from observe.reports import write_session_report

    visits = [long_visit(bench, int(size)) for size in options.events.split(",")]
    paths = [bench.scratch / f"report-{len(visit.events)}.pdf" for visit in visits]
    write_session_report(visits[0], paths[0], pagesize="a4", generated=GENERATED)  # warm-up
    runs: list[list[Took]] = [[] for _ in visits]
    for _ in range(options.repeat):
        for visit, path, spent in zip(visits, paths, runs, strict=True):
            began, began_cpu = time.perf_counter(), user_time()
            write_session_report(visit, path, pagesize="a4", generated=GENERATED)
            spent.append(Took(time.perf_counter() - began, user_time() - began_cpu))
        print("  session-report: one round done", file=sys.stderr)
    took = [typical(spent) for spent in runs]
    events = [len(visit.events) for visit in visits]
    rows = []
    for index, (visit, path) in enumerate(zip(visits, paths, strict=True)):
        before = max(index - 1, 0)
        rows.append(
            (
                f"{events[index]:,} events ({visit.duration / 3600:.1f} h)",
                str(pages(path)),
                ms(took[index]),
                f"{took[index].cpu / events[index] * 1e6:,.0f}",
                ratio(took[index], took[0], events[0] / events[index]),
                ratio(took[index], took[before], events[before] / events[index]) if index else "–",
            )
        )
    header = (
        "visit",
        "pages",
        "report ms (CPU)",
        "CPU µs per event",
        f"per event ÷ at {events[0]:,}",
        "per event ÷ the size before",
    )
    notes = [
        f"{options.repeat} runs each, the sizes taking turns: the median on the clock, and in "
        "brackets the least user processor time; ratios of both. Target: per event ÷ ≈ 1 "
        "(linear in events)."
    ]
    return [Table("session report", header, rows, notes)]


# -- start-up --------------------------------------------------------------------------------

#: A click app with observe's options and command names in one file and nothing else: what
#: ``--help`` costs when only click is loaded.
BARE_APP = '''
import sys
from pathlib import Path

import click


@click.group(context_settings={"max_content_width": 110, "help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(path_type=Path), default=None, help="Archive.")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.version_option("0", prog_name="bare")
def main(data_dir, debug):
    """A bare click app."""
'''
BARE_COMMAND = '''
@main.command("{name}")
@click.argument("ids", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def command_{index}(ids, as_json):
    """What the {name} command does, in a sentence long enough to be cut short."""
'''


#: observe's command names, as ``observe --help`` lists them.
BARE_COMMANDS = (
    "analyze",
    "demo",
    "export",
    "import-bundle",
    "reliability",
    "report",
    "scheme",
    "session",
    "settings",
)


def bare_app(scratch: Path) -> Path:
    commands = "".join(
        textwrap.dedent(BARE_COMMAND).format(name=name, index=index)
        for index, name in enumerate(BARE_COMMANDS)
    )
    path = scratch / "bare_app.py"
    path.write_text(BARE_APP + commands + '\nif __name__ == "__main__":\n    sys.exit(main())\n')
    return path


def cached_bytecode(scratch: Path) -> dict[str, str]:
    """The environment of the start-up runs: byte code cached (in the scratch folder), as
    an installed observe and click have it, even where ``PYTHONDONTWRITEBYTECODE`` is set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def run_process(command: list[str], env: dict[str, str]) -> Took:
    """One run of ``command`` in a new process: the clock, and the user processor time the
    process used."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    assert process.stderr is not None
    errors = process.stderr.read().decode()
    process.stderr.close()
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(command)} failed: {errors}")
    return Took(wall, usage.ru_utime)


def observe_command() -> list[str]:
    """``observe`` as a user runs it: the installed script beside this interpreter."""
    script = Path(sys.executable).with_name("observe")
    if not script.exists():
        raise SystemExit(f"no observe script beside {sys.executable}; pip install -e . first")
    return [sys.executable, str(script)]


@case("start-up", "observe --help and session list against a bare click app's --help")
def start_up_case(options: argparse.Namespace, bench: Workbench) -> list[Table]:
    observe = observe_command()
    env = cached_bytecode(bench.scratch)
    archive = bench.scratch / "start-up-archive"
    run_process([*observe, "--data-dir", str(archive), "demo"], env)
    commands = {
        "bare click app --help": [sys.executable, str(bare_app(bench.scratch)), "--help"],
        "observe --help": [*observe, "--help"],
        "observe session list (demo archive)": [
            *observe,
            "--data-dir",
            str(archive),
            "session",
            "list",
        ],
    }
    for command in commands.values():  # every module compiled and cached before the clock
        run_process(command, env)
    runs: dict[str, list[Took]] = {name: [] for name in commands}
    for _ in range(options.startup_repeat):
        for name, command in commands.items():
            runs[name].append(run_process(command, env))
    took = {name: typical(spent) for name, spent in runs.items()}
    bare = took["bare click app --help"]
    rows = [(name, ms(spent), ratio(spent, bare)) for name, spent in took.items()]
    notes = [
        f"{options.startup_repeat} runs each, the three taking turns, each a new process of "
        f"Python {sys.version.split()[0]}: the median on the clock, and in brackets the least "
        "user processor time; ratios of both. Target: observe --help ÷ bare ≤ 1.5."
    ]
    return [Table("start-up", ("command", "ms (CPU)", "÷ bare click app --help"), rows, notes)]
