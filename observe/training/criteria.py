"""A pack's pass criteria: what a trainee's coding must reach to pass, as data.

The text form is what ``observe train pack --pass`` takes and what the feedback shows:
comma-separated conditions ``NAME>=VALUE`` over the figures of ``observe reliability``
(DESIGN §6): ``agreement`` (percent agreement, a fraction ``0.85`` or a percentage
``85%``) and ``kappa`` (Cohen's kappa over the confusion matrix, -1 to 1). ``per_code`` is
the least agreement each code must reach on its own (a fraction); ``tolerance`` the
seconds two codes may lie apart and still be the same moment; ``consecutive`` the passes
in a row that certify an observer, and ``valid_months`` how long a certificate lasts.

The rule is exact and inclusive: a figure passes when it is at least its threshold; a
figure that cannot be computed (no pairs, kappa undefined) does not pass.
"""

from __future__ import annotations

import math
import re

from attrs import field, frozen

from observe.errors import ObserveError

#: The figures a condition may name, with the range a threshold must lie in.
FIGURES = {"agreement": (0.0, 1.0), "kappa": (-1.0, 1.0)}
MAX_TOLERANCE = 60.0
MAX_CONSECUTIVE = 20
MAX_VALID_MONTHS = 120
EXAMPLE = '--pass "agreement>=0.85,kappa>=0.60"'
_CONDITION = re.compile(r"^\s*([a-z_]+)\s*>=\s*([^,]*?)\s*$")


class CriteriaError(ObserveError):
    """Pass criteria that cannot be used (the sentence says which part and why)."""


def _between(low: float, high: float):  # an attrs validator of a number's range
    def check(_instance: object, attribute: object, value: float | None) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not math.isfinite(value) or not low <= value <= high:
            name = getattr(attribute, "name", attribute)
            raise ValueError(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")

    return check


@frozen
class Criteria:
    """What a pass is. ``agreement`` and ``kappa`` None: that figure is not required."""

    agreement: float | None = field(default=None, validator=_between(0.0, 1.0))
    kappa: float | None = field(default=None, validator=_between(-1.0, 1.0))
    per_code: float | None = field(default=None, validator=_between(0.0, 1.0))
    tolerance: float = field(default=2.0, validator=_between(0.0, MAX_TOLERANCE))
    consecutive: int = field(default=3, validator=_between(1, MAX_CONSECUTIVE))
    valid_months: int = field(default=12, validator=_between(1, MAX_VALID_MONTHS))

    @property
    def conditions(self) -> tuple[tuple[str, float], ...]:
        """The overall conditions, in their text order: (figure, threshold)."""
        named = (("agreement", self.agreement), ("kappa", self.kappa))
        return tuple((name, value) for name, value in named if value is not None)

    def pass_text(self) -> str:
        """The ``--pass`` text these criteria were made from (``agreement>=0.85,…``)."""
        return ",".join(f"{name}>={value:g}" for name, value in self.conditions)

    def described(self) -> str:
        """One line for people: ``agreement ≥ 85%, kappa ≥ 0.60, each code ≥ 70%; …``."""
        parts = [
            f"agreement ≥ {value * 100:g}%" if name == "agreement" else f"kappa ≥ {value:.2f}"
            for name, value in self.conditions
        ]
        if self.per_code is not None:
            parts.append(f"each code ≥ {self.per_code * 100:g}%")
        plural = "es" if self.consecutive != 1 else ""
        return (
            f"{', '.join(parts)}; tolerance {self.tolerance:g} s; {self.consecutive} pass"
            f"{plural} in a row certify for {self.valid_months} months"
        )


def parse_pass(text: str) -> dict[str, float]:
    """The conditions of a ``--pass`` text: figure name → threshold, in the order given.

    Each condition is ``agreement>=X`` or ``kappa>=X``; ``agreement`` also takes ``X%``.
    Anything else (another figure, another comparison, a figure twice, a threshold out of
    range, nothing at all) is one :class:`CriteriaError` sentence naming the condition."""
    found: dict[str, float] = {}
    parts = text.split(",")
    if not text.strip():
        raise CriteriaError(f"the pass criteria are empty; give at least one, e.g. {EXAMPLE}.")
    for number, part in enumerate(parts, start=1):
        match = _CONDITION.match(part.lower())
        if match is None:
            raise CriteriaError(
                f"condition {number} of the pass criteria, {part.strip()!r}, is not of the "
                f"form NAME>=VALUE (NAME: {' or '.join(FIGURES)}); e.g. {EXAMPLE}."
            )
        name, raw = match.groups()
        if name not in FIGURES:
            raise CriteriaError(
                f"the pass criteria name {name!r}, which is no figure a pass can rest on "
                f"(known: {', '.join(FIGURES)}); e.g. {EXAMPLE}."
            )
        if name in found:
            raise CriteriaError(f"the pass criteria give {name} twice; give it once.")
        found[name] = _threshold(name, raw)
    return found


def _threshold(name: str, raw: str) -> float:
    scale = 1.0
    if name == "agreement" and raw.endswith("%"):
        raw, scale = raw[:-1].strip(), 0.01
    try:
        value = float(raw) * scale
    except ValueError:
        value = math.nan
    low, high = FIGURES[name]
    if not math.isfinite(value) or not low <= value <= high:
        kind = (
            "a fraction from 0 to 1 (or a percentage, 85%)"
            if name == "agreement"
            else ("a number from -1 to 1")
        )
        raise CriteriaError(f"the pass criteria's {name} threshold must be {kind}, not {raw!r}.")
    return value


def criteria_from_options(
    pass_text: str,
    *,
    per_code: float | None = None,
    tolerance: float = 2.0,
    consecutive: int = 3,
    valid_months: int = 12,
) -> Criteria:
    """The criteria of ``observe train pack``'s options, each checked with one sentence."""
    conditions = parse_pass(pass_text)
    checks = (
        ("--per-code", per_code, 0.0, 1.0, "a fraction from 0 to 1, e.g. 0.70"),
        ("--tolerance", tolerance, 0.0, MAX_TOLERANCE, f"seconds from 0 to {MAX_TOLERANCE:g}"),
        ("--consecutive", consecutive, 1, MAX_CONSECUTIVE, f"a count from 1 to {MAX_CONSECUTIVE}"),
        (
            "--valid-months",
            valid_months,
            1,
            MAX_VALID_MONTHS,
            f"a count of months from 1 to {MAX_VALID_MONTHS}",
        ),
    )
    for option, value, low, high, what in checks:
        if value is not None and not (math.isfinite(value) and low <= value <= high):
            raise CriteriaError(f"{option} must be {what}, not {value:g}.")
    return Criteria(
        agreement=conditions.get("agreement"),
        kappa=conditions.get("kappa"),
        per_code=per_code,
        tolerance=float(tolerance),
        consecutive=int(consecutive),
        valid_months=int(valid_months),
    )
