"""JSON from outside, made into model objects without coercing anything.

The archive's own converter (:mod:`observe.convert`) trusts what it reads: it was written by
observe. Given a bundle from another laptop it would turn the text ``"5"`` into the time 5 s
and ``true`` into the intensity 1, and drop a field it does not know. :func:`structure_exactly`
uses a copy of that converter whose every hook takes only the JSON type the model declares:
text for text, a number for a number (a whole number for a whole number; never true or
false), a list for a list, an object for an object, one of the words of a choice. Every
field must be there, as observe has always written them all (a missing list of events is a
cut or edited file, not an empty session; a field added to the model later must be let in
missing, with its default, so that older bundles still read), and a field the model does
not know is refused. The first problem is raised as
:class:`NotExactly`, naming the field by its path (``events[3].t``).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
from cattrs import BaseValidationError, ClassValidationError, ForbiddenExtraKeysError
from cattrs.cols import homogenous_tuple_structure_factory, is_mapping, mapping_structure_factory
from cattrs.errors import AttributeValidationNote, IterableValidationNote
from cattrs.gen import make_dict_structure_fn

from observe.convert import LEFT_OUT_WHILE_DEFAULT, converter
from observe.validity.text import shown

T = TypeVar("T")


class NotExactly(Exception):
    """The first field of the data that is not what the model declares.

    ``field`` is its path (``events[3].t``; empty for the object itself) and ``reason`` the
    words that follow it (``must be a number, not the text "5"``).
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} {reason}" if field else reason)
        self.field = field
        self.reason = reason


class _Refused(TypeError):
    """A value a hook does not take; its message follows the field's path."""


class _WrongType(_Refused):
    def __init__(self, expected: str, value: object) -> None:
        super().__init__(f"must be {expected}, not {json_value(value)}")


def json_value(value: object) -> str:
    """A JSON value as a message names it: ``the text "5"``, ``true``, ``a list``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f'the text "{shown(value)}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _exact(kind: type, expected: str) -> Callable[[object, type], object]:
    def hook(value: object, _type: type) -> object:
        if type(value) is not kind:
            raise _WrongType(expected, value)
        return value

    return hook


def _number(value: object, _type: type) -> float:
    if type(value) not in (int, float):
        raise _WrongType("a number", value)
    if isinstance(value, int) and not -1e308 < value < 1e308:
        raise _Refused("is a number too large to hold")
    return float(value)  # type: ignore[arg-type]


def _is_tuple(cls: object) -> bool:
    return get_origin(cls) is tuple


def _is_optional(cls: object) -> bool:
    return get_origin(cls) in (Union, types.UnionType) and type(None) in get_args(cls)


def _is_literal(cls: object) -> bool:
    return get_origin(cls) is Literal


def _tuples(cls: Any, conv: Any) -> Callable[[object, type], object]:
    base = homogenous_tuple_structure_factory(cls, conv)

    def hook(value: object, _type: type) -> object:
        if type(value) is not list:
            raise _WrongType("a list", value)
        return base(value, cls)

    return hook


def _mappings(cls: Any, conv: Any) -> Callable[[object, type], object]:
    base = mapping_structure_factory(cls, conv)
    whole_number_keys = get_args(cls)[:1] == (int,)

    def hook(value: object, _type: type) -> object:
        if type(value) is not dict:
            raise _WrongType("an object", value)
        if whole_number_keys:  # JSON keys are text: a rating's anchors {"1": "…"}
            value = {_whole_number_key(key): item for key, item in value.items()}
        return base(value, cls)

    return hook


def _whole_number_key(key: object) -> int:
    """A JSON object key that writes a whole number exactly as JSON writes one (``"7"``)."""
    if type(key) is str and re.fullmatch(r"-?(0|[1-9][0-9]{0,8})", key):
        return int(key)
    raise _Refused(f"has the key {json_value(key)}, not a whole number")


class _Missing(_Refused):
    def __init__(self, name: str) -> None:
        super().__init__("is missing")
        self.name = name


def _classes(cls: Any, conv: Any) -> Callable[[object, type], object]:
    base = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    # Fields added later are written only when they differ from their default.
    later = LEFT_OUT_WHILE_DEFAULT.get(cls, frozenset())
    names = [field.name for field in attrs.fields(cls) if field.name not in later]

    def hook(value: object, _type: type) -> object:
        if type(value) is not dict:
            raise _WrongType("an object", value)
        for name in names:
            if name not in value:
                raise _Missing(name)
        return base(value, cls)  # type: ignore[arg-type]

    return hook


def _optionals(cls: Any, conv: Any) -> Callable[[object, type], object]:
    (inner_type,) = (arg for arg in get_args(cls) if arg is not type(None))
    inner = conv.get_structure_hook(inner_type)

    def hook(value: object, _type: type) -> object:
        if value is None:
            return None
        try:
            return inner(value, inner_type)
        except _WrongType:
            raise _WrongType(f"{_expected(inner_type)} or null", value) from None

    return hook


def _literals(cls: Any, _conv: Any) -> Callable[[object, type], object]:
    words = get_args(cls)

    def hook(value: object, _type: type) -> object:
        if type(value) is not str or value not in words:
            raise _WrongType("one of " + ", ".join(f'"{word}"' for word in words), value)
        return value

    return hook


def _expected(cls: object) -> str:
    return {str: "text", int: "a whole number", float: "a number"}.get(cls, "a value")  # type: ignore[call-overload]


exact_converter = converter.copy(forbid_extra_keys=True, detailed_validation=True)
exact_converter.register_structure_hook(str, _exact(str, "text"))
exact_converter.register_structure_hook(int, _exact(int, "a whole number"))
exact_converter.register_structure_hook(bool, _exact(bool, "true or false"))
exact_converter.register_structure_hook(float, _number)
exact_converter.register_structure_hook_factory(_is_literal, _literals)
exact_converter.register_structure_hook_factory(_is_optional, _optionals)
exact_converter.register_structure_hook_factory(_is_tuple, _tuples)
exact_converter.register_structure_hook_factory(is_mapping, _mappings)
exact_converter.register_structure_hook_factory(attrs.has, _classes)


def structure_exactly(data: object, cls: type[T]) -> T:
    """``data`` (parsed JSON) as a ``cls``, or :class:`NotExactly` naming the first field
    that is not exactly what ``cls`` declares."""
    try:
        return exact_converter.structure(data, cls)
    except (BaseValidationError, _Missing) as error:
        path, leaf = _first_leaf(error)
        raise NotExactly(path, _reason(leaf)) from None
    except (ValueError, TypeError) as error:
        raise NotExactly("", _reason(error)) from None


def _first_leaf(error: BaseException) -> tuple[str, BaseException]:
    """The path to the first problem inside a (nested) cattrs error, and the problem."""
    path = ""
    while isinstance(error, BaseValidationError) and error.exceptions:
        inner = error.exceptions[0]
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                path += f".{note.name}" if path else note.name
                break
            if isinstance(note, IterableValidationNote):
                index = note.index
                path += f"[{index}]" if isinstance(index, int) else f'["{shown(str(index))}"]'
                break
        error = inner
    if isinstance(error, _Missing):
        path += f".{error.name}" if path else error.name
    return path, error


def _reason(error: BaseException) -> str:
    if isinstance(error, _Refused):
        return str(error)
    if isinstance(error, ForbiddenExtraKeysError):
        names = ", ".join(f'"{shown(name)}"' for name in sorted(error.extra_fields))
        return f"has fields this version of observe does not know ({names})"
    if isinstance(error, KeyError):
        return "is missing"
    if isinstance(error, ClassValidationError):
        return "is not valid"
    text = shown(str(error), 80)
    return f"is not valid ({text})" if text else "is not valid"
