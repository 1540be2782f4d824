"""The reliability report over several double-coded visits (DESIGN §6, §7): how well the
observers agreed visit by visit, and whether they give the same global ratings — for the
programme lead who checks that observers still code and rate alike.

Every figure comes from :func:`observe.analysis.reliability_visits.compare_visits`; one
pair in full is the single-visit report (:mod:`observe.reports.reliability_report`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from observe.reports import styles, wording
from observe.reports.document import ReportError, write_report
from observe.reports.reliability_sections import below_standard, is_usual
from observe.reports.sections import heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.reliability_results import Reliability, ReliabilitySummary
from observe.analysis.reliability_text import cautions, mean_difference_text, summary_actors
from observe.model import Session

SUMMARY_TITLES = (
    "The visits compared",
    "Agreement visit by visit",
    "Global ratings over the visits",
    "How to read the rating figures",
)


def write_reliability_summary_report(
    summary: ReliabilitySummary,
    sessions: dict[str, Session],
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
) -> Path:
    """Write the PDF of ``summary`` (``sessions`` by id holds every session it compares) to
    ``path`` (0600) and return the path."""
    if not summary.pairs:
        raise ReportError("there are no double-coded visits to report on.")
    missing = {r.session_a for r in summary.pairs} | {r.session_b for r in summary.pairs}
    if missing - set(sessions):
        raise ValueError("the summary compares sessions that were not given")
    dyads = sorted({sessions[r.session_a].dyad for r in summary.pairs})
    count = len(summary.pairs)
    visits = f"{count} double-coded visit{'s' if count != 1 else ''}"
    return write_report(
        path,
        lambda width: summary_story(summary, sessions, width),
        title=f"Reliability over {visits} · {', '.join(dyads)}",
        running_title=f"Reliability over {visits} · {', '.join(dyads)}",
        scheme_digests=[s.scheme_digest for s in sessions.values()],
        pagesize=pagesize,
        generated=generated,
    )


def summary_story(
    summary: ReliabilitySummary, sessions: dict[str, Session], width: float
) -> list[Flowable]:
    thresholds = summary.thresholds
    whose = "the usual standards" if is_usual(thresholds) else "this archive's standards"
    story: list[Flowable] = [
        Paragraph("Observer agreement over double-coded visits", styles.TITLE),
        Spacer(0, 4),
        Paragraph(
            "Each of these visits was coded by two observers. For each visit, this report "
            "shows how often they coded the same thing at the same moment; over all the "
            "visits, whether they gave the same global ratings. Figures are held to "
            f"{whose}: {display.percent(thresholds.percent_agreement)} agreement and a kappa "
            f"of {thresholds.kappa:.2f} for the codes; a weighted kappa of "
            f"{thresholds.rating_kappa:.2f} and an ICC of {thresholds.rating_icc:.2f} for "
            "each rating.",
            styles.BODY,
        ),
        heading(SUMMARY_TITLES[0]),
        _visits_table(summary, sessions, width),
    ]
    for warning in summary.warnings:
        story += [Spacer(0, 2), Paragraph(f"<b>Note:</b> {wording.text(warning)}", styles.BODY)]
    story += _per_visit(summary, sessions, width)
    story += _ratings(summary, width)
    story += _reading()
    return story


def _visits_table(
    summary: ReliabilitySummary, sessions: dict[str, Session], width: float
) -> Flowable:
    rows = []
    for result in summary.pairs:
        a, b = sessions[result.session_a], sessions[result.session_b]
        rows.append(
            [
                f"{a.dyad} · {a.visit or display.MISSING}",
                display.when(a.started_at, "words"),
                f"{a.observer or display.MISSING} ({a.id[:8]})",
                f"{b.observer or display.MISSING} ({b.id[:8]})",
            ]
        )
    return data_table(
        ("Dyad · visit", "Date and time", "Observer A (session)", "Observer B (session)"),
        rows,
        [width * f for f in (0.2, 0.26, 0.27, 0.27)],
    )


def _per_visit(
    summary: ReliabilitySummary, sessions: dict[str, Session], width: float
) -> list[Flowable]:
    actors = summary_actors(summary)
    rows = [_visit_row(result, sessions[result.session_a], actors) for result in summary.pairs]
    share = 0.4 / max(len(actors), 1)  # the actors' columns share what two always had
    table = data_table(
        (
            "Visit",
            "Agreement",
            "Kappa",
            *(f"{title}, second by second" for title in actors.values()),
            "Flags",
        ),
        rows,
        [width * f for f in (0.16, 0.14, 0.12, *([share] * len(actors)), 0.18)],
        numeric_from=1,
    )
    intro = Paragraph(
        "Agreement and kappa: the two codings lined up code by code, as in each visit's own "
        "reliability report. Second by second: the time-unit kappa, the two records compared "
        "unit by unit with the tolerance. Flags counts the figures of the visit below "
        "standard; the visit's own report (observe reliability ID_A ID_B -o FILE.pdf) says "
        "which and why.",
        styles.NOTE,
    )
    return [KeepTogether([heading(SUMMARY_TITLES[1]), intro, Spacer(0, 3), table])]


def _visit_row(result: Reliability, session: Session, actors: dict[str, str]) -> list[str]:
    per_actor = result.time_units.per_actor
    flagged = len(result.flags) + len(result.time_units.flags)
    return [
        f"{session.dyad} · {session.visit or display.MISSING}",
        display.percent(result.percent_agreement),
        display.number(result.kappa),
        *(
            display.number(per_actor[actor].kappa_with_tolerance)
            if actor in per_actor
            else display.MISSING
            for actor in actors
        ),
        str(flagged) if flagged else "none",
    ]


def _ratings(summary: ReliabilitySummary, width: float) -> list[Flowable]:
    title = heading(SUMMARY_TITLES[2])
    if not summary.ratings:
        return [title, Paragraph("The coding schemes share no global rating.", styles.BODY)]
    rows = [
        [
            rating.label,
            f"{rating.min} to {rating.max}",
            str(rating.n),
            str(rating.exact),
            str(rating.within_one),
            mean_difference_text(rating.mean_difference),
            display.number(rating.weighted_kappa),
            display.number(rating.icc),
        ]
        for rating in summary.ratings.values()
    ]
    table = data_table(
        ("Rating", "Scale", "Visits", "Same", "At most 1 apart", "B minus A", "Weighted kappa",
         "ICC"),
        rows,
        [width * f for f in (0.22, 0.1, 0.09, 0.08, 0.13, 0.12, 0.14, 0.12)],
        numeric_from=2,
    )  # fmt: skip
    intro = Paragraph(
        "Visits: those both observers rated. Same and at most 1 apart: of those visits, how "
        "many got the same rating from both, and how many ratings were at most one point "
        "apart. B minus A: how much higher observer B rated on average.",
        styles.NOTE,
    )
    flow: list[Flowable] = [title, intro, Spacer(0, 3), table]
    for rating in summary.ratings.values():
        for flag in rating.flags:
            flow += [Spacer(0, 3), below_standard(flag)]
    for caution, labels in cautions(summary).items():
        flow += [
            Spacer(0, 3),
            Paragraph(
                f"<b>Read with care:</b> {wording.text(', '.join(labels))}: "
                f"{wording.text(caution)}",
                styles.BODY,
            ),
        ]
    return [KeepTogether(flow)]


def _reading() -> list[Flowable]:
    paragraphs = [
        "<b>Weighted kappa</b> compares the two observers' ratings of the same visits, counting "
        "a rating two points apart as four times as bad as one point apart (quadratic "
        "weights), once the agreement expected by chance is taken out: 1 is perfect, 0 no "
        "better than chance.",
        "<b>ICC</b> (intraclass correlation, ICC(1,1): one-way random effects, one rating, "
        "absolute agreement) asks how much of the spread of the ratings comes from real "
        "differences between visits rather than from the observers: 1 when the observers "
        "always agree, near 0 when their differences are as large as the differences between "
        "families. An observer who rates every visit a point higher lowers it: for "
        "certification a rating must agree, not only rise and fall together.",
        "Both need several visits: with fewer than ten, one more visit can change them a lot.",
    ]
    flow: list[Flowable] = [heading(SUMMARY_TITLES[3])]
    for text in paragraphs:
        flow += [Paragraph(text, styles.BODY), Spacer(0, 3)]
    return [KeepTogether(flow)]
