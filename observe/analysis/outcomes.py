"""What happened after each cue (DESIGN §5), for one contingency rule.

*Cue* and *response* are the rule's antecedents and consequents (:mod:`.timeline`); for the
default rule, the infant's cues and the caregiver's responses. For a cue ``c`` at ``t_c``
with response window ``W`` and repair window ``P``:

- its **first response** ``r1`` is the earliest response starting in ``[t_c, t_c + W]`` (both
  ends included). When several responses start at that same moment and one of them
  fits ``c``, ``r1`` is the fitting one (the first recorded, if more than one); otherwise
  it is the first recorded. A response may answer every cue whose window it falls in.
- its **outcome** is exactly one of:
  ``unanswered`` (no ``r1``); ``matched`` (``r1`` fits the cue: ``rule.fits``);
  ``repaired`` (``r1`` does not fit, and a fitting response starts in
  ``(t(r1), t_c + P]`` and before the next cue); ``mismatched`` (``r1`` does not
  fit and no repair follows); ``not_codable`` (below).
- a cue's **episode** ends where the next cue of the rule begins: the earliest cue of any
  of the rule's types whose onset is later than ``t_c`` (cues at the same instant are not
  "next" to each other). A repair must start before that onset; a response at or after it
  belongs to the new cue's episode, so one response is never both a later cue's answer and
  an earlier cue's repair. The first response is not cut by the episode: a response may
  answer every cue whose window it falls in.
- its **latency** is ``t(r1) − t_c`` (answered cues only); its **time to repair** is the onset
  of the first fitting response after ``r1`` (the repair) minus ``t(r1)`` (repaired cues
  only).
- **intensity**: where the cue and its ``r1`` both carry an intensity, the response is
  ``matched`` (equal), ``under`` (lower) or ``over`` (higher).

**Excluded periods** (:mod:`.codable`; moments strictly between a period's ends are not
seen). A cue's outcome is decided from what was seen, and where it would depend on an
unseen moment the cue is ``not_codable`` and left out of every figure (its count is
reported on its own). Let ``H`` be the start of the first excluded period at or after
``t_c`` (the last moment seen of what followed the cue):

- a cue whose onset lies inside a period is ``not_codable`` (it is not a cue of any figure,
  and does not end an earlier cue's episode: the period began before it);
- ``r1`` is looked for in ``[t_c, min(t_c + W, H)]``; none there and ``H < t_c + W`` (the
  window runs into the period): ``not_codable``, not unanswered — a response may have come
  unseen;
- a repair is looked for up to ``min(t_c + P, next cue − 1 ms, H)``; none there and ``H``
  is before the end of the repair interval: ``not_codable``, not mismatched — the repair may
  have come unseen.

A not-codable cue carries no latency, response, repair or intensity fit. A session
without excluded periods has no not-codable cue, and every outcome is what it always was.

Cues are decided one type at a time, in onset order. Each cue costs three binary searches
(all responses; that type's fitting responses; the onsets of all cues, for where its
episode ends), plus one in the excluded periods' starts when there are any, each starting
where the previous cue's ended, so a session of ``n`` events takes ``O(n log n)``. On the
millisecond clock "before the next cue at ``t_n``" is ``≤ t_n − 1``, so the repair deadline
is one integer, ``min(t_c + P, t_n − 1)``. The results are parallel lists (one entry per
cue), not an object per cue: a session of 100,000 events would otherwise create hundreds
of thousands of small objects just to count them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from observe.analysis.results import CueResult, IntensityFit, Outcome
from observe.analysis.timeline import CueType, Timeline, to_milliseconds


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
    excluded = timeline.excluded
    count = len(cue_type.times)
    # Every column starts as an unanswered cue's entry; only answered cues are written.
    decided = Decided(
        ["unanswered"] * count, [None] * count, [None] * count, [None] * count,
        [None] * count, [None] * count,
    )  # fmt: skip
    outcomes, latencies, first_codes, repairs, fits, repairers = decided
    first = candidate = following = period = 0
    horizon: int | None = None  # the start of the first excluded period at or after t_c
    for index, t_c in enumerate(cue_type.times):
        if excluded:
            horizon, period = excluded.horizon(t_c, period)
        window_end = t_c + window
        if horizon is not None and horizon < window_end:
            window_end = horizon
        first = bisect_left(response_times, t_c, first)
        if first == response_count or response_times[first] > window_end:
            if horizon is not None and horizon < t_c + window:
                outcomes[index] = "not_codable"
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
            seen_until = deadline if horizon is None or horizon >= deadline else horizon
            if candidate < matching_count and matching_times[candidate] <= seen_until:
                outcomes[index] = "repaired"
                repairs[index] = matching_times[candidate] - t_r1
                repairers[index] = response_codes[matching.indices[candidate]]
            elif seen_until < deadline:
                outcomes[index] = "not_codable"
                continue
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


def cue_results(
    timeline: Timeline,
    decided: dict[str, Decided],
    states: Sequence[dict[str, str | None]] | None = None,
    since: int = 0,
) -> tuple[CueResult, ...]:
    """One :class:`CueResult` per cue, in onset order (the public, per-cue view); the cues
    inside an excluded period are ``not_codable``. ``states[i]``, if given, is the state of
    each state group at cue ``i`` (:func:`observe.analysis.states.states_at`). From the cue
    at position ``since`` on (the live view asks for the last few only).

    Times are the millisecond times divided by 1000: the same floats as the events' own
    times, which the model keeps to the millisecond.
    """
    no_states: dict[str, str | None] = {}
    results: list[CueResult | None] = [None] * (len(timeline.cue_events) - since)
    for code, cue_type in timeline.types.items():
        columns = decided[code]
        start = bisect_left(cue_type.positions, since)
        for position, t_c, level, outcome, latency, response, repair, fit, repairer in zip(
            cue_type.positions[start:],
            cue_type.times[start:],
            cue_type.intensities[start:],
            *(column[start:] for column in columns),
        ):
            results[position - since] = CueResult(  # positional: one per cue, kept cheap
                t_c / 1000,
                code,
                outcome,
                None if latency is None else latency / 1000,
                response,
                None if repair is None else repair / 1000,
                repairer,
                level,
                fit,
                no_states if states is None else states[position],
            )
    for position in timeline.outside:
        if position < since:
            continue
        event = timeline.cue_events[position]
        results[position - since] = CueResult(
            to_milliseconds(event.t) / 1000,
            event.code,
            "not_codable",
            None,
            None,
            None,
            None,
            event.intensity,
            None,
            no_states if states is None else states[position],
        )
    return tuple(results)  # type: ignore[arg-type]  # every position is filled


def next_cues(
    cues: Sequence[CueResult], excluded: Sequence[tuple[float, float]] = ()
) -> list[CueResult | None]:
    """The next cue after each cue, where its episode ends: the first cue (of any type)
    whose onset is later than this one's, or ``None`` after the last moment of cues. Cues
    at the same instant are not next to each other. ``cues`` in onset order, as an
    analysis holds them. A cue inside one of the ``excluded`` periods (``(start, end)``, s:
    ``SessionAnalysis.excluded.periods``) is no one's next cue; an episode also ends where
    a period begins (:mod:`observe.analysis.outcomes`)."""
    kept = [cue for cue in cues if not _inside(cue.t, excluded)] if excluded else list(cues)
    onsets = [cue.t for cue in kept]
    found: list[CueResult | None] = []
    for cue in cues:
        following = bisect_right(onsets, cue.t)
        found.append(kept[following] if following < len(kept) else None)
    return found


def _inside(t: float, periods: Sequence[tuple[float, float]]) -> bool:
    return any(start < t < end for start, end in periods)
