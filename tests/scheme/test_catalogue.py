"""Picking a scheme by id: shipped ones, the user's own, and files that cannot be installed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from observe.errors import SchemeError
from observe.scheme import (
    DEFAULT_SCHEME_ID,
    SchemeNotFound,
    find_scheme,
    installed_schemes,
    scheme_catalogue,
)

SHIPPED_IDS = ["infant-cues", "feeding", "home-visit", "play"]

MINIMAL = """\
[scheme]
id = "{id}"
name = "{name}"
version = "2"
response_window = 4
repair_window = 20

[[cues]]
id = "cue"
label = "Cue"
key = "q"
matches = ["resp"]

[[responses]]
id = "resp"
label = "Response"
key = "p"
"""


def write_user_scheme(archive: Path, filename: str, scheme_id: str, name: str = "Mine") -> Path:
    folder = archive / "schemes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(MINIMAL.format(id=scheme_id, name=name), encoding="utf-8")
    return path


def test_without_user_schemes_the_shipped_ones_are_installed_default_first(tmp_path: Path) -> None:
    schemes = installed_schemes(tmp_path)
    assert [s.scheme.id for s in schemes] == SHIPPED_IDS
    assert schemes[0].scheme.id == DEFAULT_SCHEME_ID
    assert all(s.shipped and s.path.is_file() for s in schemes)


def test_a_users_scheme_is_installed_after_the_shipped_ones(tmp_path: Path) -> None:
    path = write_user_scheme(tmp_path, "mine.toml", "mine")
    schemes = installed_schemes(tmp_path)
    assert [s.scheme.id for s in schemes] == [*SHIPPED_IDS, "mine"]
    assert schemes[-1].path == path and not schemes[-1].shipped
    assert find_scheme("mine", tmp_path).name == "Mine"


def test_a_user_scheme_reusing_a_shipped_id_is_left_out_and_reported(tmp_path: Path) -> None:
    """If this failed, a user file could silently replace the default scheme."""
    path = write_user_scheme(tmp_path, "copy.toml", "feeding", name="Impostor")
    catalogue = scheme_catalogue(tmp_path)
    assert catalogue.get("feeding").shipped
    assert [p for p in catalogue.problems if str(path) in p and '"feeding"' in p]
    assert "another id" in catalogue.problems[0]
    assert find_scheme("feeding", tmp_path).name == "Responsive feeding"


def test_two_user_files_with_one_id_keep_the_first_and_report_the_second(tmp_path: Path) -> None:
    write_user_scheme(tmp_path, "a.toml", "mine", name="First")
    second = write_user_scheme(tmp_path, "b.toml", "mine", name="Second")
    catalogue = scheme_catalogue(tmp_path)
    assert catalogue.get("mine").scheme.name == "First"
    assert len(catalogue.problems) == 1 and str(second) in catalogue.problems[0]


def test_an_invalid_user_scheme_is_reported_and_the_rest_still_list(tmp_path: Path) -> None:
    folder = tmp_path / "schemes"
    folder.mkdir()
    (folder / "broken.toml").write_text("[scheme\n", encoding="utf-8")
    catalogue = scheme_catalogue(tmp_path)
    assert catalogue.ids == SHIPPED_IDS
    assert "observe scheme validate" in catalogue.problems[0]
    assert "broken.toml" in catalogue.problems[0]


def test_asking_for_an_invalid_user_scheme_by_id_shows_its_problems(tmp_path: Path) -> None:
    """`--scheme broken` should say what is wrong with broken.toml, not 'no such scheme'."""
    folder = tmp_path / "schemes"
    folder.mkdir()
    (folder / "broken.toml").write_text(MINIMAL.format(id="broken", name="B").replace('"q"', '"n"'))
    with pytest.raises(SchemeError) as caught:
        find_scheme("broken", tmp_path)
    assert "cues[0].key" in caught.value.problems[0]


def test_a_scheme_can_be_given_by_path(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(MINIMAL.format(id="elsewhere", name="Elsewhere"))
    assert find_scheme(str(path), tmp_path).id == "elsewhere"


def test_an_unknown_id_is_one_sentence_listing_the_installed_ids(tmp_path: Path) -> None:
    with pytest.raises(SchemeNotFound) as caught:
        find_scheme("feedng", tmp_path)
    message = str(caught.value)
    assert message.startswith('there is no coding scheme "feedng"')
    assert "infant-cues, feeding, home-visit, play" in message and "\n" not in message


def test_a_missing_scheme_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(SchemeNotFound, match="there is no coding scheme file at"):
        find_scheme(str(tmp_path / "nope.toml"), tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_scheme_file_is_one_sentence(tmp_path: Path) -> None:
    path = write_user_scheme(tmp_path, "locked.toml", "locked")
    path.chmod(0)
    catalogue = scheme_catalogue(tmp_path)
    assert "cannot be read" in catalogue.problems[0]


def test_asking_for_a_left_out_user_file_by_name_says_why(tmp_path: Path) -> None:
    write_user_scheme(tmp_path, "a.toml", "mine")
    second = write_user_scheme(tmp_path, "b.toml", "mine")
    with pytest.raises(SchemeNotFound) as caught:
        find_scheme("b", tmp_path)
    assert str(second) in str(caught.value) and "another id" in str(caught.value)


@pytest.mark.parametrize("typed", ["a\x00b", "x" * 5000, "x" * 5000 + ".toml", "", ".", "~"])
def test_anything_typed_as_a_scheme_is_a_scheme_or_one_sentence(tmp_path: Path, typed: str) -> None:
    with pytest.raises(SchemeNotFound) as caught:
        find_scheme(typed, tmp_path)
    assert "\n" not in str(caught.value)
