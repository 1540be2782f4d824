"""How close a text field is to the most it may hold, said while it is typed.

The limits are the ones every way into the archive is held to
(:mod:`observe.validity.limits`): a field that shows the count as its limit nears, and
refuses more, never lets a note be typed that saving would then refuse.
"""

from __future__ import annotations

from textual.widgets import Static

#: From this share of the limit on, the count is shown (below it, nothing is).
SHOWN_FROM = 0.9


def length_sentence(length: int, limit: int, what: str) -> str:
    """``950 of 1,000 characters`` near the limit (``… — the most a note may hold`` at it),
    ``1,005 of 1,000 characters: 5 too many`` past it, and "" well below it: short enough
    for one line of a form. ``what``: ``a note``."""
    if length > limit:
        return f"{length:,} of {limit:,} characters: {length - limit:,} too many"
    if length == limit:
        return f"{length:,} of {limit:,} characters, the most {what} may hold"
    if length >= limit * SHOWN_FROM:
        return f"{length:,} of {limit:,} characters"
    return ""


def show_length(counter: Static, length: int, limit: int, what: str) -> None:
    """Put :func:`length_sentence` in ``counter``, which takes no room while it is empty."""
    sentence = length_sentence(length, limit, what)
    counter.update(sentence)
    counter.display = bool(sentence)
