"""Keys for the codes of a BORIS ethogram (:mod:`observe.interchange.boris_keys`).

If these failed, an imported scheme would not validate (a key the coding screen keeps, two
codes on one key), or coding would need Shift where BORIS needed none, or a key that could
stay would be changed for nothing.
"""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from observe.interchange.boris_keys import UNSHIFTED, KeyWanted, assign_keys
from observe.keys import reserved_scheme_keys


def _keys(*wanted: tuple[str, str]) -> tuple[dict[str, str], list[str]]:
    keys, changes = assign_keys([KeyWanted(code, code.title(), key) for code, key in wanted])
    return keys, [c.sentence() for c in changes]


def test_keys_that_can_stay_stay() -> None:
    keys, changes = _keys(("cry", "c"), ("feed", "f"), ("semi", ";"))
    assert keys == {"cry": "c", "feed": "f", "semi": ";"} and changes == []


def test_an_upper_case_key_becomes_its_lower_case_when_that_is_free() -> None:
    keys, changes = _keys(("cry", "C"), ("feed", "f"))
    assert keys["cry"] == "c"
    assert changes == ['"Cry": "C" → "c" (it needs Shift)']


def test_a_key_the_coding_screen_keeps_gets_a_letter_of_the_label() -> None:
    keys, changes = _keys(("note", "n"), ("look", "3"), ("pause", " "))
    assert keys == {"note": "o", "look": "l", "pause": "p"}
    assert '"Note": "n" → "o" (the coding screen uses it to add a note to the last event)' in (
        changes
    )


def test_a_shared_key_stays_with_the_first_behaviour_and_the_others_move() -> None:
    keys, changes = _keys(("smile", "s"), ("soothe", "s"))
    assert keys == {"smile": "s", "soothe": "o"}
    assert changes == ['"Soothe": "s" → "o" (BORIS gives it to "Smile" too)']


def test_a_key_sequence_or_no_key_gets_a_key() -> None:
    keys, changes = _keys(("hold", "F1"), ("rock", "Ctrl+R"), ("wave", ""))
    assert keys == {"hold": "h", "rock": "r", "wave": "w"}
    assert '"Wave": no key → "w" (the behaviour has no key)' in changes


@given(st.lists(st.text(max_size=3), max_size=50))
def test_every_code_gets_a_key_of_its_own_a_scheme_may_have(boris_keys: list[str]) -> None:
    wanted = [KeyWanted(f"c{n}", f"code {n}", key) for n, key in enumerate(boris_keys)]
    keys, _ = assign_keys(wanted)
    reserved = reserved_scheme_keys()
    assert len(set(keys.values())) == len(wanted)
    for key in keys.values():
        assert len(key) == 1 and key.isprintable() and not key.isspace()
        assert key not in reserved
    unshifted = {k for k in UNSHIFTED if k not in reserved}
    if any(k in string.ascii_uppercase for k in keys.values()):  # Shift only once ...
        assert unshifted <= set(keys.values())  # ... every key without it is taken
