"""``observe session list | show | delete`` as a user types them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from observe.changes import SessionPaused
from observe.cli import main
from observe.store import Archive
from observe.workspace import open_archive


def run(data_dir: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--data-dir", str(data_dir), *args], input=input)


def fill(data_dir: Path, sessions) -> None:
    with open_archive(data_dir) as archive:
        archive.add_many(sessions)


def test_list_shows_one_row_per_session_with_its_figures(tmp_path: Path, make_session) -> None:
    older = make_session(
        [(1.0, "hungry"), (2.0, "feed")], dyad="D1", started_at="2026-03-01T10:00:00+00:00"
    )
    newer = make_session(
        [(1.0, "hungry"), (9.0, "play")], dyad="D2", started_at="2026-03-05T10:00:00+00:00"
    )
    fill(tmp_path, [older, newer])
    result = run(tmp_path, "session", "list")
    assert result.exit_code == 0, result.output
    header, first, second = result.output.splitlines()
    assert header.split()[:3] == ["id", "dyad", "visit"]
    assert first.startswith(newer.id[:8]) and second.startswith(older.id[:8])
    assert "100%" in second  # D1: the one cue was answered (and matched)
    only = run(tmp_path, "session", "list", "--dyad", "D2")
    assert older.id[:8] not in only.output and newer.id[:8] in only.output


def test_list_on_an_empty_archive_says_how_to_start(tmp_path: Path) -> None:
    result = run(tmp_path, "session", "list")
    assert result.exit_code == 0 and "no sessions" in result.output


def test_show_prints_metadata_pauses_ratings_notes_and_events(tmp_path: Path, make_session) -> None:
    from attrs import evolve

    session = make_session([(1.25, "hungry"), (2.5, "feed")])
    session = evolve(session, ratings={"overall_warmth": 4}, notes="Sibling present.")
    with Archive.open(tmp_path) as archive:
        recorder = archive.recorder(evolve(session, status="live"))
        recorder.apply(SessionPaused(2.0, "2026-03-02T10:00:02+00:00"))
        recorder.close()
    result = run(tmp_path, "session", "show", session.id[:6])
    assert result.exit_code == 0, result.output
    for expected in (
        "D001",
        "Overall warmth: 4",
        "Sibling present.",
        "at 2.000 s",
        "1.250",
        "feed",
        "paused",
    ):
        assert expected in result.output


def test_show_of_an_unknown_id_is_one_sentence(tmp_path: Path) -> None:
    result = run(tmp_path, "session", "show", "beefcafe")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'error: no session matches "beefcafe"; run "observe session list" to see the ids'
    )


def test_delete_asks_first_and_honours_no(tmp_path: Path, make_session) -> None:
    session = make_session()
    fill(tmp_path, [session])
    kept = run(tmp_path, "session", "delete", session.id[:8], input="n\n")
    assert kept.exit_code == 0 and "nothing was deleted" in kept.output
    gone = run(tmp_path, "session", "delete", session.id[:8], "--yes")
    assert gone.exit_code == 0 and "deleted session" in gone.output
    assert "no sessions" in run(tmp_path, "session", "list").output


def test_a_damaged_archive_warns_and_lists_what_it_can(tmp_path: Path, make_session) -> None:
    good, bad = make_session(dyad="D1"), make_session(dyad="D2")
    fill(tmp_path, [good, bad])
    (tmp_path / "index.json").write_text("not json")
    (tmp_path / "sessions" / f"{bad.id}.json").write_text("{")
    result = run(tmp_path, "session", "list")
    assert result.exit_code == 0
    assert good.id[:8] in result.stdout and bad.id[:8] not in result.stdout
    assert "warning:" in result.stderr and f"{bad.id}.json" in result.stderr


def test_list_fits_an_80_column_terminal_and_shows_more_on_a_wide_one(
    tmp_path: Path, make_session
) -> None:
    fill(tmp_path, [make_session([(1.0, "hungry"), (2.0, "feed")], dyad=f"D{n}") for n in (1, 2)])
    narrow = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path), "session", "list"], env={"COLUMNS": "80"}
    )
    assert narrow.exit_code == 0, narrow.output
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert narrow.stdout.split("\n")[0].split() == [
        "id", "dyad", "visit", "started", "status", "events", "responded", "matched",
    ]  # fmt: skip
    wide = CliRunner().invoke(
        main, ["--data-dir", str(tmp_path), "session", "list"], env={"COLUMNS": "200"}
    )
    assert {"observer", "scheme", "length"} <= set(wide.stdout.split("\n")[0].split())


def test_show_of_a_live_session_says_it_is_not_finished(tmp_path: Path, make_session) -> None:
    from attrs import evolve

    from observe.changes import EventRecorded
    from observe.model import Event

    live = make_session(status="live")
    long_note = "The baby's older sibling came in twice and the caregiver turned to them. " * 3
    with Archive.open(tmp_path) as archive:
        recorder = archive.recorder(evolve(live, notes=long_note))
        recorder.apply(EventRecorded(Event("e" * 32, "hungry", 1.5, note="rooting")))
        result = run(tmp_path, "session", "show", live.id[:8])  # read-only while recording
    assert result.exit_code == 0, result.output
    assert "this session is live" in result.stdout and "1.500" in result.stdout
    assert "coded live" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
