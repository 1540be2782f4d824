"""The one cattrs converter: every model object to and from JSON-ready primitives.

This module knows no model type, so every layer can use it without an import circle:
the types that need a special rule register it next to their definition (the journal's
changes are a tagged union, ``{"type": "EventRecorded", ...}``: see :mod:`observe.changes`).
"""

from __future__ import annotations

from typing import Any, TypeVar

from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

T = TypeVar("T")

converter = make_converter(omit_if_default=False, forbid_extra_keys=False)

#: Fields added to a model type after files were first written with it, which are left out
#: of the written form while they hold their default (type -> field names): a file without
#: them is what an older observe wrote, and reads as before (see :func:`omit_while_default`).
LEFT_OUT_WHILE_DEFAULT: dict[type, frozenset[str]] = {}


def omit_while_default(cls: type, *names: str) -> None:
    """Write the fields ``names`` of ``cls`` only when they differ from their default.

    A type that gains a field keeps the serial form it had for every value that does not
    use it, so its digests, files and bundles stay byte for byte what they were; readers
    that require every field (:mod:`observe.validity.exact`) let these be missing.
    """
    left_out = LEFT_OUT_WHILE_DEFAULT.get(cls, frozenset()) | set(names)  # (calls add up)
    overrides = {name: override(omit_if_default=True) for name in left_out}
    converter.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, converter, **overrides))
    LEFT_OUT_WHILE_DEFAULT[cls] = left_out


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    return converter.structure(data, cls)
