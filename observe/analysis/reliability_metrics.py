"""Would both observers' session reports say the same? (DESIGN §6)

Each coding is analysed on its own (DESIGN §5) and the key figures are set side by side,
with the difference B minus A.
"""

from __future__ import annotations

from observe import display
from observe.analysis.reliability_results import ObserverMetrics, SideBySide
from observe.analysis.results import Summary
from observe.model import Session


def side_by_side(session_a: Session, session_b: Session) -> SideBySide:
    from observe.analysis.session import analyze_session

    a, b = (_metrics(analyze_session(s).summary) for s in (session_a, session_b))
    return SideBySide(
        a=a,
        b=b,
        difference=ObserverMetrics(
            cues=b.cues - a.cues,
            response_rate=_minus(b.response_rate, a.response_rate),
            match_rate=_minus(b.match_rate, a.match_rate),
            attuned_rate=_minus(b.attuned_rate, a.attuned_rate),
            median_latency=_minus(b.median_latency, a.median_latency),
        ),
    )


def _metrics(summary: Summary) -> ObserverMetrics:
    return ObserverMetrics(
        cues=summary.cues,
        response_rate=summary.response_rate,
        match_rate=summary.match_rate,
        attuned_rate=summary.attuned_rate,
        median_latency=summary.latency.median,
    )


def _minus(b: float | None, a: float | None) -> float | None:
    return None if a is None or b is None else b - a


RATE_DIFFERENCE = 0.10
LATENCY_DIFFERENCE = 1.0


def report_differences(metrics: SideBySide) -> list[str]:
    """Where the two observers' session reports would tell a clinician different things:
    a rate 10 percentage points or more apart, or median latencies 1 s or more apart."""
    a, b = metrics.a, metrics.b
    found = []
    for name, first, second in (
        ("response rate", a.response_rate, b.response_rate),
        ("match rate", a.match_rate, b.match_rate),
        ("attuned rate", a.attuned_rate, b.attuned_rate),
    ):
        if first is not None and second is not None and abs(second - first) >= RATE_DIFFERENCE:
            found.append(
                f"{name}: {display.percent(first)} (A) against {display.percent(second)} (B)"
            )
        elif (first is None) != (second is None):
            found.append(f"{name}: only one observer's coding gives a figure")
    first, second = a.median_latency, b.median_latency
    if first is not None and second is not None and abs(second - first) >= LATENCY_DIFFERENCE:
        found.append(f"median latency: {first:.1f} s (A) against {second:.1f} s (B)")
    return found
