"""Estimating the clock offset between two observers of the same interaction (DESIGN §6).

Two observers start their session clocks at different moments, so the same infant cue is
at ``t`` on one clock and at ``t - offset`` on the other. The offset is the shift, added to
the second observer's times, that makes the two codings agree best:

1. try every shift from ``-30 s`` to ``+30 s`` in steps of ``0.1 s`` (601 shifts) and
   keep those with the most agreements (same-code pairs of the alignment,
   :mod:`observe.analysis.alignment`, summed over cues and responses);
2. several shifts usually tie — any shift that keeps each pair within the tolerance gives
   the same agreements — so among them take the one whose agreeing pairs are closest in
   time (the smallest total time difference: the middle of the plateau, not its edge);
3. if that still ties, the smallest ``|shift|`` (no agreements at all: 0).

Step 1 counts agreements with a longest-increasing-run pass per shift (fast); the full
alignment runs only for the tied shifts of step 2.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from observe.analysis.alignment import Timed, align, by_code, most_agreements

SEARCH_RANGE_MS = 30_000
SEARCH_STEP_MS = 100


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
    tied = [shift for shift in shifts if counts[shift] == best]
    chosen = min(
        tied, key=lambda shift: (_agreeing_distance(actors, shift, tolerance_ms), abs(shift), shift)
    )
    return OffsetEstimate(
        shift_ms=chosen, agreements=best, at_search_edge=abs(chosen) == steps * step_ms
    )


def _agreeing_distance(
    actors: Sequence[tuple[Sequence[Timed], Sequence[Timed]]], shift_ms: int, tolerance_ms: int
) -> int:
    """Total time difference (ms) over the agreeing pairs of the alignment at this shift."""
    total = 0
    for first, second in actors:
        shifted = [(t + shift_ms, code) for t, code in second]
        for i, j in align(first, shifted, tolerance_ms):
            if i is not None and j is not None and first[i][1] == shifted[j][1]:
                total += abs(first[i][0] - shifted[j][0])
    return total
