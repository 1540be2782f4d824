"""Observer agreement: did two observers who coded the same interaction code the same
things at the same moments? (DESIGN §6)

Definitions (the tests work them by hand):

- **Events compared**: onsets only (``point`` and ``start`` events; a state's ``stop`` is not
  compared), of the codes both sessions' schemes share (same id, same actor). Times are
  compared in whole milliseconds. Intensities and notes are not compared.
- **Offset**: seconds added to observer B's times to put them on A's clock; given, or
  estimated (:mod:`observe.analysis.offset`). One constant offset is assumed: if the
  observers paused at different moments, compare the stretches separately.
- **Alignment**: per actor, cues with cues and responses with responses, the
  order-preserving alignment of :mod:`observe.analysis.alignment` (most same-code pairs,
  then most pairs, then the tightest fit) within the **tolerance** (inclusive, default 2 s).
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
- **Per code**: pairs in which either observer coded the code (its row plus its column
  minus the diagonal cell), agreements (the diagonal cell), and their ratio.
- **Flags**: percent agreement below 85% or kappa below 0.60, each one plain sentence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from observe import display
from observe.analysis.alignment import Timed, align
from observe.analysis.offset import estimate_offset
from observe.analysis.reliability_results import (
    Actor,
    AlignedPair,
    CodeAgreement,
    ConfusionMatrix,
    ObserverMetrics,
    OffsetUsed,
    Reliability,
    SideBySide,
)
from observe.analysis.results import Summary
from observe.analysis.timeline import ONSET_KINDS, to_milliseconds
from observe.errors import ObserveError
from observe.model import Session
from observe.scheme import Scheme

DEFAULT_TOLERANCE = 2.0
MAX_TOLERANCE = 60.0
AGREEMENT_THRESHOLD = 0.85
KAPPA_THRESHOLD = 0.60
NIL = "nil"
ACTORS: tuple[Actor, ...] = ("cue", "response")


class ReliabilityError(ObserveError):
    """Two sessions cannot be compared (the same session twice, no code in common, ...)."""


def compare_sessions(
    session_a: Session,
    session_b: Session,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    offset: float | None = None,
) -> Reliability:
    """The agreement between two observers' sessions of the same interaction.

    ``offset`` (seconds added to B's times) is estimated when not given.
    """
    tolerance_ms = _tolerance_ms(tolerance)
    session_warnings = _session_warnings(session_a, session_b)
    codes, warnings = compared_codes(session_a, session_b)
    warnings += session_warnings
    actors = [
        (onsets(session_a, codes, actor), onsets(session_b, codes, actor)) for actor in ACTORS
    ]
    if offset is None:
        estimate = estimate_offset(actors, tolerance_ms)
        offset_ms = estimate.shift_ms
        if estimate.at_search_edge:
            warnings.append(
                f"the estimated offset is at the edge of the search ({offset_ms / 1000:+.1f} s), "
                "so the real offset may be larger; give it with --offset SECONDS."
            )
        elif estimate.agreements == 0 and all(any(side) for side in zip(*actors, strict=True)):
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
    pairs = aligned_pairs(actors, offset_ms, tolerance_ms)
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
    return Reliability(
        session_a=session_a.id,
        session_b=session_b.id,
        offset=OffsetUsed(seconds=offset_ms / 1000, estimated=offset is None),
        tolerance=tolerance_ms / 1000,
        pairs=total,
        agreements=agreed,
        percent_agreement=percent,
        kappa=kappa,
        flags=tuple(flags(percent, kappa)),
        warnings=tuple(warnings),
        matrix=matrix,
        per_code=per_code(matrix),
        metrics=side_by_side(session_a, session_b),
    )


# -- what is compared ------------------------------------------------------------------


def compared_codes(session_a: Session, session_b: Session) -> tuple[dict[str, Actor], list[str]]:
    """The codes to compare (id → actor) and a warning when the schemes differ.

    Same scheme snapshot (digest): all its codes. Different snapshots: the codes both share
    with the same actor, with a warning; none shared is an error.
    """
    own = _actors(session_a.scheme)
    if session_a.scheme_digest == session_b.scheme_digest:
        return own, []
    other = _actors(session_b.scheme)
    shared = {code: actor for code, actor in own.items() if other.get(code) == actor}
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


def _actors(scheme: Scheme) -> dict[str, Actor]:
    codes: dict[str, Actor] = {cue.id: "cue" for cue in scheme.cues}
    codes.update({response.id: "response" for response in scheme.responses})
    return codes


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


def onsets(session: Session, codes: dict[str, Actor], actor: Actor) -> list[Timed]:
    """The session's onsets of the compared codes of one actor, in time order (ms)."""
    events = [
        (to_milliseconds(event.t), event.code)
        for event in session.events
        if event.kind in ONSET_KINDS and codes.get(event.code) == actor
    ]
    events.sort(key=lambda item: item[0])  # stable: equal times keep the recorded order
    return events


def _tolerance_ms(tolerance: float) -> int:
    if not (math.isfinite(tolerance) and 0 <= tolerance <= MAX_TOLERANCE):
        raise ReliabilityError(
            f"the tolerance {tolerance:g} s is outside 0 to {MAX_TOLERANCE:g} s; "
            "give e.g. --tolerance 2."
        )
    return to_milliseconds(tolerance)


# -- alignment and the matrix ----------------------------------------------------------


def aligned_pairs(
    actors: Sequence[tuple[Sequence[Timed], Sequence[Timed]]], offset_ms: int, tolerance_ms: int
) -> list[AlignedPair]:
    """Every pair of the alignment, cues then responses, each in time order (A's clock)."""
    rows: list[AlignedPair] = []
    for actor, (first, second) in zip(ACTORS, actors, strict=True):
        shifted = [(t + offset_ms, code) for t, code in second]
        for i, j in align(first, shifted, tolerance_ms):
            a = first[i] if i is not None else None
            b = shifted[j] if j is not None else None
            rows.append(
                AlignedPair(
                    actor=actor,
                    t_a=a[0] / 1000 if a else None,
                    code_a=a[1] if a else None,
                    t_b=b[0] / 1000 if b else None,
                    code_b=b[1] if b else None,
                )
            )
    return rows


def session_pairs(session_a: Session, session_b: Session, result: Reliability) -> list[AlignedPair]:
    """The alignment behind ``result`` (for listing the disagreements)."""
    codes, _ = compared_codes(session_a, session_b)
    actors = [
        (onsets(session_a, codes, actor), onsets(session_b, codes, actor)) for actor in ACTORS
    ]
    return aligned_pairs(
        actors, to_milliseconds(result.offset.seconds), to_milliseconds(result.tolerance)
    )


def _code_order(scheme: Scheme, codes: dict[str, Actor], pairs: list[AlignedPair]) -> list[str]:
    """The codes seen by either observer, in scheme A's order (cues, then responses)."""
    seen = {p.code_a for p in pairs} | {p.code_b for p in pairs}
    ordered = [c.id for c in (*scheme.cues, *scheme.responses) if c.id in codes and c.id in seen]
    return ordered + sorted(code for code in seen if code is not None and code not in ordered)


def confusion_matrix(pairs: Sequence[AlignedPair], codes: Sequence[str]) -> ConfusionMatrix:
    labels = [*codes, NIL]
    where = {code: index for index, code in enumerate(codes)}
    nil = len(codes)
    counts = [[0] * len(labels) for _ in labels]
    for pair in pairs:
        row = nil if pair.code_a is None else where[pair.code_a]
        column = nil if pair.code_b is None else where[pair.code_b]
        counts[row][column] += 1
    return ConfusionMatrix(codes=tuple(labels), counts=tuple(tuple(row) for row in counts))


def actor_matrices(matrix: ConfusionMatrix, scheme: Scheme) -> list[tuple[Actor, ConfusionMatrix]]:
    """The matrix cut into its cue block and its response block (each with its own nil row
    and column), for reading: a cue never pairs with a response, so every other cell of the
    whole matrix is zero. Blocks without codes are left out."""
    codes = matrix.codes[:-1]
    nil = len(codes)
    blocks: list[tuple[Actor, ConfusionMatrix]] = []
    for actor in ACTORS:
        kept = [k for k, code in enumerate(codes) if scheme.is_cue(code) == (actor == "cue")]
        if not kept:
            continue
        indices = [*kept, nil]
        blocks.append(
            (
                actor,
                ConfusionMatrix(
                    codes=(*(codes[k] for k in kept), NIL),
                    counts=tuple(tuple(matrix.counts[r][c] for c in indices) for r in indices),
                ),
            )
        )
    return blocks


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


def per_code(matrix: ConfusionMatrix) -> dict[str, CodeAgreement]:
    counts = matrix.counts
    result: dict[str, CodeAgreement] = {}
    for k, code in enumerate(matrix.codes[:-1]):
        involving = sum(counts[k]) + sum(row[k] for row in counts) - counts[k][k]
        agreed = counts[k][k]
        result[code] = CodeAgreement(
            pairs=involving, agreements=agreed, agreement=agreed / involving if involving else None
        )
    return result


def flags(percent: float | None, kappa: float | None) -> list[str]:
    """Plain-language flags for agreement below the usual thresholds."""
    raised = []
    if percent is not None and percent < AGREEMENT_THRESHOLD:
        raised.append(
            f"Percent agreement is {display.percent(percent)}, below the usual 85%: the observers "
            "often coded different things or different moments; go through the disagreements "
            "together before relying on either coding."
        )
    if kappa is not None and kappa < KAPPA_THRESHOLD:
        raised.append(
            f"Cohen's kappa is {kappa:.2f}, below the usual 0.60: once agreement by chance is "
            "allowed for, the observers agree only weakly; retrain on the codes they confuse "
            "and code another session together."
        )
    return raised


# -- would both reports say the same? ---------------------------------------------------


def side_by_side(session_a: Session, session_b: Session) -> SideBySide:
    from observe.analysis.session import analyze_session

    a, b = (_metrics(analyze_session(s).summary) for s in (session_a, session_b))
    return SideBySide(
        a=a,
        b=b,
        difference=ObserverMetrics(
            cues=b.cues - a.cues,
            response_rate=_minus(b.response_rate, a.response_rate),
            match_rate=_minus(b.match_rate, a.match_rate),
            attuned_rate=_minus(b.attuned_rate, a.attuned_rate),
            median_latency=_minus(b.median_latency, a.median_latency),
        ),
    )


def _metrics(summary: Summary) -> ObserverMetrics:
    return ObserverMetrics(
        cues=summary.cues,
        response_rate=summary.response_rate,
        match_rate=summary.match_rate,
        attuned_rate=summary.attuned_rate,
        median_latency=summary.latency.median,
    )


def _minus(b: float | None, a: float | None) -> float | None:
    return None if a is None or b is None else b - a


RATE_DIFFERENCE = 0.10
LATENCY_DIFFERENCE = 1.0


def report_differences(metrics: SideBySide) -> list[str]:
    """Where the two observers' session reports would tell a clinician different things:
    a rate 10 percentage points or more apart, or median latencies 1 s or more apart."""
    a, b = metrics.a, metrics.b
    found = []
    for name, first, second in (
        ("response rate", a.response_rate, b.response_rate),
        ("match rate", a.match_rate, b.match_rate),
        ("attuned rate", a.attuned_rate, b.attuned_rate),
    ):
        if first is not None and second is not None and abs(second - first) >= RATE_DIFFERENCE:
            found.append(
                f"{name}: {display.percent(first)} (A) against {display.percent(second)} (B)"
            )
        elif (first is None) != (second is None):
            found.append(f"{name}: only one observer's coding gives a figure")
    first, second = a.median_latency, b.median_latency
    if first is not None and second is not None and abs(second - first) >= LATENCY_DIFFERENCE:
        found.append(f"median latency: {first:.1f} s (A) against {second:.1f} s (B)")
    return found
