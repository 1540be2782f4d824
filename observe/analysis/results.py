"""The shapes of analysis results (DESIGN §5, the ``observe analyze --json`` structure).

Field names are the JSON keys. A rate or statistic that cannot be computed is ``None``
(``null`` in JSON), never 0 or NaN. Times are seconds.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

Outcome = Literal["matched", "repaired", "mismatched", "unanswered"]
IntensityFit = Literal["matched", "under", "over"]


@frozen
class Outcomes:
    matched: int = 0
    repaired: int = 0
    mismatched: int = 0
    unanswered: int = 0


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


@frozen
class SessionAnalysis:
    session: str  # full session id
    duration: float
    summary: Summary
    by_cue: dict[str, Summary]
    cues: tuple[CueResult, ...]


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
class DyadTrend:
    dyad: str
    sessions: tuple[TrendPoint, ...]  # ordered by started_at, one per visit


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
class LiveStatus:
    summary: Summary  # over the cues whose outcome is already decided
    open_cues: tuple[OpenCue, ...]  # in onset order
