"""Responsiveness analysis (DESIGN §5, §12): pure functions from sessions to figures.

**Per contingency rule.** Every figure of DESIGN §5 — outcomes with episodes, latency,
repair, intensity fit, the per-type tables, the contingency table and Yule's Q — is
computed for each rule of the session's scheme (``scheme.rules``): the rule's antecedents
are its *cues* and its consequents its *responses*, windows come from
``rule.window_for``, fit from ``rule.fits``, and an episode ends at the next antecedent of
the same rule. A scheme that lists no rules has the default ``cue-response`` rule, which
gives exactly the figures observe always gave (``tests/analysis/test_old_figures.py``
compares 186 sessions byte for byte). Wherever one set of figures is asked for (the
session list, trends' ``sessions``, the coding screen's ``summary``), it is the **first**
rule's.

**Excluded periods** (``Session.excluded``) are left out of every denominator: a cue whose
outcome would depend on a moment inside one is ``not_codable`` (:mod:`.outcomes`),
contingency units overlapping one are not tabulated (:mod:`.contingency`), state times
are of the codable time (:mod:`.states`), and observer agreement leaves them out like
pauses (:mod:`.reliability`). What "inside" means: :mod:`.codable`.

The API, one line each:

- :func:`analyze_session` ``(session) -> SessionAnalysis`` — every rule (``rules``), the
  state groups' times (``states``) and the excluded periods (``excluded``); ``summary``,
  ``by_cue`` and ``cues`` are the first rule's;
- :func:`analyze_rule` ``(session, rule, lines=None) -> RuleAnalysis`` — one rule's
  ``summary``, ``by_cue`` (per antecedent, in the rule's order) and ``cues`` (each with
  the state it came in, given the ``lines`` of :func:`state_lines`);
- :func:`session_summary` ``(session) -> Summary`` — the first rule's summary alone;
- :func:`rule_summary` ``(session, rule) -> Summary``; :func:`rule_summaries`
  ``(session) -> dict[rule id, Summary]``;
- :func:`analyze_dyad` ``(sessions) -> DyadTrend`` — ``sessions``: each session's first
  rule, in start order; ``rules``: a :class:`RuleTrend` (id, label, points) per rule;
- :func:`live_status` ``(session, now) -> LiveStatus`` — the coding screen: the first
  rule's ``summary`` and ``open_cues``, every rule's in ``rules`` (:class:`LiveRule`), each
  state group's state now (``states``) and whether a not-codable period is open
  (``excluding``);
- :func:`state_lines` ``(session, until_ms=None) -> list[StateLine]`` — each state group
  as a step function; ``StateLine.at(t_ms)`` is the state at a moment;
  :func:`states_at` ``(lines, t_ms) -> dict[group id, state | None]``;
  :func:`group_times` ``(lines, excluded, duration_ms) -> dict[group id, GroupTime]``;
- :func:`excluded_of` ``(session, until_ms=None) -> Excluded`` — the excluded periods in
  ms: ``inside(t)``, ``horizon(t)``, ``unit_runs(units)``, ``seconds_within(end)``,
  ``spans()``;
- :func:`next_cues` ``(cues, excluded=()) -> list[CueResult | None]`` — where each cue's
  episode ends (pass ``analysis.excluded.periods``: a cue inside one is no one's next cue);
- :func:`index_figures` ``(session) -> dict`` — the few figures the session list shows;
- :func:`to_json` ``(result) -> dict`` — the documented ``--json`` structures.

Types (:mod:`.results`): :class:`SessionAnalysis`, :class:`RuleAnalysis`,
:class:`Summary` (``outcomes.not_codable``: cues left out of every figure, a key only
where there are some), :class:`CueResult` (``outcome`` may be ``"not_codable"``;
``states``: group id → state at the cue, a key only for schemes with state groups),
:class:`GroupTime` / :class:`StateTime`, :class:`ExcludedTime`, :class:`DyadTrend` /
:class:`RuleTrend` / :class:`TrendPoint`, :class:`LiveStatus` / :class:`LiveRule` /
:class:`OpenCue`. Observer agreement per actor: :mod:`.reliability` (``compare_sessions``;
``Reliability.actors``, ``per_actor``), actor keys in :mod:`.reliability_codings`.

A session's video (``Session.recording``): :mod:`.replay` (``video_position(session, t)``,
``offset_at`` for the sync key, ``linked_offset`` between two codings of one video, and
``replay_moments(session, analysis)``: the report's moments to revisit and the marks, each
a :class:`~.replay.ReplayMoment` with its loop in the video and caption); :mod:`.sync`
(``offset_from_coding(live, coded)``: a live session's offset from a coding of its video).

Definitions live in the module that computes them: :mod:`.timeline` (what is a cue, a
response, a window, per rule), :mod:`.outcomes`, :mod:`.summary`, :mod:`.stats`,
:mod:`.contingency`, :mod:`.codable`, :mod:`.states`, :mod:`.live`, :mod:`.trend`.

Rounding: none in the library or in the JSON. Times are compared in whole milliseconds (the
session clock's resolution), so latencies and repair times are exact millisecond values in
seconds; rates, quartiles, odds ratios and Q are the exact floats computed. Only the
readable summary (:mod:`.text`) rounds, for display.
"""

from observe.analysis.codable import Excluded, excluded_of
from observe.analysis.figures import index_figures
from observe.analysis.jsonout import to_json
from observe.analysis.live import MISSED_SHOWN_FOR, live_status
from observe.analysis.outcomes import next_cues
from observe.analysis.results import (
    Contingency,
    CueResult,
    DecidedCue,
    DyadTrend,
    ExcludedTime,
    GroupTime,
    IntensityCounts,
    LatencyStats,
    LiveRule,
    LiveStatus,
    OpenCue,
    Outcomes,
    RepairStats,
    RuleAnalysis,
    RuleTrend,
    SessionAnalysis,
    StateTime,
    Summary,
    TrendPoint,
)
from observe.analysis.session import (
    analyze_rule,
    analyze_session,
    rule_summaries,
    rule_summary,
    session_summary,
)
from observe.analysis.states import StateLine, group_times, state_lines, states_at
from observe.analysis.trend import analyze_dyad

__all__ = [
    "MISSED_SHOWN_FOR",
    "Contingency",
    "CueResult",
    "DecidedCue",
    "DyadTrend",
    "Excluded",
    "ExcludedTime",
    "GroupTime",
    "IntensityCounts",
    "LatencyStats",
    "LiveRule",
    "LiveStatus",
    "OpenCue",
    "Outcomes",
    "RepairStats",
    "RuleAnalysis",
    "RuleTrend",
    "SessionAnalysis",
    "StateLine",
    "StateTime",
    "Summary",
    "TrendPoint",
    "analyze_dyad",
    "analyze_rule",
    "analyze_session",
    "excluded_of",
    "group_times",
    "index_figures",
    "live_status",
    "next_cues",
    "rule_summaries",
    "rule_summary",
    "session_summary",
    "state_lines",
    "states_at",
    "to_json",
]
