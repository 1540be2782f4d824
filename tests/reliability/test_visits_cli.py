"""``observe reliability`` over several double-coded visits: ``--dyad D`` or a list of pairs
(DESIGN §6, §8)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from attrs import evolve
from observe.reports import write_reliability_summary_report

from observe.analysis.reliability_visits import compare_visits
from observe.scheme import Cue, Response, Scheme

from .conftest import pdf_text

#: (warmth of A, warmth of B) for visits 1–3: ICC(1,1) 17/21 (test_ratings); weighted
#: kappa by its moment form: means 10/3 and 10/3, var A 14/9, var B 8/9, cov 8/9, so
#: 2·(8/9) / (14/9 + 8/9) = 8/11 ≈ 0.73.
WARMTH = [(2, 2), (3, 4), (5, 4)]


@pytest.fixture
def three_visits(cli_archive, make_session):
    pairs = []
    for visit, (x, y) in enumerate(WARMTH, start=1):
        a = evolve(
            make_session([(10, "hungry"), (12, "feed")], visit=str(visit)),
            ratings={"overall_warmth": x},
            started_at=f"2026-03-0{visit}T10:00:00+00:00",
        )
        b = evolve(
            make_session([(10.3, "hungry"), (12.4, "feed")], visit=str(visit)),
            ratings={"overall_warmth": y},
            observer="OBS2",
            started_at=f"2026-03-0{visit}T10:00:01+00:00",
        )
        pairs.append((a, b))
    cli_archive.store(*(s for pair in pairs for s in pair))
    return pairs


def test_a_dyads_visits_give_each_pair_and_the_ratings_over_all(cli_archive, three_visits):
    """What a programme lead checks: every double-coded visit of a family, and whether the
    observers give the same global ratings (ICC 17/21 by hand)."""
    result = cli_archive.run("reliability", "--dyad", "D001", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["pairs", "ratings", "thresholds", "warnings"]
    assert [p["session_a"] for p in data["pairs"]] == [a.id for a, _ in three_visits]
    assert all(p["percent_agreement"] == 1.0 for p in data["pairs"])
    warmth = data["ratings"]["overall_warmth"]
    assert list(warmth) == [
        "label", "min", "max", "n", "exact", "within_one", "mean_difference",
        "weighted_kappa", "icc", "flags", "caution",
    ]  # fmt: skip
    assert (warmth["n"], warmth["exact"], warmth["within_one"]) == (3, 1, 3)
    assert warmth["icc"] == pytest.approx(17 / 21)
    assert warmth["weighted_kappa"] == pytest.approx(8 / 11)
    assert "only 3 visits" in warmth["caution"]


def test_naming_the_pairs_gives_the_same_as_the_dyad(cli_archive, three_visits):
    ids = [s.id[:8] for pair in three_visits for s in pair]
    named = json.loads(cli_archive.run("reliability", *ids, "--json").stdout)
    by_dyad = json.loads(cli_archive.run("reliability", "--dyad", "D001", "--json").stdout)
    assert named == by_dyad


def test_the_text_lists_each_visit_and_each_ratings_figures(cli_archive, three_visits):
    result = cli_archive.run("reliability", "--dyad", "D001")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Observer agreement over 3 double-coded visits, tolerance 2 s")
    rows = [line.split() for line in text.splitlines() if line[:2] in ("1 ", "2 ", "3 ")]
    assert [row[0] for row in rows] == ["1", "2", "3"]
    assert rows[0][3:5] == ["100%", "1.00"]
    warmth = next(line for line in text.splitlines() if line.startswith("Overall warmth"))
    assert warmth.split()[2:] == ["3", "1", "3", "0.00", "0.73", "0.81"]
    assert "Note: Overall warmth: only 3 visits" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "name two sessions to compare, or a dyad"),
        (["aaaa", "bbbb", "cccc"], "the 3 ids do not make pairs"),
        (["--dyad", "D001", "aaaa", "bbbb"], "give session ids or --dyad, not both"),
        (["--dyad", "D001", "--offset", "2"], "--offset applies to one pair"),
        (["--dyad", "NOBODY"], "has no sessions of dyad 'NOBODY'"),
    ],
)
def test_what_cannot_be_compared_is_one_sentence(cli_archive, three_visits, args, message):
    result = cli_archive.run("reliability", *args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_a_dyad_without_a_double_coded_visit_says_how_to_name_pairs(cli_archive, make_session):
    cli_archive.store(
        make_session([(1, "hungry")], visit="1"), make_session([(1, "hungry")], visit="2")
    )
    result = cli_archive.run("reliability", "--dyad", "D001")
    assert result.exit_code == 1
    assert "has no visit that two observers coded" in result.stderr
    assert "`observe reliability ID_A ID_B`" in result.stderr


def test_the_summary_pdf_shows_every_visit_and_the_rating_figures(
    cli_archive, three_visits, tmp_path
):
    target = tmp_path / "visits.pdf"
    result = cli_archive.run("reliability", "--dyad", "D001", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(target)
    text = pdf_text(target)
    for title in ("The visits compared", "Agreement visit by visit",
                  "Global ratings over the visits", "How to read the rating figures"):  # fmt: skip
        assert title in text, title
    assert "Overall warmth 1 to 5 3 1 3 0.00 0.73 0.81" in text
    assert "ICC(1,1): one-way random effects, one rating, absolute agreement" in text
    assert "Read with care: Overall warmth: only 3 visits" in text


def test_the_summary_pdf_is_reproducible(three_visits, tmp_path):
    summary = compare_visits(three_visits)
    sessions = {s.id: s for pair in three_visits for s in pair}
    moment = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    first = write_reliability_summary_report(
        summary, sessions, tmp_path / "a.pdf", generated=moment
    )
    again = write_reliability_summary_report(
        summary, sessions, tmp_path / "b.pdf", generated=moment
    )
    assert first.read_bytes() == again.read_bytes()


def test_a_visit_whose_codings_share_no_code_is_left_out_and_the_others_computed(
    cli_archive, three_visits, make_session
):
    """A family's fourth visit, coded by the second observer with an unrelated scheme: the
    lead still gets visits 1–3 (and the ratings over them), and a warning names the fourth
    instead of the whole run stopping on it."""
    elsewhere = Scheme(
        id="other", name="Other", version="1", response_window=5.0, repair_window=30.0,
        cues=[Cue("peek", "Peek", "k")], responses=[Response("wave", "Wave", "w")],
    )  # fmt: skip
    a = evolve(make_session([(10, "hungry")], visit="4"), started_at="2026-03-05T10:00:00+00:00")
    b = evolve(
        make_session([(10, "peek")], visit="4", scheme=elsewhere),
        observer="OBS2",
        started_at="2026-03-05T10:00:01+00:00",
    )
    cli_archive.store(a, b)
    result = cli_archive.run("reliability", "--dyad", "D001", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["session_a"] for p in data["pairs"]] == [a.id for a, _ in three_visits]
    assert data["ratings"]["overall_warmth"]["n"] == 3
    left_out = f"visit 4 ({a.id[:8]}, {b.id[:8]}) is left out"
    assert any(left_out in w and "share no code" in w for w in data["warnings"])
    assert f"warning: {left_out}" in result.stderr
    text = cli_archive.run("reliability", "--dyad", "D001")
    assert text.exit_code == 0 and text.stdout.startswith("Observer agreement over 3 ")


def test_when_no_pair_of_a_dyad_can_be_compared_it_is_one_sentence(cli_archive, make_session):
    elsewhere = Scheme(
        id="other", name="Other", version="1", response_window=5.0, repair_window=30.0,
        cues=[Cue("peek", "Peek", "k")], responses=[Response("wave", "Wave", "w")],
    )  # fmt: skip
    a = make_session([(10, "hungry")], visit="1")
    b = evolve(make_session([(10, "peek")], visit="1", scheme=elsewhere), observer="OBS2")
    cli_archive.store(a, b)
    result = cli_archive.run("reliability", "--dyad", "D001")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: none of the 1 pairs could be compared")
    assert "Traceback" not in result.output
