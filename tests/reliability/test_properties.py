"""Properties of the alignment and the agreement figures, for any codings (hypothesis)."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.analysis.alignment import align, by_code, most_agreements
from observe.analysis.reliability import cohen_kappa, compare_sessions

CODES = ("x", "y", "z")


def timed_events(max_size: int = 12) -> st.SearchStrategy[list[tuple[int, str]]]:
    """Time-ordered (ms, code) lists with many near-coincident times (the hard cases)."""
    return st.lists(
        st.tuples(st.integers(0, 12_000).map(lambda t: t - t % 250), st.sampled_from(CODES)),
        max_size=max_size,
    ).map(lambda events: sorted(events, key=lambda e: e[0]))


tolerances = st.sampled_from([0, 500, 1_000, 2_000])


def objective(first, second, pairs, tolerance_ms):
    """(agreements, pairs, −total time difference) of an alignment: larger is better."""
    aligned = [(i, j) for i, j in pairs if i is not None and j is not None]
    same = sum(first[i][1] == second[j][1] for i, j in aligned)
    spread = sum(abs(first[i][0] - second[j][0]) for i, j in aligned)
    return same, len(aligned), -spread


def brute_force_best(first, second, tolerance_ms):
    """The best objective over every order-preserving matching within the tolerance."""

    @cache
    def best(i: int, j: int) -> tuple[int, int, int]:
        if i == len(first) or j == len(second):
            return (0, 0, 0)
        options = [best(i + 1, j), best(i, j + 1)]
        gap = abs(first[i][0] - second[j][0])
        if gap <= tolerance_ms:
            same, count, spread = best(i + 1, j + 1)
            options.append((same + (first[i][1] == second[j][1]), count + 1, spread - gap))
        return max(options)

    return best(0, 0)


@settings(max_examples=300, deadline=None)
@given(timed_events(), timed_events(), tolerances)
def test_alignment_keeps_order_pairs_within_tolerance_and_every_event_once(a, b, tolerance):
    pairs = align(a, b, tolerance)
    aligned = [(i, j) for i, j in pairs if i is not None and j is not None]
    assert sorted(i for i, _ in pairs if i is not None) == list(range(len(a)))
    assert sorted(j for _, j in pairs if j is not None) == list(range(len(b)))
    assert all(abs(a[i][0] - b[j][0]) <= tolerance for i, j in aligned)
    assert [j for _, j in sorted(aligned)] == sorted(j for _, j in aligned)  # no crossing
    assert len(pairs) == len(a) + len(b) - len(aligned)


@settings(max_examples=300, deadline=None)
@given(timed_events(7), timed_events(7), tolerances)
def test_alignment_is_as_good_as_trying_every_alignment(a, b, tolerance):
    """Most agreements, then most pairs, then the tightest fit: no alignment does better."""
    assert objective(a, b, align(a, b, tolerance), tolerance) == brute_force_best(a, b, tolerance)


@settings(max_examples=300, deadline=None)
@given(timed_events(), timed_events(), tolerances, st.integers(-3_000, 3_000))
def test_the_offset_search_counts_the_agreements_the_alignment_finds(a, b, tolerance, shift):
    shifted = [(t + shift, code) for t, code in b]
    same, _, _ = objective(a, shifted, align(a, shifted, tolerance), tolerance)
    assert most_agreements(a, by_code(b), shift, tolerance) == same


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=4, max_size=4), min_size=4, max_size=4))
def test_kappa_never_exceeds_one(counts):
    """An agreement figure above 1 (or below -1) in a reliability report would be nonsense
    a reader could not interpret; an undefined kappa is shown as missing instead."""
    counts[3][3] = 0  # nil-nil is structurally zero
    kappa = cohen_kappa(counts)
    assert kappa is None or -1.0 <= kappa <= 1.0 + 1e-12


event_lists = st.lists(
    st.tuples(
        st.integers(0, 600_000).map(lambda ms: ms / 1000),
        st.sampled_from(["hungry", "tired", "over", "feed", "calm", "play"]),
    ),
    max_size=25,
)


# make_session only builds sessions (no state to reset between examples).
FACTORY_FIXTURE = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=100, deadline=None, suppress_health_check=FACTORY_FIXTURE)
@given(events=event_lists)
def test_identical_codings_agree_completely(make_session, events):
    """Two observers who coded exactly the same: 100 % and kappa 1 (or undefined when
    every code is the same one)."""
    a = make_session(events, duration=601.0)
    b = make_session(events, duration=601.0)
    result = compare_sessions(a, b, offset=0.0)
    if not events:
        assert result.pairs == 0 and result.percent_agreement is None
        return
    assert result.percent_agreement == 1.0
    assert result.kappa is None or abs(result.kappa - 1.0) < 1e-12
    assert result.flags == ()


@settings(max_examples=60, deadline=None, suppress_health_check=FACTORY_FIXTURE)
@given(first=event_lists, second=event_lists, tolerance=st.sampled_from([0.5, 2.0]))
def test_pairs_are_both_codings_less_the_aligned_pairs(make_session, first, second, tolerance):
    a = make_session(first, duration=601.0)
    b = make_session(second, duration=601.0)
    result = compare_sessions(a, b, offset=0.0, tolerance=tolerance)
    nil = len(result.matrix.codes) - 1
    unpaired = sum(result.matrix.counts[nil]) + sum(row[nil] for row in result.matrix.counts)
    aligned = result.pairs - unpaired
    assert result.pairs == len(first) + len(second) - aligned
    assert result.matrix.counts[nil][nil] == 0
    assert result.kappa is None or result.kappa <= 1.0 + 1e-12
