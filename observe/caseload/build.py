"""The caseload of an archive: its families and visitors on a given day, by the archive's
settings (``caseload.schedule``, ``caseload.reliability_every`` and the reliability
standards)."""

from __future__ import annotations

from datetime import date
from functools import cache

from observe.analysis.reliability import compare_sessions
from observe.analysis.reliability_results import thresholds_of
from observe.caseload.families import families
from observe.caseload.model import Caseload, Certifications
from observe.caseload.visitors import Agreement, AgreementOf, visitors
from observe.errors import ObserveError
from observe.schedule import parse_period, parse_schedule
from observe.scheme.problems import did_you_mean
from observe.store import Archive
from observe.store.settings import ArchiveSettings


class UnknownVisitor(ObserveError):
    """``--visitor`` names no observer of the archive's sessions."""


def build_caseload(
    archive: Archive,
    settings: ArchiveSettings,
    today: date,
    *,
    visitor: str | None = None,
    due_days: int | None = None,
    certifications: Certifications | None = None,
) -> Caseload:
    """The caseload on ``today``: every family (or ``visitor``'s, whose latest visit they
    coded; with ``due_days``, only those due within that many days or overdue) and every
    visitor (or ``visitor`` alone), with what the certification record says of them
    (``certifications``: :func:`observe.training.caseload_certifications` reads it)."""
    # A trainee's coding of a training pack is no visit of the family (observe.training).
    summaries = [s for s in archive.list_sessions() if s.training is None]
    schedule = parse_schedule(str(settings["caseload.schedule"]))
    every = parse_period(str(settings["caseload.reliability_every"]))
    found, problems = families(summaries, schedule, today)
    people = visitors(
        summaries,
        found,
        every,
        today,
        _agreement(archive, settings),
        certifications,
        thresholds_of(settings),
    )
    if visitor is not None:
        names = [v.name for v in people]
        if visitor not in names:
            listed = ", ".join(sorted(names)) or "none yet"
            raise UnknownVisitor(
                f"no session in the archive {archive.path} was coded by {visitor!r}"
                f"{did_you_mean(visitor, names)} (its visitors: {listed}); give a visitor "
                "code as `observe session list` shows it."
            )
        found = [f for f in found if f.visitor == visitor]
        people = [v for v in people if v.name == visitor]
    if due_days is not None:
        found = [f for f in found if f.due_in_days is not None and f.due_in_days <= due_days]
    return Caseload(
        today=today.isoformat(),
        schedule=schedule.text(),
        reliability_every=every.text(),
        families=tuple(found),
        visitors=tuple(people),
        problems=tuple(problems),
    )


def _agreement(archive: Archive, settings: ArchiveSettings) -> AgreementOf:
    thresholds = thresholds_of(settings)

    @cache
    def agreement(primary: str, second: str) -> Agreement:
        try:
            result = compare_sessions(
                archive.load(primary),
                archive.load(second),
                tolerance=float(settings["reliability.tolerance"]),
                time_unit=float(settings["reliability.time_unit"]),
                thresholds=thresholds,
            )
        except ObserveError as error:
            return Agreement(None, None, False, problem=str(error))
        return Agreement(result.percent_agreement, result.kappa, bool(result.flags))

    return agreement
