"""A dyad's trend per contingency rule (DESIGN §5, §12): every rule of the sessions'
schemes, by id in the order first met, each over the trend's points whose session has it.
A point's own summary is its session's first rule, so that rule reuses it."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import evolve

from observe.analysis.results import DyadTrend, RuleTrend, TrendPoint
from observe.analysis.session import rule_summary
from observe.model import Session


def rule_trends(trend: DyadTrend, sessions: Iterable[Session]) -> tuple[RuleTrend, ...]:
    """Every rule of the trend's sessions, over the points of ``trend`` (so a trend that
    counts a visit once counts it once per rule too)."""
    by_id = {session.id: session for session in sessions}
    labels: dict[str, str] = {}
    points: dict[str, list[TrendPoint]] = {}
    for point in trend.sessions:
        session = by_id[point.session]
        for number, rule in enumerate(session.scheme.rules):
            labels.setdefault(rule.id, rule.label)
            summary = point.summary if number == 0 else rule_summary(session, rule)
            points.setdefault(rule.id, []).append(evolve(point, summary=summary))
    return tuple(
        RuleTrend(id=rule_id, label=label, sessions=tuple(points[rule_id]))
        for rule_id, label in labels.items()
    )
