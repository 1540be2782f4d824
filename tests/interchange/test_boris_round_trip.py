"""observe → BORIS → observe: ``observe export --format boris`` then ``observe import-boris``.

If these failed, a team that sends its visits to BORIS colleagues (or codes more in BORIS)
would get back sessions with events moved, lost or turned round, or a scheme without its
codes, windows, matches, rules or ratings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from observe.interchange.boris_pairs import in_boris_order
from observe.interchange.simulate import simulate_session
from observe.scheme import find_scheme

from .boris_helpers import by_observation, observe, stored


def _events(session):  # type: ignore[no-untyped-def]
    return [(e.t, e.code, e.kind, e.intensity, e.note) for e in session.events]


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    path = tmp_path / "laptop"
    assert observe(path, "demo").exit_code == 0
    return path


def _export(archive: Path, target: Path, *ids: str) -> Path:
    args = ids or ("--dyad", "DEMO-01", "--dyad", "DEMO-05")
    result = observe(archive, "export", *args, "--format", "boris", "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_sessions_come_back_from_a_boris_export_exactly(laptop: Path, tmp_path: Path) -> None:
    """With observe's part of the project, each session is the one exported: ids, start,
    ratings, pauses, scheme and every event."""
    project = _export(laptop, tmp_path / "visits.boris")
    office = tmp_path / "office"
    result = observe(office, "import-boris", str(project))
    assert result.exit_code == 0, result.output
    originals, copies = stored(laptop), stored(office)
    assert copies and all(copies[i] == originals[i] for i in copies)
    assert "Not carried over: nothing" in result.output


def test_importing_an_export_into_the_archive_it_came_from_adds_nothing(
    laptop: Path, tmp_path: Path
) -> None:
    project = _export(laptop, tmp_path / "visits.boris")
    result = observe(laptop, "import-boris", str(project))
    assert result.exit_code == 0, result.output
    assert "imported 0 new sessions" in result.output
    assert "already installed as" in result.output  # the shipped scheme, the same


def test_without_observes_part_the_events_and_the_codes_come_back(
    laptop: Path, tmp_path: Path
) -> None:
    """Read as BORIS keeps it: every event's code, time, kind, intensity and note, and the
    scheme's codes with their kinds, keys and actors."""
    project = _export(laptop, tmp_path / "visits.boris")
    data = json.loads(project.read_text())
    del data["observe"]
    plain = tmp_path / "plain.boris"
    plain.write_text(json.dumps(data))
    office = tmp_path / "office"
    result = observe(office, "import-boris", str(plain))
    assert result.exit_code == 0, result.output
    originals = {(s.dyad, s.visit): s for s in stored(laptop).values() if s.dyad == "DEMO-01"}
    copies = {(s.dyad, s.visit): s for s in stored(office).values()}
    assert set(originals) <= set(copies)
    for key, original in originals.items():
        copy = copies[key]
        assert _events(copy) == _events(original)
        assert copy.observer == original.observer and copy.context == original.context
        assert copy.notes == original.notes
        old, new = original.scheme, copy.scheme
        assert [(c.id, c.kind, c.key, old.actor_of(c.id).label) for c in old.codes] == [
            (c.id, c.kind, c.key, new.actor_of(c.id).label) for c in new.codes
        ]
        assert new.intensity_levels == old.intensity_levels


def test_a_project_boris_opened_and_saved_still_comes_back_exactly(
    laptop: Path, tmp_path: Path
) -> None:
    """BORIS sorts each observation's events by time, subject and behaviour when it opens a
    project and writes the whole project back without indentation: observe's part stays."""
    project = _export(laptop, tmp_path / "visits.boris")
    data = json.loads(project.read_text())
    for observation in data["observations"].values():
        observation["events"].sort(key=lambda e: e[:3])
        observation["media_info"] = {"offset": {}}
    data["behavioral_categories_config"] = {}
    saved = tmp_path / "saved.boris"
    saved.write_text(json.dumps(data, indent=None))
    office = tmp_path / "office"
    assert observe(office, "import-boris", str(saved)).exit_code == 0
    originals, copies = stored(laptop), stored(office)
    assert copies and all(copies[i] == originals[i] for i in copies)


def test_an_ethogram_changed_in_boris_keeps_what_of_the_scheme_still_fits(
    laptop: Path, tmp_path: Path
) -> None:
    """A behaviour added in BORIS: the scheme gets it, and keeps its windows, matches and
    ratings; every session keeps its events and ratings. (It is no longer the shipped
    scheme of its id, so it is imported under an id of its own, as the refusal says.)"""
    project = _export(laptop, tmp_path / "visits.boris")
    data = json.loads(project.read_text())
    new = dict(data["behaviors_conf"]["0"], code="sneezes", key="z", category="Regulation")
    data["behaviors_conf"][str(len(data["behaviors_conf"]))] = new
    changed = tmp_path / "changed.boris"
    changed.write_text(json.dumps(data))
    office = tmp_path / "office"
    refused = observe(office, "import-boris", str(changed))
    assert refused.exit_code == 1
    assert '"infant-cues" of a scheme that ships with observe' in refused.output
    assert stored(office) == {}
    result = observe(office, "import-boris", str(changed), "--scheme-id", "cues-and-sneezes")
    assert result.exit_code == 0, result.output
    assert "the ethogram or the subjects were changed in BORIS" in result.output
    originals, copies = stored(laptop), stored(office)
    shipped = find_scheme("infant-cues", office)
    for session_id, copy in copies.items():
        original = originals[session_id]
        assert _events(copy) == _events(original)
        assert copy.ratings == original.ratings and copy.pauses == original.pauses
        scheme = copy.scheme
        assert scheme.id == "cues-and-sneezes"
        assert scheme.code("sneezes") is not None
        assert scheme.response_window == shipped.response_window
        for cue in shipped.cues:
            assert scheme.cue(cue.id) == cue
        assert scheme.ratings == shipped.ratings


def test_a_scheme_with_actors_rules_and_state_groups_comes_back(tmp_path: Path) -> None:
    """The home-visit scheme: three actors, two rules, an exhaustive state group."""
    archive = tmp_path / "laptop"
    scheme = find_scheme("home-visit", archive)
    session = simulate_session(
        scheme,
        seed=3,
        dyad="FAM-12",
        visit="2",
        started_at="2026-02-03T10:00:00+01:00",
        duration=600.0,
        skill=0.6,
    )
    from observe.workspace import open_archive

    with open_archive(archive) as opened:
        opened.add(session)
    project = _export(archive, tmp_path / "home.boris", session.id)
    data = json.loads(project.read_text())
    assert [s["name"] for s in data["subjects_conf"].values()] == [a.label for a in scheme.actors]
    office = tmp_path / "office"
    result = observe(office, "import-boris", str(project))
    assert result.exit_code == 0, result.output
    assert stored(office)[session.id] == session


def test_a_boris_export_counts_back_to_the_same_starts_and_stops(
    laptop: Path, tmp_path: Path
) -> None:
    """Counted the way BORIS counts (same subject, behaviour and modifiers), each state
    event written is the start or the stop it was in observe."""
    from observe.interchange.boris_format import read_project
    from observe.interchange.boris_pairs import paired

    project = _export(laptop, tmp_path / "visits.boris")
    read = read_project(json.loads(project.read_text()), "visits.boris")
    states = {b.code for b in read.behaviours if b.kind == "state"}
    sessions = {(s.dyad, s.visit, s.observer): s for s in stored(laptop).values()}
    for observation in read.observations:
        assert all(len(r) == 5 for r in json.loads(project.read_text())["observations"][
            observation.id]["events"])  # fmt: skip
        variables = observation.variables
        original = sessions[(variables["dyad"], variables["visit"], variables["observer"])]
        counted = {(r.time, r.code, kind) for r, kind in paired(observation.records, states)}
        assert counted == {(e.t, e.code, e.kind) for e in original.events}
        assert len(in_boris_order(observation.records)) == len(original.events)


def test_an_observation_changed_in_boris_comes_back_as_boris_has_it(
    laptop: Path, tmp_path: Path
) -> None:
    project = _export(laptop, tmp_path / "visits.boris")
    data = json.loads(project.read_text())
    obs_id, observation = next(iter(data["observations"].items()))
    observation["events"][0][4] = "a note added in BORIS"
    changed = tmp_path / "changed.boris"
    changed.write_text(json.dumps(data))
    office = tmp_path / "office"
    result = observe(office, "import-boris", str(changed))
    assert result.exit_code == 0, result.output
    assert f'observation "{obs_id}" was changed in BORIS' in result.output
    copy = by_observation(office, result.output)[obs_id]
    original = stored(laptop)[copy.id]  # the same session, by its id
    assert copy.events[0].note == "a note added in BORIS"
    assert _events(copy)[1:] == _events(original)[1:]
