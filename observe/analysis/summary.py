"""The figures over a set of cues: a whole session, or one cue type (DESIGN §5).

Over ``n`` cues (all rates are fractions of all cues unless named otherwise):

- ``outcomes``: how many cues were matched, repaired, mismatched, unanswered (they sum to n);
- ``response_rate`` = answered / n; ``match_rate`` = matched / n;
  ``attuned_rate`` = (matched + repaired) / n;
- ``repair_rate`` = repaired / (repaired + mismatched): of the cues whose first response
  did not fit, the share that the caregiver put right;
- ``latency``: n, median and quartiles of the answered cues' latencies (linear
  interpolation, numpy's default; see :mod:`observe.analysis.stats`);
- ``within_2s`` / ``within_5s``: cues answered with latency ≤ 2 s / ≤ 5 s, over all n cues;
- ``time_to_repair``: n and median over the repaired cues;
- ``intensity``: of the cues where the cue and its first response both carry an intensity,
  how many responses matched it, were under it, or over it;
- ``contingency``: see :mod:`observe.analysis.contingency`.

A rate with a zero denominator and a statistic of nothing are ``None`` (``null``), never 0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from observe.analysis.outcomes import CueOutcome
from observe.analysis.results import (
    Contingency,
    IntensityCounts,
    LatencyStats,
    Outcomes,
    RepairStats,
    Summary,
)
from observe.analysis.stats import median, quantile, rate


def summarize(outcomes: Sequence[CueOutcome], contingency: Contingency) -> Summary:
    cues = len(outcomes)
    counts = {"matched": 0, "repaired": 0, "mismatched": 0, "unanswered": 0}
    fits = {"matched": 0, "under": 0, "over": 0}
    latencies_ms: list[int] = []
    repairs_ms: list[int] = []
    for outcome in outcomes:
        counts[outcome.outcome] += 1
        if outcome.latency_ms is not None:
            latencies_ms.append(outcome.latency_ms)
        if outcome.time_to_repair_ms is not None:
            repairs_ms.append(outcome.time_to_repair_ms)
        fit = outcome.intensity_fit
        if fit is not None:
            fits[fit] += 1
    latencies_ms.sort()
    repairs_ms.sort()
    latencies = [ms / 1000 for ms in latencies_ms]
    repairs = [ms / 1000 for ms in repairs_ms]
    answered = cues - counts["unanswered"]
    return Summary(
        cues=cues,
        outcomes=Outcomes(**counts),
        response_rate=rate(answered, cues),
        match_rate=rate(counts["matched"], cues),
        attuned_rate=rate(counts["matched"] + counts["repaired"], cues),
        repair_rate=rate(counts["repaired"], counts["repaired"] + counts["mismatched"]),
        latency=LatencyStats(
            n=len(latencies),
            median=median(latencies),
            q1=quantile(latencies, 0.25),
            q3=quantile(latencies, 0.75),
        ),
        within_2s=rate(_count_at_most(latencies_ms, 2000), cues),
        within_5s=rate(_count_at_most(latencies_ms, 5000), cues),
        time_to_repair=RepairStats(n=len(repairs), median=median(repairs)),
        intensity=IntensityCounts(**fits),
        contingency=contingency,
    )


def _count_at_most(sorted_ms: Sequence[int], limit_ms: int) -> int:
    return bisect_right(sorted_ms, limit_ms)
