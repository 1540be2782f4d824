"""Where a code key sits on the keyboard, and whether a key press can be a code key.

An observer codes without looking down, so where keys sit matters: the shipped schemes
put the infant's cues under the left hand and the caregiver's responses under the right.
The map is the common QWERTY (US/UK) layout's unshifted keys, the keys a code may use; a
character that needs Shift there (``A``, ``:``, ``?``) is refused as a code key, because
the coding screen reads ``a`` and ``A`` as two keys and an observer in a hurry presses one.

:func:`key_refusal` is what the editor says on the spot when a key is pressed for a code:
the coding screen's own key (the one table of them, :mod:`observe.keys`, as validation
reads it), a key another code already has, or one that needs Shift, each with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from observe.scheme import RESERVED_KEYS

Hand = Literal["left", "right"]

#: The unshifted keys of a QWERTY keyboard, row by row, and where the hands divide them.
ROWS = ("`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")
ROW_NAMES = ("number row", "top row", "home row", "bottom row")
#: How many keys of each row the left hand types (touch typing: 5, 5, 5, 5, plus `).
LEFT_KEYS = (6, 5, 5, 5)
#: What the unshifted keys type with Shift on that layout.
SHIFTED_ROWS = ("~!@#$%^&*()_+", "QWERTYUIOP{}|", 'ASDFGHJKL:"', "ZXCVBNM<>?")

_PLACES = {key: (row, column) for row, keys in enumerate(ROWS) for column, key in enumerate(keys)}
_SHIFTED = {
    shifted: plain
    for shifted_row, row in zip(SHIFTED_ROWS, ROWS)
    for shifted, plain in zip(shifted_row, row)
}


def place(key: str) -> tuple[int, int] | None:
    """(row, column) of an unshifted key on the map; None for a key not on it."""
    return _PLACES.get(key)


def hand(key: str) -> Hand | None:
    """Which hand types ``key`` (None: not a key of the map)."""
    found = place(key)
    if found is None:
        return None
    row, column = found
    return "left" if column < LEFT_KEYS[row] else "right"


def where(key: str) -> str:
    """``left hand, home row``, as the editor says where a key sits."""
    found = place(key)
    if found is None:
        return "not on the keyboard map"
    return f"{hand(key)} hand, {ROW_NAMES[found[0]]}"


def needs_shift(character: str) -> bool:
    """Does typing ``character`` take Shift (or Caps Lock)?"""
    return character in _SHIFTED or (character.isalpha() and character != character.lower())


def key_refusal(
    character: str | None,
    key_name: str,
    data: Mapping[str, Any],
    *,
    table: str,
    index: int | None,
) -> str | None:
    """Why the key pressed (``character`` it typed, ``key_name`` the terminal's name for
    it) cannot code table ``index`` of ``table`` (``"cues"``) in scheme ``data``; None
    when it can."""
    printable = bool(character) and character.isprintable()  # type: ignore[union-attr]
    named = "space" if character == " " else (character if printable else key_name)
    purpose = RESERVED_KEYS.get(named or "")
    if purpose is not None:
        return f'"{named}" is used by the coding screen to {purpose}; press another key'
    typed = character or ""
    if not printable or typed.isspace() or len(typed) != 1:
        return f"{key_name} types no character a code can use; press a letter or punctuation mark"
    if needs_shift(typed):
        plain = _SHIFTED.get(typed, typed.lower())
        free = (
            plain not in RESERVED_KEYS and key_owner(data, plain, table=table, index=index) is None
        )
        return (
            f'"{typed}" needs Shift (or Caps Lock is on): a code is one key press without '
            "Shift; press " + (f'"{plain}" or another key' if free else "another key")
        )
    owner = key_owner(data, typed, table=table, index=index)
    if owner is not None:
        return f'"{typed}" is already the key of {owner}; each code needs its own key'
    return None


def key_owner(data: Mapping[str, Any], key: str, *, table: str, index: int | None) -> str | None:
    """The code (other than table ``index`` of ``table``) whose key is ``key``: its label
    and where it is in the file (``Hunger cues (cues[0])``)."""
    for name in ("cues", "responses"):
        tables = data.get(name)
        for position, entry in enumerate(tables if isinstance(tables, list) else ()):
            if (name, position) == (table, index) or not isinstance(entry, dict):
                continue
            if entry.get("key") == key:
                label = entry.get("label")
                return (
                    f"{label} ({name}[{position}])"
                    if isinstance(label, str)
                    else f"{name}[{position}]"
                )
    return None


def free_keys(data: Mapping[str, Any]) -> dict[Hand, list[str]]:
    """The keys of the map no code has and the coding screen does not keep, by hand."""
    used = {
        entry.get("key")
        for name in ("cues", "responses")
        for entry in (data.get(name) if isinstance(data.get(name), list) else ())
        if isinstance(entry, dict)
    }
    free: dict[Hand, list[str]] = {"left": [], "right": []}
    for row in ROWS:
        for key in row:
            side = hand(key)
            if side is not None and key not in used and key not in RESERVED_KEYS:
                free[side].append(key)
    return free
