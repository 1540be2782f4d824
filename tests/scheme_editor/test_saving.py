"""Saving an edited scheme: what a programme lead would notice is a file that validate
refuses, a version that did not move on after visits were coded with it (or moved on for
nothing), a hand edit overwritten, or a file others can read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.scheme import load_scheme
from observe.scheme_editor import EditedFile, NotSaved, SchemeUsage
from observe.workspace import open_archive
from tests.scheme_editor.conftest import HAND_COMMENT


def usage_of(archive_dir: Path) -> SchemeUsage:
    with open_archive(archive_dir) as archive:
        return SchemeUsage.of(archive.list_sessions())


def store_session_with(archive_dir: Path, path: Path, make_session) -> None:
    with open_archive(archive_dir) as archive:
        archive.add(make_session([(1.0, "hungry")], scheme=load_scheme(path)))


def test_the_saved_file_is_what_validate_accepts_and_parses_alike(
    own_scheme: Path, isolated_data_dir: Path
) -> None:
    edited = EditedFile(own_scheme)
    index = edited.document.add("cues", {"id": "sleepy", "label": "Sleepy", "key": "g"})
    edited.document.set(("cues", index, "matches"), ["settle", "calm"])
    expected = edited.document.scheme()
    saved = edited.save(usage_of(isolated_data_dir))
    assert saved.previous_version is None and saved.version == "1.0"
    assert not edited.unsaved
    result = CliRunner().invoke(
        main, ["--data-dir", str(isolated_data_dir), "scheme", "validate", str(own_scheme)]
    )
    assert result.exit_code == 0 and result.output.startswith("ok: "), result.output
    assert load_scheme(own_scheme) == expected
    assert HAND_COMMENT in own_scheme.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(own_scheme.stat().st_mode) == 0o600


def test_a_version_sessions_were_coded_with_moves_on(
    own_scheme: Path, isolated_data_dir: Path, make_session
) -> None:
    store_session_with(isolated_data_dir, own_scheme, make_session)
    store_session_with(isolated_data_dir, own_scheme, make_session)
    edited = EditedFile(own_scheme)
    edited.document.set(("cues", 0, "label"), "Hungry")
    saved = edited.save(usage_of(isolated_data_dir))
    assert (saved.previous_version, saved.version, saved.sessions_on_previous) == ("1.0", "1.1", 2)
    assert load_scheme(own_scheme).version == "1.1"
    assert "2 sessions were coded with version 1.0" in saved.sentence()
    with open_archive(isolated_data_dir) as archive:  # their snapshots are what they were
        for summary in archive.list_sessions():
            assert archive.load(summary.id).scheme.cue("hungry").label == "Hunger cues"
    edited.document.set(("cues", 0, "label"), "Hungry baby")
    assert edited.save(usage_of(isolated_data_dir)).version == "1.1"  # no session used 1.1


def test_no_session_coded_with_it_no_new_version(own_scheme: Path, isolated_data_dir: Path) -> None:
    edited = EditedFile(own_scheme)
    edited.document.set(("cues", 0, "label"), "Hungry")
    assert edited.save(usage_of(isolated_data_dir)).version == "1.0"


def test_saving_an_unchanged_scheme_keeps_its_version(
    own_scheme: Path, isolated_data_dir: Path, make_session
) -> None:
    store_session_with(isolated_data_dir, own_scheme, make_session)
    assert EditedFile(own_scheme).save(usage_of(isolated_data_dir)).version == "1.0"


def test_saving_is_refused_while_problems_remain_and_says_which(
    own_scheme: Path, isolated_data_dir: Path
) -> None:
    before = own_scheme.read_bytes()
    edited = EditedFile(own_scheme)
    edited.document.set(("cues", 0, "key"), "n")
    with pytest.raises(NotSaved) as refused:
        edited.save(usage_of(isolated_data_dir))
    assert str(refused.value).startswith("ours.toml is not saved: it has 1 problem to fix first:")
    assert '"n" is used by the coding screen to add a note' in str(refused.value)
    assert own_scheme.read_bytes() == before


def test_a_hand_edit_made_meanwhile_is_never_overwritten(
    own_scheme: Path, isolated_data_dir: Path
) -> None:
    edited = EditedFile(own_scheme)
    edited.document.set(("cues", 0, "label"), "Hungry")
    by_hand = own_scheme.read_text(encoding="utf-8") + "# added in a text editor\n"
    own_scheme.write_text(by_hand, encoding="utf-8")
    with pytest.raises(NotSaved, match="was changed on disk since it was opened here"):
        edited.save(usage_of(isolated_data_dir))
    assert own_scheme.read_text(encoding="utf-8") == by_hand
