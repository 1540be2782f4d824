"""A scheme snapshot held to the rules of a scheme file.

A session carries a full copy of its scheme. One that comes from outside (a bundle from
another laptop) is checked exactly as ``observe scheme validate`` checks a file:
:func:`scheme_file_data` is the data a TOML file saying this scheme would parse to (no
nulls, no empty tables a file would leave out, rating anchors keyed by text), and
:func:`snapshot_problems` runs the one validation over it. Parsing that data gives the
same scheme back (a test holds every shipped scheme to it), so a snapshot is valid exactly
when the file it came from was.
"""

from __future__ import annotations

from typing import Any

from observe.convert import converter
from observe.scheme.model import Scheme
from observe.scheme.validation import validate_data

#: The scheme's arrays of tables, as a file names them (and the model's fields do).
ARRAYS = ("actors", "cues", "responses", "contingencies", "state_groups", "ratings")

#: Fields a file leaves out rather than writing empty.
_EMPTY_LEFT_OUT = ("matches", "windows", "anchors")


def scheme_file_data(scheme: Scheme) -> dict[str, Any]:
    """What a TOML file with exactly this scheme parses to."""
    data = converter.unstructure(scheme)
    arrays = {name: [_as_file_table(t) for t in data.pop(name)] for name in ARRAYS if name in data}
    return {"scheme": data, **arrays}


def snapshot_problems(scheme: Scheme) -> list[str]:
    """What ``observe scheme validate`` would say of ``scheme`` written as a file (no line
    numbers: a snapshot has none); empty when it is valid."""
    return validate_data(scheme_file_data(scheme), "")


def _as_file_table(table: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in table.items():
        if value is None or (name in _EMPTY_LEFT_OUT and not value):
            continue
        if name == "anchors":
            value = {str(point): text for point, text in value.items()}
        out[name] = value
    return out
