"""The cue-level export of sessions whose schemes have rules of their own or state groups
(:mod:`observe.interchange.cues`): one row per antecedent of every rule, and columns saying
which rule, whose the antecedent and the answer are, and the state of each state group at
the antecedent.

The columns of the old cue table keep their names and meanings, read per rule: ``cue`` is
the rule's antecedent, ``first_response`` its consequent, ``response_window`` and
``next_cue_time`` the rule's own. The added columns follow them:

- ``rule``: the rule's id (``cue-response`` for a scheme's default rule);
- ``cue_actor`` / ``response_actor``: the actor ids of the antecedent and of the first
  response;
- ``state_<group>``: per state group of the sessions' schemes, the state that was on when
  the antecedent began (empty when none was).

An export of sessions of the old schemes only keeps the old table, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from observe.analysis import analyze_session
from observe.analysis.outcomes import next_cues
from observe.analysis.results import CueResult
from observe.analysis.timeline import to_milliseconds
from observe.interchange.codebook import Code, Column
from observe.model import Session
from observe.scheme import Scheme

RULE_COLUMNS = (
    Column(
        "rule",
        "text",
        "The id of the contingency rule the row is an antecedent of (cue-response: infant "
        "cues answered by the caregiver); its values are listed below.",
    ),
    Column("cue_actor", "text", "The id of the actor who showed the cue (the antecedent)."),
    Column(
        "response_actor",
        "text",
        "The id of the actor of the first response; empty if the cue was unanswered.",
    ),
)
NOT_CODABLE = Code(
    "not_codable",
    "a period the observer could not code cut the response window before any response: "
    "the cue is counted neither as answered nor as unanswered",
)


def has_rules(sessions: Sequence[Session]) -> bool:
    """Whether the cue table of ``sessions`` needs the rule columns."""
    return any(s.scheme.contingencies or s.scheme.state_groups for s in sessions)


def state_groups(sessions: Sequence[Session]) -> list[tuple[str, str]]:
    """(id, label) of every state group of the sessions' schemes, first seen first."""
    found: dict[str, str] = {}
    for session in sessions:
        for group in session.scheme.state_groups:
            found.setdefault(group.id, group.label)
    return list(found.items())


def rule_columns(sessions: Sequence[Session]) -> tuple[Column, ...]:
    """The columns added for ``sessions``: the rule, the actors, and a state per group."""
    states = tuple(
        Column(
            f"state_{group_id}",
            "text",
            f"The state of the group {label!r} that was on when the cue began; empty if none.",
        )
        for group_id, label in state_groups(sessions)
    )
    return (*RULE_COLUMNS, *states)


def _actor(scheme: Scheme, code: str | None) -> str | None:
    if code is None or scheme.code(code) is None:
        return None
    return scheme.actor_of(code).id


def cue_values(cue: CueResult, next_cue: CueResult | None, window: float) -> list[object]:
    """The old cue table's columns of one cue, after ``cue_number``."""
    answered = cue.latency is not None
    return [
        cue.code,
        cue.t,
        cue.intensity,
        window,
        cue.response,
        _sum(cue.t, cue.latency) if answered else None,
        cue.latency,
        cue.outcome,
        cue.repair_response,
        cue.time_to_repair,
        None if next_cue is None else next_cue.t,
        cue.intensity_fit,
    ]


def _sum(a: float, b: float | None) -> float:
    """``a + b`` on the millisecond clock, so 131.3 + 4.2 is 135.5, not 135.50000000000003."""
    return (to_milliseconds(a) + to_milliseconds(b or 0.0)) / 1000


def rule_cue_rows(
    session: Session, head: list[object], groups: list[tuple[str, str]]
) -> list[list[object]]:
    """The rows of one session: per rule, per antecedent, the old columns then the new."""
    scheme = session.scheme
    rules = {rule.id: rule for rule in scheme.rules}
    rows: list[list[object]] = []
    for found in analyze_session(session).rules:
        rule = rules[found.id]
        for number, (cue, next_cue) in enumerate(zip(found.cues, next_cues(found.cues)), 1):
            values = cue_values(cue, next_cue, rule.window_for(cue.code))
            extra = [rule.id, _actor(scheme, cue.code), _actor(scheme, cue.response)]
            extra += [cue.states.get(group_id) for group_id, _label in groups]
            rows.append([*head, number, *values, *extra])
    return rows


def rule_codes(sessions: Sequence[Session], schemes: Sequence[Scheme]) -> dict[str, list[Code]]:
    """The codebook's values of the rule columns, and of the cue and response columns
    (every rule's antecedents and consequents)."""
    rule_values: dict[str, Code] = {}
    antecedents: dict[tuple[str, str], Code] = {}
    consequents: dict[tuple[str, str], Code] = {}
    for scheme in schemes:
        name = f"{scheme.id} {scheme.version}"
        for rule in scheme.rules:
            rule_values.setdefault(
                rule.id,
                Code(
                    rule.id,
                    f"{rule.label}: window {rule.window:g} s, repair window "
                    f"{rule.repair_window:g} s.",
                    label=rule.label,
                    scheme=name,
                ),
            )
            for code in rule.antecedents:
                definition = scheme.code(code)
                if definition is None:
                    continue
                suits = ", ".join(rule.matches_for(code)) or "no response"
                said = f"Rule {rule.id}: suited by {suits}; window {rule.window_for(code):g} s."
                known = antecedents.get((name, code))
                if known is not None:  # an antecedent of several rules: one value, each rule
                    antecedents[(name, code)] = evolve(known, meaning=f"{known.meaning} {said}")
                    continue
                meaning = f"{definition.description} " if definition.description else ""
                antecedents[(name, code)] = Code(code, meaning + said, definition.label, name)
            for code in rule.consequents:
                definition = scheme.code(code)
                if definition is not None:
                    consequents.setdefault(
                        (name, code), Code(code, definition.description, definition.label, name)
                    )
    states = {
        f"state_{group_id}": [
            Code(code, "", scheme.code(code).label, f"{scheme.id} {scheme.version}")  # type: ignore[union-attr]
            for scheme in schemes
            for group in scheme.state_groups
            if group.id == group_id
            for code in group.codes
            if scheme.code(code) is not None
        ]
        for group_id, _label in state_groups(sessions)
    }
    return {
        "rule": list(rule_values.values()),
        "cue": list(antecedents.values()),
        "first_response": list(consequents.values()),
        "repair_response": list(consequents.values()),
        **states,
    }
