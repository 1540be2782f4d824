"""The shapes of an observer-agreement result (DESIGN §6, the ``observe reliability --json``
structure).

Field names are the JSON keys (snake_case); tuples become lists. A figure that cannot be
computed is ``None`` (``null``), never 0 or NaN. Times are seconds; rates are fractions.

``{"session_a", "session_b", "offset": {"seconds", "estimated"}, "tolerance", "pairs",
"agreements", "percent_agreement", "kappa", "flags", "warnings", "matrix": {"codes",
"counts"}, "per_code": {code: {"pairs", "agreements", "agreement"}}, "metrics": {"a", "b",
"difference"}}``
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

Actor = Literal["cue", "response"]


@frozen
class OffsetUsed:
    """Seconds added to observer B's times to put them on A's clock."""

    seconds: float
    estimated: bool  # True: found by the search; False: given with --offset


@frozen
class ConfusionMatrix:
    """Rows are observer A's codes, columns observer B's, in ``codes`` order; the last code
    is always ``nil`` (an event the other observer did not code). ``counts[nil][nil]`` is
    structurally 0: a pair needs at least one event."""

    codes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]


@frozen
class CodeAgreement:
    """For one code: pairs in which either observer coded it, and those where both did."""

    pairs: int
    agreements: int
    agreement: float | None


@frozen
class ObserverMetrics:
    """The figures each observer's own session report would show (DESIGN §5), or the
    difference between the two observers' figures."""

    cues: int
    response_rate: float | None
    match_rate: float | None
    attuned_rate: float | None
    median_latency: float | None


@frozen
class SideBySide:
    a: ObserverMetrics
    b: ObserverMetrics
    difference: ObserverMetrics  # B minus A for each figure (None where either is None)


@frozen
class Reliability:
    session_a: str  # full session ids
    session_b: str
    offset: OffsetUsed
    tolerance: float
    pairs: int  # aligned pairs plus events paired with nil
    agreements: int  # pairs where both observers coded the same code
    percent_agreement: float | None  # agreements / pairs, a fraction (0.9 = 90 %)
    kappa: float | None  # Cohen's kappa over the matrix
    flags: tuple[str, ...]  # plain-language warnings about low agreement
    warnings: tuple[str, ...]  # about the comparison itself (schemes, dyads, status)
    matrix: ConfusionMatrix
    per_code: dict[str, CodeAgreement]
    metrics: SideBySide


@frozen
class AlignedPair:
    """One row of the alignment: an event of each observer, or one of them and nil.

    Times are on observer A's clock (B's with the offset added), in seconds.
    """

    actor: Actor
    t_a: float | None
    code_a: str | None
    t_b: float | None
    code_b: str | None

    @property
    def agrees(self) -> bool:
        return self.code_a is not None and self.code_a == self.code_b
