"""The scheme made from a BORIS ethogram, written as a scheme file (TOML).

The file is what ``observe scheme validate`` and every command that takes a scheme read: it
is written from :func:`observe.scheme.snapshot.scheme_file_data` (the data a file of
exactly this scheme parses to), and read back before it is used, so the scheme the
imported sessions keep a snapshot of is the one the file says, digest and all.
"""

from __future__ import annotations

import json
import math
from typing import Any

from observe.errors import InterchangeError
from observe.scheme.loading import parse_scheme
from observe.scheme.model import Scheme
from observe.scheme.snapshot import ARRAYS, scheme_file_data

_BARE_KEY = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def scheme_toml(scheme: Scheme, heading: str) -> str:
    """The TOML text of ``scheme``, after the comment lines of ``heading``; it parses back
    to ``scheme`` exactly (InterchangeError, naming the scheme, if it would not)."""
    data = scheme_file_data(scheme)
    lines = [f"# {line}".rstrip() for line in heading.splitlines()]
    lines += ["", "[scheme]", *_assignments(data["scheme"])]
    for name in ARRAYS:
        for table in data.get(name, []):
            lines += ["", f"[[{name}]]", *_assignments(table)]
    text = "\n".join(lines) + "\n"
    if parse_scheme(text, f"the scheme file of {scheme.id}") != scheme:
        raise InterchangeError(
            f"the scheme {scheme.id} does not read back as it was written; nothing was "
            "imported (please report this, with the project file if you can)"
        )
    return text


def _assignments(table: dict[str, Any]) -> list[str]:
    return [f"{_key(name)} = {_value(value)}" for name, value in table.items()]


def _key(name: object) -> str:
    text = str(name)
    return text if text and set(text) <= _BARE_KEY else _string(text)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no place in a scheme file")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"{type(value).__name__} has no place in a scheme file")


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, and DEL, which JSON leaves as it is,
    TOML wants escaped too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")
