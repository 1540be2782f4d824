"""Checking a coding-scheme file before any Scheme is built (DESIGN §2).

Validation runs on the raw TOML data so that *every* problem in a file is found in one
pass: a programme lead editing a scheme fixes them all at once instead of one per run.
Each problem is one line: where (line number when it can be found, and the field path
such as ``cues[3].matches``) and what is wrong, with a suggestion when one is obvious.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

#: Keys the coding screen uses itself (key -> what it does there). A scheme may not use them.
RESERVED_KEYS: Mapping[str, str] = MappingProxyType(
    {
        **{digit: "set the intensity of the last event" for digit in "0123456789"},
        "space": "pause and resume the session",
        "backspace": "undo the last event",
        "n": "add a note to the last event",
        "x": "end the session",
        "?": "show the help",
    }
)

#: The largest intensity scale: the digits 1-9 set the intensity of the last event.
MAX_INTENSITY_LEVELS = 9

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$")
SLUG_HINT = "lower-case letters, digits, '-' and '_', starting and ending with a letter or digit"

SCHEME_FIELDS = (
    "id",
    "name",
    "version",
    "description",
    "response_window",
    "repair_window",
    "intensity_levels",
)
CUE_FIELDS = ("id", "label", "key", "matches", "window", "group", "kind", "description")
RESPONSE_FIELDS = ("id", "label", "key", "group", "kind", "description")
RATING_FIELDS = ("id", "label", "min", "max", "description")
TABLES = ("scheme", "cues", "responses", "ratings")
KINDS = ("point", "state")

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """``("cues", 3, "matches")`` -> ``cues[3].matches``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def describe_type(value: object) -> str:
    """How a TOML value's type reads to someone editing the file."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{value}")' if len(value) <= 30 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a date or time ({value})"


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class Locator:
    """Finds the line of a table or field in TOML text, for messages a user can act on.

    tomllib does not report positions of values, so this scans the text for table headers
    (``[scheme]``, ``[[cues]]``) and ``key =`` lines. It is a best effort: a field it cannot
    find simply has no line number in the message.
    """

    _ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")

    def __init__(self, text: str) -> None:
        self._lines: dict[Path_, int] = {}
        counts: dict[str, int] = {}
        table: Path_ = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if match := self._ARRAY_HEADER.match(line):
                name = match.group(1)
                index = counts.get(name, 0)
                counts[name] = index + 1
                table = (name, index)
                self._lines.setdefault((name,), number)
            elif match := self._TABLE_HEADER.match(line):
                table = (match.group(1),)
            elif match := self._KEY.match(line):
                self._lines.setdefault((*table, match.group(1)), number)
                for quotes in ('"""', "'''"):
                    if line.count(quotes) % 2 == 1:
                        in_multiline = quotes
                        break
                continue
            else:
                continue
            self._lines.setdefault(table, number)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path`` or, failing that, of the nearest enclosing table."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


class Problems:
    """Collects located problems; ``messages()`` gives them in file order."""

    def __init__(self, locator: Locator) -> None:
        self._locator = locator
        self._found: list[tuple[int | None, str]] = []

    def add(self, path: Path_, message: str) -> None:
        line = self._locator.line_of(path) if path else None
        where = format_path(path)
        text = f"{where}: {message}" if where else message
        self._found.append((line, f"line {line}: {text}" if line else text))

    def messages(self) -> list[str]:
        ordered = sorted(
            enumerate(self._found), key=lambda item: (item[1][0] is None, item[1][0] or 0, item[0])
        )
        return [message for _, (_, message) in ordered]

    def __bool__(self) -> bool:
        return bool(self._found)


def validate_data(data: Mapping[str, Any], text: str) -> list[str]:
    """Every problem in parsed scheme data ``data`` (from ``text``); empty when valid."""
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
    response_ids = _ids(responses)
    cue_ids = _ids(cues)
    for index, cue in cues:
        _check_code(("cues", index), cue, CUE_FIELDS, problems)
        _check_matches(("cues", index), cue, response_ids, cue_ids, problems)
        _check_window(("cues", index, "window"), cue.get("window"), problems, optional=True)
    for index, response in responses:
        _check_code(("responses", index), response, RESPONSE_FIELDS, problems)
    for index, rating in ratings:
        _check_rating(("ratings", index), rating, problems)
    _check_unique_ids(cues, responses, ratings, problems)
    _check_unique_keys(cues, responses, problems)
    if isinstance(scheme_table, dict):
        _check_windows_against_repair(scheme_table, cues, problems)
    return problems.messages()


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
                "unknown table or field (a scheme has [scheme], [[cues]], [[responses]] "
                f"and [[ratings]]){did_you_mean(name, TABLES)}",
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
    _check_text(base, table, "description", problems, required=False, allow_empty=True)
    for name in ("response_window", "repair_window"):
        if name not in table:
            problems.add(base, f"{name} is missing; add it in seconds, e.g. {name} = 5.0")
        else:
            _check_window((*base, name), table[name], problems, optional=False)
    levels = table.get("intensity_levels", 0)
    if not _is_int(levels):
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
        if _is_int(value):
            bounds[name] = value
        else:
            problems.add((*base, name), f"must be a whole number, not {describe_type(value)}")
    if len(bounds) == 2 and bounds["min"] >= bounds["max"]:
        problems.add(
            (*base, "max"),
            f"max ({bounds['max']}) must be greater than min ({bounds['min']}), "
            "e.g. min = 1, max = 5",
        )


# -- fields ----------------------------------------------------------------------------


def _check_unknown_fields(
    base: Path_, table: Mapping[str, Any], fields: tuple[str, ...], problems: Problems
) -> None:
    for name in table:
        if name in fields:
            continue
        if name == "matches" and base and base[0] == "responses":
            hint = "; matches belongs on cues: list there the responses that answer each cue"
        else:
            hint = did_you_mean(name, fields) or f" (known fields: {', '.join(fields)})"
        problems.add((*base, name), f"unknown field{hint}")


def _check_slug(base: Path_, table: Mapping[str, Any], problems: Problems) -> None:
    value = table.get("id")
    if value is None:
        example = {"scheme": "my-scheme", "cues": "hungry", "responses": "feed"}.get(
            str(base[0]), "overall_warmth"
        )
        problems.add(base, f'id is missing; add e.g. id = "{example}"')
    elif not isinstance(value, str):
        problems.add((*base, "id"), f"must be text, not {describe_type(value)}")
    elif not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_")
        hint = f', for example "{suggestion}"' if suggestion and SLUG.match(suggestion) else ""
        problems.add((*base, "id"), f'"{value}" is not a valid id; use {SLUG_HINT}{hint}')


def _check_text(
    base: Path_,
    table: Mapping[str, Any],
    name: str,
    problems: Problems,
    *,
    required: bool,
    allow_empty: bool = False,
) -> None:
    value = table.get(name)
    if value is None:
        if required:
            problems.add(base, f'{name} is missing; add {name} = "..."')
        return
    if not isinstance(value, str):
        problems.add((*base, name), f"must be text in quotes, not {describe_type(value)}")
    elif not allow_empty and not value.strip():
        problems.add((*base, name), "must not be empty")


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


def _check_window(path: Path_, value: object, problems: Problems, *, optional: bool) -> None:
    if value is None and optional:
        return
    if not _is_number(value):
        problems.add(path, f"must be a number of seconds, not {describe_type(value)}")
    elif not math.isfinite(value) or value <= 0:  # type: ignore[arg-type]
        problems.add(path, f"must be a number of seconds greater than 0, not {value}")


def _check_matches(
    base: Path_,
    cue: Mapping[str, Any],
    response_ids: dict[str, int],
    cue_ids: dict[str, int],
    problems: Problems,
) -> None:
    path = (*base, "matches")
    matches = cue.get("matches")
    if matches is None:
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


# -- across codes ----------------------------------------------------------------------


def _ids(tables: list[tuple[int, dict[str, Any]]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, table in tables:
        value = table.get("id")
        if isinstance(value, str):
            found.setdefault(value, index)
    return found


def _check_unique_ids(
    cues: list[tuple[int, dict[str, Any]]],
    responses: list[tuple[int, dict[str, Any]]],
    ratings: list[tuple[int, dict[str, Any]]],
    problems: Problems,
) -> None:
    """Code ids are unique across cues and responses (an event names its code by id)."""
    for groups in ((("cues", cues), ("responses", responses)), (("ratings", ratings),)):
        first: dict[str, str] = {}
        for name, tables in groups:
            for index, table in tables:
                value = table.get("id")
                if not isinstance(value, str):
                    continue
                here = f"{name}[{index}]"
                if value in first:
                    problems.add(
                        (name, index, "id"),
                        f'"{value}" is already the id of {first[value]}; '
                        "every code needs its own id",
                    )
                else:
                    first[value] = here


def _check_unique_keys(
    cues: list[tuple[int, dict[str, Any]]],
    responses: list[tuple[int, dict[str, Any]]],
    problems: Problems,
) -> None:
    first: dict[str, str] = {}
    for name, tables in (("cues", cues), ("responses", responses)):
        for index, table in tables:
            key = table.get("key")
            if not isinstance(key, str) or len(key) != 1:
                continue
            code = table.get("id")
            here = f"{name}[{index}]" + (f' ("{code}")' if isinstance(code, str) else "")
            if key in first:
                problems.add(
                    (name, index, "key"),
                    f'"{key}" is already the key of {first[key]}; each code needs its own key',
                )
            else:
                first[key] = here


def _check_windows_against_repair(
    scheme_table: Mapping[str, Any], cues: list[tuple[int, dict[str, Any]]], problems: Problems
) -> None:
    """A miss can only be repaired within repair_window, so it must not end before a window."""
    repair = scheme_table.get("repair_window")
    response = scheme_table.get("response_window")
    if not _is_positive(repair):
        return
    if _is_positive(response) and repair < response:
        problems.add(
            ("scheme", "repair_window"),
            f"({repair} s) must not be shorter than response_window ({response} s): "
            "a missed cue is repaired after its response window",
        )
    for index, cue in cues:
        window = cue.get("window")
        if _is_positive(window) and window > repair:
            problems.add(
                ("cues", index, "window"),
                f"({window} s) must not be longer than the scheme's repair_window ({repair} s)",
            )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_positive(value: object) -> bool:
    return _is_number(value) and math.isfinite(value) and value > 0  # type: ignore[arg-type]
