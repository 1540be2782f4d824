"""Keys pressed for a code: refused on the spot with the reason, or placed on the map."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from observe.keys import reserved_scheme_keys
from observe.scheme_editor.keyboard import free_keys, hand, key_refusal, needs_shift, where

ROOT = Path(__file__).parents[2]
DATA = tomllib.loads((ROOT / "coding_schemes" / "infant-cues.toml").read_text())


def refusal(character: str | None, key: str, index: int | None = None) -> str | None:
    return key_refusal(character, key, DATA, table="cues", index=index)


@pytest.mark.parametrize(
    ("character", "key"),
    [("n", "n"), (" ", "space"), (None, "backspace"), ("x", "x"), ("?", "question_mark")]
    + [(digit, digit) for digit in "0123456789"],
)
def test_every_key_of_the_coding_screen_is_refused_with_what_it_does(character, key) -> None:
    reason = refusal(character, key)
    shown = "space" if character == " " else (character or key)
    assert reason == (
        f'"{shown}" is used by the coding screen to {reserved_scheme_keys()[shown]}; '
        "press another key"
    )


def test_a_key_another_code_has_is_refused_naming_that_code() -> None:
    assert refusal("h", "h") == (
        '"h" is already the key of Calms / soothes (responses[1]); each code needs its own key'
    )
    assert refusal("a", "a", index=0) is None  # a cue's own key is its own


def test_a_key_that_needs_shift_is_refused_with_the_plain_key_if_it_is_free() -> None:
    assert refusal("G", "G") == (
        '"G" needs Shift (or Caps Lock is on): a code is one key press without Shift; '
        'press "g" or another key'
    )
    assert refusal(":", "colon").endswith("press another key")  # ; is taken
    assert refusal("g", "g") is None


def test_a_key_that_types_no_character_is_refused() -> None:
    assert refusal(None, "f5") == (
        "f5 types no character a code can use; press a letter or punctuation mark"
    )


def test_where_keys_sit() -> None:
    assert [hand(k) for k in "qtgbyhn;/"] == ["left"] * 4 + ["right"] * 5
    assert where("a") == "left hand, home row" and where("p") == "right hand, top row"
    assert where("é") == "not on the keyboard map"
    assert needs_shift("A") and needs_shift("?") and not needs_shift(";") and not needs_shift("é")


def test_the_free_keys_are_those_no_code_has_and_the_screen_does_not_keep() -> None:
    free = free_keys(DATA)
    assert free["left"] == ["`", "q", "s", "g", "z", "v", "b"]
    assert free["right"] == ["-", "=", "[", "]", "\\", "k", "'", ",", ".", "/"]
