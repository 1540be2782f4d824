"""The visits table of sessions whose schemes have rules of their own or state groups
(:mod:`observe.interchange.visits`): columns added after the ratings.

The figures columns of the old table are the first rule's (for ``home-visit``: the infant's
cues answered by either parent), as ``observe analyze --json`` keeps its top-level keys.
After the ratings come, in this order:

- ``<rule>_not_codable`` for every rule, and for every rule after the first
  ``<rule>_cues``, ``<rule>_response_rate``, ``<rule>_match_rate``, ``<rule>_attuned_rate``,
  ``<rule>_repair_rate``, ``<rule>_latency_median`` and ``<rule>_yules_q`` (the rule's id
  with ``-`` written ``_``, so the names stay valid SPSS and Stata variable names);
- ``not_codable_periods``, ``not_codable_seconds`` and ``codable_seconds``;
- ``state_<group>_<state>``: per state of each state group, its share (0–1) of the
  codable time.

A session whose scheme lacks a rule or a group has those cells empty. An export of
sessions of the old schemes only keeps the old table, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.analysis.results import SessionAnalysis, Summary
from observe.interchange.codebook import Column
from observe.interchange.cues_rules import has_rules
from observe.model import Session

_FIGURES = (
    ("cues", "integer", "How many of the rule's antecedents (its cues) were coded."),
    ("response_rate", "number", "The rule's cues answered within their window, over its cues."),
    ("match_rate", "number", "The rule's cues whose first answer suited them, over its cues."),
    ("attuned_rate", "number", "The rule's cues met by a suitable answer, at once or repaired."),
    ("repair_rate", "number", "Repaired over (repaired + mismatched) of the rule's cues."),
    ("latency_median", "number", "Median seconds from the rule's cue to its first answer."),
    ("yules_q", "number", "Yule's Q of the rule's 1-s units, −1 to +1."),
)


def _name(rule_id: str) -> str:
    return rule_id.replace("-", "_")


def _rules(sessions: Sequence[Session]) -> list[tuple[str, str, bool]]:
    """(id, label, first) of every rule of the sessions' schemes, first seen first; first:
    the rule is the first of a scheme (its figures are the old columns)."""
    found: dict[str, tuple[str, bool]] = {}
    for session in sessions:
        for number, rule in enumerate(session.scheme.rules):
            label, first = found.get(rule.id, (rule.label, True))
            found[rule.id] = (label, first and number == 0)
    return [(rule_id, label, first) for rule_id, (label, first) in found.items()]


def _states(sessions: Sequence[Session]) -> list[tuple[str, str]]:
    """(group id, state code) of every state group's states, first seen first."""
    found: dict[tuple[str, str], None] = {}
    for session in sessions:
        for group in session.scheme.state_groups:
            found.update(dict.fromkeys((group.id, code) for code in group.codes))
    return list(found)


def rule_visit_columns(sessions: Sequence[Session]) -> tuple[Column, ...]:
    """The added columns (none for sessions of the old schemes only)."""
    if not has_rules(sessions):
        return ()
    columns: list[Column] = []
    for rule_id, label, first in _rules(sessions):
        columns.append(
            Column(
                f"{_name(rule_id)}_not_codable",
                "integer",
                f"{label}: cues whose window a period that could not be coded cut before any "
                "answer (counted neither as answered nor as unanswered).",
            )
        )
        if not first:
            columns += [
                Column(f"{_name(rule_id)}_{name}", kind, f"{label}: {meaning}")  # type: ignore[arg-type]
                for name, kind, meaning in _FIGURES
            ]
    columns += [
        Column("not_codable_periods", "integer", "Periods the observer could not code."),
        Column("not_codable_seconds", "number", "Seconds of the session that could not be coded."),
        Column("codable_seconds", "number", "The duration less the time that could not be coded."),
    ]
    columns += [
        Column(
            f"state_{group}_{code}",
            "number",
            f"Share (0–1) of the codable time the state {code!r} of the group {group!r} was on.",
        )
        for group, code in _states(sessions)
    ]
    return tuple(columns)


def _figures(summary: Summary) -> list[object]:
    return [
        summary.cues,
        summary.response_rate,
        summary.match_rate,
        summary.attuned_rate,
        summary.repair_rate,
        summary.latency.median,
        summary.contingency.yules_q,
    ]


def rule_visit_cells(
    sessions: Sequence[Session], session: Session, analysis: SessionAnalysis
) -> list[object]:
    """The added cells of one session's row, in :func:`rule_visit_columns` order."""
    by_id = {rule.id: rule for rule in analysis.rules}
    cells: list[object] = []
    for rule_id, _label, first in _rules(sessions):
        rule = by_id.get(rule_id)
        cells.append(None if rule is None else rule.summary.outcomes.not_codable)
        if not first:
            cells += [None] * len(_FIGURES) if rule is None else _figures(rule.summary)
    excluded = analysis.excluded
    cells += [len(excluded.periods), excluded.seconds, excluded.codable]
    for group, code in _states(sessions):
        found = analysis.states.get(group)
        state = None if found is None else found.states.get(code)
        cells.append(None if state is None else state.proportion)
    return cells
