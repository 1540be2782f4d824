"""Checks of a coding scheme that look across its codes: ids and keys used once, and
windows that fit inside the repair window (DESIGN §2); and the codes of a file by id, for
the checks of the tables that name codes (actors, rules, state groups)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from observe.scheme.problems import Problems, is_positive


def code_ids(tables: list[tuple[int, dict[str, Any]]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, table in tables:
        value = table.get("id")
        if isinstance(value, str):
            found.setdefault(value, index)
    return found


def check_unique_ids(
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


def check_unique_keys(
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


def check_windows_against_repair(
    scheme_table: Mapping[str, Any], cues: list[tuple[int, dict[str, Any]]], problems: Problems
) -> None:
    """A miss can only be repaired within repair_window, so it must not end before a window."""
    repair = scheme_table.get("repair_window")
    response = scheme_table.get("response_window")
    if not is_positive(repair):
        return
    if is_positive(response) and repair < response:
        problems.add(
            ("scheme", "repair_window"),
            f"({repair} s) must not be shorter than response_window ({response} s): "
            "a missed cue is repaired after its response window",
        )
    for index, cue in cues:
        window = cue.get("window")
        if is_positive(window) and window > repair:
            problems.add(
                ("cues", index, "window"),
                f"({window} s) must not be longer than the scheme's repair_window ({repair} s)",
            )


@frozen
class CodeEntry:
    """A code of the file as validation sees it: its table, place and raw fields."""

    table: str  # "cues" or "responses"
    index: int
    data: dict[str, Any]

    @property
    def is_cue(self) -> bool:
        return self.table == "cues"

    @property
    def is_state(self) -> bool:
        return self.data.get("kind", "point") == "state"

    @property
    def where(self) -> str:
        return f"{self.table}[{self.index}]"


def known_codes(
    cues: list[tuple[int, dict[str, Any]]], responses: list[tuple[int, dict[str, Any]]]
) -> dict[str, CodeEntry]:
    """The codes of the file by id (the first one of an id used twice)."""
    found: dict[str, CodeEntry] = {}
    for name, tables in (("cues", cues), ("responses", responses)):
        for index, table in tables:
            value = table.get("id")
            if isinstance(value, str):
                found.setdefault(value, CodeEntry(name, index, table))
    return found
