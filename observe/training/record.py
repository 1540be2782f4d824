"""The certification record: what each observer did, and what it adds up to (DESIGN §11).

The record is a set of entries, each a fact that never changes once written:

- :class:`Attempt`: a trainee's coding of a pack, scored — its figures, pass or not, and
  whether it was *practice* (coded against a video that is not the pack's recording, or
  asked for as practice): practice never counts towards a certificate;
- :class:`DriftCheck`: a family visit two observers coded (a double-coded visit,
  :mod:`observe.pairing`), logged with the agreement of the two codings.

Every entry has an id, so the union of two laptops' records is the same whichever is
merged into which, and merging one twice adds nothing.

What the entries add up to, for one observer (:func:`standing`), counting attempts that
are not practice, in time order:

- the *consecutive-pass count*: passes since the last failure;
- *certified* at the attempt with which that count reaches its pack's ``consecutive``;
  each later pass of an unbroken run renews the certificate. It lasts ``valid_months``
  from the latest such pass (*until*); *since* is where the certificate began, kept while
  renewals come before it runs out;
- *due*: what the observer needs next (passes to certify or recertify; a drift check
  when none was logged in the last :data:`DRIFT_MONTHS` months of certification).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, datetime

from attrs import frozen

#: A certified observer's coding is checked against another's this often (months).
DRIFT_MONTHS = 2


@frozen
class Attempt:
    id: str
    observer: str
    at: str  # ISO 8601 wall clock with offset: when it was submitted
    pack: str  # the pack's digest
    pack_name: str
    session: str  # the trainee's session id
    passed: bool
    practice: bool
    agreement: float | None
    kappa: float | None
    consecutive: int  # the pack's criteria: passes in a row that certify
    valid_months: int  # and how long a certificate lasts
    practice_reason: str | None = None


@frozen
class DriftCheck:
    id: str
    at: str  # when the visit was coded (the primary's start)
    logged_at: str
    dyad: str
    primary: str  # session ids of the visit's two codings
    second: str
    observers: tuple[str, str]  # the primary's observer, the second coding's
    agreement: float | None
    kappa: float | None


Entry = Attempt | DriftCheck


@frozen
class Standing:
    """One observer's record, summed up."""

    observer: str
    attempts: int  # not practice
    passes: int
    practice: int
    consecutive: int  # passes since the last failure
    certified_since: date | None
    certified_until: date | None
    drift_checks: tuple[DriftCheck, ...]
    due: tuple[str, ...]

    def certified_on(self, day: date) -> bool:
        return (
            self.certified_since is not None
            and self.certified_until is not None
            and self.certified_since <= day <= self.certified_until
        )


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later (the 31st becomes the month's last day where it has none)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def observers(entries: Iterable[Entry]) -> list[str]:
    """Every observer the record names, sorted."""
    names: set[str] = set()
    for entry in entries:
        if isinstance(entry, Attempt):
            names.add(entry.observer)
        else:
            names.update(entry.observers)
    return sorted(name for name in names if name)


def standing(entries: Iterable[Entry], observer: str, today: date) -> Standing:
    """What ``entries`` add up to for ``observer`` on ``today`` (see the module)."""
    entries = list(entries)
    attempts = sorted(
        (e for e in entries if isinstance(e, Attempt) and e.observer == observer),
        key=lambda e: (moment(e.at), e.id),
    )
    drift = tuple(
        sorted(
            (e for e in entries if isinstance(e, DriftCheck) and observer in e.observers),
            key=lambda e: (moment(e.at), e.id),
        )
    )
    counted = [a for a in attempts if not a.practice]
    run = 0
    since: date | None = None
    until: date | None = None
    needed = counted[-1].consecutive if counted else None
    for attempt in counted:
        run = run + 1 if attempt.passed else 0
        day = moment(attempt.at).date()
        if attempt.passed and run >= attempt.consecutive:
            if since is None or until is None or day > until:
                since = day
            until = add_months(day, attempt.valid_months)
    due = _due(run, needed, since, until, drift, today)
    return Standing(
        observer=observer,
        attempts=len(counted),
        passes=sum(a.passed for a in counted),
        practice=len(attempts) - len(counted),
        consecutive=run,
        certified_since=since,
        certified_until=until,
        drift_checks=drift,
        due=due,
    )


def _due(
    run: int,
    needed: int | None,
    since: date | None,
    until: date | None,
    drift: tuple[DriftCheck, ...],
    today: date,
) -> tuple[str, ...]:
    if needed is None:
        return ("code a training pack (observe train PACK) to begin certification",)
    more = max(needed - run, 1)
    passes = f"{more} more passing attempt{'s' if more != 1 else ''} in a row"
    if since is None or until is None:
        return (f"{passes} to be certified",)
    if today > until:
        return (f"certification ran out on {until.isoformat()}: {passes} to recertify",)
    due = [f"recertify by {until.isoformat()}"]
    last = max((moment(d.at).date() for d in drift), default=since)
    if add_months(max(last, since), DRIFT_MONTHS) <= today:
        due.append(
            f"a drift check (a visit double-coded with another observer): none since "
            f"{max(last, since).isoformat()}"
        )
    return tuple(due)
