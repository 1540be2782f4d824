"""Trends: the same figures per session for one dyad, ordered by start time (DESIGN §5).

Sessions are ordered by the moment they started (``started_at`` read as a point in time,
so visits recorded in different UTC offsets still sort correctly), then by id so the order
is the same on every run.

``sessions`` holds each session's first rule (the default rule for a scheme that lists
none), as trends always did; ``rules`` holds every rule of the sessions' schemes (by id, in
the order first met), each over the sessions whose scheme has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from attrs import evolve

from observe.analysis.results import DyadTrend, TrendPoint
from observe.analysis.session import session_summary
from observe.analysis.trend_rules import rule_trends
from observe.model import Session


def analyze_dyad(sessions: Iterable[Session]) -> DyadTrend:
    """One summary per session of one dyad, in started_at order."""
    ordered = sorted(sessions, key=_start_order)
    dyads = {session.dyad for session in ordered}
    if len(dyads) > 1:
        raise ValueError(f"a trend is for one dyad, got sessions of {sorted(dyads)}")
    trend = DyadTrend(
        dyad=ordered[0].dyad if ordered else "",
        sessions=tuple(
            TrendPoint(
                session=session.id,
                started_at=session.started_at,
                visit=session.visit,
                duration=session.duration,
                summary=session_summary(session),
            )
            for session in ordered
        ),
    )
    return evolve(trend, rules=rule_trends(trend, ordered))


def _start_order(session: Session) -> tuple[datetime, str, str]:
    try:
        started = datetime.fromisoformat(session.started_at)
    except ValueError:
        started = datetime.max
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return started, session.started_at, session.id
