"""Changing a scheme file's TOML where a person may have laid it out by hand.

tomlkit keeps every comment and blank line of a file, but it files the lines *between*
two tables (``# -- Caregiver responses ---`` above ``[[responses]]``) under the table
before them. Adding a field or a table with tomlkit alone would put it below such a
heading, under the wrong section. These helpers treat that run of blank lines and
comments at the end of a table as what it is, the lead-in to whatever follows:

- a new field goes after the table's last field, before that run;
- a new table of an array goes after the last one, and the run moves below it;
- a table that is removed leaves its run to the table before it;
- a new array (the first ``[[state_groups]]``) goes where the scheme format lists it
  (:data:`ARRAY_ORDER`), not at the end of the file.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Table, Whitespace

from observe.errors import ObserveError

#: The tables of a scheme file, in the order the format (and a new file) lists them.
ARRAY_ORDER = ("actors", "cues", "responses", "contingencies", "state_groups", "ratings")

Trailing = list[tuple[None, Item]]


def _body(table: Table | Container) -> list[tuple[Any, Item]]:
    return table.value.body if isinstance(table, Table) else table.body


def take_trailing(table: Table) -> Trailing:
    """Remove and return the blank lines and comments at the end of ``table``."""
    body = _body(table)
    start = len(body)
    while (
        start
        and body[start - 1][0] is None
        and isinstance(body[start - 1][1], (Whitespace, Comment))
    ):
        start -= 1
    run: Trailing = [(None, item) for _, item in body[start:]]
    del body[start:]
    return run


def give_trailing(table: Table, run: Trailing) -> None:
    """Put ``run`` at the end of ``table``, with no two blank lines in a row."""
    body = _body(table)
    for key, item in run:
        if _is_blank(item) and body and _is_blank(body[-1][1]):
            continue
        body.append((key, item))


def _is_blank(item: Item) -> bool:
    return (
        isinstance(item, Whitespace)
        and not item.as_string().strip(" \t\r\n")
        and item.as_string().count("\n") >= 1
    )


def _end_with_blank_line(table: Table) -> None:
    body = _body(table)
    if not body or not _is_blank(body[-1][1]):
        body.append((None, Whitespace("\n")))


def set_value(table: Table | InlineTable, name: str, value: Any) -> None:
    """Set field ``name``: in place (keeping its line's comment) if it is there, else
    after the table's last field; ``None`` removes the field."""
    if value is None:
        if name in table:
            del table[name]
        return
    if name in table or isinstance(table, InlineTable):
        table[name] = value
        return
    run = take_trailing(table)
    table[name] = value
    give_trailing(table, run)


def inline_table(entries: dict[str, Any]) -> InlineTable:
    """``{ 1 = "…", 5 = "…" }``: how a scheme file writes anchors, matches and windows."""
    table = tomlkit.inline_table()
    for key, value in entries.items():
        table[key] = value
    return table


def entries(document: Container, name: str) -> list[Table | InlineTable]:
    """The tables of array ``name`` (``[[cues]]``), none if the file has none."""
    value = document.get(name)
    if value is None:
        return []
    array = document[name]
    if isinstance(array, (AoT, Array)):
        return [entry for entry in array if isinstance(entry, (Table, InlineTable))]
    raise ObserveError(
        f"{name} in this file is not a list of [[{name}]] tables; fix it in a text editor"
    )


def append_entry(document: Container, name: str, fields: dict[str, Any]) -> int:
    """Add a table with ``fields`` at the end of array ``name``; returns its index."""
    table = tomlkit.table()
    for key, value in fields.items():
        table[key] = value
    if name in document:
        array = document[name]
        if isinstance(array, Array):  # written inline by hand: stay inline
            inline = tomlkit.inline_table()
            inline.update(fields)
            array.append(inline)
            return len(array) - 1
        if not isinstance(array, AoT):
            entries(document, name)  # raises the sentence
        before = array[-1] if len(array) else _table_before(document, name)
        if before is not None:
            give_trailing(table, take_trailing(before))
            _end_with_blank_line(before)
        array.append(table)
        return len(array) - 1
    _insert_array(document, name, table)
    return 0


def remove_entry(document: Container, name: str, index: int) -> None:
    """Remove table ``index`` of array ``name`` (and the array, once it is empty); the
    blank lines and comments after it stay, after the table before it."""
    array = document[name]
    if isinstance(array, Array):
        del array[index]
    else:
        run = take_trailing(array[index])
        before = array[index - 1] if index > 0 else _table_before(document, name)
        del array[index]
        if before is not None:
            give_trailing(before, run)
    if not len(document[name]):
        del document[name]


def _table_before(document: Container, name: str) -> Table | None:
    """The table whose end comes right before array ``name`` in the file."""
    last: Table | None = None
    for key, item in document.body:
        if key is not None and key.key == name:
            return last
        if isinstance(item, Table):
            last = item
        elif isinstance(item, AoT) and len(item):
            last = item[-1]
    return last


def _insert_array(document: Container, name: str, table: Table) -> None:
    """A new array with its first ``table``, before the arrays the format lists after it."""
    later = ARRAY_ORDER[ARRAY_ORDER.index(name) + 1 :] if name in ARRAY_ORDER else ()
    keys = [key.key for key, _ in document.body if key is not None]
    cut = next((i for i, key in enumerate(keys) if key in later), len(keys))
    moved = [(key, document.item(key)) for key in keys[cut:]]
    for key, _ in moved:
        document.remove(key)
    before = _last_table(document)
    if before is not None:
        give_trailing(table, take_trailing(before))
        _end_with_blank_line(before)
    array = tomlkit.aot()
    array.append(table)
    document.append(name, array)
    if moved:
        _end_with_blank_line(table)
    for key, item in moved:
        document.append(key, item)


def _last_table(document: Container) -> Table | None:
    last: Table | None = None
    for _, item in document.body:
        if isinstance(item, Table):
            last = item
        elif isinstance(item, AoT) and len(item):
            last = item[-1]
    return last
