"""The flags of observer agreement: one plain sentence for each figure below the archive's
threshold (DESIGN §6). The thresholds are the archive's settings (85% agreement, kappa 0.60,
a rating's weighted kappa 0.60 and ICC 0.75 unless it says otherwise); a sentence says "the
usual" standard when it is the default and "this archive asks for" when it is not.

The time-unit kappa is flagged on its figure *with* tolerance: without tolerance, a point
code pressed a fraction of a second apart by the two observers falls in neighbouring units
half the time, so the strict figure is low for brief codes by construction (Bakeman, Quera
& Gnisci, 2009); it is reported, as a measure of how exactly in time they coded, not held
to the standard.
"""

from __future__ import annotations

import math

from observe import display
from observe.analysis.reliability_codings import actor_title
from observe.analysis.reliability_results import Thresholds, TimeUnitAgreement

#: Below this many double-coded visits a rating's kappa and ICC come with a caution.
FEW_VISITS = 10


def standard(value: float, usual: float, shown: str) -> str:
    """``the usual 85%`` for the default threshold, ``the 80% this archive asks for`` else."""
    if math.isclose(value, usual):
        return f"the usual {shown}"
    return f"the {shown} this archive asks for"


def flags(
    percent: float | None, kappa: float | None, thresholds: Thresholds | None = None
) -> list[str]:
    """Plain-language flags for event-based agreement below the thresholds."""
    thresholds = thresholds or Thresholds()
    usual = Thresholds()
    raised = []
    if percent is not None and percent < thresholds.percent_agreement:
        below = standard(
            thresholds.percent_agreement,
            usual.percent_agreement,
            display.percent(thresholds.percent_agreement),
        )
        raised.append(
            f"Percent agreement is {display.percent(percent)}, below {below}: the observers "
            "often coded different things or different moments; go through the disagreements "
            "together before relying on either coding."
        )
    if kappa is not None and kappa < thresholds.kappa:
        below = standard(thresholds.kappa, usual.kappa, f"{thresholds.kappa:.2f}")
        raised.append(
            f"Cohen's kappa is {kappa:.2f}, below {below}: once agreement by chance is "
            "allowed for, the observers agree only weakly; retrain on the codes they confuse "
            "and code another session together."
        )
    return raised


def time_unit_flags(
    per_actor: dict[str, TimeUnitAgreement],
    thresholds: Thresholds,
    labels: dict[str, str] | None = None,
) -> list[str]:
    """A flag per actor whose time-unit kappa with tolerance is below the kappa threshold
    (``labels``: each actor's heading, by key)."""
    below = standard(thresholds.kappa, Thresholds().kappa, f"{thresholds.kappa:.2f}")
    raised = []
    for actor, figures in per_actor.items():
        kappa = figures.kappa_with_tolerance
        if kappa is not None and kappa < thresholds.kappa:
            raised.append(
                f"Second by second, {_whose(actor_title(actor, labels))} agree with a kappa of "
                f"{kappa:.2f} even with the tolerance, below {below}: the observers' records "
                "differ in when codes were on, not only in which events they coded."
            )
    return raised


def _whose(title: str) -> str:
    """``the infant cues`` for the headings of a scheme without actors, ``Parent A's codes``
    for an actor's label."""
    if title in ("Infant cues", "Caregiver responses"):
        return f"the {title.lower()}"
    return f"{title}'s codes"


def rating_flags(
    label: str, kappa: float | None, icc: float | None, thresholds: Thresholds
) -> list[str]:
    """Flags for one rating over several visits: a weighted kappa or ICC below the
    thresholds."""
    usual = Thresholds()
    raised = []
    if kappa is not None and kappa < thresholds.rating_kappa:
        below = standard(
            thresholds.rating_kappa, usual.rating_kappa, f"{thresholds.rating_kappa:.2f}"
        )
        raised.append(
            f"{label}: the weighted kappa is {kappa:.2f}, below {below}: the two observers' "
            "ratings of the same visits often lie far apart; go through the rating's anchors "
            "together."
        )
    if icc is not None and icc < thresholds.rating_icc:
        below = standard(thresholds.rating_icc, usual.rating_icc, f"{thresholds.rating_icc:.2f}")
        raised.append(
            f"{label}: the ICC is {icc:.2f}, below {below}: the differences between the "
            "observers are large next to the differences between the visits."
        )
    return raised


def few_visits(n: int) -> str | None:
    """A caution when a rating's figures rest on fewer than :data:`FEW_VISITS` visits."""
    if n >= FEW_VISITS:
        return None
    if n < 2:
        return f"{n} visit{'s' if n != 1 else ''} rated by both observers: too few for a figure."
    return (
        f"only {n} visits rated by both observers: with fewer than {FEW_VISITS}, one more "
        "visit can move these figures a lot."
    )
