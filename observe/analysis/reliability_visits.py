"""Observer agreement over several double-coded visits (DESIGN §6): each pair compared as
one visit is, and every global rating over all the pairs (weighted kappa and ICC, with n).

Which sessions are the two codings of one visit: the pairs the user names, or — for one
dyad — first the visits marked as double-coded (:mod:`observe.pairing`; observer A is the
primary coding), then, among the sessions not marked, each visit label with exactly two
codings by two different observers (observer A: the coding that started first). A visit
label with more codings, or two codings by the same observer, is left out with a warning:
which two belong together is the user's to say (name the pairs, or pair the sessions).
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.analysis.reliability import (
    DEFAULT_TIME_UNIT,
    DEFAULT_TOLERANCE,
    ReliabilityError,
    compare_sessions,
)
from observe.analysis.reliability_ratings import ratings_agreement
from observe.analysis.reliability_results import Reliability, ReliabilitySummary, Thresholds
from observe.analysis.trend import start_order
from observe.display import MISSING
from observe.model import Session
from observe.pairing import pairing


def double_coded_visits(
    sessions: Sequence[Session],
) -> tuple[list[tuple[Session, Session]], list[str]]:
    """The visits among ``sessions`` (one dyad's) that two observers coded, as (A, B) pairs
    in the order A started, and a warning for each visit that cannot be paired."""
    visits = pairing(sessions)
    by_id = {session.id: session for session in sessions}
    pairs: list[tuple[Session, Session]] = []
    warnings: list[str] = []
    for visit in visits.visits():
        primary, second = by_id[visit.primary], by_id[visit.second_codings[0]]
        pairs.append((primary, second))
        if len(visit.second_codings) > 1:
            rest = ", ".join(i[:8] for i in visit.second_codings[1:])
            warnings.append(
                f"visit {primary.visit or primary.id[:8]} has {len(visit.codings)} codings; "
                f"its primary {primary.id[:8]} is compared with {second.id[:8]} only, not "
                f"with {rest}: name those pairs as ID_A ID_B."
            )
    labelled, label_warnings = _paired_by_label(
        [session for session in sessions if visits.visit(session.id) is None]
    )
    pairs = sorted([*pairs, *labelled], key=lambda pair: start_order(pair[0]))
    return pairs, warnings + label_warnings


def _paired_by_label(
    sessions: Sequence[Session],
) -> tuple[list[tuple[Session, Session]], list[str]]:
    """Each visit label with exactly two codings by two observers, as (first, second)."""
    by_visit: dict[str, list[Session]] = {}
    for session in sessions:
        by_visit.setdefault(session.visit, []).append(session)
    pairs: list[tuple[Session, Session]] = []
    warnings: list[str] = []
    for visit, codings in by_visit.items():
        if len(codings) < 2:
            continue
        named = f"visit {visit}" if visit else "the sessions with no visit label"
        ids = ", ".join(s.id[:8] for s in codings)
        if not visit:
            warnings.append(
                f"{named} ({ids}) are not compared: without a visit label it is not clear "
                "which codings are of the same visit; name the pairs as ID_A ID_B."
            )
        elif len(codings) > 2:
            warnings.append(
                f"{named} has {len(codings)} codings ({ids}), so which two to compare is not "
                "clear; name the pairs as ID_A ID_B."
            )
        elif codings[0].observer == codings[1].observer:
            warnings.append(
                f"{named} has two codings by the same observer {codings[0].observer} ({ids}); "
                "compared only when named as ID_A ID_B."
            )
        else:
            first, second = sorted(codings, key=lambda s: (s.started_at, s.id))
            pairs.append((first, second))
    return pairs, warnings


def compare_visits(
    pairs: Sequence[tuple[Session, Session]],
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    time_unit: float = DEFAULT_TIME_UNIT,
    thresholds: Thresholds | None = None,
    warnings: Sequence[str] = (),
) -> ReliabilitySummary:
    """Each pair compared (its offset estimated) and the ratings over all pairs. A pair
    that cannot be compared (its schemes share no code) is left out with a warning naming
    it, so one odd visit does not stop the others; none comparable is an error."""
    thresholds = thresholds or Thresholds()
    results: list[Reliability] = []
    skipped: list[str] = []
    for a, b in pairs:
        try:
            results.append(
                compare_sessions(
                    a, b, tolerance=tolerance, time_unit=time_unit, thresholds=thresholds
                )
            )
        except ReliabilityError as refused:
            skipped.append(
                f"visit {a.visit or MISSING} ({a.id[:8]}, {b.id[:8]}) is left out: {refused}"
            )
    if pairs and not results:
        raise ReliabilityError(
            f"none of the {len(pairs)} pairs could be compared: " + " ".join(skipped)
        )
    return ReliabilitySummary(
        pairs=tuple(results),
        ratings=ratings_agreement([result.ratings for result in results], thresholds),
        thresholds=thresholds,
        warnings=(*warnings, *skipped),
    )
