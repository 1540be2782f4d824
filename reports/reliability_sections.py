"""Sections of the reliability report beyond the event pairing (DESIGN §6, §7): agreement
second by second (the time-unit kappa), intensities and global ratings, and the standards
the figures are held to — each in plain words for the programme lead and the clinician."""

from __future__ import annotations

import math

from observe.reports import styles, wording
from observe.reports.sections import heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.reliability_codings import actor_title
from observe.analysis.reliability_results import (
    IntensityAgreement,
    RatingComparison,
    Thresholds,
    TimeUnits,
)
from observe.analysis.reliability_text import difference_text, value_text

SECOND_BY_SECOND = "Agreement second by second"
INTENSITIES = "Intensities"
RATINGS = "Global ratings"


def below_standard(flag: str) -> Paragraph:
    """A flag as the report shows it: in the warning colour, then the sentence."""
    return Paragraph(
        f"<font color='#{styles.VERMILLION.hexval()[2:]}'><b>Below standard:</b></font> "
        f"{wording.text(flag)}",
        styles.BODY,
    )


def is_usual(thresholds: Thresholds) -> bool:
    """Whether the thresholds are the usual ones (not changed in the archive's settings)."""
    usual = Thresholds()
    return all(
        math.isclose(getattr(thresholds, name), getattr(usual, name))
        for name in ("percent_agreement", "kappa", "rating_kappa", "rating_icc")
    )


def glance_title(actor: str, labels: dict[str, str] | None) -> str:
    """ "infant cues" for the two actors of a scheme without actors, else the actor's label."""
    title = actor_title(actor, labels)
    return title if labels and actor in labels and title not in _PLAIN else title.lower()


_PLAIN = ("Infant cues", "Caregiver responses")


def time_unit_glance(
    units: TimeUnits, labels: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """Rows for "Agreement at a glance": each actor's time-unit kappa with tolerance
    (``labels``: each actor's heading, by key: a result's ``actors``)."""
    rows = []
    for actor, figures in units.per_actor.items():
        rows.append(
            (
                f"Second by second: {glance_title(actor, labels)}",
                display.number(figures.kappa_with_tolerance),
                f"Time-unit kappa: the records compared in {units.unit:g}-second units, a "
                f"difference forgiven when the other observer coded the same within "
                f"{units.tolerance:g} s; {display.number(figures.kappa)} without that "
                "tolerance.",
            )
        )
    return rows


def second_by_second(
    units: TimeUnits, width: float, labels: dict[str, str] | None = None, not_codable: bool = False
) -> list[Flowable]:
    unit = f"{units.unit:g}-second"
    intro = Paragraph(
        wording.text(
            f"The same two codings compared another way: cut into {unit} units, does each "
            "unit hold the same code in both records? This also shows a state (such as "
            "crying) that one observer ended much later than the other, which the pairing "
            "of codes cannot. Without tolerance, two presses a moment apart that fall in "
            "neighbouring units count as a difference; with the tolerance they count as "
            f"agreeing when the other observer coded the same code within {units.tolerance:g} s. "
            "Most units hold no code for either observer, so the percentages run high: the "
            "kappa, which takes out the agreement expected by chance, is the figure to read."
        ),
        styles.NOTE,
    )
    rows = [
        [
            actor_title(actor, labels),
            str(figures.units),
            display.percent(figures.percent_agreement),
            display.number(figures.kappa),
            display.percent(figures.percent_agreement_with_tolerance),
            display.number(figures.kappa_with_tolerance),
        ]
        for actor, figures in units.per_actor.items()
    ]
    table = data_table(
        ("Codes of", "Units compared", "Same in both", "Kappa", "Same, with tolerance",
         "Kappa with tolerance"),
        rows,
        [width * f for f in (0.25, 0.14, 0.14, 0.13, 0.17, 0.17)],
        numeric_from=1,
    )  # fmt: skip
    flow: list[Flowable] = [heading(SECOND_BY_SECOND), intro, Spacer(0, 3), table]
    if units.excluded_units:
        flow += [
            Spacer(0, 3),
            Paragraph(
                f"{units.excluded_units} units are left out: one of the observers had paused "
                "the session, so only the other was coding."
                if not not_codable
                else f"{units.excluded_units} units are left out: one of the observers had "
                "paused the session, so only the other was coding, or had marked the time as "
                "not codable.",
                styles.BODY,
            ),
        ]
    for flag in units.flags:
        flow += [Spacer(0, 3), below_standard(flag)]
    return [KeepTogether(flow)]


def intensities(intensity: IntensityAgreement) -> list[Flowable]:
    if intensity.levels == 0:
        text = "This coding scheme records no intensities."
    elif intensity.pairs == 0:
        text = (
            "No code that both observers coded at the same moment carries an intensity "
            "from both of them, so there is nothing to compare."
        )
    else:
        text = (
            f"Where both observers coded the same code at the same moment and both gave an "
            f"intensity ({intensity.pairs} times, on a scale of {intensity.levels} levels), "
            f"they gave the same intensity {display.percent(intensity.exact_rate)} of the time, "
            f"and intensities at most one level apart {display.percent(intensity.within_one_rate)} "
            "of the time."
        )
        if intensity.one_observer_only:
            text += f" {intensity.one_observer_only} more times only one of them gave an intensity."
    return [KeepTogether([heading(INTENSITIES), Paragraph(wording.text(text), styles.BODY)])]


def ratings(comparisons: dict[str, RatingComparison], width: float) -> list[Flowable]:
    if not comparisons:
        return [
            heading(RATINGS),
            Paragraph("The two coding schemes share no global rating.", styles.BODY),
        ]
    rows = [
        [
            rating.label,
            f"{rating.min} to {rating.max}",
            value_text(rating.a),
            value_text(rating.b),
            difference_text(rating.difference),
        ]
        for rating in comparisons.values()
    ]
    table = data_table(
        ("Rating", "Scale", "Observer A", "Observer B", "B minus A"),
        rows,
        [width * f for f in (0.36, 0.16, 0.16, 0.16, 0.16)],
        numeric_from=2,
    )
    note = Paragraph(
        "The ratings each observer gave at the end of the session. One visit cannot show "
        "whether two observers rate alike in general: over several double-coded visits, "
        "observe reliability --dyad reports a weighted kappa and an intraclass correlation "
        "for each rating.",
        styles.NOTE,
    )
    return [KeepTogether([heading(RATINGS), note, Spacer(0, 3), table])]
