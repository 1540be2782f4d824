"""What the cases of ``bench/scale.py`` share: the workbench, timing, tables, the registry.

A case is one function registered with ``@case(name, summary)``: it gets the parsed options
and the shared :class:`Workbench` (scheme, temporary folder, archives built once per run)
and returns the tables to print. ``bench/scale.py`` runs them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from attrs import define, field

from observe.interchange.simulate import simulate_session
from observe.model import Session
from observe.scheme import Scheme
from observe.store import Archive

# -- the shared workbench ------------------------------------------------------------------


@define
class Workbench:
    """What the cases share in one run: the scheme, a scratch folder, archives built once."""

    scheme: Scheme
    scratch: Path
    archives: dict[int, Path] = field(factory=dict)

    def sessions(self, count: int, *, first: int) -> list[Session]:
        """``count`` synthetic visits (5–15 minutes, about 6 events a minute), numbered from
        ``first``: four visits a family, two weeks apart, as ``observe demo`` makes them."""
        made = []
        for number in range(first, first + count):
            family, visit = divmod(number, 4)
            days = family % 300 + 14 * visit
            started = datetime(2026, 1, 5, 10, tzinfo=UTC) + timedelta(days=days)
            made.append(
                simulate_session(
                    self.scheme,
                    seed=number,
                    dyad=f"F{family:05d}",
                    visit=str(visit + 1),
                    started_at=started.isoformat(timespec="seconds"),
                    duration=300.0 + 600.0 * ((number * 7) % 10) / 9,
                    skill=(number % 10) / 10,
                )
            )
        return made

    def archive_of(self, size: int) -> Path:
        """An archive holding ``size`` sessions (built once, then copied for each use)."""
        if size not in self.archives:
            path = self.scratch / f"archive-{size}"
            if size:
                with Archive.open(path) as archive:
                    for start in range(0, size, 500):
                        archive.add_many(self.sessions(min(500, size - start), first=start))
            self.archives[size] = path
        return self.archives[size]

    def fresh_copy(self, size: int, name: str) -> Path:
        """A copy of :meth:`archive_of` ``size`` to change, on the disk before it is used."""
        target = self.scratch / name
        shutil.rmtree(target, ignore_errors=True)
        source = self.archive_of(size)
        if size:
            shutil.copytree(source, target)
        os.sync()  # the copy's dirty pages must not be flushed by the fsyncs being timed
        return target


# -- timing ----------------------------------------------------------------------------------


@define
class Took:
    """Seconds a run took: on the clock, and of processor time in this process's own code
    (user time: the parsing, encoding and comparing, without the waits for a disk that
    other programs share, nor the kernel's time inside those waits)."""

    wall: float
    cpu: float


def user_time() -> float:
    """Seconds of processor time this process has spent in its own code (getrusage: finer
    than ``os.times``, which counts in hundredths); all of it where that is missing."""
    try:
        import resource
    except ImportError:  # Windows
        return time.process_time()
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def typical(runs: list[Took]) -> Took:
    """The median on the clock; the least processor time (what the work needs when
    nothing else competes for the processor)."""
    return Took(statistics.median(r.wall for r in runs), min(r.cpu for r in runs))


# -- tables ----------------------------------------------------------------------------------


@define
class Table:
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    notes: list[str] = field(factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |"]
        lines.append("|" + "|".join("---:" if i else "---" for i in range(len(self.header))) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join([*lines, "", *self.notes])


def ms(took: Took) -> str:
    return f"{took.wall * 1000:,.0f} ({took.cpu * 1000:,.0f})"


def ratio(top: Took, bottom: Took, scale: float = 1.0) -> str:
    """``top ÷ bottom`` on the clock, and (in brackets) in processor time."""
    return f"{top.wall / bottom.wall * scale:.2f} ({top.cpu / bottom.cpu * scale:.2f})"


# -- the cases -------------------------------------------------------------------------------

Case = Callable[[argparse.Namespace, Workbench], list[Table]]
CASES: dict[str, tuple[Case, str]] = {}


def case(name: str, summary: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        CASES[name] = (function, summary)
        return function

    return register
