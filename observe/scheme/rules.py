"""Contingency rules: when an event of one set of codes happens, look for one of another.

A rule (``[[contingencies]]`` in a scheme file, :class:`Contingency` as written) says:
when an event of one of its ``antecedents`` happens, look for one of its ``consequents``
within the window; ``matches`` says which consequents fit each antecedent. Today's
"infant cue → caregiver response" is one such rule, the **default rule**: a scheme that
lists no rules has exactly it (:func:`default_rule`), derived from its cues, never stored,
so every scheme written before rules existed means what it always meant.

A scheme that lists rules has exactly the rules it lists (to keep cue → response as well,
it lists that one too). :attr:`Scheme.rules <observe.scheme.model.Scheme.rules>` gives the
rules in force as :class:`ContingencyRule` values, with everything a rule leaves out filled
in, so the analysis never looks anything up twice:

- **codes**: ``antecedents``, ``consequents`` and the lists in ``matches`` name code ids,
  or actor ids standing for every code of that actor (``consequents = ["parent_a"]``),
  expanded in the scheme's order of codes;
- **window** of an antecedent: its entry in the rule's ``windows``, else (a cue) the cue's
  own ``window``, else the rule's ``window``, else the scheme's ``response_window`` (the
  more particular says more, as a cue's own window overrides the scheme's today);
- **repair window**: the rule's ``repair_window``, else the scheme's;
- **which consequents fit** an antecedent: its entry in the rule's ``matches``, else (a cue
  with ``matches``) the cue's own matches that are consequents of the rule, else every
  consequent (a rule that says nothing of fit measures whether and how fast an answer
  came, and every answer fits).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property

from attrs import field, frozen

from observe.scheme.codes import Code, Cue, tuple_of_str

#: The id and label of the rule a scheme without ``[[contingencies]]`` has.
DEFAULT_RULE_ID = "cue-response"
DEFAULT_RULE_LABEL = "Caregiver responses to infant cues"


def _matches(value: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(codes) for key, codes in dict(value).items()}


def _windows(value: Mapping[str, float]) -> dict[str, float]:
    return {key: float(seconds) for key, seconds in dict(value).items()}


@frozen
class Contingency:
    """A rule as the scheme file writes it (ids may be actor ids; None: the scheme's)."""

    id: str
    label: str
    antecedents: tuple[str, ...] = field(converter=tuple_of_str)
    consequents: tuple[str, ...] = field(converter=tuple_of_str)
    window: float | None = None
    repair_window: float | None = None
    # Dicts take no part in the hash (equal values still hash equal): a scheme stays hashable.
    matches: dict[str, tuple[str, ...]] = field(factory=dict, converter=_matches, hash=False)
    windows: dict[str, float] = field(factory=dict, converter=_windows, hash=False)
    description: str = ""


@frozen
class ContingencyRule:
    """A rule in force, complete: code ids only, and every antecedent's window and fit."""

    id: str
    label: str
    antecedents: tuple[str, ...] = field(converter=tuple_of_str)
    consequents: tuple[str, ...] = field(converter=tuple_of_str)
    #: The window of an antecedent without one of its own (s).
    window: float
    repair_window: float
    #: The consequents that fit each antecedent (every antecedent has an entry).
    matches: dict[str, tuple[str, ...]] = field(converter=_matches, hash=False)
    #: The antecedents with a window of their own (s).
    windows: dict[str, float] = field(factory=dict, converter=_windows, hash=False)
    description: str = ""
    #: The derived cue → response rule of a scheme that lists no rules.
    default: bool = False

    def is_antecedent(self, code: str) -> bool:
        return code in self._antecedent_set

    def is_consequent(self, code: str) -> bool:
        return code in self._consequent_set

    def window_for(self, antecedent: str) -> float:
        """How long after ``antecedent`` a consequent counts as its answer (s)."""
        return self.windows.get(antecedent, self.window)

    def matches_for(self, antecedent: str) -> tuple[str, ...]:
        """The consequents that fit ``antecedent`` (none for a code not an antecedent)."""
        return self.matches.get(antecedent, ())

    def fits(self, antecedent: str, consequent: str) -> bool:
        return consequent in self.matches.get(antecedent, ())

    @cached_property
    def _antecedent_set(self) -> frozenset[str]:
        return frozenset(self.antecedents)

    @cached_property
    def _consequent_set(self) -> frozenset[str]:
        return frozenset(self.consequents)


def default_rule(
    cues: Sequence[Cue], response_ids: Sequence[str], response_window: float, repair_window: float
) -> ContingencyRule:
    """Today's rule: every cue → every response, with the cues' own windows and matches."""
    return ContingencyRule(
        id=DEFAULT_RULE_ID,
        label=DEFAULT_RULE_LABEL,
        antecedents=[cue.id for cue in cues],
        consequents=response_ids,
        window=response_window,
        repair_window=repair_window,
        matches={cue.id: cue.matches for cue in cues},
        windows={cue.id: cue.window for cue in cues if cue.window is not None},
        default=True,
    )


def expand(names: Iterable[str], codes_of_actor: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Code ids for ``names`` (code or actor ids), each once, in the order first named."""
    found: dict[str, None] = {}
    for name in names:
        for code in codes_of_actor.get(name, (name,)):
            found.setdefault(code, None)
    return tuple(found)


def resolve(
    rule: Contingency,
    codes: Mapping[str, Code],
    codes_of_actor: Mapping[str, Sequence[str]],
    response_window: float,
    repair_window: float,
) -> ContingencyRule:
    """``rule`` complete (see the module's docstring for what fills in what it leaves out)."""
    antecedents = expand(rule.antecedents, codes_of_actor)
    consequents = expand(rule.consequents, codes_of_actor)
    matches: dict[str, tuple[str, ...]] = {}
    windows: dict[str, float] = {}
    for antecedent in antecedents:
        code = codes.get(antecedent)
        cue = code if isinstance(code, Cue) else None
        if antecedent in rule.matches:
            matches[antecedent] = expand(rule.matches[antecedent], codes_of_actor)
        elif cue is not None and cue.matches:
            matches[antecedent] = tuple(m for m in cue.matches if m in consequents)
        else:
            matches[antecedent] = consequents
        if antecedent in rule.windows:
            windows[antecedent] = rule.windows[antecedent]
        elif cue is not None and cue.window is not None:
            windows[antecedent] = cue.window
    return ContingencyRule(
        id=rule.id,
        label=rule.label,
        antecedents=antecedents,
        consequents=consequents,
        window=rule.window if rule.window is not None else response_window,
        repair_window=rule.repair_window if rule.repair_window is not None else repair_window,
        matches=matches,
        windows=windows,
        description=rule.description,
    )
