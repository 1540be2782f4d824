"""Trends: the same figures per visit for one dyad, ordered by start time (DESIGN §5, §6).

Sessions are ordered by the moment they started (``started_at`` read as a point in time,
so visits recorded in different UTC offsets still sort correctly), then by id so the order
is the same on every run. A visit two observers coded counts once, from its primary coding
(:mod:`observe.pairing`): its point names the second codings it stands for.

``sessions`` holds each counted session's first rule (the default rule for a scheme that
lists none), as trends always did; ``rules`` holds every rule of the sessions' schemes (by
id, in the order first met), each over the counted sessions whose scheme has it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from attrs import evolve

from observe.analysis.results import DyadTrend, TrendPoint
from observe.analysis.session import session_summary
from observe.analysis.trend_rules import rule_trends
from observe.model import Session
from observe.pairing import pairing


def analyze_dyad(sessions: Iterable[Session]) -> DyadTrend:
    """One summary per visit of one dyad (each double-coded visit once, from its primary
    coding), in started_at order; a trainee's coding of a training pack is no visit."""
    ordered = sorted((s for s in sessions if s.training is None), key=start_order)
    dyads = {session.dyad for session in ordered}
    if len(dyads) > 1:
        raise ValueError(f"a trend is for one dyad, got sessions of {sorted(dyads)}")
    visits = pairing(ordered)
    points = []
    for session in visits.counted(ordered):
        visit = visits.visit(session.id)
        points.append(
            TrendPoint(
                session=session.id,
                started_at=session.started_at,
                visit=session.visit,
                duration=session.duration,
                summary=session_summary(session),
                second_codings=visit.second_codings if visit is not None else (),
            )
        )
    trend = DyadTrend(dyad=ordered[0].dyad if ordered else "", sessions=tuple(points))
    return evolve(trend, rules=rule_trends(trend, ordered))


def start_order(session: Session) -> tuple[datetime, str, str]:
    """A session's place in time order: its start as a moment, then its text and id."""
    try:
        started = datetime.fromisoformat(session.started_at)
    except ValueError:
        started = datetime.max
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    return started, session.started_at, session.id
