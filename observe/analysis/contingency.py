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
- **Excluded periods** (:mod:`observe.analysis.codable`): a unit that overlaps one is not
  tabulated at all (in no cell), so a period that cannot be coded counts neither as
  time a cue waited unanswered nor as time without cues. The cues and responses inside
  a period are not in the analysis (:mod:`observe.analysis.timeline`); ``cues`` counts the
  cues whose windows are tabulated. A session without excluded periods tabulates every
  unit, as it always did.

A response starting exactly at an integral end of the session (``t = duration``) falls after
the last unit and is not a target; cues and responses outside ``[0, duration)`` likewise only
count where they overlap a unit.

Cues and responses arrive in time order (one sort, when the timeline is built), so the
windows merge into runs of given units in one pass, and the target units inside each run are
counted with two binary searches in the sorted list of target units: ``O(n log n)`` in the
number of events, independent of how long the session is, and no object per unit or event.
Excluded units are runs too: the given runs minus the excluded ones is one merge of two
sorted lists, and each target unit is looked up among the excluded runs by binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from observe.analysis.results import Contingency

Run = tuple[int, int]
"""Units ``[first, end)``."""

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
    excluded_units: Sequence[Run] = (),
) -> Contingency:
    """The table and its figures for cue windows (onsets ``t_c`` and lengths ``W``) and
    response onsets, in ms, both in time order (as a timeline holds them). Units in
    ``excluded_units`` (sorted, disjoint runs inside the session's units:
    :meth:`Excluded.unit_runs <observe.analysis.codable.Excluded.unit_runs>`) are not
    tabulated."""
    units = unit_count(duration_ms)
    # Distinct target units in order (the times are sorted), then only those inside [0, units).
    target_units = list(dict.fromkeys([t // UNIT_MS for t in target_times]))
    low = bisect_left(target_units, 0)
    high = bisect_left(target_units, units, low)
    left_out = 0
    if excluded_units:
        target_units = [k for k in target_units[low:high] if not _in_runs(excluded_units, k)]
        low, high = 0, len(target_units)
        left_out = sum(end - first for first, end in excluded_units)
    given, both = _given_units(
        window_starts, window_lengths, units, target_units, low, high, excluded_units
    )
    targets = high - low
    tabulated = units - left_out
    a = both
    b = given - both
    c = targets - both
    d = tabulated - given - c
    table = ((a, b), (c, d))
    if cues < MIN_CUES or tabulated == 0:
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
    excluded_units: Sequence[Run] = (),
) -> tuple[int, int]:
    """How many units inside ``[0, units)`` are given (and not excluded), and how many of
    those are targets: the targets in each run of given units are counted by binary search
    in ``target_units[low:high]``."""
    runs = _runs(starts, lengths, units)
    if excluded_units:
        runs = _without(runs, excluded_units)
    given = both = 0
    for first, end in runs:
        given += end - first
        both += bisect_left(target_units, end, low, high) - bisect_left(
            target_units, first, low, high
        )
    return given, both


def _runs(starts: Iterable[int], lengths: Iterable[int], units: int) -> list[Run]:
    """The given units as disjoint runs in order. Windows come in onset order, so their
    first units are already sorted and one pass merges them."""
    runs: list[Run] = []
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
            runs.append((run_start, run_end))
        run_start, run_end = first, end
    if run_end > run_start:
        runs.append((run_start, run_end))
    return runs


def _without(runs: list[Run], excluded: Sequence[Run]) -> list[Run]:
    """``runs`` minus the ``excluded`` runs (both sorted and disjoint), in one merge."""
    kept: list[Run] = []
    index = 0
    for first, end in runs:
        while index < len(excluded) and excluded[index][1] <= first:
            index += 1
        cursor, scan = first, index
        while scan < len(excluded) and excluded[scan][0] < end:
            if excluded[scan][0] > cursor:
                kept.append((cursor, excluded[scan][0]))
            cursor = max(cursor, excluded[scan][1])
            scan += 1
        if cursor < end:
            kept.append((cursor, end))
    return kept


def _in_runs(runs: Sequence[Run], unit: int) -> bool:
    index = bisect_right(runs, (unit, float("inf"))) - 1
    return index >= 0 and runs[index][0] <= unit < runs[index][1]


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
