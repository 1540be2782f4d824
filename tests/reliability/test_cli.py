"""``observe reliability`` from the command line (DESIGN §6, §8)."""

from __future__ import annotations

import json

import pytest
from attrs import evolve

from observe.scheme import Cue, Response, Scheme

from .conftest import pdf_text

HAND_A = [(10, "hungry"), (12, "feed"), (20, "tired"), (30, "hungry"), (40, "over")]
HAND_B = [(10.5, "hungry"), (13.9, "feed"), (20.4, "hungry"), (31, "hungry"), (50, "tired")]
JSON_KEYS = [
    "session_a", "session_b", "offset", "tolerance", "pairs", "agreements",
    "percent_agreement", "kappa", "flags", "warnings", "matrix", "per_code", "metrics",
    "time_units", "intensity", "ratings", "excluded_events", "thresholds", "actors",
    "per_actor",
]  # fmt: skip


@pytest.fixture
def hand_pair(cli_archive, make_session):
    """The hand-worked pair of test_worked_examples: 50 %, kappa 1/3."""
    a, b = make_session(HAND_A), make_session(HAND_B)
    cli_archive.store(a, b)
    return a, b


def test_json_is_the_documented_structure(cli_archive, hand_pair) -> None:
    """A lead's script reads the same figures the hand calculation gives."""
    a, b = hand_pair
    result = cli_archive.run("reliability", a.id[:6], b.id[:6], "--offset", "0", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == JSON_KEYS
    assert (data["session_a"], data["session_b"]) == (a.id, b.id)
    assert data["offset"] == {"seconds": 0.0, "estimated": False}
    assert data["tolerance"] == 2.0
    assert (data["pairs"], data["agreements"], data["percent_agreement"]) == (6, 3, 0.5)
    assert data["kappa"] == pytest.approx(1 / 3)
    assert len(data["flags"]) == 2
    assert data["matrix"]["codes"] == ["hungry", "tired", "over", "feed", "nil"]
    assert data["matrix"]["counts"][0] == [2, 0, 0, 0, 0]
    assert data["per_code"]["hungry"] == {"pairs": 3, "agreements": 2, "agreement": 2 / 3}
    assert list(data["metrics"]) == ["a", "b", "difference"]
    assert list(data["metrics"]["a"]) == [
        "cues", "response_rate", "match_rate", "attuned_rate", "median_latency",
    ]  # fmt: skip
    assert data["metrics"]["a"]["cues"] == 4 and data["metrics"]["b"]["cues"] == 4


def test_kappa_is_null_in_json_when_undefined(cli_archive, make_session) -> None:
    a, b = make_session([(10, "hungry")]), make_session([(10.2, "hungry")])
    cli_archive.store(a, b)
    data = json.loads(cli_archive.run("reliability", a.id, b.id, "--json").stdout)
    assert data["percent_agreement"] == 1.0 and data["kappa"] is None


def test_text_summary_reads_the_figures(cli_archive, hand_pair) -> None:
    a, b = hand_pair
    result = cli_archive.run("reliability", a.id, b.id, "--offset", "0")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "offset +0.0 s (given; added to B's times)" in text
    assert "Percent agreement  50% (3 of 6 pairs coded the same)" in text
    assert "Cohen's kappa      0.33" in text
    assert text.count("FLAG: ") == 2
    assert "Infant cues" in text and "Caregiver responses" in text
    hungry = next(line for line in text.splitlines() if line.startswith("hungry"))
    assert hungry.split() == ["hungry", "3", "2", "67%"]
    assert "Would both session reports say the same?" in text


def test_the_offset_is_estimated_by_default(cli_archive, visit, second) -> None:
    cli_archive.store(visit, second)
    result = cli_archive.run("reliability", visit.id, second.id, "--json")
    offset = json.loads(result.stdout)["offset"]
    assert offset["estimated"] is True and abs(offset["seconds"] - 4.3) <= 0.1 + 1e-9


def test_pdf_shows_the_same_agreement_and_kappa(cli_archive, visit, second, tmp_path) -> None:
    """The report a lead files says what --json says."""
    cli_archive.store(visit, second)
    data = json.loads(cli_archive.run("reliability", visit.id, second.id, "--json").stdout)
    target = tmp_path / "out" / "agreement.pdf"
    result = cli_archive.run("reliability", visit.id, second.id, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    text = pdf_text(target)
    percent = round(data["percent_agreement"] * 100)
    assert f"Percent agreement {percent}% Pairs where both observers coded the same code" in text
    assert f"({data['agreements']} of {data['pairs']} pairs)" in text
    assert f"Cohen's kappa {data['kappa']:.2f} Agreement once" in text
    assert f"moved by {data['offset']['seconds']:+.1f} s" in text
    assert "Page 1 of" in text and "Generated" in text


def test_same_session_twice_is_one_sentence(cli_archive, hand_pair) -> None:
    a, _ = hand_pair
    result = cli_archive.run("reliability", a.id, a.id[:8])
    assert result.exit_code == 1
    assert "both ids name the same session" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_session_is_one_sentence(cli_archive, hand_pair) -> None:
    a, _ = hand_pair
    result = cli_archive.run("reliability", a.id, "ffffffff")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tolerance", "-1"], "outside 0 to 60 s"),
        (["--tolerance", "nan"], "outside 0 to 60 s"),
        (["--offset", "inf"], "is not a number of seconds"),
    ],
)
def test_bad_options_are_one_sentence(cli_archive, hand_pair, args, message) -> None:
    a, b = hand_pair
    result = cli_archive.run("reliability", a.id, b.id, *args)
    assert result.exit_code == 1 and message in result.stderr


def test_different_dyads_and_unended_sessions_warn_but_compare(cli_archive, make_session) -> None:
    """A shared training recording may carry different dyad codes: compared, with a note."""
    a = make_session(HAND_A, dyad="TRAIN-1")
    b = make_session(HAND_B, dyad="TRAIN-2", status="live")
    cli_archive.store(a, b)
    result = cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json")
    assert result.exit_code == 0, result.output
    assert "different dyads (TRAIN-1, TRAIN-2)" in result.stderr
    assert "has not ended (live)" in result.stderr
    assert len(json.loads(result.stdout)["warnings"]) == 2


def test_schemes_sharing_some_codes_compare_those_codes(
    cli_archive, make_session, tiny_scheme
) -> None:
    """B's scheme drops 'over' and adds 'bored': only the shared codes are compared."""
    other = evolve(
        tiny_scheme,
        id="tiny-2",
        cues=[c for c in tiny_scheme.cues if c.id != "over"] + [Cue("bored", "Bored", "b")],
    )
    a = make_session(HAND_A)
    b = make_session([(10.5, "hungry"), (12.5, "bored")], scheme=other)
    cli_archive.store(a, b)
    result = cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json")
    assert result.exit_code == 0, result.output
    assert "different schemes" in result.stderr and "left out: bored, over" in result.stderr
    data = json.loads(result.stdout)
    assert "over" not in data["matrix"]["codes"] and "bored" not in data["matrix"]["codes"]


def test_schemes_with_nothing_in_common_is_one_sentence(cli_archive, make_session) -> None:
    elsewhere = Scheme(
        id="other", name="Other", version="1", response_window=5.0, repair_window=30.0,
        cues=[Cue("peek", "Peek", "k")], responses=[Response("wave", "Wave", "w")],
    )  # fmt: skip
    a = make_session(HAND_A)
    b = make_session([(10, "peek")], scheme=elsewhere)
    cli_archive.store(a, b)
    result = cli_archive.run("reliability", a.id, b.id)
    assert result.exit_code == 1
    assert "share no code" in result.stderr and "Traceback" not in result.output


def test_json_and_pdf_together(cli_archive, hand_pair, tmp_path) -> None:
    """--json still prints only JSON on stdout; where the PDF went is said on stderr."""
    a, b = hand_pair
    target = tmp_path / "both.pdf"
    result = cli_archive.run("reliability", a.id, b.id, "--json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pairs"] == 6
    assert target.exists() and str(target) in result.stderr


def test_json_carries_the_time_unit_kappas_intensity_and_ratings(cli_archive, hand_pair) -> None:
    """The new keys, with the figures worked by hand in test_time_units (the same pair)."""
    a, b = hand_pair
    data = json.loads(cli_archive.run("reliability", a.id, b.id, "--offset", "0", "--json").stdout)
    units = data["time_units"]
    assert list(units) == ["unit", "tolerance_units", "tolerance", "excluded_units",
                           "per_actor", "flags"]  # fmt: skip
    assert (units["unit"], units["tolerance_units"], units["tolerance"]) == (1.0, 2, 2.0)
    cues = units["per_actor"]["cue"]
    assert list(cues) == [
        "units", "agreements", "percent_agreement", "kappa", "agreements_with_tolerance",
        "percent_agreement_with_tolerance", "kappa_with_tolerance", "matrix",
        "matrix_with_tolerance",
    ]  # fmt: skip
    assert cues["kappa"] == pytest.approx(130 / 385)
    assert cues["kappa_with_tolerance"] == pytest.approx(319 / 472)
    assert cues["matrix"]["codes"] == ["hungry", "tired", "over", "nil"]
    assert list(units["per_actor"]) == ["cue", "response"]
    assert data["intensity"] == {
        "levels": 3, "pairs": 0, "exact": 0, "exact_rate": None, "within_one": 0,
        "within_one_rate": None, "one_observer_only": 0,
    }  # fmt: skip
    assert data["ratings"]["overall_warmth"]["difference"] is None  # neither rated
    assert data["excluded_events"] == {"a": 0, "b": 0}
    assert data["thresholds"]["percent_agreement"] == 0.85


def test_text_shows_both_kappas_with_the_unit_and_tolerance(cli_archive, hand_pair) -> None:
    a, b = hand_pair
    text = cli_archive.run("reliability", a.id, b.id, "--offset", "0").stdout
    assert "compared in 1-s units" in text and "within ±2 units (2 s)" in text.replace("\n", " ")
    cues = next(line for line in text.splitlines() if line.startswith("Infant cues  "))
    assert cues.split()[2:] == ["51", "90%", "0.34", "94%", "0.68"]
    assert "Intensities: no agreeing pair where both observers gave an intensity." in text
    assert "Overall warmth" in text
