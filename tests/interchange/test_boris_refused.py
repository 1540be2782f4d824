"""BORIS projects ``observe import-boris`` refuses, each with one sentence, and leaves the
archive exactly as it was.

If these failed, a damaged or unexpected project would bring a traceback, half an import
(a scheme without its sessions), a family's name stored as a dyad code, or events read
wrongly from a format this observe does not know.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from observe.errors import ArchiveError

from .boris_helpers import behaviour, live, observe, project, stored, write

GOOD_EVENTS = [[1.0, "Infant", "cue", "", ""], [2.0, "Mother", "response", "", ""]]


@pytest.fixture
def holding(cli_archive, full_session):  # type: ignore[no-untyped-def]
    """An archive with one session in it already."""
    cli_archive.store(full_session)
    return cli_archive.path


def _refused(archive: Path, archive_state, path: Path, *args: str) -> str:  # type: ignore[no-untyped-def]
    before = archive_state(archive)
    result = observe(archive, "import-boris", str(path), *args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ")
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1, result.output  # one sentence, on one line
    assert archive_state(archive) == before
    return result.output


def test_a_newer_format_version_is_refused(holding: Path, tmp_path: Path, archive_state) -> None:
    path = write(tmp_path / "new.boris", project({"v": live(GOOD_EVENTS)}, version="9.0"))
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert "format version 9.0, newer than the 8.6 this observe reads" in said


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "it is not JSON (line 1, column 2"),
        ("[1, 2]", "is not a BORIS project"),
        (json.dumps({"observations": {}}), "has no project_format_version"),
        (
            json.dumps(project(version="seven")),
            'project_format_version the text "seven", not a version',
        ),
        (json.dumps(project(version="3.0")), "older than 4.0"),
    ],
)
def test_a_file_that_is_no_project_is_refused(
    holding: Path, tmp_path: Path, archive_state, content: str, expected: str
) -> None:
    path = tmp_path / "bad.boris"
    path.write_text(content)
    assert expected in _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "A")


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([["1.0", "Infant", "cue", "", ""]], 'event 1, its time is the text "1.0", not a number'),
        ([[1.0, "Infant", "cue", ""]], "event 1 is a list of 4 fields, not [time, subject"),
        ([[1.0, "Infant", "wave", "", ""]], 'the behaviour "wave", which is not in the ethogram'),
        ([[1.0, "Dad", "cue", "", ""]], 'the subject "Dad", who is not in the project'),
        ([[1.0, "Infant", "cue", "", 7]], "event 1, its comment is the number 7, not text"),
        ([[1.0, "Infant", "cue", "", "x" * 1001]], "the note is 1,001 characters long"),
    ],
)
def test_a_malformed_event_is_refused_naming_the_observation_and_the_field(
    holding: Path, tmp_path: Path, archive_state, events: list, expected: str
) -> None:
    path = write(tmp_path / "p.boris", project({"visit 3": live(events)}))
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert str(path) in said and 'observation "visit 3"' in said
    assert expected in said


@pytest.mark.parametrize(
    ("observation_id", "why"),
    [("Anna Smith", "looks like a person's name"), ("2024-05-06 09:30", "holds a date")],
)
def test_an_observation_id_that_is_a_name_or_a_date_is_not_taken_as_a_dyad_code(
    holding: Path, tmp_path: Path, archive_state, observation_id: str, why: str
) -> None:
    path = write(tmp_path / "p.boris", project({observation_id: live(GOOD_EVENTS)}))
    said = _refused(holding, archive_state, path, "--observer", "AB")
    assert f'its id "{observation_id}" {why}' in said
    assert "give --dyad D" in said and "--dyad-variable NAME" in said
    given = observe(holding, "import-boris", str(path), "--observer", "AB", "--dyad", "D31")
    assert given.exit_code == 0, given.output
    (imported,) = [s for s in stored(holding).values() if s.dyad == "D31"]
    assert imported.visit == ""  # the name or date is not kept as the visit either


def test_a_dyad_variable_that_holds_a_name_is_refused(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    observation = live(GOOD_EVENTS, independent_variables={"family": "Smith, Anna"})
    path = write(tmp_path / "p.boris", project({"v1": observation}))
    said = _refused(holding, archive_state, path, "--observer", "AB", "--dyad-variable", "family")
    assert 'its independent variable "family" "Smith, Anna" looks like a person\'s name' in said


def test_a_project_without_an_observer_asks_for_one(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    path = write(tmp_path / "p.boris", project({"v1": live(GOOD_EVENTS)}))
    said = _refused(holding, archive_state, path, "--dyad", "D1")
    assert "does not say who coded it (BORIS records no observer); give --observer O" in said


def test_events_with_no_subject_of_a_behaviour_two_subjects_do_are_refused(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    events = [*GOOD_EVENTS, [3.0, "Infant", "response", "", ""], [4.0, "", "response", "", ""]]
    path = write(tmp_path / "p.boris", project({"v1": live(events)}))
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert 'at 4 s of "response" with no focal subject' in said
    assert "give --no-subject SUBJECT" in said
    given = observe(
        holding, "import-boris", str(path), "--dyad", "D1", "--observer", "AB",
        "--no-subject", "mother",
    )  # fmt: skip
    assert given.exit_code == 0, given.output


def test_a_project_with_one_subject_is_refused(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    path = write(tmp_path / "p.boris", project({}, subjects=["Infant"]))
    assert "has one subject" in _refused(holding, archive_state, path, "--scheme-only")


def test_a_state_started_twice_with_other_modifiers_is_refused(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    crying = behaviour(
        "cry", "y", kind="State event", category="Infant",
        modifiers={"0": {"name": "how", "type": 0, "values": ["loud", "soft"]}},
    )  # fmt: skip
    events = [
        [1.0, "Infant", "cry", "loud", ""],
        [2.0, "Infant", "cry", "soft", ""],
        [3.0, "Mother", "response", "", ""],
    ]
    path = write(
        tmp_path / "p.boris",
        project({"v1": live(events)}, behaviours=[crying, behaviour("response", "r")]),
    )
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert '"cry" starts again at 2 s with other modifiers while it is still on since 1 s' in said


def test_a_pipe_is_refused_without_waiting_for_it(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    fifo = tmp_path / "project.boris"
    os.mkfifo(fifo)
    assert "is a named pipe, not a BORIS project" in _refused(holding, archive_state, fifo)


def test_a_damaged_observe_part_is_refused(holding: Path, tmp_path: Path, archive_state) -> None:
    data = project({"v1": live(GOOD_EVENTS)}, observe={"format": "observe-boris", "version": 1})
    path = write(tmp_path / "p.boris", data)
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert "observe's part of the project" in said
    assert 'delete the project\'s "observe" key' in said


def test_a_scheme_id_taken_by_another_scheme_is_refused(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    path = write(tmp_path / "p.boris", project({"v1": live(GOOD_EVENTS)}))
    said = _refused(holding, archive_state, path, "--scheme-only", "--scheme-id", "feeding")
    assert '"feeding" of a scheme that ships with observe' in said


def test_when_the_sessions_cannot_be_stored_the_scheme_is_taken_back(
    holding: Path, tmp_path: Path, archive_state, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the sessions are written: the scheme file written just before
    them is removed, so the archive is as it was (nothing half-written)."""
    from observe.store import merge

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise ArchiveError("the disk is full; free some disk space and try again")

    monkeypatch.setattr(merge, "write_sessions", full_disk)
    path = write(tmp_path / "p.boris", project({"v1": live(GOOD_EVENTS)}))
    said = _refused(holding, archive_state, path, "--dyad", "D1", "--observer", "AB")
    assert "the disk is full" in said
    assert not (holding / "schemes" / "boris-small-project.toml").exists()


def test_a_scheme_imported_before_that_differs_is_kept_unless_replace_is_given(
    holding: Path, tmp_path: Path, archive_state
) -> None:
    first = write(tmp_path / "p.boris", project({"v1": live(GOOD_EVENTS)}))
    assert observe(holding, "import-boris", str(first), "--scheme-only").exit_code == 0
    changed = project(
        {"v1": live(GOOD_EVENTS)},
        behaviours=[behaviour("cue", "c", category="Infant"), behaviour("response", "e")],
    )
    second = write(tmp_path / "q.boris", changed)
    said = _refused(holding, archive_state, second, "--scheme-only")
    assert "already holds a scheme" in said and "--replace" in said
    replaced = observe(holding, "import-boris", str(second), "--scheme-only", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert 'key = "e"' in (holding / "schemes" / "boris-small-project.toml").read_text()
