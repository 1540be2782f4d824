"""Estimating the clock offset between two observers of the same interaction (DESIGN §6).

Two observers start their session clocks at different moments, so the same infant cue is
at ``t`` on one clock and at ``t - offset`` on the other. The offset is the shift, added to
the second observer's times, that makes the two codings agree best:

1. try every shift from ``-30 s`` to ``+30 s`` in steps of ``0.1 s`` (601 shifts) and
   count the agreements at each (same-code pairs of the alignment,
   :mod:`observe.analysis.alignment`, summed over cues and responses);
2. keep the shifts with the most agreements — or within 2 % of the most (rounded down,
   so with fewer than 50 agreements only the most): every shift that keeps the true pairs
   within the tolerance gives about the same count, and one coincidental extra agreement
   at the edge of that plateau (a code one observer added near a like code of the other)
   must not pull the estimate there;
3. among those, the shift whose agreeing pairs are closest in time (the smallest mean
   time difference: the middle of the plateau, where the two clocks really line up);
4. if that still ties, the smallest ``|shift|``, then the lower shift (no agreements at
   all: 0).

Step 1 counts agreements with a longest-increasing-run pass per shift (fast); the full
alignment runs only for the shifts kept in step 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from attrs import frozen

from observe.analysis.alignment import Timed, align, by_code, most_agreements

SEARCH_RANGE_MS = 30_000
SEARCH_STEP_MS = 100
NEAR_BEST_PERCENT = 2


@frozen
class OffsetEstimate:
    """The estimated shift (ms, added to the second observer's times) and its support."""

    shift_ms: int
    agreements: int
    at_search_edge: bool  # the best shift is ±30 s: the true offset may lie beyond


def estimate_offset(
    actors: Sequence[tuple[Sequence[Timed], Sequence[Timed]]],
    tolerance_ms: int,
    *,
    search_range_ms: int = SEARCH_RANGE_MS,
    step_ms: int = SEARCH_STEP_MS,
) -> OffsetEstimate:
    """The shift that best aligns the second observer's events with the first's.

    ``actors`` holds, per actor (cues, responses), the two observers' time-ordered events.
    """
    grouped = [(first, by_code(second)) for first, second in actors]
    steps = search_range_ms // step_ms
    shifts = [k * step_ms for k in range(-steps, steps + 1)]
    counts = {
        shift: sum(most_agreements(first, second, shift, tolerance_ms) for first, second in grouped)
        for shift in shifts
    }
    best = max(counts.values())
    if best == 0:
        return OffsetEstimate(shift_ms=0, agreements=0, at_search_edge=False)
    enough = best - (best * NEAR_BEST_PERCENT) // 100
    kept = [shift for shift in shifts if counts[shift] >= enough]
    chosen = min(
        kept,
        key=lambda shift: (
            _mean_agreeing_distance(actors, shift, tolerance_ms),
            abs(shift),
            shift,
        ),
    )
    return OffsetEstimate(
        shift_ms=chosen,
        agreements=counts[chosen],
        at_search_edge=abs(chosen) == steps * step_ms,
    )


def _mean_agreeing_distance(
    actors: Sequence[tuple[Sequence[Timed], Sequence[Timed]]], shift_ms: int, tolerance_ms: int
) -> Fraction:
    """Mean time difference (ms, exact) over the agreeing pairs of the alignment at this
    shift."""
    total = agreeing = 0
    for first, second in actors:
        shifted = [(t + shift_ms, code) for t, code in second]
        for i, j in align(first, shifted, tolerance_ms):
            if i is not None and j is not None and first[i][1] == shifted[j][1]:
                total += abs(first[i][0] - shifted[j][0])
                agreeing += 1
    return Fraction(total, agreeing) if agreeing else Fraction(tolerance_ms + 1)
