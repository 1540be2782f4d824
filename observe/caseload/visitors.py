"""A caseload's visitors (the observers who coded its sessions): how many families and
sessions each has, their last reliability check — the latest double-coded visit they coded
with another observer, and the two codings' agreement — and when the next is due.

Which sessions are one visit's codings is read from the index (:mod:`observe.pairing`'s
marks); the agreement needs the two codings' events, so it is the one thing here that
opens session files: two per visitor, through the ``agreement`` function given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from attrs import frozen

from observe.caseload.families import counts_for_family, observed_on
from observe.caseload.model import Family, ReliabilityCheck, Visitor
from observe.pairing import CodedVisit
from observe.schedule import Period
from observe.store import SessionSummary


@frozen
class Agreement:
    percent_agreement: float | None
    kappa: float | None
    below_standard: bool
    problem: str | None = None


#: The agreement of a visit's two codings (primary id, other coding's id).
AgreementOf = Callable[[str, str], Agreement]


@frozen
class _Check:
    day: date
    dyad: str
    primary: str
    second: str
    with_observer: str


def visitors(
    summaries: Sequence[SessionSummary],
    families: Iterable[Family],
    every: Period,
    today: date,
    agreement: AgreementOf,
) -> list[Visitor]:
    """Every observer of the sessions, the one due a reliability check soonest first."""
    by_id = {s.id: s for s in summaries}
    sessions: dict[str, int] = {}
    for summary in summaries:
        if summary.observer:
            sessions[summary.observer] = sessions.get(summary.observer, 0) + 1
    caring: dict[str, int] = {}
    for family in families:
        caring[family.visitor] = caring.get(family.visitor, 0) + 1
    latest = _latest_checks(summaries, by_id)
    found = []
    for name in sessions:
        check = latest.get(name)
        shown = _with_agreement(check, agreement) if check is not None else None
        due = every.after(check.day) if check is not None else today
        due_in = (due - today).days
        found.append(
            Visitor(
                name=name,
                families=caring.get(name, 0),
                sessions=sessions[name],
                last_check=shown,
                next_check_due=due.isoformat(),
                due_in_days=due_in,
                overdue=due_in < 0,
            )
        )
    return sorted(found, key=lambda v: (v.next_check_due, v.name))


def _latest_checks(
    summaries: Sequence[SessionSummary], by_id: dict[str, SessionSummary]
) -> dict[str, _Check]:
    """Each observer's latest double-coded visit shared with another observer."""
    visits: dict[str, CodedVisit] = {}
    for summary in summaries:
        if summary.coded_visit is not None and counts_for_family(summary):
            visits[summary.id] = summary.coded_visit
    latest: dict[str, _Check] = {}
    for primary_id, visit in visits.items():
        primary = by_id[primary_id]
        day = observed_on(primary)
        if day is None:
            continue
        codings = [by_id[c] for c in visit.codings if c in by_id]
        for coding in codings:
            name = coding.observer
            partner = _partner(codings, coding)
            if not name or partner is None:
                continue
            one, other = (primary, partner) if coding is primary else (primary, coding)
            with_observer = partner.observer
            check = _Check(day, primary.dyad, one.id, other.id, with_observer)
            known = latest.get(name)
            if known is None or (check.day, check.primary) > (known.day, known.primary):
                latest[name] = check
    return latest


def _partner(codings: Sequence[SessionSummary], coding: SessionSummary) -> SessionSummary | None:
    """The coding to compare ``coding`` with: the primary, or for the primary's own
    observer the first coding by someone else."""
    primary = codings[0]
    if coding is not primary:
        return primary if primary.observer != coding.observer else None
    return next((c for c in codings[1:] if c.observer != coding.observer), None)


def _with_agreement(check: _Check, agreement: AgreementOf) -> ReliabilityCheck:
    found = agreement(check.primary, check.second)
    return ReliabilityCheck(
        date=check.day.isoformat(),
        dyad=check.dyad,
        primary=check.primary,
        second=check.second,
        with_observer=check.with_observer,
        percent_agreement=found.percent_agreement,
        kappa=found.kappa,
        below_standard=found.below_standard,
        problem=found.problem,
    )
