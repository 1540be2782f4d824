"""Analysis of one session: for each contingency rule, outcomes per cue, the summary and one
per cue type; the time in each state group; the excluded periods (DESIGN §5, §12).

Per rule (:mod:`observe.analysis.timeline`: the rule's antecedents are its cues, its
consequents its responses), ``by_cue`` holds an entry for every antecedent of the rule, in
the rule's order (for the default rule: every cue type of the scheme, in scheme order) —
also those never coded (0 cues, rates ``null``), so a per-cue-type table always has the same
rows for the same scheme. Within one cue type, contingency uses only that type's windows as
*given* and only responses fitting that type as *targets*.

A session's first rule (the default rule, for a scheme that lists none) gives the
analysis's own ``summary``, ``by_cue`` and ``cues``, exactly as before rules existed.

The session's ``duration`` bounds the contingency units and the state times; outcomes do
not depend on it.
"""

from __future__ import annotations

from observe.analysis.codable import Excluded, excluded_of
from observe.analysis.contingency import contingency, unit_count
from observe.analysis.outcomes import Decided, cue_results, decide_types
from observe.analysis.results import (
    Contingency,
    ExcludedTime,
    RuleAnalysis,
    SessionAnalysis,
    Summary,
)
from observe.analysis.states import StateLine, group_times, state_lines, states_at
from observe.analysis.summary import summarize
from observe.analysis.timeline import Timeline, build_timeline, to_milliseconds
from observe.model import Session
from observe.scheme import ContingencyRule


def analyze_session(session: Session) -> SessionAnalysis:
    """Every figure of DESIGN §5 for every rule of one session, its state groups' times and
    its excluded periods."""
    lines = state_lines(session)
    rules = tuple(analyze_rule(session, rule, lines) for rule in session.scheme.rules)
    first = rules[0]
    excluded = excluded_of(session)
    duration_ms = to_milliseconds(session.duration)
    return SessionAnalysis(
        session=session.id,
        duration=session.duration,
        summary=first.summary,
        by_cue=first.by_cue,
        cues=first.cues,
        rules=rules,
        states=group_times(lines, excluded, duration_ms),
        excluded=excluded_time(excluded, duration_ms),
    )


def analyze_rule(
    session: Session, rule: ContingencyRule, lines: list[StateLine] | None = None
) -> RuleAnalysis:
    """Every figure of DESIGN §5 for one rule of the session's scheme; ``lines`` (from
    :func:`~observe.analysis.states.state_lines`) give each cue the state it came in."""
    timeline = build_timeline(session, rule)
    decided = decide_types(timeline)
    summary, by_cue = summaries(timeline, decided)
    states = None
    if lines:
        states = [states_at(lines, to_milliseconds(e.t)) for e in timeline.cue_events]
    return RuleAnalysis(
        id=rule.id,
        label=rule.label,
        summary=summary,
        by_cue=by_cue,
        cues=cue_results(timeline, decided, states),
    )


def summaries(
    timeline: Timeline, decided: dict[str, Decided]
) -> tuple[Summary, dict[str, Summary]]:
    """The summary over all cues of the timeline and one per cue type of its rule."""
    outside = outside_by_type(timeline)
    left_out = excluded_units(timeline)
    summary = summarize(
        list(decided.values()), session_contingency(timeline, left_out), len(timeline.outside)
    )
    by_cue = {
        code: summarize(
            [decided[code]],
            contingency(
                cue_type.times,
                [cue_type.window_ms] * len(cue_type.times),
                cue_type.matching.times,
                timeline.duration_ms,
                cues=len(cue_type.times),
                excluded_units=left_out,
            ),
            outside.get(code, 0),
        )
        for code, cue_type in timeline.types.items()
    }
    return summary, by_cue


def session_contingency(
    timeline: Timeline, left_out: list[tuple[int, int]] | None = None
) -> Contingency:
    """The contingency table over every cue and response of the timeline."""
    return contingency(
        timeline.cue_times,
        timeline.cue_windows,
        timeline.responses.times,
        timeline.duration_ms,
        cues=len(timeline.cue_times),
        excluded_units=excluded_units(timeline) if left_out is None else left_out,
    )


def excluded_units(timeline: Timeline) -> list[tuple[int, int]]:
    """The runs of contingency units the timeline's excluded periods overlap."""
    if not timeline.excluded:
        return []
    return timeline.excluded.unit_runs(unit_count(timeline.duration_ms))


def outside_by_type(timeline: Timeline) -> dict[str, int]:
    """How many cues of each type lie inside an excluded period."""
    counts: dict[str, int] = {}
    for position in timeline.outside:
        code = timeline.cue_events[position].code
        counts[code] = counts.get(code, 0) + 1
    return counts


def excluded_time(excluded: Excluded, duration_ms: int) -> ExcludedTime:
    """The excluded periods in seconds (an open one ends at ``duration_ms``)."""
    seconds = excluded.seconds_within(max(duration_ms, 0))
    return ExcludedTime(
        periods=tuple((start / 1000, end / 1000) for start, end in excluded.spans()),
        seconds=seconds / 1000,
        codable=max(duration_ms - seconds, 0) / 1000,
    )


def session_summary(session: Session) -> Summary:
    """The summary of the session's first rule alone (no per-cue-type breakdown): for
    trends and the index."""
    return rule_summary(session, session.scheme.rules[0])


def rule_summary(session: Session, rule: ContingencyRule) -> Summary:
    """One rule's summary alone (no per-cue-type breakdown)."""
    timeline = build_timeline(session, rule)
    return summarize(
        list(decide_types(timeline).values()),
        session_contingency(timeline),
        len(timeline.outside),
    )


def rule_summaries(session: Session) -> dict[str, Summary]:
    """The summary of every rule of the session's scheme, by rule id, in the rules' order."""
    return {rule.id: rule_summary(session, rule) for rule in session.scheme.rules}
