"""A scheme file being edited: its TOML, kept as the person who wrote it laid it out.

:class:`SchemeDocument` holds the file as a tomlkit document, so every comment, blank line
and field order the file had by hand survives an edit in a form. Each change (a field, a
new or removed table, an id renamed with everything that names it) is made on that
document, and what the document says is read back exactly as ``observe scheme validate``
reads a file: the TOML text, parsed by ``tomllib``, checked by the one validation. So the
problems a form shows are those words, with their lines in the file that will be saved,
and a document without problems parses to the same :class:`~observe.scheme.Scheme` as the
file written from it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import tomlkit
import tomlkit.exceptions
from tomlkit.items import InlineTable, Table

from observe.errors import SchemeError
from observe.scheme import Scheme, parse_scheme
from observe.scheme.loading import read_scheme_file
from observe.scheme.problems import Path_, Problem
from observe.scheme.validation import locate_problems
from observe.scheme_editor import layout, references
from observe.scheme_editor.draft import draft_scheme

#: Where a field lives: ``("scheme", "name")`` or ``("cues", 3, "key")``.
FieldPath = tuple[str | int, ...]


class SchemeDocument:
    """One scheme file's TOML and the changes made to it (see the module's docstring)."""

    def __init__(self, text: str, source: str, *, path: Path | None = None) -> None:
        self.source = source
        self.path = path
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            parse_scheme(text, source)  # raises the sentence validate says of it
            raise
        try:
            self._toml = tomlkit.parse(text)
        except tomlkit.exceptions.TOMLKitError as error:
            raise SchemeError(
                source, [f"this file cannot be edited in forms ({error}); edit it in a text editor"]
            ) from None
        for name in layout.ARRAY_ORDER:
            layout.entries(self._toml, name)  # an array that is not one is refused here
        #: Changes made since the document was read; a view redraws when it moves on.
        self.revision = 0

    @classmethod
    def read(cls, path: Path) -> SchemeDocument:
        """The scheme file at ``path``; one sentence when it cannot be read as TOML."""
        content = read_scheme_file(path)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            parse_scheme(content, str(path))  # raises the sentence validate says of it
            raise
        return cls(text, str(path), path=path)

    # -- what the document says ----------------------------------------------------------

    @property
    def text(self) -> str:
        """The TOML as it would be saved."""
        return self._toml.as_string()

    @cached_property
    def data(self) -> dict[str, Any]:
        """The text as ``tomllib`` (and so ``observe scheme validate``) reads it."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError:
            return {}

    @cached_property
    def problems(self) -> list[Problem]:
        """Every problem ``observe scheme validate`` would report, with its field."""
        text = self.text
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:  # never from tomlkit's own output
            return [Problem((), None, f"this is not valid TOML: {error}")]
        return locate_problems(data, text)

    def problems_at(self, *path: str | int) -> list[Problem]:
        """The problems of the field or table at ``path`` and of everything inside it."""
        return [p for p in self.problems if p.path[: len(path)] == path]

    def scheme(self) -> Scheme:
        """The scheme the text means; :class:`SchemeError` with every problem if it has any."""
        return parse_scheme(self.text, self.source)

    @cached_property
    def draft(self) -> Scheme:
        """The scheme as far as it can be read while it has problems (for previews)."""
        return draft_scheme(self.data)

    def value(self, path: FieldPath, default: Any = None) -> Any:
        """The value at ``path`` as the file has it (``default`` where it has none)."""
        found: Any = self.data
        for part in path:
            if isinstance(part, int):
                if not isinstance(found, list) or not 0 <= part < len(found):
                    return default
            elif not isinstance(found, dict) or part not in found:
                return default
            found = found[part]
        return found

    def count(self, array: str) -> int:
        return len(layout.entries(self._toml, array))

    # -- changes -------------------------------------------------------------------------

    def set(self, path: FieldPath, value: Any) -> None:
        """Set the field at ``path`` (``None`` removes it); a dict is written inline."""
        *where, name = path
        table = self._table(tuple(where), create=value is not None)
        if table is None:
            return
        if isinstance(value, dict):
            value = layout.inline_table(value)
        layout.set_value(table, str(name), value)
        if value is None and len(where) > 2 and not len(table):
            self.set(tuple(where), None)  # anchors = {} says nothing: leave it out
        self._changed()

    def add(self, array: str, fields: dict[str, Any]) -> int:
        """A new table of ``array`` (``"cues"``) with ``fields``; returns its index."""
        index = layout.append_entry(self._toml, array, fields)
        self._changed()
        return index

    def remove(self, array: str, index: int) -> None:
        """Remove a table; its id is taken out of every list that names it."""
        removed = self.value((array, index, "id"))
        layout.remove_entry(self._toml, array, index)
        if isinstance(removed, str) and array in references.CODE_ARRAYS:
            references.forget(self._toml, removed)
        self._changed()

    def rename(self, array: str, index: int, new_id: str, named_as: str | None) -> str | None:
        """Give table ``index`` of ``array`` the id ``new_id`` as it is being typed.

        The places that name it (``named_as``: the id they use now) follow only to an id
        that is free and valid, so typing over an id never merges two codes' references;
        returns the id they use afterwards."""
        self.set((array, index, "id"), new_id)
        if named_as is None or named_as == new_id or array not in references.RENAMED:
            return named_as
        taken = references.ids_in_use(self.data, array, index)
        if new_id in taken or not references.is_valid_id(new_id):
            return named_as
        references.rename(self._toml, array, named_as, new_id)
        self._changed()
        return new_id

    def entry_ids(self, array: str) -> list[str]:
        """The ids of ``array``'s tables in file order ("" for a table without one)."""
        tables = self.value((array,), [])
        return [str(t.get("id", "")) if isinstance(t, dict) else "" for t in tables]

    def free_id(self, wanted: str, array: str, taken: Sequence[str] = ()) -> str:
        """``wanted``, or ``wanted_2``, ``wanted_3``… : the first id no table uses."""
        used = set(references.ids_in_use(self.data, array, None)) | set(taken)
        candidate, number = wanted, 2
        while candidate in used:
            candidate, number = f"{wanted}_{number}", number + 1
        return candidate

    # -- inside --------------------------------------------------------------------------

    def _table(self, where: Path_, *, create: bool) -> Table | InlineTable | None:
        if not where:
            return self._toml  # type: ignore[return-value]
        head, *rest = where
        if isinstance(head, str) and not rest:
            return self._toml[head]  # type: ignore[return-value]
        table: Table | InlineTable = layout.entries(self._toml, str(head))[int(rest[0])]
        for name in rest[1:]:
            if str(name) not in table:
                if not create:
                    return None
                layout.set_value(table, str(name), layout.inline_table({}))
            table = table[str(name)]  # type: ignore[assignment]
        return table

    def _changed(self) -> None:
        self.revision += 1
        for name in ("data", "problems", "draft"):
            self.__dict__.pop(name, None)
