"""``observe session import`` and ``observe demo``, end to end on a real archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.store import Archive


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


def _observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def _session_ids(archive_dir: Path) -> list[str]:
    if not archive_dir.exists():
        return []
    with Archive.open(archive_dir, readonly=True) as archive:
        return [summary.id for summary in archive.list_sessions()]


def _csv(tmp_path: Path, text: str, name: str = "events.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import(archive_dir: Path, path: Path, *extra: str) -> Result:
    return _observe(
        archive_dir,
        "session", "import", str(path),
        "--scheme", "infant-cues", "--dyad", "D017", "--observer", "OBS1",
        *extra,
    )  # fmt: skip


GOOD_CSV = (
    "time,code,kind,intensity,note\n"
    "3.2,hungry,,2,rooting\n"
    "5.0,feed,,2,\n"
    "12.75,crying,start,3,\n"
    "15,calm,,,\n"
    "20.5,crying,stop,,\n"
    "31,engage,,,\n"
)


# -- session import --------------------------------------------------------------------


def test_import_stores_exactly_the_csv_events_and_prints_the_id_last(
    tmp_path: Path, archive_dir: Path
) -> None:
    result = _import(
        archive_dir, _csv(tmp_path, GOOD_CSV), "--visit", "2", "--context", "feeding",
        "--started-at", "2026-03-02T10:15:00+01:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    session_id = result.stdout.strip().splitlines()[-1]
    assert _session_ids(archive_dir) == [session_id]
    with Archive.open(archive_dir, readonly=True) as archive:
        session = archive.load(session_id)
    assert [(e.t, e.code, e.kind, e.intensity, e.note) for e in session.events] == [
        (3.2, "hungry", "point", 2, "rooting"),
        (5.0, "feed", "point", 2, None),
        (12.75, "crying", "start", 3, None),
        (15.0, "calm", "point", None, None),
        (20.5, "crying", "stop", None, None),
        (31.0, "engage", "point", None, None),
    ]
    assert session.origin == "import"
    assert session.status == "ended"
    assert (session.dyad, session.observer, session.visit, session.context) == (
        "D017", "OBS1", "2", "feeding",
    )  # fmt: skip
    assert session.duration == 31.0, "the duration defaults to the last event"
    assert session.started_at == "2026-03-02T10:15:00+01:00"
    assert session.scheme.id == "infant-cues"
    assert session.scheme_digest == session.scheme.digest


def test_the_imported_session_can_be_shown_by_its_id(tmp_path: Path, archive_dir: Path) -> None:
    result = _import(archive_dir, _csv(tmp_path, GOOD_CSV))
    session_id = result.stdout.strip().splitlines()[-1]
    shown = _observe(archive_dir, "session", "show", session_id[:8])
    assert shown.exit_code == 0, shown.output
    assert "D017" in shown.output


def test_a_duration_can_be_given_and_closes_open_states_there(
    tmp_path: Path, archive_dir: Path
) -> None:
    path = _csv(tmp_path, "time,code\n1,crying\n4,calm\n")
    result = _import(archive_dir, path, "--duration", "600")
    assert result.exit_code == 0, result.output
    assert '"crying" was still going' in result.stderr
    with Archive.open(archive_dir, readonly=True) as archive:
        session = archive.load(result.stdout.strip().splitlines()[-1])
    assert session.duration == 600.0
    assert [(e.t, e.code, e.kind) for e in session.events][-1] == (600.0, "crying", "stop")


def test_a_duration_shorter_than_the_last_event_is_refused(
    tmp_path: Path, archive_dir: Path
) -> None:
    result = _import(archive_dir, _csv(tmp_path, GOOD_CSV), "--duration", "20")
    assert result.exit_code == 1
    assert "row 7: time 31 s is after the end of the session (20 s)" in result.stderr
    assert _session_ids(archive_dir) == []


def test_a_bad_csv_adds_nothing_and_says_which_row(tmp_path: Path, archive_dir: Path) -> None:
    path = _csv(tmp_path, GOOD_CSV + "40,fed,,,\n")
    result = _import(archive_dir, path)
    assert result.exit_code == 1
    expected = f'error: {path} row 8: "fed" is not a code in scheme infant-cues'
    assert result.stderr.startswith(expected)
    assert 'did you mean "feed"?' in result.stderr
    assert "Traceback" not in result.output
    assert _session_ids(archive_dir) == []


def test_a_file_that_is_not_utf8_is_refused_with_what_to_do(
    tmp_path: Path, archive_dir: Path
) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("time,code,note\n1,hungry,b\xe9b\xe9\n".encode("latin-1"))
    result = _import(archive_dir, path)
    assert result.exit_code == 1
    assert "is not UTF-8 text" in result.stderr and "CSV UTF-8" in result.stderr
    assert _session_ids(archive_dir) == []


def test_a_missing_file_is_one_sentence(tmp_path: Path, archive_dir: Path) -> None:
    result = _import(archive_dir, tmp_path / "nowhere.csv")
    assert result.exit_code == 1
    assert "cannot be read" in result.stderr and "Traceback" not in result.output


def test_an_unknown_scheme_lists_the_installed_ones(tmp_path: Path, archive_dir: Path) -> None:
    result = _observe(
        archive_dir, "session", "import", str(_csv(tmp_path, GOOD_CSV)),
        "--scheme", "infant-cue", "--dyad", "D017", "--observer", "OBS1",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "infant-cues" in result.stderr
    assert _session_ids(archive_dir) == []


def test_a_scheme_can_be_given_as_a_toml_path(tmp_path: Path, archive_dir: Path) -> None:
    import observe.coding_schemes as coding_schemes

    path = Path(coding_schemes.__file__).parent / "play.toml"
    from observe.scheme import load_scheme

    code = load_scheme(path).cues[0].id
    result = _observe(
        archive_dir, "session", "import", str(_csv(tmp_path, f"time,code\n2,{code}\n")),
        "--scheme", str(path), "--dyad", "D017", "--observer", "OBS1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("dyad", ["", "   "])
def test_an_empty_dyad_code_is_refused(tmp_path: Path, archive_dir: Path, dyad: str) -> None:
    result = _observe(
        archive_dir, "session", "import", str(_csv(tmp_path, GOOD_CSV)),
        "--scheme", "infant-cues", "--dyad", dyad, "--observer", "OBS1",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "dyad code is empty" in result.stderr
    assert _session_ids(archive_dir) == []


def test_a_dyad_code_that_looks_like_a_name_is_warned_about(
    tmp_path: Path, archive_dir: Path
) -> None:
    result = _observe(
        archive_dir, "session", "import", str(_csv(tmp_path, GOOD_CSV)),
        "--scheme", "infant-cues", "--dyad", "Jane Smith", "--observer", "OBS1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "looks like a person's name" in result.stderr
    assert len(_session_ids(archive_dir)) == 1


def test_a_bad_start_time_is_refused(tmp_path: Path, archive_dir: Path) -> None:
    result = _import(archive_dir, _csv(tmp_path, GOOD_CSV), "--started-at", "last tuesday")
    assert result.exit_code == 1
    assert "not an ISO 8601 date and time" in result.stderr
    assert _session_ids(archive_dir) == []


def test_a_start_time_without_offset_is_stored_with_the_local_offset(
    tmp_path: Path, archive_dir: Path
) -> None:
    result = _import(archive_dir, _csv(tmp_path, GOOD_CSV), "--started-at", "2026-03-02T10:15")
    assert result.exit_code == 0, result.output
    with Archive.open(archive_dir, readonly=True) as archive:
        session = archive.load(result.stdout.strip().splitlines()[-1])
    assert session.started_at.startswith("2026-03-02T10:15:00")
    assert session.started_at[19:] != "", "the offset is recorded"


# -- demo ------------------------------------------------------------------------------


def test_demo_fills_the_archive_and_says_what_next(archive_dir: Path) -> None:
    result = _observe(archive_dir, "demo")
    assert result.exit_code == 0, result.output
    ids = _session_ids(archive_dir)
    assert len(ids) >= 12
    assert "DEMO-01" in result.output
    # The hints name this archive, which is not the default one, so they can be copied.
    hint = f"observe --data-dir {archive_dir}"
    assert f"{hint} session list" in result.output
    assert f"{hint} analyze --dyad DEMO-01" in result.output
    with Archive.open(archive_dir, readonly=True) as archive:
        summaries = archive.list_sessions()
    assert {s.origin for s in summaries} == {"demo"}
    assert all(s.dyad.startswith("DEMO-") for s in summaries)
    assert {s.observer for s in summaries} == {"demo", "demo-2"}
    assert all(s.status == "ended" for s in summaries)
    pair = [s for s in summaries if s.observer == "demo-2"]
    assert len(pair) == 1, "one visit is coded by a second observer"
    assert f"{hint} reliability " in result.output


def test_demo_twice_adds_nothing_the_second_time(archive_dir: Path) -> None:
    _observe(archive_dir, "demo")
    first = sorted(_session_ids(archive_dir))
    again = _observe(archive_dir, "demo")
    assert again.exit_code == 0, again.output
    assert "nothing added" in again.output
    assert sorted(_session_ids(archive_dir)) == first


def test_demo_with_another_seed_adds_other_sessions(archive_dir: Path) -> None:
    _observe(archive_dir, "demo")
    count = len(_session_ids(archive_dir))
    result = _observe(archive_dir, "demo", "--seed", "8")
    assert result.exit_code == 0, result.output
    assert len(_session_ids(archive_dir)) > count


def test_demo_sessions_can_be_analysed_by_dyad(archive_dir: Path) -> None:
    _observe(archive_dir, "demo")
    result = _observe(archive_dir, "analyze", "--dyad", "DEMO-01", "--json")
    assert result.exit_code == 0, result.output


def test_times_that_look_like_milliseconds_are_warned_about(
    tmp_path: Path, archive_dir: Path
) -> None:
    result = _import(archive_dir, _csv(tmp_path, "time,code\n3200,hungry\n50000,feed\n"))
    assert result.exit_code == 0, result.output
    assert "divide them by 1000" in result.stderr


def test_import_while_another_observe_holds_the_archive_adds_nothing(
    tmp_path: Path, archive_dir: Path
) -> None:
    """The coding screen may be open on the same archive: the import must say so, not wait."""
    with Archive.open(archive_dir) as holder:
        result = _import(archive_dir, _csv(tmp_path, GOOD_CSV))
        assert result.exit_code == 1
        assert "in use" in result.stderr and "Traceback" not in result.output
        assert holder.list_sessions() == []
