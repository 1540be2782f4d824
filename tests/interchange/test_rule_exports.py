"""Exports of sessions coded with a scheme for a real instrument (``home-visit``): the CSV
says whose each code is, the cue table has one row per antecedent of every rule with the
rule, the actors and the infant's state, the SDIS file marks the periods that could not be
coded, and the bundle carries them all back in."""

from __future__ import annotations

import csv
import io

import pytest

from observe.analysis import analyze_session
from observe.interchange.bundle import bundle_text, parse_bundle
from observe.interchange.csv_export import sessions_to_csv
from observe.interchange.csv_session import session_from_csv
from observe.interchange.cues import cue_codebook, sessions_to_cue_csv
from observe.interchange.sdis import sessions_to_sdis
from observe.interchange.simulate import simulate_session
from observe.interchange.variables import research_datasets
from observe.model import Session
from observe.scheme import Scheme, find_scheme


@pytest.fixture(scope="module")
def home_visit(tmp_path_factory: pytest.TempPathFactory) -> Scheme:
    return find_scheme("home-visit", tmp_path_factory.mktemp("schemes"))


@pytest.fixture(scope="module")
def session(home_visit: Scheme) -> Session:
    made = simulate_session(
        home_visit,
        seed=0,
        dyad="HV-1",
        visit="2",
        started_at="2026-03-02T10:00:00+00:00",
        duration=600.0,
        skill=0.5,
    )
    assert made.excluded
    return made


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_names_each_codes_actor_and_imports_again(session: Session) -> None:
    """A researcher can split the events by parent; the exported file still imports."""
    text = sessions_to_csv([session])
    rows = _rows(text)
    assert list(rows[0])[-1] == "actor_id"
    scheme = session.scheme
    for row in rows:
        assert row["actor_id"] == scheme.actor_of(row["code"]).id
    assert {row["actor_id"] for row in rows} == {"infant", "parent_a", "parent_b"}
    soothe = next(row for row in rows if row["code"] == "soothe_b")
    assert soothe["actor"] == "caregiver" and soothe["actor_id"] == "parent_b"
    again = session_from_csv(text, scheme, "export.csv", dyad=None, observer=None)
    assert [(e.code, e.t, e.kind) for e in again.session.events] == [
        (e.code, e.t, e.kind) for e in session.events
    ]


def test_the_cue_table_has_every_rules_antecedents_with_rule_actor_and_state(session) -> None:
    """One row per antecedent of each rule, as `observe analyze` counts them, each saying
    its rule, whose the cue and the first response are, and the infant's state at it."""
    rows = _rows(sessions_to_cue_csv([session]))
    analysis = analyze_session(session)
    for rule in analysis.rules:
        mine = [row for row in rows if row["rule"] == rule.id]
        assert len(mine) == len(rule.cues) > 0
        for row, cue in zip(mine, rule.cues, strict=True):
            assert row["cue"] == cue.code and row["outcome"] == cue.outcome
            assert row["state_infant_state"] == (cue.states.get("infant_state") or "")
            assert row["cue_actor"] == session.scheme.actor_of(cue.code).id
            expected = session.scheme.actor_of(cue.response).id if cue.response else ""
            assert row["response_actor"] == expected
    bids = [row for row in rows if row["rule"] == "bid-answer"]
    assert {row["cue_actor"] for row in bids} == {"parent_a", "parent_b"}
    assert {row["response_actor"] for row in bids} - {""} == {"infant"}
    assert any(row["outcome"] == "not_codable" for row in rows)
    codebook = cue_codebook([session])
    for word in ("state_infant_state", "bid-answer", "not_codable", "response_actor"):
        assert word in codebook


def test_the_research_datasets_have_the_same_cue_columns(session) -> None:
    """The SPSS and Stata files (`--format sav|dta`) hold the same cue table."""
    datasets = research_datasets([session])
    cues = next(d for d in datasets if d.name == "cues")
    header = next(csv.reader(io.StringIO(sessions_to_cue_csv([session]))))
    assert [variable.name for variable in cues.variables] == header
    assert all(len(row) == len(header) for row in cues.rows)


def test_sdis_writes_the_periods_that_could_not_be_coded(session) -> None:
    """GSEQ sees each period the observer could not code as a `not_codable` state."""
    text = sessions_to_sdis([session])
    assert text.splitlines()[0].endswith(" not_codable ;")
    for period in session.excluded:
        assert f"not_codable,{period.start:.3f}-{period.end:.3f}" in text


def test_the_bundle_carries_rules_states_and_periods_back(session) -> None:
    again = parse_bundle(bundle_text([session]), "bundle.json")
    assert again == [session]
    assert again[0].excluded == session.excluded
    assert [r.id for r in again[0].scheme.rules] == ["cue-response", "bid-answer"]


def test_the_visits_table_has_each_rules_figures_states_and_codable_time(session) -> None:
    """One row per visit: the first rule's figures in the old columns, the bid rule's in its
    own, the seconds that could not be coded and the infant's share of time in each state."""
    from observe.interchange.visits import sessions_to_visit_csv

    (row,) = _rows(sessions_to_visit_csv([session]))
    analysis = analyze_session(session)
    first, bids = analysis.rules
    assert row["cues"] == str(first.summary.cues)
    assert row["bid_answer_cues"] == str(bids.summary.cues)
    assert float(row["bid_answer_response_rate"]) == bids.summary.response_rate
    assert row["cue_response_not_codable"] == str(first.summary.outcomes.not_codable)
    assert float(row["not_codable_seconds"]) == analysis.excluded.seconds
    shares = [
        float(row[f"state_infant_state_{code}"]) for code in session.scheme.state_groups[0].codes
    ]
    assert abs(sum(shares) - 1.0) < 1e-9


def test_a_code_in_two_rules_is_one_value_of_the_codebook(home_visit: Scheme) -> None:
    """A researcher's REDCap, SPSS or Stata file numbers each code once: a cue two rules
    look at is listed once in the codebook's `cue` values, its meaning naming both rules."""
    from attrs import evolve

    from observe.scheme import Contingency

    third = Contingency(
        "looks-back", "Parents follow the infant's looks", ("looks",), ("follow_a",)
    )
    scheme = evolve(home_visit, contingencies=(*home_visit.contingencies, third))
    session = simulate_session(
        scheme,
        seed=1,
        dyad="HV-1",
        visit="1",
        started_at="2026-03-02T10:00:00+00:00",
        duration=300.0,
        skill=0.5,
    )
    rows = [r for r in csv.reader(io.StringIO(cue_codebook([session]))) if r]
    header = rows[0]
    looks = [
        r
        for r in rows
        if r[header.index("variable")] == "cue" and r[header.index("value")] == "looks"
    ]
    assert len(looks) == 1
    meaning = looks[0][header.index("meaning")]
    assert "Rule cue-response" in meaning and "Rule looks-back" in meaning
