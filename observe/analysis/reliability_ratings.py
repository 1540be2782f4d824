"""Global ratings and intensities: do the two observers rate alike? (DESIGN §6)

- **One visit**: for each rating the two sessions' schemes share (same id), both observers'
  values and their difference (B minus A). One visit cannot give an agreement statistic.
- **Several double-coded visits**: for each rating, over the ``n`` visits both observers
  rated, how many got the same value and how many were at most one point apart, the mean
  difference (B minus A), the quadratic-weighted kappa (observer A's ratings as rows) and
  ICC(1,1) (:mod:`observe.analysis.reliability_stats`). The scale is the rating's own
  ``min`` … ``max`` (the widest of the two schemes' if they differ). Each figure is flagged
  below the archive's thresholds; fewer than :data:`FEW_VISITS` visits gets a note that
  one more visit can move the figures a lot
(:data:`observe.analysis.reliability_flags.FEW_VISITS`).
- **Intensities**: among the agreeing pairs of the event alignment (both observers coded the
  same code at the same moment) where both gave an intensity, how many intensities are the
  same and how many at most one level apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.analysis.reliability_flags import few_visits, rating_flags
from observe.analysis.reliability_results import (
    AlignedPair,
    IntensityAgreement,
    RatingAgreement,
    RatingComparison,
    Thresholds,
)
from observe.analysis.reliability_stats import icc_1_1, weighted_kappa
from observe.analysis.stats import rate
from observe.model import Session


def compare_ratings(session_a: Session, session_b: Session) -> dict[str, RatingComparison]:
    """Each rating both schemes share, with both observers' values (scheme A's order)."""
    others = {rating.id: rating for rating in session_b.scheme.ratings}
    found: dict[str, RatingComparison] = {}
    for rating in session_a.scheme.ratings:
        other = others.get(rating.id)
        if other is None:
            continue
        a, b = session_a.ratings.get(rating.id), session_b.ratings.get(rating.id)
        found[rating.id] = RatingComparison(
            label=rating.label,
            min=min(rating.min, other.min),
            max=max(rating.max, other.max),
            a=a,
            b=b,
            difference=None if a is None or b is None else b - a,
        )
    return found


def intensity_agreement(pairs: Sequence[AlignedPair], levels: int) -> IntensityAgreement:
    both = [
        (p.intensity_a, p.intensity_b)
        for p in pairs
        if p.agrees and p.intensity_a is not None and p.intensity_b is not None
    ]
    one = sum(1 for p in pairs if p.agrees and (p.intensity_a is None) != (p.intensity_b is None))
    exact = sum(1 for a, b in both if a == b)
    near = sum(1 for a, b in both if abs(a - b) <= 1)  # type: ignore[operator]
    return IntensityAgreement(
        levels=levels,
        pairs=len(both),
        exact=exact,
        exact_rate=rate(exact, len(both)),
        within_one=near,
        within_one_rate=rate(near, len(both)),
        one_observer_only=one,
    )


def ratings_agreement(
    visits: Sequence[dict[str, RatingComparison]], thresholds: Thresholds
) -> dict[str, RatingAgreement]:
    """Each rating over the visits' comparisons (:func:`compare_ratings` of each pair), in
    the order the ratings first appear."""
    order: dict[str, RatingComparison] = {}
    for visit in visits:
        for rating_id, comparison in visit.items():
            order.setdefault(rating_id, comparison)
    found: dict[str, RatingAgreement] = {}
    for rating_id, first in order.items():
        rated = [
            (v[rating_id].a, v[rating_id].b)
            for v in visits
            if rating_id in v and v[rating_id].a is not None and v[rating_id].b is not None
        ]
        low = min(v[rating_id].min for v in visits if rating_id in v)
        high = max(v[rating_id].max for v in visits if rating_id in v)
        a = [int(x) for x, _ in rated]
        b = [int(y) for _, y in rated]
        low, high = min([low, *a, *b]), max([high, *a, *b])  # a value off the scale still counts
        kappa = weighted_kappa(a, b, low, high)
        icc = icc_1_1([[x, y] for x, y in rated])
        n = len(rated)
        found[rating_id] = RatingAgreement(
            label=first.label,
            min=low,
            max=high,
            n=n,
            exact=sum(1 for x, y in rated if x == y),
            within_one=sum(1 for x, y in rated if abs(x - y) <= 1),
            mean_difference=sum(y - x for x, y in rated) / n if n else None,
            weighted_kappa=kappa,
            icc=icc,
            flags=tuple(rating_flags(first.label, kappa, icc, thresholds)),
            caution=few_visits(n),
        )
    return found
