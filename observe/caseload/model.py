"""The caseload's shapes (the ``observe caseload --json`` structure): field names are its
keys, dates are ISO calendar dates (``2026-03-01``), a figure that cannot be computed is
``None`` (``null``), never 0."""

from __future__ import annotations

from datetime import date
from typing import Literal

from attrs import field, frozen

FlagKind = Literal["strength", "look", "note"]
#: What a visitor's reliability check was: a family visit they coded with another observer
#: (read from the index), or an entry of the certification record (:mod:`observe.training`):
#: an attempt at a training pack that counted (not practice), or a drift check.
CheckKind = Literal["double-coded visit", "certification attempt", "drift check"]


@frozen
class VisitFigures:
    """One counted visit's headline figures, as the archive's index holds them."""

    session: str
    date: str
    visit: str
    observer: str
    cues: int
    response_rate: float | None
    match_rate: float | None
    median_latency: float | None


@frozen
class Flag:
    """A sentence for the supervision meeting: a ``strength`` (what is going well), a
    ``look`` (what is worth a look, worded as a change, never as a label of the family) or
    a ``note`` (what the figures cannot say yet)."""

    kind: FlagKind
    text: str


@frozen
class Family:
    dyad: str
    #: Counted visits: a double-coded visit once (from its primary coding).
    visits: int
    first_observation: str
    last_observation: str
    #: The observer of the family's latest counted visit.
    visitor: str
    #: When the next observation is due by the archive's schedule (None: the schedule
    #: lists no date after the last one).
    next_due: str | None
    #: Days from the caseload's day to ``next_due`` (negative: overdue by that many).
    due_in_days: int | None
    overdue: bool
    #: The last (up to) three counted visits, oldest first.
    recent: tuple[VisitFigures, ...]
    flags: tuple[Flag, ...]


@frozen
class ReliabilityCheck:
    """The visitor's latest check: a double-coded visit they coded, with the two codings'
    agreement; or a certification attempt (``dyad`` is then the pack's name, ``primary`` the
    trainee's session, ``second`` empty, ``with_observer`` ``master``); or a drift check of
    the certification record (a double-coded visit as it was logged there)."""

    date: str
    dyad: str
    primary: str
    second: str
    #: The other observer of the visit.
    with_observer: str
    percent_agreement: float | None
    kappa: float | None
    #: Whether the agreement is below the archive's standard (its settings).
    below_standard: bool
    #: Why the agreement could not be computed (a damaged session file), else None.
    problem: str | None = None
    kind: CheckKind = "double-coded visit"


@frozen
class RecordedCheck:
    """A check the certification record holds for ``observer`` (the caseload's input from
    :mod:`observe.training`, which the caseload's layer does not import)."""

    observer: str
    kind: CheckKind
    day: date
    dyad: str  # the pack's name for an attempt
    primary: str
    second: str
    with_observer: str
    percent_agreement: float | None
    kappa: float | None
    #: An attempt: whether it passed its pack's criteria; a drift check: None (judged
    #: against the archive's standards).
    passed: bool | None


@frozen
class Certifications:
    """What the certification record says for the caseload's visitors."""

    checks: tuple[RecordedCheck, ...] = ()
    #: Each certified observer's last day of certification (run out or not).
    certified_until: dict[str, date] = field(factory=dict)


@frozen
class Visitor:
    name: str
    #: Families whose latest visit this visitor coded.
    families: int
    #: Sessions this visitor coded (second codings too).
    sessions: int
    last_check: ReliabilityCheck | None
    #: When the next reliability check is due: ``caseload.reliability_every`` after the last
    #: check, or the day the visitor's certification runs out where that comes sooner (the
    #: day itself where no check was ever made).
    next_check_due: str
    due_in_days: int
    overdue: bool
    #: The last day of the visitor's certification (the record's), None if never certified.
    certified_until: str | None = None


@frozen
class Caseload:
    today: str
    schedule: str
    reliability_every: str
    families: tuple[Family, ...]
    visitors: tuple[Visitor, ...]
    #: Sessions left out, one sentence each (a start that cannot be read as a date).
    problems: tuple[str, ...] = ()
