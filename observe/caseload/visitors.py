"""A caseload's visitors (the observers who coded its sessions): how many families and
sessions each has, their last reliability check — the latest of a double-coded visit they
coded with another observer (with the two codings' agreement), a certification attempt that
counted and a drift check of the certification record — their certification's last day,
and when the next check is due: ``every`` after the last check, or the day the
certification runs out where that is sooner.

Which sessions are one visit's codings is read from the index (:mod:`observe.pairing`'s
marks); the agreement needs the two codings' events, so it is the one thing here that
opens session files: two per visitor, through the ``agreement`` function given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from attrs import frozen

from observe.analysis.reliability_results import Thresholds
from observe.caseload.families import counts_for_family, observed_on
from observe.caseload.model import Certifications, Family, RecordedCheck, ReliabilityCheck, Visitor
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
    certifications: Certifications | None = None,
    thresholds: Thresholds | None = None,
) -> list[Visitor]:
    """Every observer of the sessions, the one due a reliability check soonest first
    (``thresholds``: the standard a drift check's agreement is judged by)."""
    certifications = certifications or Certifications()
    thresholds = thresholds or Thresholds()
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
    recorded: dict[str, RecordedCheck] = {}
    for entry in certifications.checks:
        known = recorded.get(entry.observer)
        if known is None or (entry.day, entry.primary) > (known.day, known.primary):
            recorded[entry.observer] = entry
    for name in sessions:
        check, entry = latest.get(name), recorded.get(name)
        if entry is not None and (check is None or entry.day > check.day):
            day: date | None = entry.day
            shown = _recorded(entry, thresholds)
        elif check is not None:
            day, shown = check.day, _with_agreement(check, agreement)
        else:
            day, shown = None, None
        due = every.after(day) if day is not None else today
        until = certifications.certified_until.get(name)
        if until is not None and until < due:
            due = until
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
                certified_until=until.isoformat() if until is not None else None,
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


def _recorded(entry: RecordedCheck, thresholds: Thresholds) -> ReliabilityCheck:
    if entry.passed is not None:
        below = not entry.passed
    else:
        below = (
            entry.percent_agreement is not None
            and entry.percent_agreement < thresholds.percent_agreement
        ) or (entry.kappa is not None and entry.kappa < thresholds.kappa)
    return ReliabilityCheck(
        date=entry.day.isoformat(),
        dyad=entry.dyad,
        primary=entry.primary,
        second=entry.second,
        with_observer=entry.with_observer,
        percent_agreement=entry.percent_agreement,
        kappa=entry.kappa,
        below_standard=below,
        kind=entry.kind,
    )
