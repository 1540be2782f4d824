"""A scheme edited as a document: what a programme lead would notice if it went wrong is
a comment of theirs gone, a section heading over the wrong table, or a problem worded
differently from ``observe scheme validate``."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from observe.errors import SchemeError
from observe.scheme import load_scheme, parse_scheme
from observe.scheme_editor import SchemeDocument
from tests.scheme_editor.conftest import HAND_COMMENT, LINE_END_COMMENT


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"
    ]


def test_an_unchanged_document_is_the_file_byte_for_byte(own_scheme: Path) -> None:
    assert SchemeDocument.read(own_scheme).text == own_scheme.read_text(encoding="utf-8")


def test_changing_a_field_changes_that_line_only_and_keeps_its_comment(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    before = document.text
    document.set(("scheme", "repair_window"), 40.0)
    document.set(("cues", 0, "label"), "Hungry")
    assert changed_lines(before, document.text) == [
        "- repair_window = 30.0" + LINE_END_COMMENT,
        "+ repair_window = 40.0" + LINE_END_COMMENT,
        '- label = "Hunger cues"',
        '+ label = "Hungry"',
    ]
    assert HAND_COMMENT in document.text


def test_a_new_cue_goes_after_the_last_cue_above_the_responses_heading(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    document.add("cues", {"id": "sleepy", "label": "Sleepy", "key": "g", "matches": ["settle"]})
    text = document.text
    heading = "# -- Caregiver responses that answer a cue (right hand)"
    assert text.index('id = "disengage_potent"') < text.index('id = "sleepy"') < text.index(heading)
    assert '\n\n[[cues]]\nid = "sleepy"' in text  # a blank line before it, as between the others
    assert document.scheme().cues[-1].id == "sleepy"


def test_a_first_state_group_goes_before_the_ratings_and_their_heading(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    document.add("state_groups", {"id": "mood", "label": "Mood", "codes": ["crying"]})
    text = document.text
    assert text.index("[[state_groups]]") < text.index("# -- End-of-session ratings")
    assert text.index("[[state_groups]]") > text.rindex("[[responses]]")
    assert list(document.data) == ["scheme", "cues", "responses", "state_groups", "ratings"]


def test_the_problems_are_the_words_and_lines_of_scheme_validate(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    document.add("cues", {"id": "sleepy", "label": "Sleepy", "key": "n"})
    document.set(("cues", 0, "window"), "ten")
    with pytest.raises(SchemeError) as raised:
        parse_scheme(document.text, "x")
    assert [p.message for p in document.problems] == raised.value.problems
    assert {p.path for p in document.problems} == {
        ("cues", 0, "window"),
        ("cues", 8),
        ("cues", 8, "key"),
    }
    assert document.problems_at("cues", 8, "key")[0].message.endswith(
        'cues[8].key: "n" is used by the coding screen to add a note to the last event; '
        "choose another key"
    )


def test_renaming_a_response_renames_it_in_every_cue_that_it_answers(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    named = document.rename("responses", 1, "soothe", "calm")
    assert named == "soothe"
    scheme = document.scheme()
    assert [c.id for c in scheme.cues if "soothe" in c.matches] == [
        "hungry",
        "tired",
        "overstimulated",
        "crying",
        "disengage_potent",
    ]
    assert '"calm"' not in document.text


def test_typing_over_an_id_never_merges_two_codes(own_scheme: Path) -> None:
    """Typing "feed" over "calm" letter by letter: at "feed" the id is another response's,
    so the cues that named calm keep naming the id they had, never feed."""
    document = SchemeDocument.read(own_scheme)
    named: str | None = "calm"
    for typed in ("f", "fe", "fee", "feed", "feed2"):
        named = document.rename("responses", 1, typed, named)
    assert named == "feed2"
    assert document.scheme().cue("hungry").matches == ("feed", "feed2", "check_in")


def test_removing_a_response_takes_it_out_of_every_matches(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    document.remove("responses", 6)  # check_in, which answers five cues
    scheme = document.scheme()
    assert all("check_in" not in cue.matches for cue in scheme.cues)
    assert "# -- Caregiver responses that answer no cue" in document.text


def test_removing_the_last_anchor_leaves_no_empty_table(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    document.set(("ratings", 0, "anchors", "1"), "Cold")
    assert document.scheme().ratings[0].anchors == {1: "Cold"}
    document.set(("ratings", 0, "anchors", "1"), None)
    assert "anchors" not in document.text


def test_a_file_that_is_not_toml_is_refused_in_the_words_of_validate(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[scheme]\nid = "x\n', encoding="utf-8")
    with pytest.raises(SchemeError) as raised:
        SchemeDocument.read(path)
    with pytest.raises(SchemeError) as validated:
        load_scheme(path)
    assert raised.value.problems == validated.value.problems


def test_a_scheme_with_problems_still_opens_and_says_them(tmp_path: Path) -> None:
    path = tmp_path / "half.toml"
    path.write_text('[scheme]\nid = "half"\n\n[[cues]]\nid = "a"\n', encoding="utf-8")
    document = SchemeDocument.read(path)
    assert document.problems and document.draft.cues[0].id == "a"
