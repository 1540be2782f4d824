"""The page ``observe scheme show`` prints: what a visitor codes, with which key, and what
the figures of a session of the scheme measure.

Sections, each only when the scheme has something to say in it: the actors (a scheme that
lists them), the infant cues and caregiver responses by group, the contingency rules with
their windows and fit, the state groups, and the end-of-session ratings with their
anchors. Everything fits an 80-column terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from observe.scheme import DEFAULT_ACTORS, ContingencyRule, Cue, Response, Scheme, StateGroup

#: Text is wrapped to fit an 80-column terminal.
WIDTH = 79
#: Where the lines under a code, a rule or a group start.
INDENT = " " * 7


def describe_scheme(scheme: Scheme) -> str:
    """A readable page about a scheme (see the module's docstring)."""
    out: list[str] = [f"{scheme.name}  ({scheme.id}, version {scheme.version})"]
    if scheme.description:
        out += textwrap.wrap(scheme.description, width=WIDTH)
    intensity = (
        f"intensity 1-{scheme.intensity_levels} (digit after a code)"
        if scheme.intensity_levels
        else "no intensity coding"
    )
    out += [
        "",
        f"Response window {_seconds(scheme.response_window)} · repair window "
        f"{_seconds(scheme.repair_window)} · {intensity}",
    ]
    actors_listed = scheme.actors != DEFAULT_ACTORS
    if actors_listed:
        out += ["", "WHO IS CODED"]
        for actor in scheme.actors:
            infant = "; the infant" if actor.infant else ""
            count = len(scheme.codes_of(actor.id))
            out.append(f"    {actor.label}  [{actor.id}{infant}; {count} codes]")
            out += _wrapped(actor.description)
    out += _codes_section(scheme, actors_listed)
    out += _rules_section(scheme)
    if scheme.state_groups:
        out += ["", "STATE GROUPS"]
        for group in scheme.state_groups:
            out += _state_group(group)
    if scheme.ratings:
        out += ["", "RATINGS AT THE END OF A SESSION"]
        for rating in scheme.ratings:
            out.append(f"    {rating.label}  [{rating.id}; {rating.min}-{rating.max}]")
            out += _wrapped(rating.description)
            for point, text in rating.anchors.items():
                out += textwrap.wrap(
                    f"{point:>2}  {text}",
                    width=WIDTH,
                    initial_indent=INDENT,
                    subsequent_indent=INDENT + " " * 4,
                )
    return "\n".join(out)


def _codes_section(scheme: Scheme, actors_listed: bool) -> list[str]:
    rules_listed = bool(scheme.contingencies)
    out = ["", "INFANT CUES"]
    answered_by: dict[str, list[str]] = {}
    for cue in scheme.cues:
        for response_id in cue.matches:
            answered_by.setdefault(response_id, []).append(cue.id)
    for group, codes in _grouped(scheme.cues):
        out.append(f"  {group}")
        for cue in codes:
            facts = [cue.id]
            if actors_listed:
                facts.append(scheme.actor_of(cue.id).id)
            if not rules_listed:  # with rules, each rule says its windows
                facts.append(f"window {_seconds(scheme.window_for(cue.id))}")
            out.append(f"    {cue.key}  {cue.label}  [{'; '.join(facts)}]")
            out += _state_line(scheme, cue)
            if cue.matches:
                out.append(f"{INDENT}answered by: {', '.join(cue.matches)}")
            out += _wrapped(cue.description)
    out += ["", "CAREGIVER RESPONSES"]
    for group, codes in _grouped(scheme.responses):
        out.append(f"  {group}")
        for response in codes:
            facts = [response.id]
            if actors_listed:
                facts.append(scheme.actor_of(response.id).id)
            out.append(f"    {response.key}  {response.label}  [{'; '.join(facts)}]")
            out += _state_line(scheme, response)
            cues = answered_by.get(response.id)
            out.append(f"{INDENT}answers: {', '.join(cues)}" if cues else f"{INDENT}answers no cue")
            out += _wrapped(response.description)
    return out


def _state_line(scheme: Scheme, code: Cue | Response) -> list[str]:
    if code.kind != "state":
        return []
    group = scheme.state_group_of(code.id)
    if group is not None and group.exclusive:
        return [f"{INDENT}a state of {group.label}: its key starts it and stops the one before"]
    return [f"{INDENT}a state: its key starts it, the next press stops it"]


def _rules_section(scheme: Scheme) -> list[str]:
    out = ["", "WHAT THE FIGURES MEASURE (contingency rules)"]
    for rule in scheme.rules:
        out.append(f"  {rule.label}  [{rule.id}]")
        if rule.default:
            out += _wrapped(
                "Every infant cue, answered by any caregiver response within the cue's "
                'window; a fitting response is one the cue\'s "answered by" lists; a miss '
                f"is repaired within {_seconds(rule.repair_window)}"
            )
            continue
        out += _wrapped(rule.description)
        out += _wrapped(f"when: {', '.join(rule.antecedents)}")
        out += _wrapped(f"look for: {', '.join(rule.consequents)}")
        own = [f"{code} {_seconds(seconds)}" for code, seconds in rule.windows.items()]
        others = f" ({', '.join(own)})" if own else ""
        out += _wrapped(
            f"within {_seconds(rule.window)}{others}; a miss is repaired within "
            f"{_seconds(rule.repair_window)}"
        )
        out += _fit_lines(rule)
    return out


def _fit_lines(rule: ContingencyRule) -> list[str]:
    """Which consequents fit which antecedent; antecedents that share a list share a line."""
    if all(rule.matches_for(a) == rule.consequents for a in rule.antecedents):
        return [f"{INDENT}fitting: every one of them"]
    by_fit: dict[tuple[str, ...], list[str]] = {}
    for antecedent in rule.antecedents:
        by_fit.setdefault(rule.matches_for(antecedent), []).append(antecedent)
    out = [f"{INDENT}fitting:"]
    for fit, antecedents in by_fit.items():
        answer = ", ".join(fit) if fit else "nothing"
        out += textwrap.wrap(
            f"{', '.join(antecedents)} → {answer}",
            width=WIDTH,
            initial_indent=INDENT + "  ",
            subsequent_indent=INDENT + "    ",
        )
    return out


def _state_group(group: StateGroup) -> list[str]:
    facts = [group.id, "exclusive" if group.exclusive else "not exclusive"]
    if group.exhaustive:
        facts.append("exhaustive")
    if group.initial is not None:
        facts.append(f"starts in {group.initial}")
    out = [f"    {group.label}  [{'; '.join(facts)}]"]
    out += _wrapped(", ".join(group.codes))
    out += _wrapped(group.description)
    return out


def _grouped(codes: Iterable[Cue | Response]) -> list[tuple[str, list]]:
    """Codes by group, groups in order of first appearance (as the file lists them)."""
    groups: dict[str, list] = {}
    for code in codes:
        groups.setdefault(code.group or "Other", []).append(code)
    return list(groups.items())


def _wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=INDENT, subsequent_indent=INDENT)


def _seconds(value: float) -> str:
    return f"{value:g} s"
