"""What happened after each cue (DESIGN §5).

For a cue ``c`` at ``t_c`` with response window ``W`` and repair window ``P``:

- its **first response** ``r1`` is the earliest response starting in ``[t_c, t_c + W]`` (both
  ends included). When several responses start at that same moment and one of them
  matches ``c``, ``r1`` is the matching one (the first recorded, if more than one); otherwise
  it is the first recorded. A response may answer every cue whose window it falls in.
- its **outcome** is exactly one of:
  ``unanswered`` (no ``r1``); ``matched`` (``r1`` is one of the cue's ``matches``);
  ``repaired`` (``r1`` does not match, and a matching response starts in
  ``(t(r1), t_c + P]``); ``mismatched`` (``r1`` does not match and no repair follows).
- its **latency** is ``t(r1) − t_c`` (answered cues only); its **time to repair** is the onset
  of the first matching response after ``r1`` minus ``t(r1)`` (repaired cues only).
- **intensity**: where the cue and its ``r1`` both carry an intensity, the response is
  ``matched`` (equal), ``under`` (lower) or ``over`` (higher).

Each cue costs two binary searches (all responses, then that cue type's matching
responses), so a session of ``n`` events takes ``O(n log n)``.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Literal, NamedTuple

from observe.analysis.results import CueResult, Outcome
from observe.analysis.timeline import Timeline
from observe.model import Event

IntensityFit = Literal["matched", "under", "over"]


class CueOutcome(NamedTuple):
    """One cue and what followed it: the public :class:`CueResult` plus the same figures in
    whole milliseconds for the summaries."""

    result: CueResult
    cue: Event
    code: str
    t_ms: int
    window_ms: int
    outcome: Outcome
    response: Event | None  # r1
    latency_ms: int | None
    time_to_repair_ms: int | None
    intensity_fit: IntensityFit | None

    @property
    def answered(self) -> bool:
        return self.response is not None


def intensity_fit(cue_level: int | None, response_level: int | None) -> IntensityFit | None:
    """How the response's intensity compares with the cue's, where both have one."""
    if cue_level is None or response_level is None:
        return None
    if response_level == cue_level:
        return "matched"
    return "under" if response_level < cue_level else "over"


def decide_outcomes(timeline: Timeline) -> list[CueOutcome]:
    """The outcome of every cue of the timeline, in onset order.

    Times in the results are the millisecond times divided by 1000: the same floats as the
    events' own times, which the model keeps to the millisecond.
    """
    responses = timeline.responses
    response_times = responses.times
    response_count = len(response_times)
    repair_window_ms = timeline.repair_window_ms
    decided: list[CueOutcome] = []
    cues = timeline.cues
    for cue, t_c, window, code, cue_level in zip(
        cues.events, cues.times, cues.windows, cues.codes, cues.intensities
    ):
        first = bisect_left(response_times, t_c)
        if first == response_count or response_times[first] > t_c + window:
            result = CueResult(t_c / 1000, code, "unanswered", None, None, None)
            decided.append(
                CueOutcome(result, cue, code, t_c, window, "unanswered", None, None, None, None)
            )
            continue
        t_r1 = response_times[first]
        matching = timeline.matching[code]
        matching_times = matching.times
        # The first matching response at or after r1's moment: a tie-breaker if it starts
        # at that very moment, else the candidate repair.
        candidate = bisect_left(matching_times, t_r1)
        if candidate < len(matching_times) and matching_times[candidate] == t_r1:
            chosen, index = matching, candidate
            outcome, time_to_repair = "matched", None
        else:
            chosen, index = responses, first
            if (
                candidate < len(matching_times)
                and matching_times[candidate] <= t_c + repair_window_ms
            ):
                outcome, time_to_repair = "repaired", matching_times[candidate] - t_r1
            else:
                outcome, time_to_repair = "mismatched", None
        latency = t_r1 - t_c
        result = CueResult(
            t_c / 1000,
            code,
            outcome,
            latency / 1000,
            chosen.codes[index],
            None if time_to_repair is None else time_to_repair / 1000,
        )
        fit = intensity_fit(cue_level, chosen.intensities[index])
        decided.append(
            CueOutcome(
                result,
                cue,
                code,
                t_c,
                window,
                outcome,
                chosen.events[index],
                latency,
                time_to_repair,
                fit,
            )
        )
    return decided
