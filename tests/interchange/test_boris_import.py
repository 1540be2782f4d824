"""``observe import-boris`` on a BORIS project written from the format's description
(``boris_files/home_visits.boris``: two subjects, point and state behaviours, modifiers of
every kind, live, video and picture observations).

If these failed, a team moving from BORIS would find events missing or at other times,
starts taken for stops, intensities lost, or would lose data without being told.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from observe.scheme import find_scheme, load_scheme

from .boris_helpers import HOME_VISITS, by_observation, observe, stored


@pytest.fixture
def imported(tmp_path: Path) -> tuple[Path, str]:
    archive = tmp_path / "archive"
    result = observe(archive, "import-boris", str(HOME_VISITS), "--observer", "AB")
    assert result.exit_code == 0, result.output
    return archive, result.output


def _events(session) -> list[tuple[float, str, str, int | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(e.t, e.code, e.kind, e.intensity, e.note) for e in session.events]


def test_every_live_event_comes_in_with_its_time_kind_intensity_and_note(imported) -> None:
    """BORIS writes a state's start and stop alike: the second Crying of the same
    modifiers is its stop; the comment is the note; "2" of the strength set the intensity."""
    archive, output = imported
    visit = by_observation(archive, output)["visit 1"]
    assert _events(visit) == [
        (2.5, "hunger-cue", "point", 2, "rooting"),
        (4.25, "feeds", "point", None, None),
        (10.0, "crying", "start", 3, None),
        (11.5, "holding", "start", None, None),
        (14.0, "crying", "stop", None, "settles"),
        (15.0, "smile-baby", "point", None, None),
        (15.0, "smile-mum", "point", None, None),
        (20.0, "holding", "stop", None, None),
        (20.001, "rocking", "start", None, None),
        (25.0, "looks-at-mum", "point", None, None),
        (31.0, "rocking", "stop", None, None),
        (33.0, "soothes", "point", None, "hums"),
    ]
    assert visit.duration == 33.0
    assert visit.dyad == "FAM-07"  # the independent variable "dyad"
    assert visit.observer == "AB"
    assert visit.visit == "visit 1"  # the observation id, a code
    assert visit.notes == "Feeding at the table."
    assert visit.started_at.startswith("2024-03-02T10:15:00")
    assert visit.origin == "import" and visit.status == "ended"


def test_a_time_offset_is_taken_off_and_a_state_left_on_stops_at_the_end(imported) -> None:
    """visit 2 has a time offset of 10 s, so its first event (12 s) is 2 s in; its third
    Crying has other modifiers than the second, so BORIS counts it as a new start."""
    archive, output = imported
    visit = by_observation(archive, output)["visit 2"]
    assert _events(visit) == [
        (2.0, "crying", "start", None, None),
        (3.0, "hunger-cue", "point", None, None),
        (5.5, "feeds", "point", None, None),
        (8.0, "crying", "stop", None, None),
        (9.0, "crying", "start", 4, "again"),
        (9.0, "crying", "stop", None, None),
    ]
    assert 'the time offset of observation "visit 2" (10 s)' in output
    assert '"Crying" was still on after the last event of observation "visit 2"' in output


def test_a_video_observation_keeps_its_times_and_names_its_media_file(imported) -> None:
    archive, output = imported
    video = by_observation(archive, output)["video of visit 2"]
    assert _events(video) == [
        (3.04, "hunger-cue", "point", 3, None),
        (5.2, "feeds", "point", None, None),
    ]
    assert video.duration == 60.0  # the video's length, from its media info
    assert "videos/fam07-visit2.mp4" in output


def test_the_report_lists_everything_that_was_not_carried_over(imported) -> None:
    _, output = imported
    report = output[output.index("Not carried over:") : output.index("Chosen for you:")]
    for expected in (
        'observations of pictures (their times are picture numbers): "photos"',
        "categories no behaviour belongs to: Room",
        "the colours of behaviours",
        'the modifier set "side" of "Feeds" (one of: left, right)',
        'modifiers observe has no place for: "side" of "Feeds" (2 events, left, right)',
        "independent variables: age",
        "the media files of observations coded from video",
    ):
        assert expected in report, expected
    chosen = output[output.index("Chosen for you:") :]
    assert "the infant is Baby" in chosen
    assert '"Looks at mum" is coded for no subject' in chosen


def test_keys_the_coding_screen_keeps_or_that_need_shift_are_changed_and_listed(
    imported,
) -> None:
    archive, output = imported
    scheme = load_scheme(archive / "schemes" / "boris-home-visits-2024.toml")
    keys = {code.id: code.key for code in scheme.codes}
    assert keys["crying"] == "c"  # was "C": Shift
    assert keys["looks-at-mum"] == "l"  # was "1": an intensity digit
    assert len(keys["holding"]) == 1  # was "F1"
    assert len(set(keys.values())) == len(keys)
    assert 'key of "Crying": "C" → "c" (it needs Shift)' in output
    assert 'key of "Looks at mum": "1" → "l" (the coding screen uses it to set the intensity' in (
        output
    )
    assert 'key of "Holding": "F1" →' in output
    assert 'key of "Soothes": "s" →' in output and 'gives it to "Smile (Mum)" too' in output


def test_the_scheme_has_the_subjects_as_actors_and_the_exclusions_as_a_state_group(
    imported,
) -> None:
    archive, _ = imported
    scheme = find_scheme("boris-home-visits-2024", archive)
    assert [(a.id, a.label, a.infant) for a in scheme.actors] == [
        ("mum", "Mum", False),
        ("baby", "Baby", True),
    ]
    assert [c.id for c in scheme.cues] == ["hunger-cue", "crying", "looks-at-mum", "smile-baby"]
    assert {r.id for r in scheme.responses} == {
        "feeds",
        "holding",
        "rocking",
        "smile-mum",
        "soothes",
    }
    assert scheme.actor_of("smile-mum").id == "mum"
    assert scheme.code("crying").kind == "state"
    assert scheme.code("hunger-cue").group == "Baby"
    assert scheme.intensity_levels == 4  # 3 from the strength set, 4 typed for Crying
    assert [(g.codes, g.exclusive) for g in scheme.state_groups] == [(("holding", "rocking"), True)]
    (rule,) = scheme.rules
    assert rule.antecedents == ("hunger-cue", "crying", "looks-at-mum", "smile-baby")
    assert rule.fits("crying", "soothes")
    stored_sessions = stored(archive)
    assert all(s.scheme == scheme for s in stored_sessions.values())


def test_importing_the_same_project_twice_adds_and_writes_nothing(imported) -> None:
    archive, _ = imported
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    again = observe(archive, "import-boris", str(HOME_VISITS), "--observer", "AB")
    assert again.exit_code == 0, again.output
    assert "imported 0 new sessions" in again.output
    assert "3 sessions already in the archive, unchanged" in again.output
    assert "already installed as" in again.output
    after = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    assert {p: b for p, b in after.items() if p.name != "archive.lock"} == {
        p: b for p, b in before.items() if p.name != "archive.lock"
    }


def test_a_compressed_project_imports_the_same(tmp_path: Path, imported) -> None:
    archive, _ = imported
    packed = tmp_path / "home_visits.boris.gz"
    packed.write_bytes(gzip.compress(HOME_VISITS.read_bytes()))
    result = observe(archive, "import-boris", str(packed), "--observer", "AB")
    assert result.exit_code == 0, result.output
    assert "3 sessions already in the archive, unchanged" in result.output


def test_scheme_only_imports_the_scheme_and_no_session(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = observe(archive, "import-boris", str(HOME_VISITS), "--scheme-only")
    assert result.exit_code == 0, result.output
    assert (archive / "schemes" / "boris-home-visits-2024.toml").is_file()
    assert stored(archive) == {}
    assert "the 3 observations (--scheme-only" in result.output


def test_a_dry_run_prints_the_report_and_stores_nothing(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    result = observe(archive, "import-boris", str(HOME_VISITS), "--observer", "AB", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would import the scheme boris-home-visits-2024 and 3 sessions (20 events)" in (
        result.output
    )
    assert "Not carried over:" in result.output
    assert not (archive / "schemes").exists()
