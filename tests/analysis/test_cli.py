"""``observe analyze`` from the command line (DESIGN §8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.workspace import open_archive

from .test_worked_example import EVENTS


def run(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


def store(archive_dir: Path, *sessions) -> None:
    with open_archive(archive_dir) as archive:
        for session in sessions:
            archive.add(session)


def test_json_output_is_the_documented_structure(archive_dir, make_session) -> None:
    """`observe analyze ID --json` (a 6-character prefix) parses and holds the worked example."""
    session = make_session(EVENTS, duration=120.0)
    store(archive_dir, session)
    result = run(archive_dir, "analyze", session.id[:6], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["session", "duration", "summary", "by_cue", "cues"]
    assert data["session"] == session.id
    assert data["summary"]["outcomes"] == {
        "matched": 2, "repaired": 1, "mismatched": 1, "unanswered": 1,
    }  # fmt: skip
    assert data["summary"]["latency"] == {"n": 4, "median": 1.75, "q1": 1.125, "q3": 2.0}
    assert data["summary"]["contingency"]["table"] == [[4, 17], [2, 97]]
    assert len(data["cues"]) == 5


def test_human_summary_reads_the_figures(archive_dir, make_session) -> None:
    """Without --json: rounded percentages, latency, repair, intensity, contingency, and a
    per-cue-type table with the cue labels."""
    session = make_session(EVENTS, duration=120.0)
    store(archive_dir, session)
    result = run(archive_dir, "analyze", session.id)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert f"Session {session.id}" in text
    assert "matched 2, repaired 1, mismatched 1, unanswered 1" in text
    assert "Responded to      80% of cues (4 of 5)" in text
    assert "Matched           40%" in text
    assert "Attuned           60%" in text
    assert "Repaired          50%" in text
    assert "median 1.75 s, quartiles 1.12 s to 2.00 s (n = 4)" in text
    assert "Time to repair    median 8.0 s (n = 1)" in text
    assert "matched 1, under 0, over 1" in text
    assert "Yule's Q 0.84, odds ratio 11.41" in text
    tired_row = next(line for line in text.splitlines() if line.startswith("Tired"))
    assert tired_row.split() == ["Tired", "3", "67%", "33%", "67%", "100%", "1.75", "s", "-"]
    hungry_row = next(line for line in text.splitlines() if line.startswith("Hungry"))
    assert hungry_row.split()[1:] == ["0", "-", "-", "-", "-", "-", "-"]


def test_a_session_without_cues_prints_nulls_not_errors(archive_dir, make_session) -> None:
    session = make_session([(5, "feed")], duration=30.0)
    store(archive_dir, session)
    human = run(archive_dir, "analyze", session.id)
    machine = run(archive_dir, "analyze", session.id, "--json")
    assert human.exit_code == 0 and machine.exit_code == 0
    assert "no infant cues were coded" in human.stdout
    assert json.loads(machine.stdout)["summary"]["response_rate"] is None


def test_dyad_trend_one_row_per_session_oldest_first(archive_dir, make_session) -> None:
    first = make_session(
        [(10, "tired"), (11, "settle")], started_at="2026-03-02T10:00:00+00:00", visit="1"
    )
    second = make_session(
        [(10, "tired"), (20, "over")], started_at="2026-04-06T10:00:00+00:00", visit="2"
    )
    other = make_session([(10, "tired")], dyad="D002")
    store(archive_dir, second, first, other)

    human = run(archive_dir, "analyze", "--dyad", "D001")
    assert human.exit_code == 0, human.output
    lines = human.stdout.splitlines()
    assert lines[0] == "Dyad D001: 2 sessions, oldest first"
    rows = [line for line in lines if line.startswith("2026-")]
    assert rows[0].split()[:7] == ["2026-03-02", "10:00", "1", "1", "100%", "100%", "100%"]
    assert rows[1].split()[:7] == ["2026-04-06", "10:00", "2", "2", "0%", "0%", "0%"]

    machine = run(archive_dir, "analyze", "--dyad", "D001", "--json")
    data = json.loads(machine.stdout)
    assert data["dyad"] == "D001"
    assert [point["session"] for point in data["sessions"]] == [first.id, second.id]
    assert list(data["sessions"][0]) == ["session", "started_at", "visit", "duration", "summary"]
    assert data["sessions"][1]["summary"]["cues"] == 2


def test_an_unknown_session_is_one_sentence(archive_dir, make_session) -> None:
    store(archive_dir, make_session([(10, "tired")]))
    result = run(archive_dir, "analyze", "zzzzzzzz")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_dyad_is_one_sentence(archive_dir, make_session) -> None:
    store(archive_dir, make_session([(10, "tired")]))
    result = run(archive_dir, "analyze", "--dyad", "NOPE")
    assert result.exit_code == 1
    assert "no sessions of dyad 'NOPE'" in result.stderr


@pytest.mark.parametrize("args", [[], ["abcd", "--dyad", "D001"]])
def test_neither_or_both_of_id_and_dyad_is_a_usage_sentence(archive_dir, args) -> None:
    result = run(archive_dir, "analyze", *args)
    assert result.exit_code == 1
    assert "give either a session id or --dyad, not both" in result.stderr
