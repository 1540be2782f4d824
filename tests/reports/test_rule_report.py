"""The session report of a scheme for a real instrument (``home-visit``): each rule under its
own name with its own figures, the time in each state, the periods that could not be coded,
and what the rating scale says at each score."""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve
from observe.reports import write_session_report

from observe.analysis import analyze_session
from observe.interchange.simulate import simulate_session
from observe.model import Interval, Session
from observe.scheme import Scheme, find_scheme


@pytest.fixture(scope="module")
def home_visit(tmp_path_factory: pytest.TempPathFactory) -> Scheme:
    return find_scheme("home-visit", tmp_path_factory.mktemp("schemes"))


@pytest.fixture(scope="module")
def session(home_visit: Scheme) -> Session:
    """A ten-minute home visit with two periods that could not be coded (seed 0 has them)."""
    made = simulate_session(
        home_visit,
        seed=0,
        dyad="HV-1",
        visit="2",
        started_at="2026-03-02T10:00:00+00:00",
        duration=600.0,
        skill=0.5,
    )
    assert len(made.excluded) == 2
    return made


@pytest.fixture
def text(session: Session, tmp_path: Path, generated, read_text) -> str:
    path = write_session_report(session, tmp_path / "hv.pdf", pagesize="a4", generated=generated)
    return read_text(path)


def clock(t: float) -> str:
    return f"{round(t) // 60}:{round(t) % 60:02d}"


def test_each_rule_has_its_own_part_with_its_own_figures(session, text) -> None:
    """A clinician sees the parents' answers to the infant and the infant's answers to the
    parents' bids apart, each with the counts `observe analyze` gives for that rule."""
    rules = analyze_session(session).rules
    assert [r.id for r in rules] == ["cue-response", "bid-answer"]
    first, second = rules
    at = text.index(f"Rule 1: {first.label}")
    assert text.index(f"Rule 2: {second.label}") > at
    assert f"Cues {first.summary.cues} How many times the observer coded a cue of" in text
    assert f"Bids {second.summary.cues} How many times the observer coded a bid of" in text
    assert "How quickly Parent A or Parent B responded" in text
    assert "How quickly the infant responded" in text
    assert "Responses after bids compared with other moments" in text
    for rule in rules:
        rate = rule.summary.response_rate
        assert rate is not None
        assert f"{rule.label} {rule.summary.cues} {round(rate * 100)}%" in text
    # the default rule's words appear nowhere: no "caregiver" answers in this scheme
    assert "the caregiver" not in text.lower()


def test_time_in_each_state_adds_up_to_the_codable_time(session, text) -> None:
    """The infant's state table lists every state with the analysis's seconds, and the
    shares are of the time that could be coded: the session less its excluded periods."""
    analysis = analyze_session(session)
    group = analysis.states["infant_state"]
    section = text[text.index("Time in each state") :]
    for code, found in group.states.items():
        label = session.scheme.code(code).label
        assert f"{label} {found.seconds:.1f} s" in section
    total = sum(found.seconds for found in group.states.values())
    assert round(total, 3) == round(analysis.excluded.codable, 3)
    assert f"Codable time {analysis.excluded.codable:.1f} s 100%" in section


def test_periods_that_could_not_be_coded_are_named_and_not_counted(session, text) -> None:
    """Each period is listed with its start, end and length, the header counts them, and
    the report says how many cues they took out of each rule's figures."""
    analysis = analyze_session(session)
    assert "Not codable 2 periods" in text
    section = text[text.index("Periods that could not be coded") :]
    for start, end in analysis.excluded.periods:
        assert f"{clock(start)} {clock(end)} {end - start:.1f} s" in section
    skipped = sum(rule.summary.outcomes.not_codable for rule in analysis.rules)
    assert skipped > 0 and "Not counted because such a period cut their window" in section
    assert "Hatched bands are periods that could not be coded." in text


def test_ratings_show_what_the_scale_says_at_the_score(session, tmp_path, generated, read_text):
    """The observer's 6 on a 1–9 scale whose anchors are at 1, 5 and 9 reads as between
    the 5 and the 9 anchors; a score on an anchor reads as that anchor."""
    scheme = session.scheme
    rating = next(r for r in scheme.ratings if len(r.anchors) >= 2)
    points = sorted(rating.anchors)
    between = points[0] + 1
    assert between not in rating.anchors
    rated = evolve(session, ratings={rating.id: between})
    path = write_session_report(rated, tmp_path / "r.pdf", pagesize="a4", generated=generated)
    shown = read_text(path)
    low, high = points[0], next(p for p in points if p > between)
    assert f"between {low}: {rating.anchors[low][:20]}" in shown
    assert f"{high}: {rating.anchors[high][:15]}" in shown
    exact = evolve(session, ratings={rating.id: points[0]})
    path = write_session_report(exact, tmp_path / "e.pdf", pagesize="a4", generated=generated)
    assert f"{points[0]}: {rating.anchors[points[0]][:20]}" in read_text(path)


def test_an_old_scheme_with_a_period_not_codable_keeps_its_layout(
    visit, tmp_path, generated, read_text
):
    """A scheme without rules of its own keeps the report it always had; a period the
    observer could not code is added to it, on the timeline and in a section of its own."""
    plain = read_text(
        write_session_report(visit, tmp_path / "a.pdf", pagesize="a4", generated=generated)
    )
    assert "Rule 1" not in plain and "Time in each state" not in plain
    assert "Periods that could not be coded" not in plain
    excluded = evolve(visit, excluded=(Interval(100.0, 130.0),))
    text = read_text(
        write_session_report(excluded, tmp_path / "b.pdf", pagesize="a4", generated=generated)
    )
    assert "Rule 1" not in text and "Key figures at a glance" in text
    assert "Periods that could not be coded" in text and "1:40 2:10 30.0 s" in text
