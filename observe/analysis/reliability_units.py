"""Time-unit kappa, with and without tolerance: do the two observers' records agree second
by second? (DESIGN §6; Bakeman, Quera & Gnisci, 2009, Behavior Research Methods 41:137–147;
the GSEQ program computes both.)

The event-based kappa of :mod:`observe.analysis.reliability` asks whether the observers
coded the same *events*; the time-unit kappa asks whether their records agree *moment by
moment*, so a state coded 20 s too long shows here and not there. Bakeman et al. recommend
reporting both. What is implemented, exactly (the tests work each rule by hand):

- **Units**: the common time line (observer A's interaction time, see
  :mod:`observe.analysis.reliability_clock`) is cut into units of ``unit`` seconds (1 s by
  default): unit ``k`` is ``[k·unit, (k + 1)·unit)``. The units run from the earlier of the
  two observers' starts to the later of their ends (and at least to the unit of the last
  code), like the event comparison, which also counts what one observer coded before the
  other started.
- **Codable units**: a unit is left out when its middle falls in an excluded stretch: a
  pause of either observer (that observer was not coding), or a period either observer
  marked as not codable (``Session.excluded``, on the common time line):
  :func:`codable_units` takes the stretches.
- **What a unit holds**, per actor (the scheme's actors; infant cues and caregiver
  responses for a scheme that lists none) and per observer: every
  code of that actor *on* in the unit. A point code occupies the unit its moment falls in; a
  state code occupies every unit it overlaps, from its start to its stop (a state never
  stopped runs to the end of the session; one stopped in the unit it started occupies that
  unit).
- **One tally per unit and actor.** Usually a unit holds at most one code of an actor. When
  it holds several (a cue during a crying state, two cues within one second): if the two
  observers share a code in the unit, the unit is an agreement on it; otherwise each
  observer's code for the unit is the first by precedence — a code whose moment (or state
  start) falls in the unit before a state running through it, earlier moments first, then
  the state started last. Nothing on is ``nil``; a unit where neither observer coded
  anything is a ``nil``/``nil`` agreement (unlike the event matrix, that cell is real here).
- **Kappa** is Cohen's kappa over that matrix (rows A, columns B).
- **Tolerance** of ``t`` units, ``t = ⌊tolerance / unit⌋`` (2 s with 1-s units: 2 units):
  a disagreement in unit ``k`` — A's code ``x``, B's code ``y`` — is tallied as an agreement
  on ``x`` when observer B coded ``x`` in one of the units ``k − t … k + t``; failing that,
  as an agreement on ``y`` when A coded ``y`` there; otherwise it stays a disagreement. This
  is GSEQ's rule ("agreements were tallied as long as the second observer agreed with the
  first within 2 seconds", with the first observer's code checked first) applied from both
  sides, with one difference made on purpose: ``nil`` is not a code anyone "coded", so it
  never credits a unit. Without that, a code one observer added where the other coded
  nothing would always be forgiven (the other observer's nothing is never far away), and a
  record of point codes would agree with an empty one.

Sources read: the article's abstract and introduction (PMC2670558), and a published
description of GSEQ's time plot with a 2-second tolerance (which units were disagreements
forgiven by the tolerance and which were not). The unit, tally and tolerance rules above
follow those; the precedence for several codes in one unit and the ``nil`` rule are this
module's, for data where an actor's codes are not mutually exclusive.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from observe.analysis.reliability_clock import Interval
from observe.analysis.reliability_results import ConfusionMatrix, TimeUnitAgreement
from observe.analysis.reliability_stats import cohen_kappa

NIL = "nil"


@frozen
class Marks:
    """One observer's codes of one actor on the common time line (whole milliseconds).

    ``moments`` are the point codes and the states' starts, in time order (the recorded
    order at equal times); ``states`` are state codes from start to stop, ``[start, stop)``.
    """

    moments: tuple[tuple[int, str], ...]
    states: tuple[tuple[int, int, str], ...]


@frozen
class UnitGrid:
    """The units compared: ``first`` … ``last`` (inclusive) of ``unit_ms`` each, and the
    stretches of time left out."""

    unit_ms: int
    first: int
    last: int
    excluded: tuple[Interval, ...]

    def is_codable(self, k: int) -> bool:
        """Whether unit ``k``'s middle lies outside every excluded stretch."""
        middle2 = 2 * k * self.unit_ms + self.unit_ms  # twice the middle, to stay in integers
        return not any(2 * start <= middle2 < 2 * end for start, end in self.excluded)


def codable_units(
    unit_ms: int, start: int, end: int, last_mark: int | None, excluded: Sequence[Interval]
) -> UnitGrid:
    """The unit grid over ``[start, end)`` (and at least to the unit of ``last_mark``),
    leaving out the ``excluded`` stretches: the pauses of either observer and the periods
    either marked as not codable."""
    first = start // unit_ms
    last = -(-end // unit_ms) - 1
    if last_mark is not None:
        last = max(last, last_mark // unit_ms)
    return UnitGrid(unit_ms=unit_ms, first=first, last=last, excluded=tuple(sorted(excluded)))


class _Record:
    """One observer's units: the codes on in each, and each unit's codes in precedence
    order."""

    def __init__(self, marks: Marks, unit_ms: int) -> None:
        on: dict[int, list[str]] = {}
        for t, code in marks.moments:
            on.setdefault(t // unit_ms, []).append(code)
        running: dict[int, list[tuple[int, str]]] = {}
        for start, stop, code in marks.states:
            last = max(start // unit_ms, -(-stop // unit_ms) - 1)
            for k in range(start // unit_ms, last + 1):
                running.setdefault(k, []).append((start, code))
        self.order: dict[int, list[str]] = {}
        for k in sorted(set(on) | set(running)):
            ordered = list(on.get(k, []))
            for _start, code in sorted(running.get(k, []), key=lambda item: -item[0]):
                ordered.append(code)
            self.order[k] = list(dict.fromkeys(ordered))
        self.units_of: dict[str, set[int]] = {}
        for k, codes in self.order.items():
            for code in codes:
                self.units_of.setdefault(code, set()).add(k)

    def codes(self, k: int) -> list[str]:
        return self.order.get(k, [])

    def coded_near(self, code: str, k: int, reach: int) -> bool:
        units = self.units_of.get(code)
        return units is not None and any(k + d in units for d in range(-reach, reach + 1))


def time_unit_agreement(
    first: Marks, second: Marks, grid: UnitGrid, codes: Sequence[str], tolerance_units: int
) -> TimeUnitAgreement:
    """The time-unit agreement of one actor's codes (module docstring), over ``codes``
    (the codes of that actor either observer coded, in display order)."""
    a, b = _Record(first, grid.unit_ms), _Record(second, grid.unit_ms)
    labels = [*codes, NIL]
    where = {code: index for index, code in enumerate(labels)}
    size = len(labels)
    plain = [[0] * size for _ in labels]
    tolerant = [[0] * size for _ in labels]
    nil = where[NIL]
    occupied = sorted(set(a.order) | set(b.order))
    for k in occupied:
        if not (grid.first <= k <= grid.last and grid.is_codable(k)):
            continue
        x, y = _unit_pair(a.codes(k), b.codes(k))
        plain[where[x]][where[y]] += 1
        if x != y:
            if x != NIL and b.coded_near(x, k, tolerance_units):
                y = x
            elif y != NIL and a.coded_near(y, k, tolerance_units):
                x = y
        tolerant[where[x]][where[y]] += 1
    codable = sum(grid.is_codable(k) for k in range(grid.first, grid.last + 1))
    empty = codable - sum(map(sum, plain))
    plain[nil][nil] += empty
    tolerant[nil][nil] += empty
    return _agreement(labels, plain, tolerant)


def _unit_pair(first: list[str], second: list[str]) -> tuple[str, str]:
    """The one tally of a unit: a shared code if there is one, else each first code."""
    shared = next((code for code in first if code in second), None)
    if shared is not None:
        return shared, shared
    return (first[0] if first else NIL), (second[0] if second else NIL)


def _agreement(
    labels: list[str], plain: list[list[int]], tolerant: list[list[int]]
) -> TimeUnitAgreement:
    units = sum(map(sum, plain))
    agreed = sum(plain[k][k] for k in range(len(labels)))
    agreed_tolerant = sum(tolerant[k][k] for k in range(len(labels)))
    return TimeUnitAgreement(
        units=units,
        agreements=agreed,
        percent_agreement=agreed / units if units else None,
        kappa=cohen_kappa(plain),
        agreements_with_tolerance=agreed_tolerant,
        percent_agreement_with_tolerance=agreed_tolerant / units if units else None,
        kappa_with_tolerance=cohen_kappa(tolerant),
        matrix=ConfusionMatrix(codes=tuple(labels), counts=tuple(map(tuple, plain))),
        matrix_with_tolerance=ConfusionMatrix(
            codes=tuple(labels), counts=tuple(map(tuple, tolerant))
        ),
    )
