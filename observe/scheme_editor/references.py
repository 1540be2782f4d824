"""Everywhere a scheme file names a code or an actor by id, followed when the id changes.

A cue's ``matches`` name responses; a code's ``actor`` names an actor; a rule's
``antecedents``, ``consequents`` and ``matches`` name codes or actors, and its ``matches``
and ``windows`` are keyed by code ids; a state group's ``codes`` and ``initial`` name
codes. Renaming a code or an actor in a form renames it in all of these; removing one takes
it out of every list and table keyed by it (a single field that named it, such as a state
group's ``initial``, is left for validation to point out: what it should name instead is
the user's choice).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tomlkit.container import Container
from tomlkit.items import Array, InlineTable, Table

from observe.scheme.fields import MAX_ID_LENGTH, SLUG
from observe.scheme_editor import layout

#: The tables whose ids other tables name.
CODE_ARRAYS = ("cues", "responses")
RENAMED = (*CODE_ARRAYS, "actors")

#: Where a table names ids, by array: lists of ids, single ids, tables keyed by ids.
_LISTS = {
    "cues": ("matches",),
    "contingencies": ("antecedents", "consequents"),
    "state_groups": ("codes",),
}
_SINGLE = {"cues": ("actor",), "responses": ("actor",), "state_groups": ("initial",)}
_KEYED = {"contingencies": ("matches", "windows")}
#: Tables keyed by ids whose values are lists of ids too.
_KEYED_LISTS = {"contingencies": ("matches",)}


def is_valid_id(value: str) -> bool:
    return bool(SLUG.match(value)) and len(value) <= MAX_ID_LENGTH


def ids_in_use(data: Mapping[str, Any], array: str, index: int | None) -> list[str]:
    """The ids a table of ``array`` (other than table ``index``) may not take: codes and
    actors share one set of ids; every other table has its own."""
    arrays = RENAMED if array in RENAMED else (array,)
    found = []
    for name in arrays:
        tables = data.get(name)
        if not isinstance(tables, list):
            continue
        for position, table in enumerate(tables):
            if name == array and position == index:
                continue
            if isinstance(table, dict) and isinstance(table.get("id"), str):
                found.append(table["id"])
    return found


def rename(document: Container, array: str, old: str, new: str) -> None:
    """Every place that names ``old`` (a code's or actor's id) names ``new`` instead."""
    for lists in _id_lists(document):
        for position, item in enumerate(lists):
            if item == old:
                lists[position] = new
    for _name, table, field in _tables_with(document, _SINGLE):
        if table.get(field) == old:
            table[field] = new
    for _name, table, field in _tables_with(document, _KEYED):
        keyed = table.get(field)
        if isinstance(keyed, (Table, InlineTable)) and old in keyed:
            _rekey(table, field, {key: (new if key == old else key) for key in keyed})


def forget(document: Container, removed: str) -> None:
    """``removed`` (a code or actor now gone) is taken out of every list and keyed table."""
    for lists in _id_lists(document):
        for position in reversed(range(len(lists))):
            if lists[position] == removed:
                del lists[position]
    for _name, table, field in _tables_with(document, _KEYED):
        keyed = table.get(field)
        if isinstance(keyed, (Table, InlineTable)) and removed in keyed:
            del keyed[removed]


def _tables_with(
    document: Container, fields: Mapping[str, tuple[str, ...]]
) -> Iterator[tuple[str, Table | InlineTable, str]]:
    for name, names in fields.items():
        for table in layout.entries(document, name):
            for field in names:
                yield name, table, field


def _id_lists(document: Container) -> Iterator[Array]:
    """Every list of ids in the file: as fields, and as the values of keyed tables."""
    for _, table, field in _tables_with(document, _LISTS):
        value = table.get(field)
        if isinstance(value, Array):
            yield value
    for _, table, field in _tables_with(document, _KEYED_LISTS):
        keyed = table.get(field)
        if isinstance(keyed, (Table, InlineTable)):
            for key in keyed:
                value = keyed[key]
                if isinstance(value, Array):
                    yield value


def _rekey(table: Table | InlineTable, field: str, keys: Mapping[str, str]) -> None:
    """Table ``field`` of ``table`` with its keys renamed as ``keys`` says, order kept."""
    keyed = table[field]
    values = {keys[key]: keyed[key].unwrap() for key in keyed}  # type: ignore[union-attr]
    if isinstance(keyed, InlineTable):
        table[field] = layout.inline_table(values)
        return
    for key in list(keyed):  # a [contingencies.matches] sub-table written by hand
        del keyed[key]  # type: ignore[union-attr]
    for key, value in values.items():
        keyed[key] = value  # type: ignore[index]
