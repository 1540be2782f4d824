"""The one cattrs converter: every model object to and from JSON-ready primitives.

Changes (journal records) are a tagged union: ``{"type": "EventRecorded", ...}``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from cattrs.preconf.json import make_converter
from cattrs.strategies import configure_tagged_union

from observe.model import Change

T = TypeVar("T")

converter = make_converter(omit_if_default=False, forbid_extra_keys=False)
configure_tagged_union(Change, converter, tag_name="type")


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    return converter.structure(data, cls)


def unstructure_change(change: Change) -> dict[str, Any]:
    return converter.unstructure(change, Change)  # type: ignore[arg-type]


def structure_change(data: dict[str, Any]) -> Change:
    return converter.structure(data, Change)  # type: ignore[arg-type]
