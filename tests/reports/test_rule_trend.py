"""The trend report of a family coded with ``home-visit``: each rule's figures over the
visits under the rule's name, and per visit the infant's time in each state and the time
that could not be coded."""

from __future__ import annotations

import pytest
from observe.reports import write_trend_report

from observe.analysis import analyze_dyad, analyze_session
from observe.interchange.simulate import simulate_session
from observe.scheme import find_scheme


@pytest.fixture(scope="module")
def visits(tmp_path_factory: pytest.TempPathFactory):
    scheme = find_scheme("home-visit", tmp_path_factory.mktemp("schemes"))
    return [
        simulate_session(
            scheme,
            seed=seed,
            dyad="HV-1",
            visit=str(seed + 1),
            started_at=f"2026-03-0{seed + 1}T10:00:00+00:00",
            duration=600.0,
            skill=0.2 + 0.15 * seed,
        )
        for seed in range(5)
    ]


def test_each_rule_has_its_charts_and_table_over_the_visits(visits, tmp_path, generated, read_text):
    """A clinician follows the parents' answers and the infant's answers apart: each rule's
    title, and in its table each visit's count and response rate as `observe trend` has them."""
    path = write_trend_report(visits, tmp_path / "t.pdf", pagesize="a4", generated=generated)
    text = read_text(path)
    trend = analyze_dyad(visits)
    assert [r.id for r in trend.rules] == ["cue-response", "bid-answer"]
    for number, rule in enumerate(trend.rules, 1):
        part = text.split(f"Rule {number}: {rule.label}")[1]
        noun = "cues" if number == 1 else "bids"
        assert f"Responding to {noun} over the visits" in part
        for point in rule.sessions:
            rate = point.summary.response_rate
            assert rate is not None
            row = f"10 min 0 s {point.summary.cues} {round(rate * 100)}%"
            assert row in part.split("Figures per visit")[1]
    assert "What the figures count" not in text  # the default rule's words, not these


def test_time_in_each_state_and_not_codable_per_visit(visits, tmp_path, generated, read_text):
    """Each visit's share of alert time and its time that could not be coded are shown."""
    path = write_trend_report(visits, tmp_path / "t.pdf", pagesize="a4", generated=generated)
    section = read_text(path).split("Time in each state over the visits")[1]
    assert any(v.excluded for v in visits)
    for visit in visits:
        analysis = analyze_session(visit)
        shares = [
            f"{round(found.proportion * 100)}%"
            for found in analysis.states["infant_state"].states.values()
        ]
        assert f"{visit.visit} {' '.join(shares)}" in section
        assert (
            f"{visit.visit} {len(analysis.excluded.periods)} " in section.split("Codable time")[1]
        )
