"""Observer agreement: did two observers who coded the same interaction code the same
things at the same moments? (DESIGN §6)

Definitions (the tests work them by hand):

- **Events compared**: onsets only (``point`` and ``start`` events; a state's ``stop`` is not
  compared), of the codes both sessions' schemes share (same id, same actor id). Times are
  compared in whole milliseconds.
- **Time line**: each session's clock stops while it is paused, so times are put on
  *interaction time* first (clock time plus the pauses before it, measured from the pauses'
  wall-clock times: :mod:`observe.analysis.reliability_clock`). A code one observer made
  while the other was paused is left out (that observer could not have coded it), and
  counted in ``excluded_events``; so is a code made strictly inside a period either
  observer marked as not codable (``Session.excluded``, put on the common time line too).
- **Offset**: seconds added to observer B's (interaction) times to put them on A's; given,
  or estimated (:mod:`observe.analysis.offset`).
- **Alignment**: per actor (:mod:`observe.analysis.reliability_codings`: the infant's codes
  with the infant's, each caregiver's with that caregiver's; for a scheme that lists no
  actors, cues with cues and responses with responses), the order-preserving alignment of
  :mod:`observe.analysis.alignment` (most same-code pairs, then most pairs, then the
  tightest fit) within the **tolerance** (inclusive, default 2 s).
- **Pairs**: every aligned pair and every event paired with nil, so
  ``pairs = |A| + |B| − aligned pairs``. **Agreements**: pairs with the same code.
  **Percent agreement** = agreements / pairs.
- **Confusion matrix**: rows observer A, columns observer B, over the codes seen plus
  ``nil``. The nil–nil cell is structurally zero (a pair has at least one event); it stays
  in the matrix as a zero, and nil takes part in the marginals like any code.
- **Cohen's kappa** over that matrix: ``(p_o − p_e) / (1 − p_e)`` with ``p_o`` the diagonal
  share (which is the percent agreement) and ``p_e = Σ_k row_k · col_k / N²``. Because
  nil–nil can never agree, kappa is somewhat lower than for a matrix without nil — the
  usual convention for timed-event agreement. ``None`` when ``p_e = 1`` or there are no pairs.
- **Per code** and **per actor** (each actor's block of the matrix: pairs, agreements,
  percent agreement and kappa): :mod:`observe.analysis.reliability_matrix`.
- **Time-unit kappa**, with and without tolerance, per actor:
  :mod:`observe.analysis.reliability_units`. **Intensities** and **ratings**:
  :mod:`observe.analysis.reliability_ratings`.
- **Flags**: percent agreement or a kappa below the archive's thresholds (85% and 0.60
  unless its settings say otherwise), each one plain sentence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from attrs import frozen

from observe.analysis.alignment import align
from observe.analysis.offset import estimate_offset
from observe.analysis.reliability_clock import (
    Interval,
    SessionClock,
    merged,
    session_clock,
    shifted,
)
from observe.analysis.reliability_codings import (
    Coding,
    actor_key,
    actor_keys,
    actor_labels,
    code_actor_ids,
    coding,
    left_out,
)
from observe.analysis.reliability_flags import flags, time_unit_flags
from observe.analysis.reliability_matrix import (
    actor_matrices,
    confusion_matrix,
    per_actor,
    per_code,
)
from observe.analysis.reliability_metrics import report_differences, side_by_side
from observe.analysis.reliability_ratings import compare_ratings, intensity_agreement
from observe.analysis.reliability_results import (
    AlignedPair,
    ExcludedEvents,
    OffsetUsed,
    Reliability,
    Thresholds,
    TimeUnits,
)
from observe.analysis.reliability_stats import cohen_kappa
from observe.analysis.reliability_units import codable_units, time_unit_agreement
from observe.analysis.replay import linked_offset
from observe.analysis.timeline import to_milliseconds
from observe.errors import ObserveError
from observe.model import Session
from observe.scheme import Scheme

__all__ = [
    "AGREEMENT_THRESHOLD",
    "DEFAULT_TIME_UNIT",
    "DEFAULT_TOLERANCE",
    "KAPPA_THRESHOLD",
    "ReliabilityError",
    "actor_matrices",
    "cohen_kappa",
    "compare_sessions",
    "confusion_matrix",
    "per_code",
    "report_differences",
    "session_pairs",
]

DEFAULT_TOLERANCE = 2.0
MAX_TOLERANCE = 60.0
DEFAULT_TIME_UNIT = 1.0
AGREEMENT_THRESHOLD = Thresholds().percent_agreement
KAPPA_THRESHOLD = Thresholds().kappa


class ReliabilityError(ObserveError):
    """Two sessions cannot be compared (the same session twice, no code in common, ...)."""


@frozen
class _Compared:
    """Both codings on A's time line with the offset applied, and what was left out."""

    offset_ms: int
    clock_a: SessionClock
    clock_b: SessionClock
    keys: tuple[str, ...]  # the actors compared, by key, in scheme A's order
    actors: list[tuple[Coding, Coding]]  # per actor: A's, B's (shifted, pauses left out)
    marks: list[tuple[Coding, Coding]]  # per actor: A's, B's (shifted, everything)
    excluded: ExcludedEvents
    paused: tuple[Interval, ...]  # either observer paused, on A's time line
    not_codable: tuple[Interval, ...]  # either observer's excluded periods, on A's time line
    warnings: list[str]


def compare_sessions(
    session_a: Session,
    session_b: Session,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    offset: float | None = None,
    time_unit: float = DEFAULT_TIME_UNIT,
    thresholds: Thresholds | None = None,
) -> Reliability:
    """The agreement between two observers' sessions of the same interaction.

    ``offset`` (seconds added to B's times) is, when not given, the difference of the two
    sessions' offsets in the video both are linked to (the same SHA-256), else estimated;
    ``time_unit`` is
    the unit of the time-unit kappa (seconds); ``thresholds`` (default: the usual 85% and
    0.60) decide the flags.
    """
    thresholds = thresholds or Thresholds()
    tolerance_ms = _tolerance_ms(tolerance)
    unit_ms = _unit_ms(time_unit)
    session_warnings = _session_warnings(session_a, session_b)
    codes, warnings = compared_codes(session_a, session_b)
    warnings += session_warnings
    synced = linked_offset(session_a, session_b) if offset is None else None
    if synced is not None:
        offset = synced
    compared = _compare(session_a, session_b, codes, tolerance_ms, offset)
    warnings += compared.warnings
    pairs = _pairs(compared, tolerance_ms)
    order = _code_order(session_a.scheme, codes, pairs)
    matrix = confusion_matrix(pairs, order)
    total = sum(map(sum, matrix.counts))
    agreed = sum(matrix.counts[k][k] for k in range(len(order)))
    percent = agreed / total if total else None
    kappa = cohen_kappa(matrix.counts)
    if total == 0:
        warnings.append(
            "neither session has any events of the compared codes, so there is nothing to compare."
        )
    labels = actor_labels(session_a.scheme)
    time_units = _time_units(compared, order, unit_ms, tolerance_ms, thresholds, labels)
    return Reliability(
        session_a=session_a.id,
        session_b=session_b.id,
        offset=OffsetUsed(
            seconds=compared.offset_ms / 1000,
            estimated=offset is None,
            recording=session_a.recording.name
            if synced is not None and session_a.recording
            else None,
        ),
        tolerance=tolerance_ms / 1000,
        pairs=total,
        agreements=agreed,
        percent_agreement=percent,
        kappa=kappa,
        flags=tuple(flags(percent, kappa, thresholds)),
        warnings=tuple(warnings),
        matrix=matrix,
        per_code=per_code(matrix),
        metrics=side_by_side(session_a, session_b),
        time_units=time_units,
        intensity=intensity_agreement(pairs, session_a.scheme.intensity_levels),
        ratings=compare_ratings(session_a, session_b),
        excluded_events=compared.excluded,
        thresholds=thresholds,
        actors={key: labels.get(key, key) for key in compared.keys},
        per_actor=per_actor(matrix, session_a.scheme, compared.keys),
    )


def _compare(
    session_a: Session,
    session_b: Session,
    codes: dict[str, str],
    tolerance_ms: int,
    offset: float | None,
) -> _Compared:
    clock_a, warnings = session_clock(session_a, "A")
    clock_b, more = session_clock(session_b, "B")
    warnings += more
    keys = tuple(key for key in actor_keys(session_a.scheme) if key in codes.values())
    raw = [
        (coding(session_a, clock_a, codes, actor), coding(session_b, clock_b, codes, actor))
        for actor in keys
    ]
    if offset is None:
        events = [(list(a.events), list(b.events)) for a, b in raw]
        estimate = estimate_offset(events, tolerance_ms)
        offset_ms = estimate.shift_ms
        if estimate.at_search_edge:
            warnings.append(
                f"the estimated offset is at the edge of the search ({offset_ms / 1000:+.1f} s), "
                "so the real offset may be larger; give it with --offset SECONDS."
            )
        elif (
            estimate.agreements == 0
            and any(a.events for a, _ in raw)
            and any(b.events for _, b in raw)
        ):
            warnings.append(
                "no shift within ±30 s gave a single agreement, so no offset was applied; "
                "check that both sessions are of the same interaction, or give --offset."
            )
    else:
        if not math.isfinite(offset):
            raise ReliabilityError(
                f"the offset {offset} is not a number of seconds; give e.g. --offset 4.3."
            )
        offset_ms = to_milliseconds(offset)
    paused_a = clock_a.paused()
    paused_b = shifted(clock_b.paused(), offset_ms)
    excluded_b = shifted(clock_b.stretches(session_b.excluded_spans()), offset_ms)
    not_codable = merged([*clock_a.stretches(session_a.excluded_spans()), *excluded_b])
    marks = [(first, second.shifted(offset_ms)) for first, second in raw]
    actors, excluded, more = left_out(marks, paused_a, paused_b, not_codable)
    warnings += more
    return _Compared(
        offset_ms=offset_ms,
        clock_a=clock_a,
        clock_b=clock_b,
        keys=keys,
        actors=actors,
        marks=marks,
        excluded=excluded,
        paused=tuple(sorted([*paused_a, *paused_b])),
        not_codable=tuple(not_codable),
        warnings=warnings,
    )


# -- what is compared ------------------------------------------------------------------


def compared_codes(session_a: Session, session_b: Session) -> tuple[dict[str, str], list[str]]:
    """The codes to compare (id → actor key, as scheme A names its actors) and a warning
    when the schemes differ.

    Same scheme snapshot (digest): all its codes. Different snapshots: the codes both share
    with the same actor id, with a warning; none shared is an error.
    """
    scheme = session_a.scheme
    own = code_actor_ids(scheme)
    if session_a.scheme_digest == session_b.scheme_digest:
        return {code: actor_key(scheme, actor) for code, actor in own.items()}, []
    other = code_actor_ids(session_b.scheme)
    shared = {
        code: actor_key(scheme, actor) for code, actor in own.items() if other.get(code) == actor
    }
    a_name, b_name = _scheme_name(session_a.scheme), _scheme_name(session_b.scheme)
    if not shared:
        raise ReliabilityError(
            f"sessions {session_a.id[:8]} ({a_name}) and {session_b.id[:8]} ({b_name}) were "
            "coded with schemes that share no code, so they cannot be compared; compare two "
            "sessions coded with the same scheme."
        )
    left_out = sorted((set(own) | set(other)) - set(shared))
    note = f"; left out: {', '.join(left_out)}" if left_out else ""
    return shared, [
        f"the sessions were coded with different schemes ({a_name}; {b_name}), so only the "
        f"{len(shared)} codes both share are compared{note}."
    ]


def _scheme_name(scheme: Scheme) -> str:
    return f"{scheme.id} {scheme.version}"


def _session_warnings(session_a: Session, session_b: Session) -> list[str]:
    if session_a.id == session_b.id:
        raise ReliabilityError(
            f"both ids name the same session {session_a.id[:8]}; give the sessions of two "
            "observers who coded the same interaction."
        )
    warnings = []
    if session_a.dyad != session_b.dyad:
        warnings.append(
            f"the sessions are of different dyads ({session_a.dyad}, {session_b.dyad}); "
            "compared anyway, as two observers may have coded a shared training recording."
        )
    for label, session in (("A", session_a), ("B", session_b)):
        if session.status != "ended":
            warnings.append(
                f"session {label} ({session.id[:8]}) has not ended ({session.status}), so "
                "its coding may be incomplete."
            )
    return warnings


def _tolerance_ms(tolerance: float) -> int:
    if not (math.isfinite(tolerance) and 0 <= tolerance <= MAX_TOLERANCE):
        raise ReliabilityError(
            f"the tolerance {tolerance:g} s is outside 0 to {MAX_TOLERANCE:g} s; "
            "give e.g. --tolerance 2."
        )
    return to_milliseconds(tolerance)


def _unit_ms(unit: float) -> int:
    if not (math.isfinite(unit) and 0.1 <= unit <= 10):
        raise ReliabilityError(
            f"the time unit {unit:g} s is outside 0.1 to 10 s; set it with "
            "`observe settings set reliability.time_unit 1`."
        )
    return to_milliseconds(unit)


# -- alignment and the matrix ----------------------------------------------------------


def _pairs(compared: _Compared, tolerance_ms: int) -> list[AlignedPair]:
    """Every pair of the alignment, cues then responses, each in time order; times on
    observer A's own clock (B's moved there)."""
    rows: list[AlignedPair] = []
    on_a_clock = compared.clock_a.clock
    for actor, (first, second) in zip(compared.keys, compared.actors, strict=True):
        for i, j in align(first.events, second.events, tolerance_ms):
            rows.append(
                AlignedPair(
                    actor=actor,
                    t_a=on_a_clock(first.events[i][0]) / 1000 if i is not None else None,
                    code_a=first.events[i][1] if i is not None else None,
                    t_b=on_a_clock(second.events[j][0]) / 1000 if j is not None else None,
                    code_b=second.events[j][1] if j is not None else None,
                    intensity_a=first.intensities[i] if i is not None else None,
                    intensity_b=second.intensities[j] if j is not None else None,
                )
            )
    return rows


def session_pairs(session_a: Session, session_b: Session, result: Reliability) -> list[AlignedPair]:
    """The alignment behind ``result`` (for listing the disagreements)."""
    codes, _ = compared_codes(session_a, session_b)
    tolerance_ms = to_milliseconds(result.tolerance)
    compared = _compare(session_a, session_b, codes, tolerance_ms, result.offset.seconds)
    return _pairs(compared, tolerance_ms)


def _code_order(scheme: Scheme, codes: dict[str, str], pairs: list[AlignedPair]) -> list[str]:
    """The codes seen by either observer, in scheme A's order (cues, then responses)."""
    seen = {p.code_a for p in pairs} | {p.code_b for p in pairs}
    ordered = [c.id for c in (*scheme.cues, *scheme.responses) if c.id in codes and c.id in seen]
    return ordered + sorted(code for code in seen if code is not None and code not in ordered)


# -- time units --------------------------------------------------------------------------


def _time_units(
    compared: _Compared,
    order: Sequence[str],
    unit_ms: int,
    tolerance_ms: int,
    thresholds: Thresholds,
    labels: dict[str, str],
) -> TimeUnits:
    offset = compared.offset_ms
    start = min(0, offset)
    end = max(compared.clock_a.interaction_end, compared.clock_b.interaction_end + offset)
    sides = [side.marks for pair in compared.marks for side in pair]
    ends = [t for marks in sides for t, _ in marks.moments]
    ends += [stop for marks in sides for _, stop, _ in marks.states]
    last_mark = max(ends, default=None)
    left_out = merged([*compared.paused, *compared.not_codable])
    grid = codable_units(unit_ms, start, end, last_mark, left_out)
    reach = tolerance_ms // unit_ms
    by_actor = {}
    for actor, (first, second) in zip(compared.keys, compared.marks, strict=True):
        seen = {code for side in (first, second) for _, code in side.marks.moments}
        seen |= {code for side in (first, second) for _, _, code in side.marks.states}
        ordered = [code for code in order if code in seen]
        ordered += sorted(code for code in seen if code not in ordered)
        by_actor[actor] = time_unit_agreement(first.marks, second.marks, grid, ordered, reach)
    excluded = sum(not grid.is_codable(k) for k in range(grid.first, grid.last + 1))
    return TimeUnits(
        unit=unit_ms / 1000,
        tolerance_units=reach,
        tolerance=reach * unit_ms / 1000,
        excluded_units=excluded,
        per_actor=by_actor,
        flags=tuple(time_unit_flags(by_actor, thresholds, labels)),
    )
