"""``observe analyze`` from the command line (DESIGN §8)."""

from __future__ import annotations

import json

import attrs
import pytest

from .test_worked_example import EVENTS


def test_json_output_is_the_documented_structure(cli_archive, make_session) -> None:
    """`observe analyze ID --json` (a 6-character prefix) parses and holds the worked example."""
    session = make_session(EVENTS, duration=120.0)
    cli_archive.store(session)
    result = cli_archive.run("analyze", session.id[:6], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "session", "duration", "summary", "by_cue", "cues", "rules", "states", "excluded",
    ]  # fmt: skip
    assert data["session"] == session.id
    assert data["summary"]["outcomes"] == {
        "matched": 2, "repaired": 1, "mismatched": 1, "unanswered": 1,
    }  # fmt: skip
    assert data["summary"]["latency"] == {"n": 4, "median": 1.75, "q1": 1.125, "q3": 2.0}
    assert data["summary"]["contingency"]["table"] == [[4, 17], [2, 97]]
    assert len(data["cues"]) == 5


def test_human_summary_reads_the_figures(cli_archive, make_session) -> None:
    """Without --json: rounded percentages with the counts behind them, latency, repair,
    intensity, contingency, and a per-cue-type table with the cue labels (the worked
    example: see test_worked_example for the arithmetic)."""
    session = make_session(EVENTS, duration=120.0)
    cli_archive.store(session)
    result = cli_archive.run("analyze", session.id)
    assert result.exit_code == 0, result.output
    text = result.stdout
    flowing = " ".join(text.split())  # wrapped paragraphs read as one line
    assert f"Session {session.id}" in text
    assert "Infant cues       5: matched 2, repaired 1, mismatched 1, unanswered 1" in text
    assert "Responded to      80% of cues (4 of 5)" in text
    assert "Matched           40% of cues (2 of 5: the first response fitted the cue)" in text
    assert "Attuned           60% of cues (3 of 5: matched, or repaired later)" in text
    assert "Repaired          50% of poorly fitted first responses (1 of 2 put right)" in text
    assert "median 1.75 s from cue to first response (4 answered)" in flowing
    assert "middle half of latencies 1.12 s to 2.00 s" in flowing
    assert "Within 2 s / 5 s 80% / 80% of cues (4 / 4 of 5 answered that soon)" in flowing
    assert "Time to repair    median 8.0 s (1 repaired)" in text
    assert "intensity 1, under 0, over 1 (of 2 cues where" in flowing
    assert "Yule's Q 0.84, odds ratio 11.41" in flowing
    assert (
        "Of 120 1-s units: cue window and response 4, window only 17, response only 2, "
        "neither 97." in flowing
    )
    tired_row = next(line for line in text.splitlines() if line.startswith("Tired"))
    # the median latency 1.75 s rests on n = 2 answered tired cues
    assert tired_row.split() == ["Tired", "3", "67%", "33%", "67%", "100%", "1.75", "2", "–"]
    hungry_row = next(line for line in text.splitlines() if line.startswith("Hungry"))
    assert hungry_row.split()[1:] == ["0", "–", "–", "–", "–", "–", "0", "–"]


def test_human_summary_says_why_a_figure_is_missing(cli_archive, make_session) -> None:
    """One matched cue (tired 10, settle 11): nothing to repair, no intensities, and too
    few cues for contingency — each missing figure gives its reason, not a bare dash."""
    session = make_session([(10, "tired"), (11, "settle")], duration=30.0)
    cli_archive.store(session)
    flowing = " ".join(cli_archive.run("analyze", session.id).stdout.split())
    assert "Repaired – (no first response needed repairing)" in flowing
    assert "Time to repair – (nothing was repaired)" in flowing
    assert "Intensity – (no cue and its first response both had one)" in flowing
    assert "Contingency – (needs at least 5 cues; there are 1)." in flowing


def test_human_output_fits_80_columns(cli_archive, make_session, tiny_scheme) -> None:
    """A programme lead's 80-column terminal: no line of a session summary (with a cue
    label too long for the table) or of a dyad trend is wider than 80 characters."""
    long_label = attrs.evolve(tiny_scheme.cues[0], label="Hunger cues, early and late, all kinds")
    scheme = attrs.evolve(tiny_scheme, cues=[long_label, *tiny_scheme.cues[1:]])
    session = make_session(
        [*EVENTS, (60, "hungry", "point", 3), (61, "feed", "point", 1)],
        duration=100_000.0,  # large unit counts
        scheme=scheme,
    )
    cli_archive.store(session)
    for args in (["analyze", session.id], ["analyze", "--dyad", session.dyad]):
        result = cli_archive.run(*args)
        assert result.exit_code == 0, result.output
        widths = [len(line) for line in result.stdout.splitlines()]
        assert max(widths) <= 80, result.stdout
    table_row = next(
        line for line in cli_archive.run("analyze", session.id).stdout.splitlines()
        if line.startswith("Hunger cues")
    )  # fmt: skip
    assert "…" in table_row  # shortened, not wrapped


def test_a_session_without_cues_prints_nulls_not_errors(cli_archive, make_session) -> None:
    session = make_session([(5, "feed")], duration=30.0)
    cli_archive.store(session)
    human = cli_archive.run("analyze", session.id)
    machine = cli_archive.run("analyze", session.id, "--json")
    assert human.exit_code == 0 and machine.exit_code == 0
    assert "no infant cues were coded" in human.stdout
    assert "By cue type" not in human.stdout  # a table of dashes says nothing
    assert json.loads(machine.stdout)["summary"]["response_rate"] is None


def test_dyad_trend_one_row_per_session_oldest_first(cli_archive, make_session) -> None:
    first = make_session(
        [(10, "tired"), (11, "settle")], started_at="2026-03-02T10:00:00+00:00", visit="1"
    )
    second = make_session(
        [(10, "tired"), (20, "over")], started_at="2026-04-06T10:00:00+00:00", visit="2"
    )
    other = make_session([(10, "tired")], dyad="D002")
    cli_archive.store(second, first, other)

    human = cli_archive.run("analyze", "--dyad", "D001")
    assert human.exit_code == 0, human.output
    lines = human.stdout.splitlines()
    assert lines[0] == "Dyad D001: 2 sessions, oldest first"
    rows = [line for line in lines if line.startswith("2026-")]
    assert rows[0].split() == [
        "2026-03-02",
        "1",
        "1",
        "100%",
        "100%",
        "100%",
        "–",
        "1.00",
        "1",
        first.id[:8],
    ]  # the median latency 1.00 rests on n = 1 answered cue
    assert rows[1].split() == [
        "2026-04-06", "2", "2", "0%", "0%", "0%", "–", "–", "0", second.id[:8],
    ]  # fmt: skip

    machine = cli_archive.run("analyze", "--dyad", "D001", "--json")
    data = json.loads(machine.stdout)
    assert data["dyad"] == "D001"
    assert [point["session"] for point in data["sessions"]] == [first.id, second.id]
    assert list(data["sessions"][0]) == [
        "session", "started_at", "visit", "duration", "summary", "second_codings",
    ]  # fmt: skip
    assert data["sessions"][1]["summary"]["cues"] == 2


def test_an_unknown_session_is_one_sentence(cli_archive, make_session) -> None:
    cli_archive.store(make_session([(10, "tired")]))
    result = cli_archive.run("analyze", "zzzzzzzz")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_dyad_is_one_sentence(cli_archive, make_session) -> None:
    cli_archive.store(make_session([(10, "tired")]))
    result = cli_archive.run("analyze", "--dyad", "NOPE")
    assert result.exit_code == 1
    assert "no sessions of dyad 'NOPE'" in result.stderr


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        ([], "name what to analyze: a session"),
        (["abcd", "--dyad", "D001"], "give a session id or --dyad, not both"),
    ],
)
def test_neither_or_both_of_id_and_dyad_is_a_usage_sentence(cli_archive, args, sentence) -> None:
    result = cli_archive.run("analyze", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {sentence}")
    assert len(result.stderr.strip().splitlines()) == 1
