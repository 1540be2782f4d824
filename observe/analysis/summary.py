"""The figures over a set of cues: a whole session, or one cue type (DESIGN §5), for one
rule (its antecedents are the cues, its consequents the responses).

Over ``n`` cues — the codable cues: a ``not_codable`` cue (:mod:`observe.analysis.outcomes`)
is in none of these figures, in no numerator and no denominator; how many there were is
``outcomes.not_codable`` (all rates are fractions of all n cues unless named otherwise):

- ``outcomes``: how many cues were matched, repaired, mismatched, unanswered (they sum to n),
  and how many more were not codable;
- ``response_rate`` = answered / n; ``match_rate`` = matched / n;
  ``attuned_rate`` = (matched + repaired) / n;
- ``repair_rate`` = repaired / (repaired + mismatched): of the cues whose first response
  did not fit, the share that the caregiver put right within the cue's episode (before the
  infant's next cue; see :mod:`observe.analysis.outcomes`);
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
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TypeVar

from observe.analysis.outcomes import Decided
from observe.analysis.results import (
    Contingency,
    IntensityCounts,
    LatencyStats,
    Outcomes,
    RepairStats,
    Summary,
)
from observe.analysis.stats import median, quantile, rate

T = TypeVar("T")


class InSeconds(Sequence[float]):
    """Sorted millisecond values read as seconds, converted only where a quantile looks."""

    def __init__(self, milliseconds: list[int]) -> None:
        self.milliseconds = milliseconds

    def __len__(self) -> int:
        return len(self.milliseconds)

    def __getitem__(self, index):  # type: ignore[override]
        return self.milliseconds[index] / 1000


def summarize(parts: Sequence[Decided], contingency: Contingency, outside: int = 0) -> Summary:
    """The figures over the cues of ``parts`` (one cue type's outcomes, or several);
    ``outside`` more cues lay inside an excluded period (not codable, not in ``parts``)."""
    outcomes = _joined(part.outcomes for part in parts)
    fits = _joined(part.fits for part in parts)
    latencies_ms = sorted([ms for ms in _joined(p.latencies_ms for p in parts) if ms is not None])
    repairs_ms = sorted([ms for ms in _joined(p.repairs_ms for p in parts) if ms is not None])
    not_codable = outcomes.count("not_codable")
    counts = Outcomes(
        matched=outcomes.count("matched"),
        repaired=outcomes.count("repaired"),
        mismatched=outcomes.count("mismatched"),
        unanswered=outcomes.count("unanswered"),
        not_codable=not_codable + outside,
    )
    cues = len(outcomes) - not_codable
    latencies = InSeconds(latencies_ms)
    repairs = InSeconds(repairs_ms)
    return Summary(
        cues=cues,
        outcomes=counts,
        response_rate=rate(cues - counts.unanswered, cues),
        match_rate=rate(counts.matched, cues),
        attuned_rate=rate(counts.matched + counts.repaired, cues),
        repair_rate=rate(counts.repaired, counts.repaired + counts.mismatched),
        latency=LatencyStats(
            n=len(latencies),
            median=median(latencies),
            q1=quantile(latencies, 0.25),
            q3=quantile(latencies, 0.75),
        ),
        within_2s=rate(bisect_right(latencies_ms, 2000), cues),
        within_5s=rate(bisect_right(latencies_ms, 5000), cues),
        time_to_repair=RepairStats(n=len(repairs), median=median(repairs)),
        intensity=IntensityCounts(
            matched=fits.count("matched"), under=fits.count("under"), over=fits.count("over")
        ),
        contingency=contingency,
    )


def _joined(columns: Iterable[list[T]]) -> list[T]:
    """One list of the entries of several columns (the same list if there is only one)."""
    columns = list(columns)
    if len(columns) == 1:
        return columns[0]
    return list(chain.from_iterable(columns))
