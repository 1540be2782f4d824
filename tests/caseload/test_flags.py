"""The flags beside a family: changes in its headline figures over the last three visits,
worded from strengths. If these failed, a supervisor would read a family labelled by its
figures, a change that is not there, or nothing where a figure moved."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from observe.caseload.flags import MIN_CUES, family_flags
from observe.caseload.model import VisitFigures


def figures(response: float | None, match: float | None = 0.4, latency: float | None = 2.0,
            cues: int = 20) -> VisitFigures:  # fmt: skip
    return VisitFigures("s", "2026-01-01", "1", "OBS", cues, response, match, latency)


def texts(*visits: VisitFigures) -> list[str]:
    return [f"{flag.kind}: {flag.text}" for flag in family_flags(visits)]


def test_a_rise_over_three_visits_is_a_strength_with_its_figures() -> None:
    assert texts(figures(0.62, latency=2.4), figures(0.70, latency=2.0), figures(0.75)) == [
        "strength: Answers more of the baby's cues over the last three visits (62% → 70% → 75%)",
    ]
    assert texts(figures(0.6, latency=3.0), figures(0.6, latency=2.2)) == [
        "strength: Responds sooner than at the visit before (3.0 s → 2.2 s)",
    ]


def test_a_drop_since_the_visit_before_is_worth_a_look_in_those_words() -> None:
    assert texts(figures(0.8, 0.5), figures(0.62, 0.5)) == [
        "look: Fewer cues answered than at the visit before — worth a look (80% → 62%)",
    ]
    assert texts(figures(0.8), figures(0.8), figures(0.8, latency=3.5)) == [
        "look: Responses came later than at the visit before — worth a look (2.0 s → 3.5 s)",
    ]
    assert texts(figures(0.62), figures(0.39), figures(0.43)) == [
        "look: Fewer cues answered over the last three visits — worth a look (62% → 39% → 43%)",
    ]


def test_steady_few_cues_and_one_visit_are_notes() -> None:
    assert texts(figures(0.7), figures(0.72), figures(0.69)) == [
        "note: Steady over the last three visits"
    ]
    assert texts(figures(0.9), figures(0.2, cues=MIN_CUES - 1)) == [
        f"note: The latest visit had {MIN_CUES - 1} cues: too few to compare (at least 10)"
    ]
    assert texts(figures(0.5)) == ["note: One visit so far: nothing to compare yet"]
    assert texts() == []


rates = st.none() | st.floats(0, 1)
visits = st.builds(figures, rates, rates, st.none() | st.floats(0, 10), st.integers(0, 40))
LABELS = re.compile(r"\b(poor|bad|fail\w*|risk\w*|deficit\w*|neglect\w*|weak\w*|worse)\b", re.I)


@given(st.lists(visits, min_size=1, max_size=3))
def test_no_flag_ever_labels_a_family(recent: list[VisitFigures]) -> None:
    """Every flag is about a figure's change (with its figures), never a label."""
    for flag in family_flags(recent):
        assert not LABELS.search(flag.text), flag.text
        if flag.kind == "look":
            assert "worth a look (" in flag.text
        if flag.kind in ("strength", "look"):
            assert "→" in flag.text
