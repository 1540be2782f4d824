"""What the certification record tells a caseload (:mod:`observe.caseload`): each observer's
attempts that counted and drift checks, as reliability checks, and the last day of each
certified observer's certificate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from observe.caseload.model import Certifications, RecordedCheck
from observe.training.record import Attempt, moment, observers, standing
from observe.training.record_file import read_record


def caseload_certifications(archive_dir: Path, today: date) -> Certifications:
    """The record of the archive at ``archive_dir``, as the caseload reads it on ``today``
    (practice attempts are no check)."""
    entries = read_record(archive_dir)
    checks: list[RecordedCheck] = []
    for entry in entries:
        if isinstance(entry, Attempt):
            if entry.practice:
                continue
            checks.append(
                RecordedCheck(
                    observer=entry.observer,
                    kind="certification attempt",
                    day=moment(entry.at).date(),
                    dyad=entry.pack_name,
                    primary=entry.session,
                    second="",
                    with_observer="master",
                    percent_agreement=entry.agreement,
                    kappa=entry.kappa,
                    passed=entry.passed,
                )
            )
            continue
        for name, other in (entry.observers, entry.observers[::-1]):
            checks.append(
                RecordedCheck(
                    observer=name,
                    kind="drift check",
                    day=moment(entry.at).date(),
                    dyad=entry.dyad,
                    primary=entry.primary,
                    second=entry.second,
                    with_observer=other,
                    percent_agreement=entry.agreement,
                    kappa=entry.kappa,
                    passed=None,
                )
            )
    until = {}
    for name in observers(entries):
        last = standing(entries, name, today).certified_until
        if last is not None:
            until[name] = last
    return Certifications(checks=tuple(checks), certified_until=until)
