"""Time-unit kappa, with and without tolerance, worked by hand unit by unit (DESIGN §6;
the definitions are in observe.analysis.reliability_units)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observe.analysis.reliability import compare_sessions
from observe.analysis.reliability_units import Marks, codable_units, time_unit_agreement

SECOND = 1000


def points(*moments: tuple[int, str]) -> Marks:
    return Marks(moments=tuple(moments), states=())


def test_point_codes_unit_by_unit_without_and_with_tolerance() -> None:
    """1-s units 0–9. A: x at 1.2 s, y at 4.1 s, x at 7.0 s; B: x at 1.9 s, y at 5.3 s,
    z at 8.5 s. A point code occupies the unit its moment falls in:

        unit   0    1    2    3    4    5    6    7    8    9
        A      -    x    -    -    y    -    -    x    -    -
        B      -    x    -    -    -    y    -    -    z    -

    Without tolerance (rows A over x, y, z, nil; columns B):
        x   1 0 0 1      (unit 1 x/x, unit 7 x/nil)
        y   0 0 0 1      (unit 4)
        z   0 0 0 0
        nil 0 1 1 5      (unit 5 nil/y, unit 8 nil/z; units 0, 2, 3, 6, 9 nothing)
    10 units, 6 agree (60%); rows 2, 1, 0, 7; columns 1, 1, 1, 7;
    Σ row·col = 2 + 1 + 0 + 49 = 52; kappa = (10·6 − 52) / (10² − 52) = 8/48 = 1/6.

    With tolerance ±1 unit: unit 4 (A y, B nil) — B coded y in unit 5, within 1 → y/y;
    unit 5 (A nil, B y) — A coded y in unit 4 → y/y; unit 7 (A x) — B has no x in 6–8,
    and B coded nothing there → stays x/nil; unit 8 (B z) — A has no z in 7–9 → nil/z.
        x   1 0 0 1 | y 0 2 0 0 | z 0 0 0 0 | nil 0 0 1 5
    8 of 10 agree (80%); rows 2, 2, 0, 6; columns 1, 2, 1, 6; Σ = 2 + 4 + 0 + 36 = 42;
    kappa = (80 − 42) / (100 − 42) = 38/58 = 19/29.
    """
    a = points((1200, "x"), (4100, "y"), (7000, "x"))
    b = points((1900, "x"), (5300, "y"), (8500, "z"))
    grid = codable_units(SECOND, 0, 10 * SECOND, None, [])
    result = time_unit_agreement(a, b, grid, ["x", "y", "z"], tolerance_units=1)
    assert result.matrix.codes == ("x", "y", "z", "nil")
    assert result.matrix.counts == ((1, 0, 0, 1), (0, 0, 0, 1), (0, 0, 0, 0), (0, 1, 1, 5))
    assert (result.units, result.agreements, result.percent_agreement) == (10, 6, 0.6)
    assert result.kappa == pytest.approx(1 / 6, abs=1e-12)
    assert result.matrix_with_tolerance.counts == (
        (1, 0, 0, 1),
        (0, 2, 0, 0),
        (0, 0, 0, 0),
        (0, 0, 1, 5),
    )
    assert (result.agreements_with_tolerance, result.percent_agreement_with_tolerance) == (8, 0.8)
    assert result.kappa_with_tolerance == pytest.approx(19 / 29, abs=1e-12)
    wider = time_unit_agreement(a, b, grid, ["x", "y", "z"], tolerance_units=2)
    assert wider.kappa_with_tolerance == pytest.approx(19 / 29, abs=1e-12)  # no x near unit 7


def test_states_occupy_every_unit_they_overlap_and_a_shared_code_wins_the_unit() -> None:
    """Units 0–5. A: state s from 0 to 4.0 s (units 0–3) and a point x at 2.5 s (unit 2);
    B: state s from 0 to 3.0 s (units 0–2: it stops exactly where unit 3 begins) and x at
    3.2 s (unit 3).

        unit   0    1    2       3    4    5
        A      s    s    x,s     s    -    -
        B      s    s    s       x    -    -

    Unit 2 holds two codes of A; the observers share s there, so it is an s/s agreement.
    Unit 3: nothing shared; A's only code is s, B's is x → s/x.
    Without tolerance (rows s, x, nil): s 3 1 0 | x 0 0 0 | nil 0 0 2; 5 of 6 agree;
    rows 4, 0, 2; columns 3, 1, 2; Σ = 12 + 0 + 4 = 16; kappa = (30 − 16) / (36 − 16) = 0.7.
    With ±1 unit: unit 3 — B coded s in unit 2 → s/s; every unit agrees: kappa 1.
    """
    a = Marks(moments=((0, "s"), (2500, "x")), states=((0, 4000, "s"),))
    b = Marks(moments=((0, "s"), (3200, "x")), states=((0, 3000, "s"),))
    grid = codable_units(SECOND, 0, 6 * SECOND, None, [])
    result = time_unit_agreement(a, b, grid, ["s", "x"], tolerance_units=1)
    assert result.matrix.counts == ((3, 1, 0), (0, 0, 0), (0, 0, 2))
    assert result.kappa == pytest.approx(0.7, abs=1e-12)
    assert result.matrix_with_tolerance.counts == ((4, 0, 0), (0, 0, 0), (0, 0, 2))
    assert result.kappa_with_tolerance == pytest.approx(1.0, abs=1e-12)


def test_a_state_started_and_stopped_in_one_unit_occupies_it_and_precedence_is_the_moment() -> None:
    """Units 0–3. A: state s from 1.2 to 1.8 s (unit 1 only) and a point y at 1.5 s;
    B: y at 1.1 s. In unit 1 A has y (a moment) and s (a state): they share y → y/y.
    A: s from 2.0 to 2.0 s (zero length): it still occupies unit 2; B nothing → s/nil."""
    a = Marks(
        moments=((1200, "s"), (1500, "y"), (2000, "s")),
        states=((1200, 1800, "s"), (2000, 2000, "s")),
    )
    b = points((1100, "y"))
    grid = codable_units(SECOND, 0, 4 * SECOND, None, [])
    result = time_unit_agreement(a, b, grid, ["s", "y"], tolerance_units=0)
    #           rows s, y, nil: unit 2 s/nil; unit 1 y/y; units 0 and 3 nil/nil
    assert result.matrix.counts == ((0, 0, 1), (0, 1, 0), (0, 0, 2))
    assert result.matrix_with_tolerance == result.matrix  # tolerance 0 units forgives nothing


def test_with_several_codes_and_nothing_shared_the_unit_goes_to_each_first_moment() -> None:
    """Unit 0: A has x at 0.1 s and y at 0.6 s; B has z at 0.4 s. Nothing is shared: A's
    first moment is x → one tally x/z (never two tallies for one unit)."""
    a = points((100, "x"), (600, "y"))
    b = points((400, "z"))
    grid = codable_units(SECOND, 0, SECOND, None, [])
    result = time_unit_agreement(a, b, grid, ["x", "y", "z"], tolerance_units=0)
    assert result.units == 1
    assert result.matrix.counts[0] == (0, 0, 1, 0)  # x / z


def test_paused_units_are_left_out_by_their_middle() -> None:
    """The example of the first test with [3.5 s, 5.6 s) left out (a pause): units 3
    (middle 3.5), 4 (4.5) and 5 (5.5) are out, unit 6 (6.5) is in. What remains: unit 1
    x/x, unit 7 x/nil, unit 8 nil/z and units 0, 2, 6, 9 nil/nil — 7 units, 5 agree."""
    a = points((1200, "x"), (4100, "y"), (7000, "x"))
    b = points((1900, "x"), (5300, "y"), (8500, "z"))
    grid = codable_units(SECOND, 0, 10 * SECOND, None, [(3500, 5600)])
    result = time_unit_agreement(a, b, grid, ["x", "y", "z"], tolerance_units=1)
    assert (result.units, result.agreements) == (7, 5)
    assert result.matrix.counts == ((1, 0, 0, 1), (0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 1, 4))


def test_a_session_pair_gives_both_kappas_per_actor(make_session) -> None:
    """The hand-worked pair of test_worked_examples, offset 0, 1-s units, ±2 units.

    A cues hungry 10, tired 20, hungry 30, over 40; B cues hungry 10.5, hungry 20.4,
    hungry 31, tired 50 → units 0–50 (51: the later end is B's last code at 50 s).
    Cues without tolerance: unit 10 hungry/hungry, 20 tired/hungry, 30 hungry/nil,
    31 nil/hungry, 40 over/nil, 50 nil/tired, 45 units nil/nil: 46 of 51 agree;
    rows hungry 2, tired 1, over 1, nil 47; columns hungry 3, tired 1, over 0, nil 47;
    Σ = 6 + 1 + 0 + 2209 = 2216; kappa = (51·46 − 2216) / (51² − 2216) = 130/385.
    With ±2: unit 30 (B hungry at 31) and unit 31 (A hungry at 30) agree; unit 20 —
    B has no tired near 20, but A has no hungry in 18–22 either → stays; 40 and 50 stay.
    48 of 51 agree; rows hungry 3, tired 1, over 1, nil 46; columns hungry 4, tired 1,
    over 0, nil 46; Σ = 12 + 1 + 0 + 2116 = 2129; kappa = (51·48 − 2129)/(2601 − 2129)
    = 319/472.
    Responses: A feed 12, B feed 13.9 (units 12 and 13): without tolerance 49 of 51 agree,
    rows feed 1, nil 50, columns feed 1, nil 50, Σ = 2501, kappa = (2499 − 2501)/100
    = −0.02; with ±2 both units agree: kappa 1.
    """
    a = make_session([(10, "hungry"), (12, "feed"), (20, "tired"), (30, "hungry"), (40, "over")])
    b = make_session(
        [(10.5, "hungry"), (13.9, "feed"), (20.4, "hungry"), (31, "hungry"), (50, "tired")]
    )
    units = compare_sessions(a, b, offset=0.0).time_units
    assert (units.unit, units.tolerance_units, units.tolerance) == (1.0, 2, 2.0)
    cues, responses = units.per_actor["cue"], units.per_actor["response"]
    assert (cues.units, cues.agreements, cues.agreements_with_tolerance) == (51, 46, 48)
    assert cues.kappa == pytest.approx(130 / 385, abs=1e-12)
    assert cues.kappa_with_tolerance == pytest.approx(319 / 472, abs=1e-12)
    assert responses.kappa == pytest.approx(-0.02, abs=1e-12)
    assert responses.kappa_with_tolerance == pytest.approx(1.0, abs=1e-12)
    assert units.flags == ()  # 0.68 and 1.0 with tolerance: both at least 0.60


def test_half_second_units_and_a_tolerance_shorter_than_a_unit(make_session) -> None:
    """With 0.5-s units a 0.4 s tolerance is 0 units: with and without are the same."""
    a = make_session([(10.0, "hungry")])
    b = make_session([(10.6, "hungry")])
    units = compare_sessions(a, b, offset=0.0, tolerance=0.4, time_unit=0.5).time_units
    assert units.tolerance_units == 0
    cues = units.per_actor["cue"]
    assert cues.units == 22  # 0 … 10.6 s in half seconds: units 0–21
    assert cues.agreements == cues.agreements_with_tolerance == 20


# -- properties ---------------------------------------------------------------------------

CODES = ("x", "y", "z")


@st.composite
def sparse_codings(draw: st.DrawFn, gap: int) -> list[tuple[int, str]]:
    """Point codes at least ``gap`` units apart (in ms, on unit boundaries or inside)."""
    count = draw(st.integers(1, 12))
    moments, unit = [], draw(st.integers(0, 3))
    for _ in range(count):
        moments.append((unit * SECOND + draw(st.integers(0, 999)), draw(st.sampled_from(CODES))))
        unit += gap + draw(st.integers(0, 5))
    return moments


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60_000), st.sampled_from(CODES)), max_size=20).map(sorted),
    st.lists(
        st.tuples(st.integers(0, 60_000), st.integers(0, 8_000), st.sampled_from(CODES)),
        max_size=4,
    ),
    st.integers(0, 3),
)
def test_identical_records_agree_completely(moments, spans, reach) -> None:
    """Two observers who coded exactly the same: kappa 1 with and without tolerance (or
    undefined when nothing at all was coded)."""
    states = tuple(sorted((start, start + length, code) for start, length, code in spans))
    marks = Marks(moments=tuple(moments), states=states)
    grid = codable_units(SECOND, 0, 70 * SECOND, None, [])
    result = time_unit_agreement(marks, marks, grid, list(CODES), tolerance_units=reach)
    assert result.agreements == result.units == 70
    if moments or states:
        assert result.kappa == pytest.approx(1.0) and result.kappa_with_tolerance == pytest.approx(
            1.0
        )
    else:
        assert result.kappa is None


@settings(max_examples=150, deadline=None)
@given(st.data(), st.integers(0, 3))
def test_shifting_one_record_beyond_the_tolerance_lowers_kappa(data, reach) -> None:
    """B is A moved by more than the tolerance (codes spaced so that no other code comes
    within reach): every code now disagrees, with tolerance too, so kappa falls below 1."""
    shift = data.draw(st.integers(reach + 1, reach + 4))
    moments = data.draw(sparse_codings(gap=2 * (shift + reach) + 2))
    a = points(*moments)
    b = points(*((t + shift * SECOND, code) for t, code in moments))
    grid = codable_units(SECOND, 0, (moments[-1][0] // SECOND + shift + 2) * SECOND, None, [])
    same = time_unit_agreement(a, a, grid, list(CODES), tolerance_units=reach)
    moved = time_unit_agreement(a, b, grid, list(CODES), tolerance_units=reach)
    assert same.kappa_with_tolerance == pytest.approx(1.0)
    assert moved.kappa_with_tolerance is not None and moved.kappa_with_tolerance < 1.0
    assert moved.agreements_with_tolerance == moved.units - 2 * len(moments)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20_000), st.sampled_from(CODES)), max_size=10).map(sorted),
    st.lists(st.tuples(st.integers(0, 20_000), st.sampled_from(CODES)), max_size=10).map(sorted),
    st.integers(0, 3),
)
def test_tolerance_only_ever_adds_agreements(first, second, reach) -> None:
    """Forgiving a near miss can turn a disagreement into an agreement, never the reverse;
    every unit is tallied once either way and no kappa exceeds 1."""
    grid = codable_units(SECOND, 0, 21 * SECOND, None, [])
    result = time_unit_agreement(
        points(*first), points(*second), grid, list(CODES), tolerance_units=reach
    )
    assert result.units == 21 == sum(map(sum, result.matrix_with_tolerance.counts))
    assert result.agreements_with_tolerance >= result.agreements
    for kappa in (result.kappa, result.kappa_with_tolerance):
        assert kappa is None or kappa <= 1.0 + 1e-12
