"""Which responses fit which cue, per rule: the grid the editor shows, and its ticks.

A rule's grid has its antecedents as rows and its consequents as columns; a ticked cell
says that consequent fits that antecedent. What a grid shows is what the rule means (the
rule in force, :attr:`Scheme.rules <observe.scheme.Scheme.rules>`, of the scheme as far as
it can be read), and a tick is written where the scheme file says it:

- a scheme that lists no rules has the default rule, whose fit is each cue's ``matches``:
  a tick adds the response to that cue's ``matches``;
- a listed rule (``[[contingencies]]``) keeps its fit in its ``matches`` table, one entry
  per antecedent. The first tick of a rule without one writes it, with every other
  antecedent's entry as it was in force, so that nothing else the rule means changes.

The same goes for an antecedent's own window: a cue's ``window`` under the default rule,
the rule's ``windows`` entry under a listed one.
"""

from __future__ import annotations

from attrs import frozen

from observe.scheme import ContingencyRule, Cue
from observe.scheme_editor.document import SchemeDocument


@frozen
class FitGrid:
    """One rule's fits: rows, columns, ticks, and each row's window."""

    #: The rule's index among ``[[contingencies]]``; None: the default rule.
    rule_index: int | None
    label: str
    antecedents: tuple[str, ...]
    consequents: tuple[str, ...]
    ticked: frozenset[tuple[str, str]]
    #: The window of each antecedent (s), and which of them are its own.
    windows: dict[str, float]
    own_windows: frozenset[str]

    def fits(self, antecedent: str, consequent: str) -> bool:
        return (antecedent, consequent) in self.ticked


def rule_choices(document: SchemeDocument) -> list[tuple[int | None, str]]:
    """The rules whose grid can be shown: (index or None for the default rule, label)."""
    rules = document.draft.rules
    if document.count("contingencies") == 0:
        return [(None, f"{rules[0].label} (each cue's matches)")]
    return [(index, rule.label) for index, rule in enumerate(rules)]


def fit_grid(document: SchemeDocument, rule_index: int | None) -> FitGrid:
    """The grid of the default rule (``rule_index`` None) or of a listed rule."""
    rules = document.draft.rules
    if rule_index is not None and rule_index >= len(rules):
        rule_index = None if document.count("contingencies") == 0 else len(rules) - 1
    rule = rules[rule_index or 0]
    return FitGrid(
        rule_index=rule_index,
        label=rule.label,
        antecedents=rule.antecedents,
        consequents=rule.consequents,
        ticked=frozenset((a, c) for a in rule.antecedents for c in rule.matches_for(a)),
        windows={a: rule.window_for(a) for a in rule.antecedents},
        own_windows=frozenset(rule.windows),
    )


def set_fit(
    document: SchemeDocument, rule_index: int | None, antecedent: str, consequent: str, fits: bool
) -> None:
    """Tick (``fits``) or untick one cell of a rule's grid, in the file."""
    if rule_index is None:
        position = _cue_position(document, antecedent)
        if position is None:
            return
        cue = document.draft.cue(antecedent)
        listed = list(cue.matches) if cue is not None else []
        document.set(("cues", position, "matches"), _with(listed, consequent, fits))
        return
    rule = document.draft.rules[rule_index]
    # The fit in force, as code ids: an entry naming an actor is written out code by code.
    current = _with(list(rule.matches_for(antecedent)), consequent, fits)
    path = ("contingencies", rule_index, "matches")
    if isinstance(document.value(path), dict):
        document.set((*path, antecedent), current)
    else:
        document.set(path, {**_entries_in_force(document, rule), antecedent: current})


def set_window(
    document: SchemeDocument, rule_index: int | None, antecedent: str, seconds: float | None
) -> None:
    """An antecedent's own window under a rule (None: it takes the rule's)."""
    if rule_index is None:
        position = _cue_position(document, antecedent)
        if position is not None:
            document.set(("cues", position, "window"), seconds)
        return
    document.set(("contingencies", rule_index, "windows", antecedent), seconds)


def _entries_in_force(document: SchemeDocument, rule: ContingencyRule) -> dict[str, list[str]]:
    """A listed rule's fit as a ``matches`` table would write it: an entry for every
    antecedent that does not take its fit from its own cue's ``matches``."""
    draft = document.draft
    entries = {}
    for antecedent in rule.antecedents:
        code = draft.code(antecedent)
        if isinstance(code, Cue) and code.matches:
            continue
        entries[antecedent] = list(rule.matches_for(antecedent))
    return entries


def _with(listed: list[str], consequent: str, fits: bool) -> list[str]:
    if fits:
        return listed if consequent in listed else [*listed, consequent]
    return [item for item in listed if item != consequent]


def _cue_position(document: SchemeDocument, cue_id: str) -> int | None:
    ids = document.entry_ids("cues")
    return ids.index(cue_id) if cue_id in ids else None
