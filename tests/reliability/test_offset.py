"""Estimating the clock offset between two observers (DESIGN §6)."""

from __future__ import annotations

import pytest

from observe.analysis.offset import estimate_offset
from observe.analysis.reliability import compare_sessions
from observe.interchange.second_observer import second_observer


def test_a_known_offset_is_recovered_from_a_second_observer(visit, second) -> None:
    """A second observer who started 4.3 s late, pressed keys up to ~1 s early or late,
    missed, confused and added codes: the estimate is 4.3 s within the 0.1 s step."""
    assert 250 <= len(visit.events) <= 400
    result = compare_sessions(visit, second)
    assert result.offset.estimated is True
    assert result.offset.seconds == pytest.approx(4.3, abs=0.1 + 1e-9)
    assert result.percent_agreement is not None and result.percent_agreement > 0.8


@pytest.mark.parametrize("clock_offset", [-12.0, 0.0, 7.5, 25.0])
def test_offsets_either_way_are_recovered(visit, clock_offset) -> None:
    """B started earlier (negative), at the same moment, or up to 25 s later."""
    other = second_observer(visit, seed=9, clock_offset=clock_offset)
    estimated = compare_sessions(visit, other).offset.seconds
    assert estimated == pytest.approx(clock_offset, abs=0.1 + 1e-9)


def test_ties_go_to_the_middle_of_the_plateau() -> None:
    """A codes x 10, y 20, z 30 s; B the same exactly 3 s earlier; tolerance 2 s. Every
    shift from +1.0 to +5.0 s gives the 3 agreements; the agreeing pairs are closest at
    +3.0 s (0 ms apart), so that is the estimate, not the plateau's edge (+1.0 s)."""
    a = [(10_000, "x"), (20_000, "y"), (30_000, "z")]
    b = [(7_000, "x"), (17_000, "y"), (27_000, "z")]
    estimate = estimate_offset([(a, b)], 2_000)
    assert (estimate.shift_ms, estimate.agreements) == (3_000, 3)


def test_equal_fits_go_to_the_smallest_shift() -> None:
    """A: x at 10 s; B: x at 8 s and x at 12 s. Shifts +2 s and −2 s fit equally well
    (0 ms apart), and so does 0 (1 agreement, 2 s apart is worse): +2 and −2 tie on every
    count, so the smaller |shift| rule picks −2 s (then the lower shift)."""
    estimate = estimate_offset([([(10_000, "x")], [(8_000, "x"), (12_000, "x")])], 2_000)
    assert estimate.shift_ms == -2_000


def test_no_agreement_at_any_shift_keeps_offset_zero_and_says_so(make_session) -> None:
    """Nothing in common: the offset stays 0 and a warning says none was found."""
    a = make_session([(10, "hungry")])
    b = make_session([(100, "tired")])
    result = compare_sessions(a, b)
    assert result.offset.seconds == 0.0
    assert any("no shift" in warning for warning in result.warnings)


def test_an_offset_at_the_edge_of_the_search_is_a_warning(make_session) -> None:
    """B's codes 40 s off: the best shift the search can reach is its edge (+30 s)...
    only if some agreement exists there; with a 15 s tolerance it does."""
    a = make_session([(50, "hungry"), (70, "tired")])
    b = make_session([(10, "hungry"), (30, "tired")])
    result = compare_sessions(a, b, tolerance=15.0)
    assert result.offset.seconds == 30.0
    assert any("edge of the search" in warning for warning in result.warnings)


@pytest.mark.parametrize(("outliers", "expected_ms"), [(2, 3_000), (3, 3_500)])
def test_shifts_within_two_percent_of_the_most_agreements_compete_on_closeness(
    outliers, expected_ms
) -> None:
    """DESIGN §6: among the shifts within 2 % of the most agreements, the one whose agreeing
    pairs are closest wins. A codes x 100 times, 10 s apart give or take up to 5 s (so no
    other shift lines the two codings up); B has the same codes 3 s earlier, except
    ``outliers`` codes 5.5 s earlier; tolerance 2 s.

    Shifts +3.5 … +5.0 s pair all 100 (the most); +1.0 … +3.4 s pair the 100 − outliers
    regular ones. 2 % of 100 is 2, so shifts with 98 or more agreements compete.
    Two outliers: +3.0 s (98 agreements, all 0 ms apart) is in, and closest: it wins.
    Three outliers: 97 is out; among +3.5 … +5.0 the mean distance is
    (97·(s − 3) + 3·(5.5 − s)) / 100, smallest at +3.5 s (0.545 s)."""
    times = [10_000 * k + (k * k % 11) * 500 for k in range(100)]
    a = [(t, "x") for t in times]
    b = [(t - (5_500 if k >= 100 - outliers else 3_000), "x") for k, t in enumerate(times)]
    estimate = estimate_offset([(a, b)], 2_000)
    assert estimate.shift_ms == expected_ms
