"""The shapes of analysis results (DESIGN §5, §12, the ``observe analyze --json`` structure).

Field names are the JSON keys. A rate or statistic that cannot be computed is ``None``
(``null`` in JSON), never 0 or NaN. Times are seconds.

The fields that came with contingency rules, state groups and excluded periods are of two
kinds. New sections of an analysis are always there (``SessionAnalysis.rules``, ``states``,
``excluded``; ``DyadTrend.rules``), so a reader can rely on them. New fields *inside* the
structures that were there before (``Outcomes.not_codable``, ``CueResult.states``) are left
out while they hold their default (no not-codable cue; a scheme without state groups), so
a summary or a cue of every session recorded before them has exactly the keys it had.
"""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen

from observe.convert import omit_while_default

Outcome = Literal["matched", "repaired", "mismatched", "unanswered", "not_codable"]
IntensityFit = Literal["matched", "under", "over"]


@frozen
class Outcomes:
    matched: int = 0
    repaired: int = 0
    mismatched: int = 0
    unanswered: int = 0
    #: Cues left out of every figure: their outcome fell partly in an excluded period
    #: (:mod:`observe.analysis.outcomes`); not among the summary's ``cues``.
    not_codable: int = 0


@frozen
class LatencyStats:
    n: int
    median: float | None
    q1: float | None
    q3: float | None


@frozen
class RepairStats:
    n: int
    median: float | None


@frozen
class IntensityCounts:
    matched: int = 0
    under: int = 0
    over: int = 0


@frozen
class Contingency:
    """2x2 table of 1-s units: [[given∧target, given∧¬target], [¬given∧target, ¬given∧¬target]]."""

    table: tuple[tuple[int, int], tuple[int, int]]
    odds_ratio: float | None
    yules_q: float | None


@frozen
class Summary:
    cues: int
    outcomes: Outcomes
    response_rate: float | None
    match_rate: float | None
    attuned_rate: float | None
    repair_rate: float | None
    latency: LatencyStats
    within_2s: float | None
    within_5s: float | None
    time_to_repair: RepairStats
    intensity: IntensityCounts
    contingency: Contingency


@frozen
class CueResult:
    """What happened after one cue."""

    t: float
    code: str
    outcome: Outcome
    latency: float | None  # answered cues only
    response: str | None  # code of the first response r1
    time_to_repair: float | None  # repaired cues only
    repair_response: str | None  # code of the repair; repaired cues only
    intensity: int | None  # the cue's own intensity, if coded
    intensity_fit: IntensityFit | None  # r1's intensity against the cue's, where both have one
    #: The state of each state group at the cue's onset (group id → state code, None: no
    #: state of the group on); empty for a scheme without state groups.
    states: dict[str, str | None] = field(factory=dict)


@frozen
class RuleAnalysis:
    """Every figure of DESIGN §5 for one contingency rule: its antecedents as the cues, its
    consequents as the responses (:mod:`observe.analysis.timeline`)."""

    id: str
    label: str
    summary: Summary
    by_cue: dict[str, Summary]  # per antecedent type, in the rule's order
    cues: tuple[CueResult, ...]  # every antecedent, in onset order


@frozen
class StateTime:
    """How long a state was on, in codable time, and its share of the codable time."""

    seconds: float
    proportion: float | None  # None: no codable time


@frozen
class GroupTime:
    """A state group's states over the session (:mod:`observe.analysis.states`)."""

    label: str
    exclusive: bool
    exhaustive: bool
    codable: float  # seconds of codable time the proportions are of
    states: dict[str, StateTime]  # every state of the group, in the group's order
    no_state: StateTime  # codable time when no state of the group was on
    overlaps: int  # starts that ended another state of an exclusive group left on


@frozen
class ExcludedTime:
    """The session's excluded (not-codable) periods and what is left to code."""

    periods: tuple[tuple[float, float], ...]  # (start, end), s; an open one ends at the end
    seconds: float  # excluded time within the session
    codable: float  # the duration minus the excluded time


@frozen
class SessionAnalysis:
    """One session. ``summary``, ``by_cue`` and ``cues`` are those of the first rule (the
    default rule for a scheme that lists none): what they always were. ``rules`` has every
    rule, the first included."""

    session: str  # full session id
    duration: float
    summary: Summary
    by_cue: dict[str, Summary]
    cues: tuple[CueResult, ...]
    rules: tuple[RuleAnalysis, ...]
    states: dict[str, GroupTime]  # per state group of the scheme, in its order
    excluded: ExcludedTime

    def rule(self, rule_id: str) -> RuleAnalysis | None:
        return next((r for r in self.rules if r.id == rule_id), None)


@frozen
class TrendPoint:
    """One visit of a dyad, for trends: the session that counts for it (a double-coded
    visit's primary coding) and the ids of its second codings, which do not count."""

    session: str
    started_at: str
    visit: str
    duration: float
    summary: Summary
    second_codings: tuple[str, ...] = ()


@frozen
class RuleTrend:
    """One rule's figures over a dyad's sessions (those whose scheme has the rule)."""

    id: str
    label: str
    sessions: tuple[TrendPoint, ...]


@frozen
class DyadTrend:
    dyad: str
    sessions: tuple[TrendPoint, ...]  # ordered by started_at, one per visit; its first rule
    rules: tuple[RuleTrend, ...] = ()  # every rule of the sessions' schemes, first seen first


# -- live coding (the coding screen) -----------------------------------------------------

OpenCueState = Literal["open", "missed"]


@frozen
class OpenCue:
    """A cue the coding screen shows: still waiting for a response, or just missed.

    ``state`` is ``"open"`` while the cue is unanswered and its window has not closed
    (``remaining`` = seconds left), ``"missed"`` for a few seconds after the window closed
    with no response (``remaining`` = 0).
    """

    event_id: str
    code: str
    t: float
    window: float
    remaining: float
    state: OpenCueState


@frozen
class DecidedCue:
    """A cue whose outcome is decided at the moment asked, for the coding screen: answered
    (matched, repaired, or mismatched until a repair comes), or unanswered once its window
    has closed (missed). ``result`` is the cue's :class:`CueResult` as of that moment."""

    event_id: str
    result: CueResult


@frozen
class LiveRule:
    """The running figures of one rule (:mod:`observe.analysis.live`)."""

    id: str
    label: str
    summary: Summary
    open_cues: tuple[OpenCue, ...]
    #: The rule's latest cues whose outcome is decided (as :attr:`LiveStatus.decided`).
    decided: tuple[DecidedCue, ...] = ()


@frozen
class LiveStatus:
    summary: Summary  # the first rule's, over the cues whose outcome is already decided
    open_cues: tuple[OpenCue, ...]  # the first rule's, in onset order
    rules: tuple[LiveRule, ...] = ()  # every rule, the first included
    states: dict[str, str | None] = field(factory=dict)  # each state group's state now
    excluding: bool = False  # an excluded (not-codable) period is open now
    #: The first rule's latest cues whose outcome is decided (the last ``RECENT_CUES`` at
    #: most), in onset order: what the coding screen's recent events say about each cue.
    decided: tuple[DecidedCue, ...] = ()


omit_while_default(Outcomes, "not_codable")
omit_while_default(CueResult, "states")
