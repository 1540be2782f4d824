"""Checks of single fields of a coding-scheme file, shared by the checks of every table.

Each check adds located problems (:class:`~observe.scheme.problems.Problems`) and returns
nothing: a table's checks call the ones its fields need, and every problem of the file is
found in one pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from observe.scheme.problems import Path_, Problems, describe_type, did_you_mean, is_number

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$")
SLUG_HINT = "lower-case letters, digits, '-' and '_', starting and ending with a letter or digit"

#: The longest id, and the longest text of each field: reports print names, labels and
#: groups in table cells, which cannot break a word across pages (a 2,000-character label
#: made the session report fail), and a description is a paragraph. An anchor is one line
#: under a rating's scale.
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTHS: Mapping[str, int] = MappingProxyType(
    {"name": 120, "version": 32, "label": 80, "group": 40, "description": 2_000}
)
MAX_ANCHOR_LENGTH = 200

#: The id a message suggests for each table, when one is missing.
_EXAMPLE_IDS = {
    "scheme": "my-scheme",
    "actors": "parent_a",
    "cues": "hungry",
    "responses": "feed",
    "contingencies": "bid-answer",
    "state_groups": "infant_state",
}


def check_unknown_fields(
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


def check_slug(base: Path_, table: Mapping[str, Any], problems: Problems) -> None:
    value = table.get("id")
    if value is None:
        example = _EXAMPLE_IDS.get(str(base[0]), "overall_warmth")
        problems.add(base, f'id is missing; add e.g. id = "{example}"')
    elif not isinstance(value, str):
        problems.add((*base, "id"), f"must be text, not {describe_type(value)}")
    elif len(value) > MAX_ID_LENGTH:
        problems.add(
            (*base, "id"), f"is {len(value):,} characters long; use at most {MAX_ID_LENGTH}"
        )
    elif not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-_")
        hint = f', for example "{suggestion}"' if suggestion and SLUG.match(suggestion) else ""
        problems.add((*base, "id"), f'"{value}" is not a valid id; use {SLUG_HINT}{hint}')


def check_text(
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
    elif name in MAX_TEXT_LENGTHS:
        check_length((*base, name), value, MAX_TEXT_LENGTHS[name], problems)


def check_length(path: Path_, value: str, limit: int, problems: Problems) -> None:
    if len(value) > limit:
        problems.add(path, f"is {len(value):,} characters long; shorten it to at most {limit:,}")


def check_window(path: Path_, value: object, problems: Problems, *, optional: bool) -> None:
    if value is None and optional:
        return
    if not is_number(value):
        problems.add(path, f"must be a number of seconds, not {describe_type(value)}")
    elif not math.isfinite(value) or value <= 0:  # type: ignore[arg-type]
        problems.add(path, f"must be a number of seconds greater than 0, not {value}")


def check_bool(path: Path_, value: object, problems: Problems) -> None:
    """``value`` (present) is ``true`` or ``false``."""
    if not isinstance(value, bool):
        problems.add(path, f"must be true or false, not {describe_type(value)}")


def id_list(path: Path_, value: object, what: str, problems: Problems) -> list[str] | None:
    """``value`` as a non-empty list of ids, each once; None (and a problem) if it is not one.

    ``what`` says what the ids are, for the message: ``"code or actor ids"``.
    """
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.add(path, f'must be a list of {what} in quotes, e.g. ["looks", "smiles"]')
        return None
    if not value:
        problems.add(path, f"must list at least one of the {what}")
        return None
    seen: set[str] = set()
    for item in value:
        if item in seen:
            problems.add(path, f'lists "{item}" twice')
        seen.add(item)
    return list(dict.fromkeys(value))


def named_list(ids: Iterable[str], limit: int = 8) -> str:
    """``a, b, c`` in the order given, cut short after ``limit`` names."""
    names = list(ids)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


_WHOLE_NUMBER = re.compile(r"^-?[0-9]+$")


def check_anchors(
    base: Path_, value: object, scale: tuple[int, int] | None, problems: Problems
) -> None:
    """A rating's ``anchors``: points of its scale (``scale``, when known) to one line of
    text each, e.g. ``anchors = { 1 = "…", 5 = "…" }``."""
    path = (*base, "anchors")
    if not isinstance(value, dict):
        problems.add(
            path,
            'must be a table of points of the scale and their text, e.g. anchors = { 1 = "…" }',
        )
        return
    seen: dict[int, str] = {}
    for key, text in value.items():
        where = (*path, key)
        if not _WHOLE_NUMBER.match(key):
            problems.add(
                where,
                f'"{key}" is not a point of the scale; anchors are keyed by whole numbers, '
                'e.g. 1 = "…"',
            )
            continue
        point = int(key)
        if point in seen:
            problems.add(where, f"is point {point} again (already given as {seen[point]})")
        seen[point] = key
        if scale is not None and not scale[0] <= point <= scale[1]:
            problems.add(
                where, f"{point} is outside this rating's scale ({scale[0]} to {scale[1]})"
            )
        if not isinstance(text, str):
            problems.add(where, f"must be text in quotes, not {describe_type(text)}")
        elif not text.strip():
            problems.add(where, "must not be empty")
        elif "\n" in text:
            problems.add(where, "must be one line (the ratings form shows it under the scale)")
        else:
            check_length(where, text, MAX_ANCHOR_LENGTH, problems)
