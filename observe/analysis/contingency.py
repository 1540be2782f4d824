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

Windows are merged after one sort, and target units are matched against the merged
windows with two pointers: ``O(n log n)``, independent of how long the session is.
"""

from __future__ import annotations

from collections.abc import Iterable

from observe.analysis.results import Contingency

MIN_CUES = 5
UNIT_MS = 1000


def unit_count(duration_ms: int) -> int:
    """``ceil(duration)`` units of one second."""
    return max(-(-duration_ms // UNIT_MS), 0)


def contingency(
    windows: Iterable[tuple[int, int]],
    target_times: Iterable[int],
    duration_ms: int,
    cues: int,
) -> Contingency:
    """The table and its figures for cue windows ``(t_c, W)`` and response onsets (ms)."""
    units = unit_count(duration_ms)
    given = _merged_units(windows, units)
    targets = sorted({t // UNIT_MS for t in target_times if 0 <= t // UNIT_MS < units})

    given_units = sum(end - start for start, end in given)
    both = 0
    span = 0
    for unit in targets:
        while span < len(given) and given[span][1] <= unit:
            span += 1
        if span < len(given) and given[span][0] <= unit:
            both += 1
    a = both
    b = given_units - both
    c = len(targets) - both
    d = units - given_units - c
    table = ((a, b), (c, d))
    if cues < MIN_CUES or units == 0:
        return Contingency(table=table, odds_ratio=None, yules_q=None)
    odds_ratio, yules_q = _figures(a, b, c, d)
    return Contingency(table=table, odds_ratio=odds_ratio, yules_q=yules_q)


def _merged_units(windows: Iterable[tuple[int, int]], units: int) -> list[tuple[int, int]]:
    """The given units as disjoint, sorted ``[start, end)`` unit ranges inside ``[0, units)``."""
    spans = []
    for start_ms, window_ms in windows:
        if window_ms <= 0:
            continue
        # [k, k + 1) overlaps [t, t + W) iff t < k + 1 and k < t + W,
        # that is floor(t) <= k < ceil(t + W).
        first = max(start_ms // UNIT_MS, 0)
        end = min(-(-(start_ms + window_ms) // UNIT_MS), units)
        if first < end:
            spans.append((first, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


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
