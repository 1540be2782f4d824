"""Contingency beyond chance: time-window sequential analysis, as GSEQ does it (DESIGN §5).

The session is cut into 1-s units ``k = 0 … ceil(duration) − 1``.

- Unit ``k`` is **given** if some cue's window ``[t_c, t_c + W)`` (half-open here, unlike the
  inclusive window that decides outcomes) overlaps ``[k, k + 1)``.
- Unit ``k`` is a **target** if some response starts in it; for one cue type, only the
  windows of that type's cues are given and only responses matching that type are targets.
- The table counts every unit: ``[[a, b], [c, d]]`` with ``a`` = given and target, ``b`` =
  given and not target, ``c`` = target only, ``d`` = neither. It always holds the raw counts.
- The **odds ratio** is ``ad / bc`` and **Yule's Q** is ``(ad − bc) / (ad + bc)``; if any cell is
  0, 0.5 is added to every cell first (for these two figures only; so ``bc`` is never 0).
- With fewer than 5 cues, or no units at all (duration 0), both figures are ``null``.

A response starting exactly at an integral end of the session (``t = duration``) falls after
the last unit and is not a target; cues and responses outside ``[0, duration)`` likewise only
count where they overlap a unit.

Cues and responses arrive in time order (one sort, when the timeline is built), so the
windows merge into runs of given units in one pass, and the target units inside each run are
counted with two binary searches in the sorted list of target units: ``O(n log n)`` in the
number of events, independent of how long the session is, and no object per unit or event.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from observe.analysis.results import Contingency

MIN_CUES = 5
UNIT_MS = 1000


def unit_count(duration_ms: int) -> int:
    """``ceil(duration)`` units of one second."""
    return max(-(-duration_ms // UNIT_MS), 0)


def contingency(
    window_starts: Iterable[int],
    window_lengths: Iterable[int],
    target_times: Iterable[int],
    duration_ms: int,
    cues: int,
) -> Contingency:
    """The table and its figures for cue windows (onsets ``t_c`` and lengths ``W``) and
    response onsets, in ms, both in time order (as a timeline holds them)."""
    units = unit_count(duration_ms)
    # Distinct target units in order (the times are sorted), then only those inside [0, units).
    target_units = list(dict.fromkeys([t // UNIT_MS for t in target_times]))
    low = bisect_left(target_units, 0)
    high = bisect_left(target_units, units, low)
    given, both = _given_units(window_starts, window_lengths, units, target_units, low, high)
    targets = high - low
    a = both
    b = given - both
    c = targets - both
    d = units - given - c
    table = ((a, b), (c, d))
    if cues < MIN_CUES or units == 0:
        return Contingency(table=table, odds_ratio=None, yules_q=None)
    odds_ratio, yules_q = _figures(a, b, c, d)
    return Contingency(table=table, odds_ratio=odds_ratio, yules_q=yules_q)


def _given_units(
    starts: Iterable[int],
    lengths: Iterable[int],
    units: int,
    target_units: list[int],
    low: int,
    high: int,
) -> tuple[int, int]:
    """How many units inside ``[0, units)`` are given, and how many of those are targets.

    Windows come in onset order, so their first units are already sorted and one pass
    merges them into disjoint runs ``[run_start, run_end)``; the targets in a run are counted
    by binary search in ``target_units[low:high]``.
    """
    given = both = 0
    run_start = run_end = -1
    for start_ms, window_ms in zip(starts, lengths):
        if window_ms <= 0:
            continue
        # [k, k + 1) overlaps [t, t + W) iff t < k + 1 and k < t + W,
        # that is floor(t) <= k < ceil(t + W).
        first = start_ms // UNIT_MS
        if first < 0:
            first = 0
        end = -(-(start_ms + window_ms) // UNIT_MS)
        if end > units:
            end = units
        if first >= end:
            continue
        if first <= run_end:
            if end > run_end:
                run_end = end
            continue
        if run_end > run_start:
            given += run_end - run_start
            both += bisect_left(target_units, run_end, low, high) - bisect_left(
                target_units, run_start, low, high
            )
        run_start, run_end = first, end
    if run_end > run_start:
        given += run_end - run_start
        both += bisect_left(target_units, run_end, low, high) - bisect_left(
            target_units, run_start, low, high
        )
    return given, both


def _figures(a: int, b: int, c: int, d: int) -> tuple[float | None, float | None]:
    cells = (a, b, c, d)
    if 0 in cells:
        fa, fb, fc, fd = (cell + 0.5 for cell in cells)
    else:
        fa, fb, fc, fd = (float(cell) for cell in cells)
    ad, bc = fa * fd, fb * fc
    odds_ratio = ad / bc if bc != 0 else None
    yules_q = (ad - bc) / (ad + bc) if ad + bc != 0 else None
    return odds_ratio, yules_q
