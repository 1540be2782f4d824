"""Observer agreement worked by hand (DESIGN §6): the arithmetic is in each test."""

from __future__ import annotations

import pytest

from observe.analysis.alignment import align
from observe.analysis.reliability import cohen_kappa, compare_sessions


def test_kappa_of_a_small_matrix_worked_by_hand() -> None:
    """A lead comparing with a hand calculation gets the same kappa.

    Rows A, columns B over codes x, y and nil (nil-nil structurally 0):
        x: 6 1 1 | y: 2 5 0 | nil: 1 0 0      N = 16, diagonal = 6 + 5 = 11
    p_o = 11/16; row totals 8, 7, 1; column totals 9, 6, 1;
    p_e = (8·9 + 7·6 + 1·1) / 16² = 115/256;
    kappa = (11/16 − 115/256) / (1 − 115/256) = (176 − 115) / (256 − 115) = 61/141.
    """
    counts = [[6, 1, 1], [2, 5, 0], [1, 0, 0]]
    assert cohen_kappa(counts) == pytest.approx(61 / 141, abs=1e-12)


def test_kappa_is_undefined_when_chance_agreement_is_certain() -> None:
    """Every pair in one cell: p_e = 1, so kappa is null rather than a division by zero."""
    assert cohen_kappa([[4, 0], [0, 0]]) is None
    assert cohen_kappa([[0, 0], [0, 0]]) is None


def test_a_session_pair_worked_by_hand(make_session) -> None:
    """Confusion, a miss, an extra code and a response, offset 0, tolerance 2 s.

    A cues: hungry 10, tired 20, hungry 30, over 40;  response feed 12.
    B cues: hungry 10.5, hungry 20.4, hungry 31, tired 50;  response feed 13.9.
    Pairs: hungry/hungry, tired/hungry, hungry/hungry, over/nil, nil/tired, feed/feed:
    6 pairs, 3 agreements -> 50 %.
    Matrix over hungry, tired, over, feed, nil (rows A):
        hungry 2 0 0 0 0 | tired 1 0 0 0 0 | over 0 0 0 0 1 | feed 0 0 0 1 0 | nil 0 1 0 0 0
    rows 2, 1, 1, 1, 1; columns 3, 1, 0, 1, 1; chance = 2·3 + 1·1 + 1·0 + 1·1 + 1·1 = 9;
    kappa = (6·3 − 9) / (6² − 9) = 9/27 = 1/3.
    Per code: hungry row 2 + column 3 − 2 = 3 pairs, 2 agreements; tired 1 + 1 − 0 = 2, 0;
    over 1, 0; feed 1, 1.
    """
    a = make_session([(10, "hungry"), (12, "feed"), (20, "tired"), (30, "hungry"), (40, "over")])
    b = make_session(
        [(10.5, "hungry"), (13.9, "feed"), (20.4, "hungry"), (31, "hungry"), (50, "tired")]
    )
    result = compare_sessions(a, b, offset=0.0)
    assert (result.pairs, result.agreements) == (6, 3)
    assert result.percent_agreement == 0.5
    assert result.matrix.codes == ("hungry", "tired", "over", "feed", "nil")
    assert result.matrix.counts == (
        (2, 0, 0, 0, 0),
        (1, 0, 0, 0, 0),
        (0, 0, 0, 0, 1),
        (0, 0, 0, 1, 0),
        (0, 1, 0, 0, 0),
    )
    assert result.kappa == pytest.approx(1 / 3, abs=1e-12)
    figures = {code: (c.pairs, c.agreements) for code, c in result.per_code.items()}
    assert figures == {"hungry": (3, 2), "tired": (2, 0), "over": (1, 0), "feed": (1, 1)}
    assert result.per_code["hungry"].agreement == pytest.approx(2 / 3)
    assert len(result.flags) == 2  # 50 % < 85 % and 0.33 < 0.60
    assert "50%" in result.flags[0] and "0.33" in result.flags[1]
    assert result.offset.seconds == 0.0 and result.offset.estimated is False


def test_the_alignment_beats_greedy_nearest_neighbour() -> None:
    """A: x at 11.0 and 13.5 s; B: x at 9.6 and 12.0 s; tolerance 2 s.

    Nearest-neighbour (in A's order, or closest pair first) pairs A 11.0 with B 12.0
    (1.0 s apart), leaving A 13.5 and B 9.6 with nil: 3 pairs, 1 agreement (33 %).
    The order-preserving alignment pairs 11.0/9.6 (1.4 s) and 13.5/12.0 (1.5 s):
    2 pairs, 2 agreements (100 %).
    """
    a = [(11_000, "x"), (13_500, "x")]
    b = [(9_600, "x"), (12_000, "x")]
    assert align(a, b, 2_000) == [(0, 0), (1, 1)]


def test_same_code_pairs_come_first() -> None:
    """A hungry at 10 s; B tired at exactly 10 s and hungry at 11.5 s: the nearer but
    different code is left with nil, so the agreement is not lost."""
    a = [(10_000, "hungry")]
    b = [(10_000, "tired"), (11_500, "hungry")]
    assert sorted(align(a, b, 2_000), key=str) == [(0, 1), (None, 0)]


def test_a_different_code_pairs_rather_than_two_nils() -> None:
    """After agreements, the most pairs: a confusion shows as hungry/tired, not two nils."""
    assert align([(10_000, "hungry")], [(10_500, "tired")], 2_000) == [(0, 0)]


def test_order_is_preserved_even_when_it_costs_an_agreement() -> None:
    """A: x 10, y 11; B: y 10, x 11. Crossing pairs are not allowed, so only one of the two
    agreements can be kept: 1 agreement, the other two codes with nil (3 pairs)."""
    pairs = align([(10_000, "x"), (11_000, "y")], [(10_000, "y"), (11_000, "x")], 2_000)
    aligned = [(i, j) for i, j in pairs if i is not None and j is not None]
    assert len(aligned) == 1 and len(pairs) == 3


def test_events_beyond_the_tolerance_pair_with_nil() -> None:
    """Two codes 3 s apart with a 2 s tolerance are two events, each with nil."""
    assert align([(10_000, "x")], [(13_000, "x")], 2_000) == [(0, None), (None, 0)]


def test_the_tolerance_boundary_is_inclusive(make_session) -> None:
    """Exactly 2.000 s apart still agree; 2.001 s apart do not."""
    a = make_session([(10, "hungry")])
    at_limit = compare_sessions(a, make_session([(12.0, "hungry")]), offset=0.0)
    beyond = compare_sessions(a, make_session([(12.001, "hungry")]), offset=0.0)
    assert (at_limit.pairs, at_limit.agreements) == (1, 1)
    assert (beyond.pairs, beyond.agreements) == (2, 0)


def test_the_offset_is_added_to_observer_b(make_session) -> None:
    """B's clock started 5 s late: with --offset 5 its codes at 5 s and 15 s meet A's at
    10 s and 20 s; without the offset (0) they are 5 s off and nothing agrees."""
    a = make_session([(10, "hungry"), (20, "tired")])
    b = make_session([(5, "hungry"), (15, "tired")])
    assert compare_sessions(a, b, offset=5.0).agreements == 2
    assert compare_sessions(a, b, offset=0.0).agreements == 0


def test_stops_and_unknown_codes_are_not_compared(make_session) -> None:
    """A state's stop is not a second code, and a code the scheme lacks is ignored: a
    fussing state coded by both agrees once."""
    a = make_session([(10, "fussing", "start"), (25, "fussing", "stop"), (30, "mystery")])
    b = make_session([(10.4, "fussing", "start"), (21, "fussing", "stop")])
    result = compare_sessions(a, b, offset=0.0)
    assert (result.pairs, result.agreements) == (1, 1)
