"""The agreement statistics of observer reliability (DESIGN §6), each worked in exact
arithmetic where it can be, with no numpy. The tests work every one by hand.

- **Cohen's kappa** of a square count matrix (rows observer A, columns observer B):
  ``(p_o − p_e) / (1 − p_e)``, ``p_o`` the diagonal share and ``p_e = Σ_k row_k · col_k / N²``.
- **Quadratic-weighted kappa** (Cohen, 1968) of two observers' ratings on one scale: the
  disagreement weight of a rating ``i`` against ``j`` is ``(i − j)²``, so
  ``κ_w = 1 − Σ w·observed / Σ w·expected`` with the expected counts from the two
  observers' marginals. The categories are every value of the scale (``min`` … ``max``),
  not only the values that occur: the weight is the squared difference of the *values*.
  (scikit-learn's ``cohen_kappa_score(a, b, weights="quadratic")`` gives the same figure
  when given ``labels`` = the whole scale; without ``labels`` it weighs by the positions of
  the values seen, which differs when a value in between is never used.)
- **ICC(1,1)** (Shrout & Fleiss, 1979, case 1): one-way random effects, a single rating,
  absolute agreement. With ``n`` targets (double-coded visits) each rated by ``k``
  observers, ``BMS`` the between-targets mean square and ``WMS`` the within-target mean
  square of a one-way ANOVA, ``ICC(1,1) = (BMS − WMS) / (BMS + (k − 1) · WMS)``. Why this
  form: README, "Observer agreement".

Every function returns ``None`` where its figure is undefined (nothing to count, or a zero
denominator), never NaN or 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction


def cohen_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Cohen's kappa of a square count matrix; ``None`` with no pairs or ``p_e = 1``.

    Worked in integers (``N·diag − Σ row·col`` over ``N² − Σ row·col``) so the
    undefined case is found exactly.
    """
    total = sum(map(sum, counts))
    size = len(counts)
    diagonal = sum(counts[k][k] for k in range(size))
    rows = [sum(row) for row in counts]
    columns = [sum(counts[r][k] for r in range(size)) for k in range(size)]
    chance = sum(row * column for row, column in zip(rows, columns, strict=True))
    if total == 0 or chance == total * total:
        return None
    return (total * diagonal - chance) / (total * total - chance)


def weighted_kappa(
    first: Sequence[int], second: Sequence[int], low: int, high: int
) -> float | None:
    """Quadratic-weighted kappa of paired ratings on the scale ``low`` … ``high``.

    ``first[i]`` and ``second[i]`` are the two observers' ratings of the same target.
    ``None`` with no pairs, or when the observers' marginals leave no room for
    disagreement by chance (both gave one and the same value every time).
    """
    if len(first) != len(second):
        raise ValueError("the two observers must rate the same targets")
    size = high - low + 1
    total = len(first)
    if total == 0 or size < 1:
        return None
    observed = [[0] * size for _ in range(size)]
    for a, b in zip(first, second, strict=True):
        observed[a - low][b - low] += 1
    rows = [sum(row) for row in observed]
    columns = [sum(observed[r][c] for r in range(size)) for c in range(size)]
    # Σ w·observed and N · Σ w·expected (expected = row · col / N), both in integers.
    disagreement = sum((r - c) ** 2 * observed[r][c] for r in range(size) for c in range(size))
    chance = sum((r - c) ** 2 * rows[r] * columns[c] for r in range(size) for c in range(size))
    if chance == 0:
        return None
    return float(1 - Fraction(disagreement * total, chance))


def icc_1_1(targets: Sequence[Sequence[float]]) -> float | None:
    """ICC(1,1) of ``targets``: one row per target, the same number ``k ≥ 2`` of ratings
    in each. ``None`` with fewer than two targets or when every rating is the same (the
    denominator is 0)."""
    n = len(targets)
    if n < 2:
        return None
    k = len(targets[0])
    if k < 2 or any(len(row) != k for row in targets):
        raise ValueError("every target needs the same number (two or more) of ratings")
    values = [[Fraction(x) for x in row] for row in targets]
    grand = sum(sum(row) for row in values) / (n * k)
    means = [sum(row) / k for row in values]
    between = k * sum((mean - grand) ** 2 for mean in means) / (n - 1)
    within = sum((x - mean) ** 2 for row, mean in zip(values, means, strict=True) for x in row) / (
        n * (k - 1)
    )
    denominator = between + (k - 1) * within
    if denominator == 0:
        return None
    return float((between - within) / denominator)
