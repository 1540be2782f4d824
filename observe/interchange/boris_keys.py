"""Keys for the codes of an imported BORIS ethogram.

A BORIS key may be anything observe's coding screen cannot take as a code key: one it keeps
for itself (the digits set the intensity, ``n`` a note, ``x`` ends the session, …; the one
table is :mod:`observe.keys`), a key sequence (``F1``, ``Ctrl+A``), no key at all, a key
two behaviours share (BORIS then asks which one was meant), or one that needs Shift (an
upper-case letter, ``!``, ``?``): BORIS takes ``A`` from the A key pressed alone in a
project whose keys are all upper case, where observe would wait for Shift+A. Each such code
gets another key, and the report says which and why: first the same letter in lower case,
then a letter of its label, then the first free key of the keyboard's unshifted keys; Shift
only when those run out.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from attrs import frozen

from observe.errors import InterchangeError
from observe.keys import reserved_scheme_keys

#: Keys that need Shift on the keyboards most coders use (upper-case letters aside).
SHIFTED = frozenset('~!@#$%^&*()_+{}|:"<>?')
#: The keys a code can have without Shift, in the order a new key is chosen from.
UNSHIFTED = tuple(string.ascii_lowercase) + tuple("`-=[]\\;',./")


@frozen
class KeyWanted:
    """A code, its label, and the key BORIS gave its behaviour."""

    code: str
    label: str
    boris_key: str


@frozen
class KeyChange:
    code: str
    label: str
    boris_key: str
    key: str
    reason: str

    def sentence(self) -> str:
        was = f'"{self.boris_key}"' if self.boris_key else "no key"
        return f'"{self.label}": {was} → "{self.key}" ({self.reason})'


def _reserved() -> dict[str, str]:
    reserved = reserved_scheme_keys()
    reserved[" "] = reserved.get("space", "pause the session")
    return reserved


def _problem(key: str, reserved: dict[str, str]) -> str | None:
    """Why ``key`` cannot stay a code's key (None: it can, if no other code has it)."""
    if not key:
        return "the behaviour has no key"
    if key in reserved or key.lower() in ("space", "backspace"):
        return f"the coding screen uses it to {reserved.get(key) or reserved[key.lower()]}"
    if len(key) != 1:
        return "observe takes one key, not a key sequence"
    if not key.isprintable():
        return "it is no visible character"
    if key.isupper() or key in SHIFTED:
        return "it needs Shift"
    return None


def assign_keys(wanted: Sequence[KeyWanted]) -> tuple[dict[str, str], list[KeyChange]]:
    """A key for every code (code id → key), and the changes made, in the codes' order."""
    reserved = _reserved()
    keys: dict[str, str] = {}
    owner: dict[str, str] = {}  # key -> the label of the code that kept it
    problems: dict[str, str] = {}
    for item in wanted:  # first every key that can stay, so a change never takes one
        problem = _problem(item.boris_key, reserved)
        if problem is None and item.boris_key in owner:
            problem = f'BORIS gives it to "{owner[item.boris_key]}" too'
        if problem is None:
            keys[item.code] = item.boris_key
            owner[item.boris_key] = item.label
        else:
            problems[item.code] = problem
    taken = set(owner)
    changes: list[KeyChange] = []
    for item in wanted:
        if item.code in keys:
            continue
        key = _free_key(item, taken, reserved)
        if key is None:
            raise InterchangeError(
                f"the ethogram has {len(wanted)} codes, more than the coding screen has keys "
                f"for ({len(_usable(reserved))}); split "
                "the project into several, each with the behaviours of one coding scheme"
            )
        keys[item.code] = key
        taken.add(key)
        changes.append(KeyChange(item.code, item.label, item.boris_key, key, problems[item.code]))
    return keys, changes


def _usable(reserved: dict[str, str]) -> list[str]:
    """Every key a new one is chosen from: unshifted first, then with Shift."""
    return [k for k in (*UNSHIFTED, *string.ascii_uppercase) if k not in reserved]


def _free_key(item: KeyWanted, taken: set[str], reserved: dict[str, str]) -> str | None:
    usable = _usable(reserved)
    own = item.boris_key.lower() if len(item.boris_key) == 1 else ""
    from_label = [ch for ch in item.label.lower() if ch in string.ascii_lowercase]
    return next((k for k in (own, *from_label, *usable) if k in usable and k not in taken), None)
