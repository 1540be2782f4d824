"""The coding screen's own keys are one set, wherever they are listed.

observe.keys is the one table; the screen's bindings (and so its footer), its help, the
keys scheme validation reserves, and the README's table must all name the same keys. If
this failed, a key would do something the help does not mention, the help would promise a
key that does nothing, or a scheme could claim a key the screen already uses, so that
pressing it mid-session pauses or ends the session instead of coding the cue.
"""

from __future__ import annotations

import re
from pathlib import Path

from observe.keys import CODE_KEY_HELP, CODING_KEYS, INTENSITY_DIGITS, coding_help_rows
from observe.scheme import RESERVED_KEYS
from observe.scheme.validation import MAX_INTENSITY_LEVELS
from observe.tui.app import ObserveApp
from observe.tui.screens.coding import CodingScreen

README = Path(__file__).resolve().parents[2] / "README.md"
#: Keys a scheme can never have (a scheme key is one character, or a name such as
#: "space"): chords need not be reserved.
CHORD = re.compile(r"^(ctrl|alt|shift)\+")


def as_shown(key: str, display: str | None = None) -> str:
    return display or {"question_mark": "?"}.get(key, key)


def bound_keys() -> set[str]:
    """What the coding screen's bindings answer to, with the app's own quit."""
    screen = {as_shown(b.key, b.key_display) for b in CodingScreen.BINDINGS}
    app = {as_shown(b.key, b.key_display) for b in ObserveApp.BINDINGS if b.action == "quit"}
    return screen | app


def help_keys(levels: int) -> set[str]:
    rows = coding_help_rows(levels)
    return {key for key, _ in rows} - {key for key, _ in CODE_KEY_HELP} - {f"1–{levels}"}


def readme_keys() -> set[str]:
    """The keys named in the README's table of coding keys (the first column)."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| key | what it does |") :].split("\n\n", 1)[0]
    firsts = [line.split("|")[1] for line in table.splitlines()[2:]]
    return {key for cell in firsts for key in re.findall(r"`([^`]+)`", cell)}


def test_bindings_help_and_reserved_keys_are_one_set() -> None:
    table = {key.shown for key in CODING_KEYS}
    assert bound_keys() == table
    for levels in (0, 3, MAX_INTENSITY_LEVELS):
        assert help_keys(levels) == table, levels
    reserved = set(RESERVED_KEYS) - set(INTENSITY_DIGITS)
    assert reserved == {key for key in table if not CHORD.match(key)}


def test_the_digits_are_intensity_everywhere() -> None:
    """Every digit is reserved (a scheme may have up to nine levels), and the help shows the
    levels of the scheme at hand, none when it codes no intensity."""
    assert set(INTENSITY_DIGITS) <= set(RESERVED_KEYS)
    assert {RESERVED_KEYS[digit] for digit in INTENSITY_DIGITS} == {
        "set the intensity of the last event"
    }
    assert "1–3" in dict(coding_help_rows(3))
    assert not any(key.startswith("1–") for key, _ in coding_help_rows(0))


def test_the_footer_labels_come_from_the_table() -> None:
    labels = {binding.action: binding.description for binding in CodingScreen.BINDINGS}
    assert labels == {key.action: key.label for key in CODING_KEYS if key.bound}


def test_the_readme_names_every_coding_key() -> None:
    assert readme_keys() - set(INTENSITY_DIGITS) == {key.shown for key in CODING_KEYS}
