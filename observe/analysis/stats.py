"""Small statistics for the analysis (DESIGN §5), with no numpy.

- A **rate** is a count over a denominator; with a zero denominator it is ``None``
  (``null`` in JSON), never 0 or NaN.
- A **quantile** uses linear interpolation between order statistics, exactly as numpy's
  default (``method="linear"``, Hyndman & Fan type 7): for ``n`` sorted values and a
  fraction ``q`` the position is ``h = (n - 1) q``; the quantile is
  ``x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])``. So the median of
  ``[0, 1.5, 2, 2]`` is 1.75, its first quartile 1.125 and its third 2.0. An empty list has no
  quantile (``None``).

Nothing here rounds: the library returns exact floats and only the human summary rounds
for display.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def rate(count: int, denominator: int) -> float | None:
    """``count / denominator``, or ``None`` when there is nothing to divide by."""
    if denominator == 0:
        return None
    return count / denominator


def quantile(sorted_values: Sequence[float], q: float) -> float | None:
    """The ``q`` quantile (0 ≤ q ≤ 1) of already sorted values, linear interpolation.

    The two-sided form of the interpolation is numpy's own (``_lerp``): it computes from
    the nearer end so that results agree with ``numpy.quantile`` to the last bit.
    """
    n = len(sorted_values)
    if n == 0:
        return None
    position = (n - 1) * q
    below = math.floor(position)
    above = min(below + 1, n - 1)
    fraction = position - below
    low, high = sorted_values[below], sorted_values[above]
    step = high - low
    if fraction >= 0.5:
        return high - step * (1 - fraction)
    return low + step * fraction


def median(sorted_values: Sequence[float]) -> float | None:
    return quantile(sorted_values, 0.5)
