"""The shapes of an observer-agreement result (DESIGN §6, the ``observe reliability --json``
structure).

Field names are the JSON keys (snake_case); tuples become lists. A figure that cannot be
computed is ``None`` (``null``), never 0 or NaN. Times are seconds; rates are fractions.

``{"session_a", "session_b", "offset": {"seconds", "estimated"}, "tolerance", "pairs",
"agreements", "percent_agreement", "kappa", "flags", "warnings", "matrix": {"codes",
"counts"}, "per_code": {code: {"pairs", "agreements", "agreement"}}, "metrics": {"a", "b",
"difference"}, "time_units": {"unit", "tolerance_units", "tolerance", "excluded_units",
"per_actor": {actor: {"units", "agreements", "percent_agreement", "kappa",
"agreements_with_tolerance", "percent_agreement_with_tolerance", "kappa_with_tolerance",
"matrix", "matrix_with_tolerance"}}, "flags"}, "intensity": {"levels", "pairs", "exact",
"exact_rate", "within_one", "within_one_rate", "one_observer_only"}, "ratings": {rating:
{"label", "min", "max", "a", "b", "difference"}}, "excluded_events": {"a", "b"},
"thresholds": {"percent_agreement", "kappa", "rating_kappa", "rating_icc"}, "actors": {actor:
heading}, "per_actor": {actor: {"pairs", "agreements", "percent_agreement", "kappa"}}}``

An *actor* is a key of :mod:`observe.analysis.reliability_codings`: the actor's id (``infant``,
``parent_a``, …), or ``cue`` and ``response`` for the two actors of a scheme that lists
none, as these results have always named them. ``actors`` gives each compared actor's
heading, in the order of observer A's scheme.

Several pairs (``observe reliability --dyad D``, or more than one pair of ids) print
``{"pairs": [the structure above, one per pair], "ratings": {rating: {"label", "min",
"max", "n", "exact", "within_one", "mean_difference", "weighted_kappa", "icc", "flags",
"caution"}},
"thresholds", "warnings"}``.
"""

from __future__ import annotations

from typing import Protocol

from attrs import field, frozen

from observe.convert import omit_while_default

#: An actor's key (:mod:`observe.analysis.reliability_codings`).
Actor = str


@frozen
class OffsetUsed:
    """Seconds added to observer B's times to put them on A's clock."""

    seconds: float
    estimated: bool  # True: found by the search; False: given with --offset
    #: The video both sessions are linked to, when the offset is their offsets' difference
    #: (left out of the JSON otherwise).
    recording: str | None = None


omit_while_default(OffsetUsed, "recording")


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
class Thresholds:
    """Below these the result is flagged (fractions; the archive's settings set them)."""

    percent_agreement: float = 0.85
    kappa: float = 0.60  # the event-based kappa and both time-unit kappas
    rating_kappa: float = 0.60  # a rating's quadratic-weighted kappa over several visits
    rating_icc: float = 0.75  # a rating's ICC(1,1) over several visits


class _Settings(Protocol):
    def __getitem__(self, name: str, /) -> object: ...


def thresholds_of(settings: _Settings) -> Thresholds:
    """The reliability standards an archive's settings set (``reliability.min_agreement``,
    ``min_kappa``, ``min_rating_kappa``, ``min_rating_icc``): ``observe reliability``'s flags
    and the caseload's below-standard checks read them here."""
    return Thresholds(
        percent_agreement=_number(settings["reliability.min_agreement"]),
        kappa=_number(settings["reliability.min_kappa"]),
        rating_kappa=_number(settings["reliability.min_rating_kappa"]),
        rating_icc=_number(settings["reliability.min_rating_icc"]),
    )


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"a reliability standard is a number, not {value!r}")
    return float(value)


@frozen
class TimeUnitAgreement:
    """One actor's codes compared unit by unit (:mod:`observe.analysis.reliability_units`).

    ``matrix`` rows are observer A, columns observer B, the codes that either coded and
    ``nil`` last; here ``nil``/``nil`` counts the units neither observer coded anything in.
    """

    units: int  # codable units tallied
    agreements: int
    percent_agreement: float | None
    kappa: float | None
    agreements_with_tolerance: int
    percent_agreement_with_tolerance: float | None
    kappa_with_tolerance: float | None
    matrix: ConfusionMatrix
    matrix_with_tolerance: ConfusionMatrix


@frozen
class TimeUnits:
    unit: float  # seconds per unit
    tolerance_units: int  # a disagreement is forgiven within this many units either side
    tolerance: float  # the same in seconds (tolerance_units × unit)
    excluded_units: int  # units left out: an observer was paused, or it was not codable
    per_actor: dict[str, TimeUnitAgreement]  # by actor key
    flags: tuple[str, ...]


@frozen
class IntensityAgreement:
    """Among the agreeing pairs (same code), the intensities the two observers gave."""

    levels: int  # the scheme's intensity levels (0: it codes none)
    pairs: int  # agreeing pairs where both observers gave an intensity
    exact: int
    exact_rate: float | None
    within_one: int  # exact or one level apart
    within_one_rate: float | None
    one_observer_only: int  # agreeing pairs where only one of them gave an intensity


@frozen
class RatingComparison:
    """One global rating of the session, as each observer gave it."""

    label: str
    min: int
    max: int
    a: int | None
    b: int | None
    difference: int | None  # B minus A


@frozen
class ActorAgreement:
    """One actor's codes in the event alignment (:mod:`observe.analysis.reliability_matrix`)."""

    pairs: int
    agreements: int
    percent_agreement: float | None
    kappa: float | None


@frozen
class ExcludedEvents:
    """Codes left out because the other observer was paused at that moment, or because
    either observer marked that moment as not codable."""

    a: int
    b: int


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
    time_units: TimeUnits
    intensity: IntensityAgreement
    ratings: dict[str, RatingComparison]
    excluded_events: ExcludedEvents
    thresholds: Thresholds
    actors: dict[str, str] = field(factory=dict)  # each compared actor's heading, by key
    per_actor: dict[str, ActorAgreement] = field(factory=dict)  # the alignment per actor


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
    intensity_a: int | None = None
    intensity_b: int | None = None

    @property
    def agrees(self) -> bool:
        return self.code_a is not None and self.code_a == self.code_b


@frozen
class RatingAgreement:
    """One rating over several double-coded visits (:mod:`.reliability_ratings`)."""

    label: str
    min: int
    max: int
    n: int  # visits both observers rated
    exact: int  # of those, the same value
    within_one: int  # at most one point apart
    mean_difference: float | None  # B minus A, on average
    weighted_kappa: float | None  # quadratic weights
    icc: float | None  # ICC(1,1): one-way random, single rating, absolute agreement
    flags: tuple[str, ...]
    caution: str | None  # few visits: the figures can move a lot


@frozen
class ReliabilitySummary:
    """Several double-coded visits: each pair's comparison and the ratings over all."""

    pairs: tuple[Reliability, ...]
    ratings: dict[str, RatingAgreement]
    thresholds: Thresholds
    warnings: tuple[str, ...]
