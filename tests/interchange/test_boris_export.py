"""``observe export … --format boris``: a project as BORIS reads one.

If these failed, BORIS would refuse the file, show events under the wrong subject, count a
stop as a start, or lose the dyad and visit a BORIS user needs to see.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from attrs import evolve

from observe.errors import InterchangeError
from observe.interchange.boris_export import project_data, sessions_to_boris
from observe.model import Event, new_id
from observe.scheme import find_scheme

from .boris_helpers import observe, project, write


def test_a_project_holds_the_ethogram_subjects_and_live_observations_boris_reads(
    make_session, tiny_scheme
) -> None:
    session = make_session(
        [(1.0, "hungry", "point", 2), (2.0, "fussing", "start", 3), (3.5, "feed"),
         (5.0, "fussing", "stop")],
        duration=10.0,
    )  # fmt: skip
    session = evolve(session, events=[*session.events[:3], evolve(session.events[3], note="ok")])
    data = json.loads(sessions_to_boris([session]))
    assert data["project_format_version"] == "7.0"
    assert [s["name"] for s in data["subjects_conf"].values()] == ["Infant", "Caregiver"]
    behaviours = {b["code"]: b for b in data["behaviors_conf"].values()}
    assert set(behaviours) == {c.id for c in tiny_scheme.codes}
    assert behaviours["fussing"]["type"] == "State event"
    assert behaviours["hungry"]["type"] == "Point event"
    assert behaviours["hungry"]["key"] == "h" and behaviours["hungry"]["category"] == "Needs"
    assert behaviours["feed"]["modifiers"]["0"]["values"] == ["1", "2", "3"]
    (observation,) = data["observations"].values()
    assert observation["type"] == "LIVE"
    assert observation["date"] == "2026-03-02T10:00:00.000"
    assert observation["independent_variables"] == {
        "dyad": "D001", "observer": "OBS1", "visit": "1", "context": ""
    }  # fmt: skip
    assert observation["events"] == [
        [1.0, "Infant", "hungry", "2", ""],
        [2.0, "Infant", "fussing", "3", ""],
        [3.5, "Caregiver", "feed", "None", ""],
        [5.0, "Infant", "fussing", "3", "ok"],  # a stop: its start's modifiers, so BORIS pairs it
    ]
    assert data["observe"]["format"] == "observe-boris"


def test_an_exclusive_state_group_is_written_as_behaviours_that_exclude_each_other(
    tmp_path: Path, make_session
) -> None:
    scheme = find_scheme("home-visit", tmp_path)
    group = next(g for g in scheme.state_groups if g.exclusive)
    data = project_data([make_session([], scheme=scheme, duration=5.0)])
    behaviours = {b["code"]: b for b in data["behaviors_conf"].values()}
    for code in group.codes:
        assert set(behaviours[code]["excluded"].split(",")) == set(group.codes) - {code}


def test_sessions_of_two_schemes_are_refused_they_would_need_two_ethograms(
    make_session, tiny_scheme
) -> None:
    other = evolve(tiny_scheme, version="2.0")
    with pytest.raises(InterchangeError, match="a BORIS project has one ethogram"):
        sessions_to_boris([make_session([]), make_session([], scheme=other)])


def test_a_stop_without_its_start_is_refused_boris_would_count_it_as_a_start(
    make_session,
) -> None:
    session = make_session([(2.0, "fussing", "stop")])
    with pytest.raises(InterchangeError, match='"fussing" stops, though it had not started'):
        sessions_to_boris([session])
    doubled = make_session([(1.0, "fussing", "start"), (2.0, "fussing", "start")])
    with pytest.raises(InterchangeError, match="starts again, though it had not stopped"):
        sessions_to_boris([doubled])


def test_the_export_command_writes_a_private_project_file(
    cli_archive, make_session, tmp_path: Path
) -> None:
    session = make_session([(1.0, "hungry"), (2.0, "feed")])
    cli_archive.store(session)
    target = tmp_path / "out.boris"
    result = cli_archive.run("export", session.id, "--format", "boris", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"exported 1 session (2 events) to {target} as boris" in result.output
    assert target.stat().st_mode & 0o777 == 0o600
    assert json.loads(target.read_text())["observations"]


def test_a_variable_named_that_the_project_lacks_is_refused(tmp_path: Path) -> None:
    events = [[1.0, "Infant", "cue", "", ""], [2.0, "Mother", "response", "", ""]]
    path = write(tmp_path / "p.boris", project({"D1": {"type": "LIVE", "events": events}}))
    result = observe(tmp_path / "a", "import-boris", str(path), "--observer-variable", "coder")
    assert result.exit_code == 1
    assert 'has no independent variable "coder"' in result.output


def test_a_compressed_project_that_unpacks_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from observe.interchange import boris

    monkeypatch.setattr(boris, "MAX_PROJECT_BYTES", 10_000)
    packed = tmp_path / "big.boris.gz"
    packed.write_bytes(gzip.compress(b" " * 50_000))
    result = observe(tmp_path / "a", "import-boris", str(packed))
    assert result.exit_code == 1
    assert "unpacks to more than" in result.output


def test_events_at_one_instant_keep_their_order_through_boris(make_session) -> None:
    """Two codes at the same moment: the project lists them in observe's order."""
    session = make_session([(1.0, "play"), (1.0, "calm")])
    session = evolve(session, events=[Event(new_id(), "play", 1.0), Event(new_id(), "calm", 1.0)])
    (observation,) = project_data([session])["observations"].values()
    assert [e[2] for e in observation["events"]] == ["play", "calm"]
