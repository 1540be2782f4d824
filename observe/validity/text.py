"""What a text field of a session may hold: a bounded length, and no control characters.

A dyad code, an observer, a visit and a context are one line of printable text; notes may
run over several lines (line breaks and tabs), but hold no other control character: an
escape sequence in a note would be sent to the terminal by ``observe session show``.
"""

from __future__ import annotations

import unicodedata

from observe.display import shorten

_LINE_BREAKS = frozenset("\n\r\t")


def text_problem(value: str, limit: int, *, one_line: bool) -> str | None:
    """What is wrong with ``value`` as a text field of at most ``limit`` characters, as words
    to follow the field's name (``is 100,000 characters long, …``); None when nothing is."""
    if len(value) > limit:
        return f"is {len(value):,} characters long, more than the {limit:,} it may be"
    if one_line:
        if not value.isprintable():
            return "holds a line break or a control character; it is one line of text"
    elif any(unicodedata.category(ch) == "Cc" and ch not in _LINE_BREAKS for ch in value):
        return "holds a control character (only line breaks and tabs may be in it)"
    return None


def shown(text: str, limit: int = 40) -> str:
    """Text from outside quoted in a message: on one line, cut short, and with any control
    character shown as ``�`` (an escape sequence in a message would act on the terminal);
    :func:`observe.display.shorten`, by the name the checks of a session use."""
    return shorten(text, limit)
