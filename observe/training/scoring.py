"""A trainee's coding scored against a pack's master coding (DESIGN §11).

The figures are those of ``observe reliability`` (DESIGN §6), by the same function
(:func:`observe.analysis.reliability.compare_sessions`): the master is observer A, the
trainee observer B, the tolerance is the pack's, and the offset is 0 — both coded the same
recording, on its own clock. The pass rule is exactly the pack's criteria
(:mod:`observe.training.criteria`), each condition a :class:`Check` the feedback shows.

The disagreements are read from the same alignment (:func:`session_pairs`):

- **missed**: the master coded it, the trainee coded nothing there;
- **extra**: the trainee coded something the master did not;
- **substituted**: both coded a moment, with different codes;
- **onset**: both coded the same code, further apart than the tolerance. The alignment
  cannot pair those (they count as a miss and an extra in the figures, as in ``observe
  reliability``); the list names them as one late or early onset when the two are of the
  same code and actor and at most :func:`onset_reach` apart, nearest first.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from observe.analysis.reliability import compare_sessions, session_pairs
from observe.analysis.reliability_results import AlignedPair, Reliability, Thresholds
from observe.model import Session
from observe.training.criteria import Criteria
from observe.training.pack import Pack

Kind = Literal["missed", "extra", "substituted", "onset"]


@frozen
class Check:
    """One condition of the criteria, as the trainee's coding met it or not."""

    figure: str  # "agreement", "kappa", or "code <id>" for the per-code condition
    value: float | None  # None: the figure cannot be computed (no pairs)
    threshold: float
    passed: bool


@frozen
class Disagreement:
    """One place where the trainee's coding differs from the master's (times in seconds
    of the recording)."""

    kind: Kind
    actor: str
    master_code: str | None
    master_t: float | None
    trainee_code: str | None
    trainee_t: float | None

    @property
    def t(self) -> float:
        """Where it begins in the recording (the earlier of the two times)."""
        times = [t for t in (self.master_t, self.trainee_t) if t is not None]
        return min(times)

    @property
    def end(self) -> float:
        times = [t for t in (self.master_t, self.trainee_t) if t is not None]
        return max(times)


@frozen
class Score:
    """A trainee's coding of a pack: the comparison, the decision and the differences."""

    pack: str  # the pack's digest
    session: str  # the trainee's session id
    reliability: Reliability
    checks: tuple[Check, ...]
    passed: bool
    disagreements: tuple[Disagreement, ...]


def onset_reach(tolerance: float) -> float:
    """How far apart a miss and an extra of the same code may be and still be listed as
    one onset difference: three tolerances, and at least 5 s."""
    return max(3 * tolerance, 5.0)


def score(pack: Pack, trainee: Session) -> Score:
    """The trainee's coding ``trainee`` of ``pack``, compared and decided."""
    criteria = pack.criteria
    defaults = Thresholds()
    thresholds = Thresholds(
        percent_agreement=criteria.agreement
        if criteria.agreement is not None
        else defaults.percent_agreement,
        kappa=criteria.kappa if criteria.kappa is not None else defaults.kappa,
    )
    result = compare_sessions(
        pack.master, trainee, tolerance=criteria.tolerance, offset=0.0, thresholds=thresholds
    )
    checks = decide(result, criteria)
    pairs = session_pairs(pack.master, trainee, result)
    return Score(
        pack=pack.digest,
        session=trainee.id,
        reliability=result,
        checks=checks,
        passed=all(check.passed for check in checks),
        disagreements=disagreements(pairs, criteria.tolerance),
    )


def decide(result: Reliability, criteria: Criteria) -> tuple[Check, ...]:
    """Each condition of ``criteria`` over ``result``: inclusive thresholds; a figure that
    cannot be computed does not pass."""
    figures = {"agreement": result.percent_agreement, "kappa": result.kappa}
    checks = [
        Check(name, figures[name], threshold, _reaches(figures[name], threshold))
        for name, threshold in criteria.conditions
    ]
    if criteria.per_code is not None:
        for code, agreement in result.per_code.items():
            if agreement.pairs:
                checks.append(
                    Check(
                        f"code {code}",
                        agreement.agreement,
                        criteria.per_code,
                        _reaches(agreement.agreement, criteria.per_code),
                    )
                )
    return tuple(checks)


def _reaches(value: float | None, threshold: float) -> bool:
    # Rounded to 1e-9 so that 17/20 reaches 0.85 though its float is 0.8499999…
    return value is not None and round(value - threshold, 9) >= 0


def disagreements(pairs: list[AlignedPair], tolerance: float) -> tuple[Disagreement, ...]:
    """The alignment's disagreements, in recording order (see the module's docstring)."""
    found: list[Disagreement] = []
    missed: list[AlignedPair] = []
    extra: list[AlignedPair] = []
    for pair in pairs:
        if pair.code_a is not None and pair.code_b is not None:
            if pair.code_a != pair.code_b:
                found.append(_of("substituted", pair))
        elif pair.code_a is not None:
            missed.append(pair)
        elif pair.code_b is not None:
            extra.append(pair)
    reach = onset_reach(tolerance)
    candidates = sorted(
        (
            (abs(b.t_b - a.t_a), i, j)  # type: ignore[operator]
            for i, a in enumerate(missed)
            for j, b in enumerate(extra)
            if a.actor == b.actor and a.code_a == b.code_b and abs(b.t_b - a.t_a) <= reach  # type: ignore[operator]
        ),
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _distance, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        a, b = missed[i], extra[j]
        found.append(Disagreement("onset", a.actor, a.code_a, a.t_a, b.code_b, b.t_b))
    found += [_of("missed", p) for i, p in enumerate(missed) if i not in used_a]
    found += [_of("extra", p) for j, p in enumerate(extra) if j not in used_b]
    found.sort(key=lambda d: (d.t, d.kind))
    return tuple(found)


def _of(kind: Kind, pair: AlignedPair) -> Disagreement:
    return Disagreement(kind, pair.actor, pair.code_a, pair.t_a, pair.code_b, pair.t_b)
