"""Which moments of a session can be coded: everything outside its excluded periods
(DESIGN §12; ``Session.excluded``, the not-codable key).

An excluded period from ``s`` to ``e`` leaves out the moments strictly between its ends,
``(s, e)``: a code at exactly ``s`` or ``e`` was pressed while the observer still, or again,
watched (the same convention as a pause in observer agreement,
:func:`observe.analysis.reliability_clock.inside`). A period still open (no end yet) leaves
out every moment after its start. A period of no length leaves out nothing, and nothing
after the session's end (or the moment the live view looks at) counts: a period is cut
there.

What the analysis does with them (each rule has its one home):

- events whose onset lies inside a period are left out of every figure, as if not coded
  (:mod:`observe.analysis.timeline`); an antecedent there is listed as ``not_codable``;
- a cue's outcome that would depend on a moment inside a period is ``not_codable``
  (:mod:`observe.analysis.outcomes`), and is left out of every rate's denominator;
- contingency units overlapping a period are not tabulated
  (:mod:`observe.analysis.contingency`);
- state proportions are of the codable time (:mod:`observe.analysis.states`);
- the time-unit kappa leaves out the units whose middle lies in a period
  (:mod:`observe.analysis.reliability_units`).

Times are whole milliseconds, like everything the analysis compares.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from observe.model import Session

UNIT_MS = 1000


def to_milliseconds(seconds: float) -> int:
    """A session-clock time as whole milliseconds, the resolution the analysis compares."""
    return round(seconds * 1000)


class Excluded(NamedTuple):
    """A session's excluded periods in whole milliseconds: ``starts[i]`` to ``ends[i]``,
    in time order, disjoint, each of some length. ``open`` says the last one has no end
    yet (its entry in ``ends`` is where it is measured to: the session's end, or the
    moment the live view looks at)."""

    starts: list[int]
    ends: list[int]
    open: bool = False

    def __bool__(self) -> bool:
        return bool(self.starts)

    def inside(self, t: int) -> bool:
        """Whether moment ``t`` lies strictly inside a period (is not codable)."""
        if not self.starts:
            return False
        index = bisect_left(self.starts, t) - 1
        if index < 0:
            return False
        if self.open and index == len(self.starts) - 1:
            return True
        return t < self.ends[index]

    def horizon(self, t: int, low: int = 0) -> tuple[int | None, int]:
        """The start of the first period at or after ``t``: the last moment seen of what
        follows ``t`` (``None``: nothing after ``t`` is left out). Also returns where the
        search ended, to start the next search of a later ``t`` from (``low``)."""
        index = bisect_left(self.starts, t, low)
        return (self.starts[index] if index < len(self.starts) else None), index

    def seconds_within(self, end_ms: int) -> int:
        """How many milliseconds of ``[0, end_ms)`` lie inside the periods."""
        total = 0
        for start, end in zip(self.starts, self.ends):
            total += max(0, min(end, end_ms) - max(start, 0))
        return total

    def unit_runs(self, units: int) -> list[tuple[int, int]]:
        """The 1-s units ``[first, end)`` that overlap a period, merged, within
        ``[0, units)``. Unit ``k`` overlaps ``(s, e)`` iff ``s < k + 1`` and ``k < e``,
        that is ``floor(s) <= k < ceil(e)``."""
        runs: list[tuple[int, int]] = []
        for start, end in zip(self.starts, self.ends):
            first = max(start // UNIT_MS, 0)
            last = min(-(-end // UNIT_MS), units)
            if first >= last:
                continue
            if runs and first <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(runs[-1][1], last))
            else:
                runs.append((first, last))
        return runs

    def spans(self) -> list[tuple[int, int]]:
        """The periods as ``(start, end)`` pairs."""
        return list(zip(self.starts, self.ends))


NOTHING_EXCLUDED = Excluded([], [])


def excluded_of(session: Session, until_ms: int | None = None) -> Excluded:
    """The excluded periods of ``session`` within its end (``until_ms``, default: the
    session's duration); an open one is measured to that end and leaves out every moment
    after its start."""
    if not session.excluded:
        return NOTHING_EXCLUDED
    end = to_milliseconds(session.duration) if until_ms is None else until_ms
    starts: list[int] = []
    ends: list[int] = []
    is_open = False
    for period in sorted(session.excluded, key=lambda p: p.start):
        start = to_milliseconds(period.start)
        if period.end is None:
            stop, is_open = max(end, start), True
        else:
            stop = min(to_milliseconds(period.end), end)
            if stop <= start:
                continue  # no length (or past the end): leaves nothing out
        if starts and start <= ends[-1]:  # overlapping or touching: one period
            ends[-1] = max(ends[-1], stop)
        else:
            starts.append(start)
            ends.append(stop)
        if is_open:
            break  # a session keeps its open period last
    return Excluded(starts, ends, is_open)
