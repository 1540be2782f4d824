"""Ratings and intensities: quadratic-weighted kappa and ICC(1,1) worked by hand and
checked against formulas written independently here (DESIGN §6)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from observe.analysis.reliability import compare_sessions
from observe.analysis.reliability_ratings import ratings_agreement
from observe.analysis.reliability_results import RatingComparison, Thresholds
from observe.analysis.reliability_stats import icc_1_1, weighted_kappa
from observe.analysis.reliability_visits import compare_visits, double_coded_visits

#: Shrout & Fleiss (1979), Table 2: six targets rated by four judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def test_weighted_kappa_worked_by_hand() -> None:
    """Scale 1–3; A rates 1, 2, 3, 3 and B 1, 3, 3, 2 (N = 4).

    Observed (rows A, columns B): (1,1) 1, (2,3) 1, (3,3) 1, (3,2) 1. Weights (i − j)²:
    the two disagreements are one point apart, so Σ w·observed = 1 + 1 = 2.
    Marginals: rows 1, 1, 2; columns 1, 1, 2. Σ w·row·col over the off-diagonal cells:
    (1,2) 1·1·1 + (1,3) 4·1·2 + (2,1) 1·1·1 + (2,3) 1·1·2 + (3,1) 4·2·1 + (3,2) 1·2·1
    = 1 + 8 + 1 + 2 + 8 + 2 = 22, so Σ w·expected = 22/4.
    kappa_w = 1 − 2 / (22/4) = 1 − 8/22 = 7/11.
    """
    assert weighted_kappa([1, 2, 3, 3], [1, 3, 3, 2], 1, 3) == pytest.approx(7 / 11, abs=1e-15)


def test_weighted_kappa_weighs_by_the_values_of_the_whole_scale() -> None:
    """Scale 1–5, ratings only ever 1, 3 or 5: a 1 against a 5 is 4 points apart (weight 16),
    not two categories apart. A: 1, 3, 5, 5; B: 1, 5, 5, 3.
    Σ w·observed = (3−5)² + (5−3)² = 8. Marginals on the values: A {1: 1, 3: 1, 5: 2},
    B {1: 1, 3: 1, 5: 2}; Σ w·row·col = 2·[(1,3) 4·1 + (1,5) 16·2 + (3,5) 4·2] = 2·44 = 88.
    kappa_w = 1 − 8·4/88 = 1 − 32/88 = 7/11 — the same as the 1–3 example stretched."""
    assert weighted_kappa([1, 3, 5, 5], [1, 5, 5, 3], 1, 5) == pytest.approx(7 / 11, abs=1e-15)


def test_weighted_kappa_is_undefined_when_there_is_no_room_for_chance() -> None:
    assert weighted_kappa([3, 3, 3], [3, 3, 3], 1, 5) is None
    assert weighted_kappa([], [], 1, 5) is None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([(1, 5), (1, 9), (0, 3)]).flatmap(
        lambda scale: st.lists(
            st.tuples(st.integers(*scale), st.integers(*scale)), min_size=1, max_size=30
        ).map(lambda pairs: (scale, pairs))
    )
)
def test_weighted_kappa_equals_its_moment_form(case) -> None:
    """With quadratic weights, kappa_w = 2·cov(A, B) / (var A + var B + (mean A − mean B)²)
    (population moments): a formula with no agreement table at all (Fleiss & Cohen, 1973),
    worked here in fractions. The two must agree on every set of ratings."""
    (low, high), pairs = case
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    n = len(pairs)
    mean_a, mean_b = Fraction(sum(a), n), Fraction(sum(b), n)
    var_a = sum((x - mean_a) ** 2 for x in a) / n
    var_b = sum((y - mean_b) ** 2 for y in b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in pairs) / n
    denominator = var_a + var_b + (mean_a - mean_b) ** 2
    expected = None if denominator == 0 else float(2 * cov / denominator)
    found = weighted_kappa(a, b, low, high)
    if expected is None:
        assert found is None
    else:
        assert found == pytest.approx(expected, abs=1e-12)


def test_icc_of_shrout_and_fleiss_published_example() -> None:
    """Shrout & Fleiss (1979) publish ICC(1,1) = .17 for their 6 × 4 example. By hand:
    row sums 24, 12, 26, 16, 30, 19 (total 127, N = 24); Σx² = 841.
    Between targets: SS = (24² + 12² + 26² + 16² + 30² + 19²)/4 − 127²/24
    = 2913/4 − 16129/24 = 1349/24, BMS = 1349/120 (5 df).
    Within: SS = (841 − 16129/24) − 1349/24 = 112.75, WMS = 112.75/18 = 451/72.
    ICC(1,1) = (BMS − WMS)/(BMS + 3·WMS) = (4047 − 2255)/(4047 + 6765) = 1792/10812
    = 448/2703 ≈ 0.1657, which rounds to the published .17."""
    icc = icc_1_1(SHROUT_FLEISS)
    assert icc == pytest.approx(448 / 2703, abs=1e-15)
    assert round(icc, 2) == 0.17


def test_icc_of_two_observers_by_hand() -> None:
    """Three visits rated (1, 2), (3, 3), (5, 4): means 1.5, 3, 4.5, grand mean 3.
    BMS = 2·(1.5² + 0 + 1.5²)/2 = 4.5; WMS = (0.25 + 0.25 + 0 + 0 + 0.25 + 0.25)/3 = 1/3;
    ICC = (4.5 − 1/3)/(4.5 + 1/3) = 25/29."""
    assert icc_1_1([[1, 2], [3, 3], [5, 4]]) == pytest.approx(25 / 29, abs=1e-15)
    assert icc_1_1([[2, 2], [2, 2]]) is None  # every rating the same: nothing to correlate
    assert icc_1_1([[1, 2]]) is None  # one visit


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=20),
    st.data(),
)
def test_icc_does_not_depend_on_which_coding_is_called_a(pairs, data) -> None:
    """Which observer is "A" in a double-coded visit is only the order the ids were given:
    swapping the two ratings of any visits leaves the ICC as it was."""
    swapped = [(y, x) if data.draw(st.booleans()) else (x, y) for x, y in pairs]
    first, second = icc_1_1([list(p) for p in pairs]), icc_1_1([list(p) for p in swapped])
    assert (first is None) == (second is None)
    if first is not None:
        assert first == pytest.approx(second, abs=1e-12)
        assert -1.0 - 1e-12 <= first <= 1.0 + 1e-12


def comparison(a: int | None, b: int | None) -> dict[str, RatingComparison]:
    return {
        "warmth": RatingComparison(
            label="Warmth",
            min=1,
            max=3,
            a=a,
            b=b,
            difference=None if a is None or b is None else b - a,
        )
    }


def test_ratings_over_visits_worked_by_hand() -> None:
    """Four visits rated (1, 1), (2, 3), (3, 3), (3, 2) and one only A rated (left out):
    n = 4, 2 the same, 4 at most one apart, mean difference (0 + 1 + 0 − 1)/4 = 0, weighted
    kappa 7/11 (the first test), ICC(1,1) of [[1,1],[2,3],[3,3],[3,2]]:
    means 1, 2.5, 3, 2.5, grand 2.25; BMS = 2·(1.5625 + 0.0625 + 0.5625 + 0.0625)/3 = 1.5;
    WMS = (0 + 0.5 + 0 + 0.5)/4 = 0.25; ICC = (1.5 − 0.25)/(1.5 + 0.25) = 5/7.
    Both are below the usual 0.60 / 0.75? 7/11 = 0.64 is not below 0.60; 5/7 = 0.71 is
    below 0.75: one flag, and a caution (4 visits)."""
    visits = [comparison(1, 1), comparison(2, 3), comparison(3, 3), comparison(3, 2)]
    visits.append(comparison(2, None))
    found = ratings_agreement(visits, Thresholds())["warmth"]
    assert (found.n, found.exact, found.within_one, found.mean_difference) == (4, 2, 4, 0.0)
    assert found.weighted_kappa == pytest.approx(7 / 11, abs=1e-15)
    assert found.icc == pytest.approx(5 / 7, abs=1e-15)
    assert len(found.flags) == 1 and "ICC is 0.71, below the usual 0.75" in found.flags[0]
    assert found.caution is not None and "only 4 visits" in found.caution
    stricter = ratings_agreement(visits, Thresholds(rating_kappa=0.7))["warmth"]
    assert any("below the 0.70 this archive asks for" in flag for flag in stricter.flags)


def test_intensities_of_agreeing_pairs(make_session) -> None:
    """A: hungry 10 (intensity 1), tired 20 (3), over 30 (2), hungry 40 (none);
    B: hungry 10.2 (1), tired 20.5 (1), over 30.1 (3), hungry 40.3 (2), feed 50 (2).
    Agreeing pairs with both intensities: hungry 1/1 (same), tired 3/1 (two apart),
    over 2/3 (one apart): 3 pairs, 1 the same, 2 within one level; the last hungry has an
    intensity from B only; feed pairs with nil and does not count."""
    a = make_session([(10, "hungry", "point", 1), (20, "tired", "point", 3),
                      (30, "over", "point", 2), (40, "hungry")])  # fmt: skip
    b = make_session([(10.2, "hungry", "point", 1), (20.5, "tired", "point", 1),
                      (30.1, "over", "point", 3), (40.3, "hungry", "point", 2),
                      (50, "feed", "point", 2)])  # fmt: skip
    intensity = compare_sessions(a, b, offset=0.0).intensity
    assert (intensity.levels, intensity.pairs, intensity.exact, intensity.within_one) == (
        3,
        3,
        1,
        2,
    )
    assert intensity.exact_rate == pytest.approx(1 / 3)
    assert intensity.within_one_rate == pytest.approx(2 / 3)
    assert intensity.one_observer_only == 1


def test_one_visit_shows_both_ratings_and_their_difference(make_session) -> None:
    a = evolve(make_session([(10, "hungry")]), ratings={"overall_warmth": 4})
    b = evolve(make_session([(10.2, "hungry")]), ratings={"overall_warmth": 2})
    ratings = compare_sessions(a, b).ratings
    assert ratings["overall_warmth"] == RatingComparison(
        label="Overall warmth", min=1, max=5, a=4, b=2, difference=-2
    )
    only_a = evolve(b, ratings={})
    assert compare_sessions(a, only_a).ratings["overall_warmth"].difference is None


def test_a_dyads_double_coded_visits_are_paired_by_visit_and_observer(make_session) -> None:
    """Visit 1: two observers → a pair (the earlier start is A). Visit 2: one coding → not a
    pair. Visit 3: three codings → a warning. Visit 4: the same observer twice → a warning."""
    early, late = "2026-03-02T10:00:00+00:00", "2026-03-02T10:00:04+00:00"
    first = evolve(make_session([(1, "hungry")], visit="1", started_at=late), observer="B1")
    second = evolve(make_session([(1, "hungry")], visit="1", started_at=early), observer="A1")
    lonely = make_session([(1, "hungry")], visit="2")
    crowd = [evolve(make_session([(1, "hungry")], visit="3"), observer=o) for o in "xyz"]
    same = [make_session([(1, "hungry")], visit="4") for _ in range(2)]
    pairs, warnings = double_coded_visits([first, second, lonely, *crowd, *same])
    assert pairs == [(second, first)]
    assert len(warnings) == 2
    assert "visit 3 has 3 codings" in warnings[0]
    assert "same observer OBS1" in warnings[1]


def test_visits_compared_together_give_each_pair_and_the_ratings(make_session) -> None:
    """Three double-coded visits with warmth rated (2, 2), (3, 4), (5, 4): each pair is
    compared as one visit is, and warmth over the three: n 3, ICC(1,1) by hand —
    means 2, 3.5, 4.5, grand 10/3; BMS = 2·((4/3)² + (1/6)² + (7/6)²)/2 = 19/6;
    WMS = (0 + 0.5 + 0.5)/3 = 1/3; ICC = (19/6 − 1/3)/(19/6 + 1/3) = 17/21."""
    pairs = []
    for visit, (x, y) in enumerate([(2, 2), (3, 4), (5, 4)], start=1):
        a = evolve(make_session([(10, "hungry")], visit=str(visit)), ratings={"overall_warmth": x})
        b = evolve(
            make_session([(10.3, "hungry")], visit=str(visit)), ratings={"overall_warmth": y}
        )
        pairs.append((a, b))
    summary = compare_visits(pairs)
    assert [r.session_a for r in summary.pairs] == [a.id for a, _ in pairs]
    warmth = summary.ratings["overall_warmth"]
    assert warmth.n == 3 and warmth.icc == pytest.approx(17 / 21, abs=1e-15)
    assert warmth.mean_difference == pytest.approx(0.0)
