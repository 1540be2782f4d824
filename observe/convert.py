"""The one cattrs converter: every model object to and from JSON-ready primitives.

This module knows no model type, so every layer can use it without an import circle:
the types that need a special rule register it next to their definition (the journal's
changes are a tagged union, ``{"type": "EventRecorded", ...}``: see :mod:`observe.model`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from cattrs.preconf.json import make_converter

T = TypeVar("T")

converter = make_converter(omit_if_default=False, forbid_extra_keys=False)


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    return converter.structure(data, cls)
