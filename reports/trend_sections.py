"""The trend report's building blocks for one rule's visits: the charts over the visits
and the table of figures per visit (:mod:`trend_report`, :mod:`trend_rules`)."""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles, wording
from observe.reports.charts.trend import FEW_CUES, trend_cues, trend_latency, trend_rates
from observe.reports.sections import heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import TrendPoint


def trend_charts(
    points: Sequence[TrendPoint],
    width: float,
    titles: Sequence[str],
    caveat: str | None = None,
    cue: str = "cue",
) -> list[Flowable]:
    """The charts over the visits, or a sentence saying why there are none yet (``cue``,
    ``caveat``: the rule's words)."""
    if len(points) < 2:
        return [
            Spacer(0, 4),
            Paragraph(
                "Only one visit has been recorded for this dyad, so there is no trend to draw "
                "yet; its figures are in the table below. Record or import more visits and "
                "write this report again to see the figures over time.",
                styles.BODY,
            ),
        ]
    flow: list[Flowable] = [
        Paragraph(
            f"The same figures for each visit, oldest first. A figure that rests on fewer "
            f"than {FEW_CUES} {cue}s can swing widely from one visit to the next: those visits "
            f"are drawn hollow and are not joined by the line, and the number of {cue}s is "
            f"shown with every visit. A median latency rests on the answered {cue}s only; "
            "their number is shown under the latency chart.",
            styles.NOTE,
        ),
        KeepTogether(
            [
                heading(titles[0]),
                trend_rates(points, width, cues=f"{cue}s"),
                trend_cues(points, width, cues=f"{cue}s"),
            ]
        ),
    ]
    if any(p.summary.latency.median is not None for p in points):
        latency: list[Flowable] = [
            trend_latency(points, width, cues=f"{cue}s"),
            Spacer(0, 2),
            Paragraph(caveat or wording.LATENCY_CAVEAT, styles.NOTE),
        ]
    else:
        latency = [
            Paragraph(
                f"No {cue} in these visits received a response, so there are no latencies to draw.",
                styles.BODY,
            )
        ]
    flow.append(KeepTogether([heading(titles[1]), *latency]))
    return flow


def figures_table(
    points: Sequence[TrendPoint], width: float, unfinished: set[str], cues: str = "Cues"
) -> Flowable:
    rows = []
    for point in points:
        summary = point.summary
        rows.append(
            [
                (point.visit or display.MISSING) + (" *" if point.session in unfinished else ""),
                display.when(point.started_at, "day"),
                display.duration_words(point.duration),
                str(summary.cues),
                display.percent(summary.response_rate),
                display.percent(summary.match_rate),
                display.percent(summary.attuned_rate),
                display.percent(summary.repair_rate),
                wording.median_text(summary.latency.median, summary.latency.n),
                display.number(summary.contingency.yules_q),
            ]
        )
    fractions = (0.08, 0.13, 0.12, 0.07, 0.10, 0.09, 0.10, 0.09, 0.12, 0.10)
    return data_table(
        (
            "Visit",
            "Date",
            "Duration",
            cues,
            "Response rate",
            "Match rate",
            "Attuned rate",
            "Repair rate",
            "Median latency",
            "Yule's Q",
        ),
        rows,
        [width * f for f in fractions],
        numeric_from=3,
    )
