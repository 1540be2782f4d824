"""Checking a scheme file's state groups (``[[state_groups]]``).

What the fields mean is :mod:`observe.scheme.states`. A group lists state codes of one
actor, each once; a state is in at most one group (so starting it stops at most one other
state, and its group is one name); an exhaustive group is exclusive, has at least two
states and starts in its ``initial`` state, which is one of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from observe.scheme.consistency import CodeEntry
from observe.scheme.fields import (
    check_bool,
    check_slug,
    check_text,
    check_unknown_fields,
    id_list,
    named_list,
)
from observe.scheme.problems import Path_, Problems, describe_type, did_you_mean

GROUP_FIELDS = ("id", "label", "description", "codes", "exclusive", "exhaustive", "initial")

Tables = list[tuple[int, dict[str, Any]]]


def check_state_groups(
    tables: Tables,
    codes: Mapping[str, CodeEntry],
    actor_of: Mapping[str, str],
    problems: Problems,
) -> None:
    """Every problem of the file's ``[[state_groups]]``."""
    first_id: dict[str, int] = {}
    group_of: dict[str, tuple[int, str, bool]] = {}  # code -> (group index, its id, exclusive)
    for index, table in tables:
        base: Path_ = ("state_groups", index)
        check_unknown_fields(base, table, GROUP_FIELDS, problems)
        check_slug(base, table, problems)
        check_text(base, table, "label", problems, required=True)
        check_text(base, table, "description", problems, required=False, allow_empty=True)
        group_id = table.get("id")
        named = group_id if isinstance(group_id, str) else f"state_groups[{index}]"
        if isinstance(group_id, str):
            if group_id in first_id:
                problems.add(
                    (*base, "id"),
                    f'"{group_id}" is already the id of state_groups[{first_id[group_id]}]; '
                    "every group needs its own id",
                )
            else:
                first_id[group_id] = index
        flags = {}
        for name, default in (("exclusive", True), ("exhaustive", False)):
            value = table.get(name, default)
            check_bool((*base, name), value, problems)
            flags[name] = value is True
        states = _check_codes(base, table, codes, actor_of, problems)
        if flags["exhaustive"] and "exclusive" in table and table["exclusive"] is False:
            problems.add(
                (*base, "exhaustive"),
                "an exhaustive group is exclusive too (exactly one of its states is on at a "
                "time); remove exclusive = false",
            )
        if flags["exhaustive"] and states is not None and len(states) < 2:
            problems.add(
                (*base, "codes"),
                "an exhaustive group needs at least two states (one of them is always on)",
            )
        _check_initial(base, table, states, exhaustive=flags["exhaustive"], problems=problems)
        for code in states or []:
            earlier = group_of.get(code)
            if earlier is None:
                group_of[code] = (index, named, flags["exclusive"])
                continue
            place = f'state_groups[{earlier[0]}] ("{earlier[1]}")'
            if earlier[2] and flags["exclusive"]:
                problems.add(
                    (*base, "codes"),
                    f'"{code}" is already in the exclusive group {place}; a state can be in '
                    "only one exclusive group (starting it would stop a state of each)",
                )
            else:
                problems.add(
                    (*base, "codes"),
                    f'"{code}" is already in {place}; groups may not overlap: a state belongs '
                    "to one group",
                )


def _check_codes(
    base: Path_,
    table: Mapping[str, Any],
    codes: Mapping[str, CodeEntry],
    actor_of: Mapping[str, str],
    problems: Problems,
) -> list[str] | None:
    """The group's state codes (the known ones), or None when ``codes`` is unusable."""
    path = (*base, "codes")
    if "codes" not in table:
        problems.add(
            base, 'codes is missing; list the group\'s state codes, e.g. codes = ["alert"]'
        )
        return None
    listed = id_list(path, table["codes"], "state code ids", problems)
    if listed is None:
        return None
    states: list[str] = []
    for code in listed:
        entry = codes.get(code)
        if entry is None:
            hint = did_you_mean(code, [c for c, e in codes.items() if e.is_state])
            problems.add(path, f'"{code}" is not a code id{hint}')
        elif not entry.is_state:
            problems.add(
                path,
                f'"{code}" is a point code ({entry.where}); only state codes '
                '(kind = "state") can be in a state group',
            )
        else:
            states.append(code)
    actors = {actor_of[code] for code in states if code in actor_of}
    if len(actors) > 1:
        problems.add(
            path,
            f"mixes the states of {named_list(sorted(actors))}; a group's states are one "
            "actor's (each actor can have groups of their own)",
        )
    return states


def _check_initial(
    base: Path_,
    table: Mapping[str, Any],
    states: list[str] | None,
    *,
    exhaustive: bool,
    problems: Problems,
) -> None:
    initial = table.get("initial")
    if initial is None:
        if exhaustive:
            example = f' = "{states[0]}"' if states else ' = "alert"'
            problems.add(
                base,
                "initial is missing; an exhaustive group starts in its initial state: add "
                f"e.g. initial{example}",
            )
        return
    path = (*base, "initial")
    if not isinstance(initial, str):
        problems.add(path, f"must be a state code id in quotes, not {describe_type(initial)}")
        return
    listed = table.get("codes")
    if isinstance(listed, list) and initial not in listed:
        in_group = [c for c in listed if isinstance(c, str)]
        hint = did_you_mean(initial, in_group) or f" (its states: {named_list(in_group)})"
        problems.add(path, f'"{initial}" is not one of this group\'s states{hint}')
