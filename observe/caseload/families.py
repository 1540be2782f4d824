"""A caseload's families, from the archive's index alone (no session file is opened):
each family's counted visits, when it was last observed, when it is next due by the
archive's schedule, and the headline figures of its last three visits with their flags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from observe.caseload.flags import family_flags
from observe.caseload.model import Family, VisitFigures
from observe.schedule import Schedule
from observe.store import SessionSummary

RECENT = 3


def counts_for_family(summary: SessionSummary) -> bool:
    """Whether a session is one of its family's visits (DESIGN §6): a double-coded visit
    counts once, from its primary coding, so a second coding does not. (Training sessions
    never count towards a family either: their mark belongs in this one test.)"""
    visit = summary.coded_visit
    return visit is None or visit.primary == summary.id


def observed_on(summary: SessionSummary) -> date | None:
    """The calendar day a session started, on the clock it was recorded by (None: its
    start cannot be read)."""
    try:
        return datetime.fromisoformat(summary.started_at).date()
    except ValueError:
        return None


def visit_figures(summary: SessionSummary, day: date) -> VisitFigures:
    figures = summary.figures

    def rate(name: str) -> float | None:
        value = figures.get(name)
        return float(value) if isinstance(value, int | float) else None

    return VisitFigures(
        session=summary.id,
        date=day.isoformat(),
        visit=summary.visit,
        observer=summary.observer,
        cues=int(figures.get("cues") or 0),
        response_rate=rate("response_rate"),
        match_rate=rate("match_rate"),
        median_latency=rate("median_latency"),
    )


def families(
    summaries: Iterable[SessionSummary], schedule: Schedule, today: date
) -> tuple[list[Family], list[str]]:
    """Every family with a counted visit, soonest due first (overdue at the top; a family
    the schedule has no date for last), and a sentence per session left out."""
    by_dyad: dict[str, list[tuple[date, SessionSummary]]] = {}
    problems: list[str] = []
    for summary in summaries:
        if not counts_for_family(summary):
            continue
        day = observed_on(summary)
        if day is None:
            problems.append(
                f"session {summary.id[:8]} (dyad {summary.dyad}) is left out of the caseload: "
                f"its start {summary.started_at!r} is not a date; rebuild the index or "
                "re-import the session"
            )
            continue
        by_dyad.setdefault(summary.dyad, []).append((day, summary))
    found = [family(dyad, visits, schedule, today) for dyad, visits in by_dyad.items()]
    return sorted(found, key=due_order), problems


def family(
    dyad: str, visits: Sequence[tuple[date, SessionSummary]], schedule: Schedule, today: date
) -> Family:
    ordered = sorted(visits, key=lambda v: (v[0], v[1].started_at, v[1].id))
    first, last = ordered[0][0], ordered[-1][0]
    due = schedule.next_due(first, last)
    recent = tuple(visit_figures(s, day) for day, s in ordered[-RECENT:])
    due_in = (due - today).days if due is not None else None
    return Family(
        dyad=dyad,
        visits=len(ordered),
        first_observation=first.isoformat(),
        last_observation=last.isoformat(),
        visitor=ordered[-1][1].observer,
        next_due=due.isoformat() if due is not None else None,
        due_in_days=due_in,
        overdue=due_in is not None and due_in < 0,
        recent=recent,
        flags=family_flags(recent),
    )


def due_order(family: Family) -> tuple[int, str, str]:
    """Soonest due first; a family with no date due last; then by dyad code."""
    if family.next_due is None:
        return (1, "", family.dyad)
    return (0, family.next_due, family.dyad)
