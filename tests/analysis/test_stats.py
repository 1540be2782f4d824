"""Quartiles as numpy's default (linear) computes them, and rates that refuse to divide by 0.

numpy's linear method: for n sorted values and fraction q, position h = (n − 1) q; the
quantile is x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]). Each expected value below is worked
with that formula (and agrees with ``numpy.quantile(values, q)``).
"""

from __future__ import annotations

import pytest

from observe.analysis.stats import median, quantile, rate


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        # n = 4: h = 0.75 → 0 + 0.75 × (1.5 − 0) = 1.125
        ([0.0, 1.5, 2.0, 2.0], 0.25, 1.125),
        # h = 1.5 → 1.5 + 0.5 × (2.0 − 1.5) = 1.75
        ([0.0, 1.5, 2.0, 2.0], 0.5, 1.75),
        # h = 2.25 → 2.0 + 0.25 × 0 = 2.0
        ([0.0, 1.5, 2.0, 2.0], 0.75, 2.0),
        # n = 5: h = 1, 2, 3 fall on values
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0.25, 2.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0.5, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0.75, 4.0),
        # n = 2: h = 0.25 → 1 + 0.25 × 9 = 3.25; h = 0.5 → 5.5; h = 0.75 → 7.75
        ([1.0, 10.0], 0.25, 3.25),
        ([1.0, 10.0], 0.5, 5.5),
        ([1.0, 10.0], 0.75, 7.75),
        # n = 3: h = 0.5 → 0.3 + 0.5 × 0.9 = 0.75; h = 1.5 → 1.2 + 0.5 × 2.8 = 2.6
        ([0.3, 1.2, 4.0], 0.25, 0.75),
        ([0.3, 1.2, 4.0], 0.75, 2.6),
        # n = 6: h = 1.25 → 2 + 0.25 × (4 − 2) = 2.5; h = 3.75 → 8 + 0.75 × (16 − 8) = 14
        ([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], 0.25, 2.5),
        ([1.0, 2.0, 4.0, 8.0, 16.0, 32.0], 0.75, 14.0),
        # one value: every quantile is that value
        ([3.0], 0.25, 3.0),
        ([3.0], 0.75, 3.0),
        # the ends are the minimum and maximum
        ([1.0, 2.0, 4.0], 0.0, 1.0),
        ([1.0, 2.0, 4.0], 1.0, 4.0),
    ],
)
def test_quantiles_match_numpys_linear_method(values, q, expected) -> None:
    assert quantile(values, q) == pytest.approx(expected, abs=1e-12)


def test_a_quantile_of_nothing_is_null_not_zero() -> None:
    assert quantile([], 0.25) is None
    assert median([]) is None


def test_rates_with_a_zero_denominator_are_null() -> None:
    assert rate(0, 0) is None
    assert rate(0, 4) == 0.0
    assert rate(3, 4) == 0.75
