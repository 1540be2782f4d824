"""Does a dyad code look like a person's name? The one rule, asked wherever a session is
made from what someone typed: the new-session form, ``observe session import`` and
``observe import-bundle``.

Families are known in the archive only by pseudonymous codes (``D014``): reports and exports
leave the laptop, so a family's name must never be in one. A name cannot be recognised for
certain, so this is a warning, never a refusal, and it leans towards warning: a code that
is nagged about costs a second look, a name that slips through costs a family its privacy.

A code looks like a name when it holds

- two or more words of letters: ``anna smith``, ``Smith, Anna``, ``Anna_Smith``,
  ``J. Smith``, ``anna-maria schmidt``, ``Zoë Brontë``, ``A B`` (initials), ``Anna Smith 2``
  (a number beside a name does not make it a code); or
- one word with an apostrophe inside it: ``O'Brien``, ``d'angelo``; or
- one word made of capitalised parts, joined by hyphens or written together:
  ``Mary-Ann``, ``Jean-Luc``, ``AnnaSmith``, ``McDonald``.

It is not flagged when no two of its words are letters alone (``D014``, ``DEMO-05``,
``FAM-12-B``, ``fam 12``, ``A12 B3``, ``D 14``), or when it is one plain word (``Smith``,
``robin``, ``X``) or one word of parts in one case joined by hyphens (``fam-ab``,
``FAM-AB``): those are how codes are written, and one word alone says too little to warn.
"""

from __future__ import annotations

import re
import unicodedata

#: Words are separated by anything that is neither a letter or digit nor an apostrophe or a
#: hyphen inside a word: spaces, commas, full stops, underscores, slashes.
_SEPARATORS = re.compile(r"[^\w'’ʼ\-‐]+|_+")
_APOSTROPHES = "'’ʼ"
_HYPHENS = "-‐"
_PARTS = re.compile(r"[-‐]")


def _words(text: str) -> list[str]:
    """The words of ``text``; an apostrophe or a hyphen at a word's edge is no part of it
    (``'Anna Smith'`` typed with quotes is the words Anna and Smith)."""
    words = (word.strip(_APOSTROPHES + _HYPHENS) for word in _SEPARATORS.split(text))
    return [word for word in words if word]


def _is_letter_word(word: str) -> bool:
    """Letters only, apart from apostrophes and hyphens between them."""
    return all(ch.isalpha() or ch in _APOSTROPHES or ch in _HYPHENS for ch in word)


def _capitalised_parts(word: str) -> list[str]:
    """``Mary-Ann`` → Mary, Ann; ``AnnaSmith`` → Anna, Smith: the word cut before each
    capital and at each hyphen (a part that does not start with a capital stays whole)."""
    parts: list[str] = []
    for piece in _PARTS.split(word):
        current = ""
        for ch in piece:
            if ch.isupper() and current:
                parts.append(current)
                current = ""
            current += ch
        parts.append(current)
    return parts


def _is_capitalised(part: str) -> bool:
    """An upper-case letter, then lower-case ones: ``Ann``, ``Zoë``."""
    return len(part) >= 2 and part[0].isupper() and part[1:].isalpha() and part[1:].islower()


def looks_like_a_name(dyad: str) -> bool:
    """True when the dyad code looks like a person's name rather than a code such as D014
    (the rule is in this module's docstring)."""
    text = unicodedata.normalize("NFC", dyad.strip())  # "Zoë" typed as "Zoe" + "¨" too
    words = _words(text)
    letter_words = [word for word in words if _is_letter_word(word)]
    if len(letter_words) >= 2:
        return True
    if len(words) != 1 or not letter_words:
        return False
    word = letter_words[0]
    if any(ch in _APOSTROPHES for ch in word):
        return True
    parts = _capitalised_parts(word)
    return len(parts) >= 2 and all(_is_capitalised(part) for part in parts)


def name_warning(dyad: str) -> str | None:
    """The one sentence said wherever a session gets a dyad code that looks like a name
    (the command line prints it after ``warning:``, the form with a capital and a full
    stop); None for a code."""
    code = dyad.strip()
    if not looks_like_a_name(code):
        return None
    return (
        f'the dyad code "{code}" looks like a person\'s name; if it is one, keep no session '
        "under it and use the family's pseudonymous code (such as D014) instead"
    )
