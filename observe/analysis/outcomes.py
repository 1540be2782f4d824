"""What happened after each cue (DESIGN §5).

For a cue ``c`` at ``t_c`` with response window ``W`` and repair window ``P``:

- its **first response** ``r1`` is the earliest response starting in ``[t_c, t_c + W]`` (both
  ends included). When several responses start at that same moment and one of them
  matches ``c``, ``r1`` is the matching one (the first recorded, if more than one); otherwise
  it is the first recorded. A response may answer every cue whose window it falls in.
- its **outcome** is exactly one of:
  ``unanswered`` (no ``r1``); ``matched`` (``r1`` is one of the cue's ``matches``);
  ``repaired`` (``r1`` does not match, and a matching response starts in
  ``(t(r1), t_c + P]`` and before the infant's next cue); ``mismatched`` (``r1`` does not
  match and no repair follows).
- a cue's **episode** ends where the infant's next cue begins: the earliest cue of any type
  whose onset is later than ``t_c`` (cues at the same instant are not "next" to each other).
  A repair must start before that onset; a response at or after it belongs to the new cue's
  episode, so one response is never both a later cue's answer and an earlier cue's repair.
  The first response is not cut by the episode: a response may answer every cue whose
  window it falls in.
- its **latency** is ``t(r1) − t_c`` (answered cues only); its **time to repair** is the onset
  of the first matching response after ``r1`` (the repair) minus ``t(r1)`` (repaired cues
  only).
- **intensity**: where the cue and its ``r1`` both carry an intensity, the response is
  ``matched`` (equal), ``under`` (lower) or ``over`` (higher).

Cues are decided one type at a time, in onset order. Each cue costs three binary searches
(all responses; that type's matching responses; the onsets of all cues, for where its
episode ends), each starting where the previous cue's ended, so a session of ``n`` events
takes ``O(n log n)``. On the millisecond clock "before the next cue at ``t_n``" is
``≤ t_n − 1``, so the repair deadline is one integer, ``min(t_c + P, t_n − 1)``. The results
are parallel lists (one entry per cue), not an object per cue: a session of 100,000 events
would otherwise create hundreds of thousands of small objects just to count them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from observe.analysis.results import CueResult, IntensityFit, Outcome
from observe.analysis.timeline import CueType, Timeline


class Decided(NamedTuple):
    """The outcomes of a list of cues: entry ``i`` of every list is about cue ``i``."""

    outcomes: list[Outcome]
    latencies_ms: list[int | None]  # None: unanswered
    responses: list[str | None]  # code of r1
    repairs_ms: list[int | None]  # time to repair; None unless repaired
    fits: list[IntensityFit | None]  # None unless cue and r1 both carry an intensity
    repair_responses: list[str | None]  # code of the repair; None unless repaired


def intensity_fit(cue_level: int | None, response_level: int | None) -> IntensityFit | None:
    """How the response's intensity compares with the cue's, where both have one."""
    if cue_level is None or response_level is None:
        return None
    if response_level == cue_level:
        return "matched"
    return "under" if response_level < cue_level else "over"


def decide_type(timeline: Timeline, cue_type: CueType) -> Decided:
    """The outcome of every cue of one type, in onset order."""
    responses = timeline.responses
    response_times = responses.times
    response_codes = responses.codes
    response_count = len(response_times)
    matching = cue_type.matching
    matching_times = matching.times
    matching_count = len(matching_times)
    cue_times = timeline.cue_times
    cue_count = len(cue_times)
    window = cue_type.window_ms
    repair_window = timeline.repair_window_ms
    count = len(cue_type.times)
    # Every column starts as an unanswered cue's entry; only answered cues are written.
    decided = Decided(
        ["unanswered"] * count, [None] * count, [None] * count, [None] * count,
        [None] * count, [None] * count,
    )  # fmt: skip
    outcomes, latencies, first_codes, repairs, fits, repairers = decided
    first = candidate = following = 0
    for index, t_c in enumerate(cue_type.times):
        first = bisect_left(response_times, t_c, first)
        if first == response_count or response_times[first] > t_c + window:
            continue
        t_r1 = response_times[first]
        # The first matching response at or after r1's moment: a tie-breaker if it starts
        # at that very moment, else the candidate repair.
        candidate = bisect_left(matching_times, t_r1, candidate)
        if candidate < matching_count and matching_times[candidate] == t_r1:
            outcomes[index] = "matched"
            r1 = matching.indices[candidate]
        else:
            # The episode ends at the next cue of any type starting after t_c.
            following = bisect_right(cue_times, t_c, following)
            deadline = t_c + repair_window
            if following < cue_count and cue_times[following] - 1 < deadline:
                deadline = cue_times[following] - 1
            if candidate < matching_count and matching_times[candidate] <= deadline:
                outcomes[index] = "repaired"
                repairs[index] = matching_times[candidate] - t_r1
                repairers[index] = response_codes[matching.indices[candidate]]
            else:
                outcomes[index] = "mismatched"
            r1 = first
        first_codes[index] = response_codes[r1]
        latencies[index] = t_r1 - t_c
        fits[index] = intensity_fit(cue_type.intensities[index], responses.intensities[r1])
    return decided


def decide_types(timeline: Timeline) -> dict[str, Decided]:
    """The outcomes of every cue type of the timeline (scheme order)."""
    return {code: decide_type(timeline, cue_type) for code, cue_type in timeline.types.items()}


def cue_results(timeline: Timeline, decided: dict[str, Decided]) -> tuple[CueResult, ...]:
    """One :class:`CueResult` per cue, in onset order (the public, per-cue view).

    Times are the millisecond times divided by 1000: the same floats as the events' own
    times, which the model keeps to the millisecond.
    """
    results: list[CueResult | None] = [None] * len(timeline.cue_times)
    for code, cue_type in timeline.types.items():
        columns = decided[code]
        for position, t_c, level, outcome, latency, response, repair, fit, repairer in zip(
            cue_type.positions, cue_type.times, cue_type.intensities, *columns
        ):
            results[position] = CueResult(  # positional: one per cue, so it is kept cheap
                t_c / 1000,
                code,
                outcome,
                None if latency is None else latency / 1000,
                response,
                None if repair is None else repair / 1000,
                repairer,
                level,
                fit,
            )
    return tuple(results)  # type: ignore[arg-type]  # every position is filled


def next_cues(cues: Sequence[CueResult]) -> list[CueResult | None]:
    """The infant's next cue after each cue, where its episode ends: the first cue (of any
    type) whose onset is later than this one's, or ``None`` after the last moment of cues.
    Cues at the same instant are not next to each other. ``cues`` in onset order, as an
    analysis holds them."""
    onsets = [cue.t for cue in cues]
    found: list[CueResult | None] = []
    for t in onsets:
        following = bisect_right(onsets, t)
        found.append(cues[following] if following < len(cues) else None)
    return found
