"""Checking a scheme file's contingency rules (``[[contingencies]]``).

What each field means, and what fills in what a rule leaves out, is
:mod:`observe.scheme.rules`; these checks hold a file to it: every name a rule lists is a
code or an actor of the scheme, no code is both what a rule looks from and what it looks
for, ``matches`` and ``windows`` are keyed by the rule's antecedents and ``matches`` lists
only its consequents, every antecedent's window is positive and fits inside the rule's
repair window, and an antecedent that takes its fit from its cue's ``matches`` finds at
least one of them among the consequents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from observe.scheme.consistency import CodeEntry
from observe.scheme.fields import (
    check_slug,
    check_text,
    check_unknown_fields,
    check_window,
    id_list,
    named_list,
)
from observe.scheme.problems import Path_, Problems, did_you_mean, is_positive

RULE_FIELDS = (
    "id",
    "label",
    "description",
    "antecedents",
    "consequents",
    "window",
    "repair_window",
    "matches",
    "windows",
)

Tables = list[tuple[int, dict[str, Any]]]


class _Names:
    """The code and actor ids a rule may name, and what each stands for."""

    def __init__(
        self, codes: Mapping[str, CodeEntry], codes_of_actor: Mapping[str, Sequence[str]]
    ) -> None:
        self.codes = codes
        self.codes_of_actor = codes_of_actor

    def expand(self, path: Path_, names: list[str], problems: Problems) -> list[str]:
        """The code ids ``names`` stand for; names that are neither are reported."""
        found: dict[str, None] = {}
        for name in names:
            if name in self.codes:
                found.setdefault(name, None)
            elif name in self.codes_of_actor:
                if not self.codes_of_actor[name]:
                    problems.add(path, f'"{name}" is an actor with no codes')
                for code in self.codes_of_actor[name]:
                    found.setdefault(code, None)
            else:
                self.unknown(path, name, problems)
        return list(found)

    def unknown(self, path: Path_, name: str, problems: Problems) -> None:
        choices = [*self.codes, *self.codes_of_actor]
        problems.add(
            path,
            f'"{name}" is neither a code nor an actor of this scheme{did_you_mean(name, choices)}',
        )


def check_rules(
    tables: Tables,
    codes: Mapping[str, CodeEntry],
    codes_of_actor: Mapping[str, Sequence[str]],
    scheme_table: Mapping[str, Any] | None,
    problems: Problems,
) -> None:
    """Every problem of the file's ``[[contingencies]]``."""
    names = _Names(codes, codes_of_actor)
    first: dict[str, int] = {}
    for index, table in tables:
        base: Path_ = ("contingencies", index)
        check_unknown_fields(base, table, RULE_FIELDS, problems)
        check_slug(base, table, problems)
        check_text(base, table, "label", problems, required=True)
        check_text(base, table, "description", problems, required=False, allow_empty=True)
        rule_id = table.get("id")
        if isinstance(rule_id, str):
            if rule_id in first:
                problems.add(
                    (*base, "id"),
                    f'"{rule_id}" is already the id of contingencies[{first[rule_id]}]; '
                    "every rule needs its own id",
                )
            else:
                first[rule_id] = index
        antecedents = _listed(base, table, "antecedents", names, problems)
        consequents = _listed(base, table, "consequents", names, problems)
        if antecedents is not None and consequents is not None:
            for code in consequents:
                if code in antecedents:
                    problems.add(
                        (*base, "consequents"),
                        f'"{code}" is also an antecedent of this rule; a code is either what '
                        "the rule looks from or what it looks for",
                    )
        for name in ("window", "repair_window"):
            check_window((*base, name), table.get(name), problems, optional=True)
        _check_matches(base, table, antecedents, consequents, names, problems)
        _check_windows(base, table, antecedents, names, problems)
        if antecedents is not None and scheme_table is not None:
            _check_against_repair(base, table, antecedents, codes, scheme_table, problems)


def _listed(
    base: Path_, table: Mapping[str, Any], name: str, names: _Names, problems: Problems
) -> list[str] | None:
    if name not in table:
        what = (
            "looks from (an event of one starts the wait)"
            if name == "antecedents"
            else ("looks for (the answers)")
        )
        problems.add(base, f"{name} is missing; list the codes (or actors) the rule {what}")
        return None
    listed = id_list((*base, name), table[name], "code or actor ids", problems)
    if listed is None:
        return None
    return names.expand((*base, name), listed, problems)


def _keyed_by_antecedents(
    base: Path_,
    table: Mapping[str, Any],
    name: str,
    antecedents: list[str] | None,
    names: _Names,
    problems: Problems,
) -> dict[str, Any]:
    """The entries of the table ``name`` (matches, windows) keyed by one of the rule's
    antecedents; the others are reported."""
    value = table.get(name)
    if value is None:
        return {}
    example = '{ bid = ["looks", "smiles"] }' if name == "matches" else "{ bid = 3.0 }"
    if not isinstance(value, dict):
        problems.add((*base, name), f"must be a table keyed by antecedent, e.g. {name} = {example}")
        return {}
    entries: dict[str, Any] = {}
    for key, entry in value.items():
        path = (*base, name, key)
        if antecedents is None or key in antecedents:
            entries[key] = entry
        elif key in names.codes_of_actor:
            problems.add(path, f'"{key}" is an actor; give each of its codes an entry of its own')
        elif key in names.codes:
            problems.add(
                path,
                f'"{key}" is not an antecedent of this rule (its antecedents: '
                f"{named_list(antecedents)})",
            )
        else:
            names.unknown(path, key, problems)
    return entries


def _check_matches(
    base: Path_,
    table: Mapping[str, Any],
    antecedents: list[str] | None,
    consequents: list[str] | None,
    names: _Names,
    problems: Problems,
) -> None:
    entries = _keyed_by_antecedents(base, table, "matches", antecedents, names, problems)
    for key, entry in entries.items():
        path = (*base, "matches", key)
        listed = id_list(path, entry, "consequent ids", problems)
        if listed is None:
            continue
        for code in names.expand(path, listed, problems):
            if consequents is not None and code not in consequents:
                problems.add(
                    path,
                    f'"{code}" is not a consequent of this rule (its consequents: '
                    f"{named_list(consequents)})",
                )
    if antecedents is None or consequents is None:
        return
    for antecedent in antecedents:
        if antecedent in entries:
            continue
        own = _cue_matches(names.codes[antecedent])
        if own is None:
            if isinstance(table.get("matches"), dict):
                problems.add(
                    (*base, "matches"),
                    f'"{antecedent}" has no entry; add {antecedent} = [...] listing the '
                    "consequents that fit it (or leave matches out, and every consequent fits)",
                )
        elif not any(code in consequents for code in own):
            problems.add(
                base,
                f'cue "{antecedent}" takes its matches from [[cues]] ({named_list(own)}), but '
                f"none of them is a consequent of this rule; add matches.{antecedent} = [...]",
            )


def _cue_matches(code: CodeEntry) -> list[str] | None:
    """A cue's own ``matches`` (a usable list), else None."""
    matches = code.data.get("matches") if code.is_cue else None
    if isinstance(matches, list) and matches and all(isinstance(m, str) for m in matches):
        return matches
    return None


def _check_windows(
    base: Path_,
    table: Mapping[str, Any],
    antecedents: list[str] | None,
    names: _Names,
    problems: Problems,
) -> None:
    entries = _keyed_by_antecedents(base, table, "windows", antecedents, names, problems)
    for key, entry in entries.items():
        check_window((*base, "windows", key), entry, problems, optional=False)


def _check_against_repair(
    base: Path_,
    table: Mapping[str, Any],
    antecedents: list[str],
    codes: Mapping[str, CodeEntry],
    scheme_table: Mapping[str, Any],
    problems: Problems,
) -> None:
    """Every antecedent's window fits inside the rule's repair window (a miss is repaired
    after its window). Each window is blamed where it comes from, once."""
    repair = table.get("repair_window", scheme_table.get("repair_window"))
    window = table.get("window", scheme_table.get("response_window"))
    if not is_positive(repair):
        return
    windows = table.get("windows") if isinstance(table.get("windows"), dict) else {}
    blamed: set[str] = set()
    for antecedent in antecedents:
        own = windows.get(antecedent)
        cue_window = codes[antecedent].data.get("window") if codes[antecedent].is_cue else None
        if own is not None:
            if is_positive(own) and own > repair:
                problems.add(
                    (*base, "windows", antecedent),
                    f"({own} s) must not be longer than this rule's repair window ({repair} s)",
                )
        elif is_positive(cue_window):
            if cue_window > repair and "repair_window" in table:
                problems.add(
                    base,
                    f'the window of cue "{antecedent}" ({cue_window} s, its own in [[cues]]) is '
                    f"longer than this rule's repair_window ({repair} s); give it a shorter one "
                    "in windows",
                )
        elif is_positive(window) and window > repair and not blamed:
            blamed.add("window")
            if "window" in table:
                problems.add(
                    (*base, "window"),
                    f"({window} s) must not be longer than this rule's repair window ({repair} s)",
                )
            elif "repair_window" in table:
                problems.add(
                    (*base, "repair_window"),
                    f"({repair} s) must not be shorter than the window of its antecedents "
                    f"({window} s, the scheme's response_window)",
                )
