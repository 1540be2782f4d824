"""``settings.toml`` and the scheme files in ``schemes/`` are files of the archive: like its
sessions, they are never reached through a symbolic link.

A link in the archive could lead a write out of the private folder (the scheme editor
saves into ``schemes/``), or read another user's file, a pipe or ``/dev/zero`` as if it
were the archive's. Each is refused with one sentence saying what it is and what to do;
a scheme file given by its path (``--scheme PATH``, ``scheme validate PATH``) is the
user's own choice and is followed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.errors import ObserveError
from observe.scheme import find_scheme, scheme_catalogue
from observe.store.settings import read_settings

LINK = "is a symbolic link, and observe does not follow links inside the archive"


def observe(archive: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive), *args])


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "archive"
    assert observe(path, "scheme", "new", "mine", "--from", "feeding").exit_code == 0
    return path


def test_a_linked_settings_file_is_refused_with_one_sentence(archive: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.toml"
    real.write_text("[analysis]\n")
    (archive / "settings.toml").symlink_to(real)
    with pytest.raises(ObserveError) as refused:
        read_settings(archive)
    sentence = str(refused.value)
    assert sentence == (
        f"the settings file {archive / 'settings.toml'} {LINK}; put the file itself in its place."
    )
    shown = observe(archive, "settings", "show")
    assert shown.exit_code == 1 and shown.output == f"error: {sentence}\n"


def test_a_linked_scheme_file_is_left_out_and_named(archive: Path, tmp_path: Path) -> None:
    own = archive / "schemes" / "mine.toml"
    moved = tmp_path / "mine.toml"
    own.rename(moved)
    own.symlink_to(moved)
    catalogue = scheme_catalogue(archive)
    assert "mine" not in catalogue.ids
    (problem,) = catalogue.problems
    assert problem == (
        f"{own} is left out: it {LINK}; copy the scheme file itself into {own.parent}, or give "
        "its path to --scheme"
    )
    with pytest.raises(ObserveError, match="is left out: it is a symbolic link"):
        find_scheme("mine", archive)
    assert find_scheme(str(moved), archive).id == "mine", "a path the user gives is followed"
    listed = observe(archive, "scheme", "list")
    assert listed.exit_code == 0 and f"warning: {problem}" in listed.stderr


def test_a_linked_schemes_folder_is_left_out_and_named(archive: Path, tmp_path: Path) -> None:
    folder = archive / "schemes"
    moved = tmp_path / "schemes"
    folder.rename(moved)
    folder.symlink_to(moved, target_is_directory=True)
    catalogue = scheme_catalogue(archive)
    assert "mine" not in catalogue.ids and "infant-cues" in catalogue.ids
    (problem,) = catalogue.problems
    assert problem.startswith(f"the schemes folder {folder} {LINK}")
    assert "make it a real folder" in problem
