"""Contingency beyond chance, worked by hand (DESIGN §5).

Units are whole seconds ``k = 0 … ceil(duration) − 1``; a unit is *given* when a cue window
``[t_c, t_c + W)`` overlaps it and a *target* when a response starts in it.
Table ``[[a, b], [c, d]]`` = [[given∧target, given only], [target only, neither]].
"""

from __future__ import annotations

import pytest

from observe.analysis import analyze_session
from observe.analysis.contingency import contingency


def table_of(session):
    return analyze_session(session).summary.contingency


FIVE_OVER_CUES = [(0, "over"), (3, "over"), (6, "over"), (9, "over"), (12, "over")]
FIVE_REDUCES = [(1, "reduce"), (4, "reduce"), (7, "reduce"), (10, "reduce"), (13, "reduce")]


def test_a_zero_cell_adds_one_half_to_every_cell_for_the_figures_only(make_session) -> None:
    """Five over cues (3-s windows) at 0, 3, 6, 9, 12 → given units 0–14 (15 of 20).
    reduce at 1, 4, 7, 10, 13 → 5 targets, all given: a = 5, b = 10, c = 0, d = 5.
    c = 0, so the figures use 5.5, 10.5, 0.5, 5.5: odds ratio 5.5 × 5.5 / (10.5 × 0.5)
    = 30.25 / 5.25 = 5.7619…; Q = (30.25 − 5.25) / (30.25 + 5.25) = 25 / 35.5 = 0.7042…
    The table itself keeps the raw counts."""
    result = table_of(make_session(FIVE_OVER_CUES + FIVE_REDUCES, duration=20.0))
    assert result.table == ((5, 10), (0, 5))
    assert result.odds_ratio == pytest.approx(30.25 / 5.25)
    assert result.yules_q == pytest.approx(25 / 35.5)


def test_no_zero_cell_uses_the_raw_counts(make_session) -> None:
    """As above plus play at 17.2 (unit 17, no window): a = 5, b = 10, c = 1, d = 4.
    Odds ratio 5 × 4 / (10 × 1) = 2; Q = (20 − 10) / (20 + 10) = 1/3."""
    events = FIVE_OVER_CUES + FIVE_REDUCES + [(17.2, "play")]
    result = table_of(make_session(events, duration=20.0))
    assert result.table == ((5, 10), (1, 4))
    assert result.odds_ratio == 2.0
    assert result.yules_q == pytest.approx(1 / 3)


def test_fewer_than_five_cues_give_the_table_but_no_figures(make_session) -> None:
    """Four over cues (0, 3, 6, 9 → units 0–11) and reduce at 1, 4, 7, 10 in 20 s:
    a = 4, b = 8, c = 0, d = 8; with 4 cues odds ratio and Q are null."""
    result = table_of(make_session(FIVE_OVER_CUES[:4] + FIVE_REDUCES[:4], duration=20.0))
    assert result.table == ((4, 8), (0, 8))
    assert result.odds_ratio is None
    assert result.yules_q is None


def test_windows_are_half_open_for_units(make_session) -> None:
    """tired at 3.0 has window [3, 8): units 3–7. settle at 8.0 answers the cue (outcome
    windows include their end) but starts in unit 8, which is not given: c = 1, a = 0.
    Duration 10 → units 0–9: b = 5, d = 10 − 5 − 1 = 4."""
    session = make_session([(3.0, "tired"), (8.0, "settle")], duration=10.0)
    assert analyze_session(session).cues[0].outcome == "matched"
    assert table_of(session).table == ((0, 5), (1, 4))


def test_a_window_overlapping_part_of_a_unit_makes_it_given(make_session) -> None:
    """tired at 2.5: [2.5, 7.5) overlaps units 2–7 (6 units); settle at 7.5 is in unit 7,
    which is given: a = 1, b = 5, c = 0, d = 10 − 6 = 4."""
    session = make_session([(2.5, "tired"), (7.5, "settle")], duration=10.0)
    assert table_of(session).table == ((1, 5), (0, 4))


def test_units_cover_the_duration_rounded_up(make_session) -> None:
    """Duration 10.2 s → ceil = 11 units (0–10); a response at 10.1 is in unit 10."""
    session = make_session([(10.1, "play")], duration=10.2)
    assert table_of(session).table == ((0, 0), (1, 10))


def test_a_response_at_an_integral_session_end_falls_after_the_last_unit(make_session) -> None:
    """Duration 10 → units 0–9; a response at exactly 10.0 starts in no unit."""
    session = make_session([(5, "play"), (10.0, "play")], duration=10.0)
    assert table_of(session).table == ((0, 0), (1, 9))


def test_zero_duration_gives_an_empty_table_and_nulls(make_session) -> None:
    """No units at all, even with five cues (all at 0): table all zeros, figures null."""
    session = make_session([(0, "tired")] * 5, duration=0.0)
    result = table_of(session)
    assert result.table == ((0, 0), (0, 0))
    assert result.odds_ratio is None and result.yules_q is None


def test_a_cue_type_uses_its_own_windows_and_matching_responses(make_session) -> None:
    """over at 0 (units 0–2) and tired at 10 (units 10–14); reduce at 1, settle at 11,
    play at 12, duration 20.
    Session: given 0–2, 10–14 (8); targets 1, 11, 12 all given: a = 3, b = 5, c = 0, d = 12.
    over: given 0–2; targets reduce only (unit 1): a = 1, b = 2, c = 0, d = 17.
    tired: given 10–14; targets settle only (unit 11): a = 1, b = 4, c = 0, d = 15."""
    session = make_session(
        [(0, "over"), (1, "reduce"), (10, "tired"), (11, "settle"), (12, "play")], duration=20.0
    )
    analysis = analyze_session(session)
    assert analysis.summary.contingency.table == ((3, 5), (0, 12))
    assert analysis.by_cue["over"].contingency.table == ((1, 2), (0, 17))
    assert analysis.by_cue["tired"].contingency.table == ((1, 4), (0, 15))


def test_a_cue_types_figures_need_five_cues_of_that_type(make_session) -> None:
    """Five over cues and one tired: the session and over have figures, tired does not."""
    events = FIVE_OVER_CUES + FIVE_REDUCES + [(16, "tired")]
    analysis = analyze_session(make_session(events, duration=25.0))
    assert analysis.summary.contingency.yules_q is not None
    assert analysis.by_cue["over"].contingency.yules_q is not None
    assert analysis.by_cue["tired"].contingency.yules_q is None


def test_overlapping_windows_count_each_unit_once() -> None:
    """Windows [0, 5) and [3, 8) (ms) cover units 0–7 once: 8 given units of 10.
    Targets at 2.0 s and 9.5 s: a = 1, b = 7, c = 1, d = 1."""
    result = contingency([0, 3000], [5000, 5000], [2000, 9500], 10_000, cues=2)
    assert result.table == ((1, 7), (1, 1))


def test_every_cell_zero_but_one_still_gives_figures_with_the_correction() -> None:
    """Five cues whose windows lie past the end (no given unit), no responses, 10 units:
    a = b = c = 0, d = 10 → 0.5 × 10.5 / (0.5 × 0.5) = 21;
    Q = (5.25 − 0.25) / (5.25 + 0.25) = 0.909…"""
    result = contingency([20_000] * 5, [5000] * 5, [], 10_000, cues=5)
    assert result.table == ((0, 0), (0, 10))
    assert result.odds_ratio == pytest.approx(21.0)
    assert result.yules_q == pytest.approx(5.0 / 5.5)
