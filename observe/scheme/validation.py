"""Checking a coding-scheme file before any Scheme is built (DESIGN §2).

Validation runs on the raw TOML data so that *every* problem in a file is found in one
pass: a programme lead editing a scheme fixes them all at once instead of one per run.
Each problem is one line: where (line number when it can be found, and the field path
such as ``cues[3].matches``) and what is wrong, with a suggestion when one is obvious.

This module checks the tables every scheme has (``[scheme]``, ``[[cues]]``,
``[[responses]]``, ``[[ratings]]`` and their anchors) and then the tables that name codes:
``[[actors]]`` and each code's actor (:mod:`~observe.scheme.actor_checks`),
``[[contingencies]]`` (:mod:`~observe.scheme.rule_checks`) and ``[[state_groups]]``
(:mod:`~observe.scheme.state_checks`). A cue's ``matches`` is required while the file lists
no rules (the default rule takes every cue's fit from it), optional once it lists them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from observe.keys import reserved_scheme_keys
from observe.scheme.actor_checks import check_actors, check_code_actors
from observe.scheme.consistency import (
    check_unique_ids,
    check_unique_keys,
    check_windows_against_repair,
    code_ids,
    known_codes,
)
from observe.scheme.fields import MAX_ID_LENGTH as MAX_ID_LENGTH
from observe.scheme.fields import MAX_TEXT_LENGTHS, check_anchors, check_length
from observe.scheme.fields import SLUG as SLUG  # re-exported: the id rule is asked for here
from observe.scheme.fields import SLUG_HINT as SLUG_HINT
from observe.scheme.fields import check_slug as _check_slug
from observe.scheme.fields import check_text as _check_text
from observe.scheme.fields import check_unknown_fields as _check_unknown_fields
from observe.scheme.fields import check_window as _check_window
from observe.scheme.problems import (
    Locator,
    Path_,
    Problem,
    Problems,
    describe_type,
    did_you_mean,
    is_int,
)
from observe.scheme.rule_checks import check_rules
from observe.scheme.state_checks import check_state_groups

#: Keys the coding screen uses itself (key -> what it does there), from its one key table.
#: A scheme may not use them.
RESERVED_KEYS: Mapping[str, str] = MappingProxyType(reserved_scheme_keys())

#: The largest intensity scale: the digits 1-9 set the intensity of the last event.
MAX_INTENSITY_LEVELS = 9

SCHEME_FIELDS = (
    "id",
    "name",
    "version",
    "description",
    "response_window",
    "repair_window",
    "intensity_levels",
)
CUE_FIELDS = ("id", "label", "key", "matches", "window", "group", "kind", "description", "actor")
RESPONSE_FIELDS = ("id", "label", "key", "group", "kind", "description", "actor")
RATING_FIELDS = ("id", "label", "min", "max", "description", "anchors")
TABLES = ("scheme", "actors", "cues", "responses", "contingencies", "state_groups", "ratings")
KINDS = ("point", "state")


def validate_data(data: Mapping[str, Any], text: str) -> list[str]:
    """Every problem in parsed scheme data ``data`` (from ``text``); empty when valid."""
    return [problem.message for problem in locate_problems(data, text)]


def locate_problems(data: Mapping[str, Any], text: str) -> list[Problem]:
    """What :func:`validate_data` says, each problem with the field it is about."""
    problems = Problems(Locator(text))
    _check_top_level(data, problems)
    scheme_table = data.get("scheme")
    if scheme_table is None:
        problems.add(
            (),
            "the [scheme] table is missing; start the file with [scheme] and its id, name, "
            "version, response_window and repair_window",
        )
    elif not isinstance(scheme_table, dict):
        problems.add(("scheme",), f"must be a table ([scheme]), not {describe_type(scheme_table)}")
    else:
        _check_scheme_table(scheme_table, problems)
    cues = _check_array(data, "cues", required=True, problems=problems)
    responses = _check_array(data, "responses", required=True, problems=problems)
    ratings = _check_array(data, "ratings", required=False, problems=problems)
    actors = _check_array(data, "actors", required=False, problems=problems)
    rules = _check_array(data, "contingencies", required=False, problems=problems)
    groups = _check_array(data, "state_groups", required=False, problems=problems)
    response_ids = code_ids(responses)
    cue_ids = code_ids(cues)
    # A cue's matches feed the default rule; a file that lists its rules may leave them out.
    matches_required = "contingencies" not in data
    for index, cue in cues:
        _check_code(("cues", index), cue, CUE_FIELDS, problems)
        _check_matches(
            ("cues", index), cue, response_ids, cue_ids, problems, required=matches_required
        )
        _check_window(("cues", index, "window"), cue.get("window"), problems, optional=True)
    for index, response in responses:
        _check_code(("responses", index), response, RESPONSE_FIELDS, problems)
    for index, rating in ratings:
        _check_rating(("ratings", index), rating, problems)
    check_unique_ids(cues, responses, ratings, problems)
    check_unique_keys(cues, responses, problems)
    if isinstance(scheme_table, dict):
        check_windows_against_repair(scheme_table, cues, problems)
    codes = known_codes(cues, responses)
    known = check_actors(data, actors, codes, problems)
    actor_of = check_code_actors(cues, responses, known, problems)
    codes_of_actor = {
        actor: [code for code in codes if actor_of.get(code) == actor] for actor in known.ids
    }
    scheme_windows = scheme_table if isinstance(scheme_table, dict) else None
    check_rules(rules, codes, codes_of_actor, scheme_windows, problems)
    check_state_groups(groups, codes, actor_of, problems)
    return problems.located()


# -- the tables ------------------------------------------------------------------------


def _check_top_level(data: Mapping[str, Any], problems: Problems) -> None:
    for name in data:
        if name in TABLES:
            continue
        if name in SCHEME_FIELDS:
            problems.add(
                (name,), "this field belongs inside the [scheme] table; move it below [scheme]"
            )
        else:
            problems.add(
                (name,),
                "unknown table or field (a scheme has [scheme], [[actors]], [[cues]], "
                "[[responses]], [[contingencies]], [[state_groups]] and [[ratings]])"
                f"{did_you_mean(name, TABLES)}",
            )


def _check_scheme_table(table: Mapping[str, Any], problems: Problems) -> None:
    base: Path_ = ("scheme",)
    _check_unknown_fields(base, table, SCHEME_FIELDS, problems)
    _check_slug(base, table, problems)
    _check_text(base, table, "name", problems, required=True)
    version = table.get("version")
    if version is None:
        problems.add(base, 'version is missing; add e.g. version = "1.0"')
    elif isinstance(version, (int, float)) and not isinstance(version, bool):
        problems.add((*base, "version"), f'must be text in quotes, e.g. version = "{version}"')
    elif not isinstance(version, str) or not version.strip():
        problems.add((*base, "version"), 'must be non-empty text in quotes, e.g. "1.0"')
    else:
        check_length((*base, "version"), version, MAX_TEXT_LENGTHS["version"], problems)
    _check_text(base, table, "description", problems, required=False, allow_empty=True)
    for name in ("response_window", "repair_window"):
        if name not in table:
            problems.add(base, f"{name} is missing; add it in seconds, e.g. {name} = 5.0")
        else:
            _check_window((*base, name), table[name], problems, optional=False)
    levels = table.get("intensity_levels", 0)
    if not is_int(levels):
        problems.add(
            (*base, "intensity_levels"),
            f"must be a whole number from 0 to {MAX_INTENSITY_LEVELS}, not {describe_type(levels)}",
        )
    elif not 0 <= levels <= MAX_INTENSITY_LEVELS:
        problems.add(
            (*base, "intensity_levels"),
            f"must be from 0 (no intensity) to {MAX_INTENSITY_LEVELS}: the digits "
            f"1-{MAX_INTENSITY_LEVELS} set the intensity, not {levels}",
        )


def _check_array(
    data: Mapping[str, Any], name: str, *, required: bool, problems: Problems
) -> list[tuple[int, dict[str, Any]]]:
    """The tables of an array such as [[cues]], as (index, table); bad entries are reported."""
    value = data.get(name)
    if value is None:
        if required:
            what = "infant cue" if name == "cues" else "caregiver response"
            problems.add((), f"there are no [[{name}]]; add at least one {what}")
        return []
    if not isinstance(value, list):
        problems.add((name,), f"must be a list of tables ([[{name}]]), not {describe_type(value)}")
        return []
    if required and not value:
        problems.add((name,), f"is empty; add at least one [[{name}]]")
    tables = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            tables.append((index, entry))
        else:
            problems.add((name, index), f"must be a table ([[{name}]]), not {describe_type(entry)}")
    return tables


def _check_code(
    base: Path_, table: Mapping[str, Any], fields: tuple[str, ...], problems: Problems
) -> None:
    _check_unknown_fields(base, table, fields, problems)
    _check_slug(base, table, problems)
    _check_text(base, table, "label", problems, required=True)
    _check_key(base, table, problems)
    _check_text(base, table, "group", problems, required=False)
    _check_text(base, table, "description", problems, required=False, allow_empty=True)
    kind = table.get("kind", "point")
    if kind not in KINDS:
        shown = f'"{kind}"' if isinstance(kind, str) else describe_type(kind)
        problems.add(
            (*base, "kind"),
            f'must be "point" (a moment) or "state" (the key starts and stops it), not {shown}',
        )


def _check_rating(base: Path_, table: Mapping[str, Any], problems: Problems) -> None:
    _check_unknown_fields(base, table, RATING_FIELDS, problems)
    _check_slug(base, table, problems)
    _check_text(base, table, "label", problems, required=True)
    _check_text(base, table, "description", problems, required=False, allow_empty=True)
    bounds = {}
    for name, default in (("min", 1), ("max", 5)):
        value = table.get(name, default)
        if is_int(value):
            bounds[name] = value
        else:
            problems.add((*base, name), f"must be a whole number, not {describe_type(value)}")
    if len(bounds) == 2 and bounds["min"] >= bounds["max"]:
        problems.add(
            (*base, "max"),
            f"max ({bounds['max']}) must be greater than min ({bounds['min']}), "
            "e.g. min = 1, max = 5",
        )
    if "anchors" in table:
        scale = (bounds["min"], bounds["max"]) if len(bounds) == 2 else None
        check_anchors(base, table["anchors"], scale, problems)


# -- fields ----------------------------------------------------------------------------


def _check_key(base: Path_, table: Mapping[str, Any], problems: Problems) -> None:
    key = table.get("key")
    if key is None:
        problems.add(base, 'key is missing; add the one key that codes it, e.g. key = "h"')
        return
    path = (*base, "key")
    if not isinstance(key, str):
        problems.add(
            path, f'must be one character in quotes, e.g. key = "h", not {describe_type(key)}'
        )
        return
    reserved_as = {" ": "space"}.get(
        key, key.lower() if key.lower() in ("space", "backspace") else key
    )
    if reserved_as in RESERVED_KEYS:
        problems.add(
            path,
            f'"{key}" is used by the coding screen to {RESERVED_KEYS[reserved_as]}; '
            "choose another key",
        )
    elif len(key) != 1:
        problems.add(
            path, f'must be exactly one character (a letter or punctuation mark), not "{key}"'
        )
    elif not key.isprintable() or key.isspace():
        problems.add(path, "must be a visible character (a letter or punctuation mark)")


def _check_matches(
    base: Path_,
    cue: Mapping[str, Any],
    response_ids: dict[str, int],
    cue_ids: dict[str, int],
    problems: Problems,
    *,
    required: bool,
) -> None:
    path = (*base, "matches")
    matches = cue.get("matches")
    if matches is None:
        if not required:
            return
        problems.add(
            base,
            'matches is missing; list the responses that answer this cue, e.g. matches = ["feed"]',
        )
        return
    if not isinstance(matches, list) or not all(isinstance(m, str) for m in matches):
        problems.add(path, 'must be a list of response ids in quotes, e.g. ["feed", "calm"]')
        return
    if not matches:
        problems.add(path, "must list at least one response that answers this cue")
    seen: set[str] = set()
    for entry in matches:
        if entry in seen:
            problems.add(path, f'lists "{entry}" twice')
        seen.add(entry)
        if entry in response_ids:
            continue
        if entry in cue_ids:
            problems.add(path, f'"{entry}" is a cue, not a response id')
        else:
            choices = sorted(response_ids)
            hint = did_you_mean(entry, choices) or (
                f" (the responses are: {', '.join(choices)})" if choices else ""
            )
            problems.add(path, f'"{entry}" is not a response id{hint}')
