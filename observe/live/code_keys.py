"""What a key press means to the scheme being coded, and what is said about it: the code
a key (or its uppercase, with Shift or Caps Lock held) stands for, and the one-line hints
when a code is taken in a period that cannot be coded or from an uppercase letter."""

from __future__ import annotations

from observe.keys import coding_key
from observe.labels import code_label
from observe.scheme import Cue, Response, Scheme


def code_for_key(scheme: Scheme, character: str | None, key: str) -> Cue | Response | None:
    """The scheme code a key press means: by the character it types (``;``), else by the
    key's name (``backspace``-like names a scheme cannot use are simply not found). An
    uppercase letter the scheme has no code for means its lowercase key's code: Shift or
    Caps Lock was held, and the observer meant the code."""
    code = scheme.by_key(character) if character else None
    code = code or scheme.by_key(key)
    if code is None and character and character.isupper():
        code = scheme.by_key(character.lower())
    return code


def not_codable_hint(code: Cue | Response, scheme: Scheme) -> str:
    """Said at the first code recorded in a period that cannot be coded."""
    toggle = coding_key("not_codable").shown
    return f"NOT CODABLE: {code_label(scheme, code.id)} kept, not counted ({toggle} ends it)."


def caps_lock_hint(typed: str, code: Cue | Response, scheme: Scheme) -> str:
    """Said once, when an uppercase letter was taken for its lowercase code key."""
    return f"“{typed}” coded as {code.key}, {code_label(scheme, code.id)}: is Caps Lock on?"
