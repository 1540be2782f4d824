"""The dyad trend report: one family's figures over its visits (DESIGN §7).

Every figure comes from :func:`observe.analysis.analyze_dyad`, which counts a visit two
observers coded once, from its primary coding (the facts say which). The number of cues sits
next to every visit's figures, in the table and under the charts, and every median latency
carries the number of answered cues it is the middle of, so a reader sees when a figure
rests on little data; such points are drawn hollow and not joined by the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from observe.reports import styles, wording
from observe.reports.document import ReportError, write_report
from observe.reports.sections import facts_table, heading
from observe.reports.trend_rules import rule_parts, visit_times
from observe.reports.trend_sections import figures_table, trend_charts
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import DyadTrend, TrendPoint
from observe.model import Session

SECTION_TITLES = (
    "Figures per visit",
    "Responding to cues over the visits",
    "Response latency over the visits",
    "What the figures count",
)


def write_trend_report(
    sessions: Sequence[Session],
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
) -> Path:
    """Write the trend report over one dyad's sessions to ``path`` (0600); return the path."""
    from observe.analysis import analyze_dyad

    if not sessions:
        raise ReportError("there are no sessions to report on; record or import a session first.")
    dyads = sorted({s.dyad for s in sessions})
    if len(dyads) > 1:
        raise ReportError(
            f"a trend report covers one dyad, but these sessions belong to {', '.join(dyads)}; "
            "choose one dyad."
        )
    trend = analyze_dyad(sessions)
    return write_report(
        path,
        lambda width: trend_story(sessions, trend, width),
        title=f"Trend report {trend.dyad}",
        running_title=f"Trend report · {trend.dyad}",
        scheme_digests=[s.scheme_digest for s in sessions],
        pagesize=pagesize,
        generated=generated,
    )


def trend_story(sessions: Sequence[Session], trend: DyadTrend, width: float) -> list[Flowable]:
    points = trend.sessions
    schemes = sorted({f"{s.scheme.name} (version {s.scheme.version})" for s in sessions})
    counted = {point.session for point in points}
    observers = sorted({s.observer for s in sessions if s.observer and s.id in counted})
    facts = [
        ("Dyad", trend.dyad),
        ("Coding scheme", "; ".join(schemes)),
        ("Visits", str(len(points))),
        ("Observers", ", ".join(observers) or display.MISSING),
        ("From", display.when(points[0].started_at, "words")),
        ("To", display.when(points[-1].started_at, "words")),
    ]
    double = [point for point in points if point.second_codings]
    if double:
        by_id = {s.id: s for s in sessions}
        facts.append(("Double-coded", "; ".join(_counted_once(p, by_id) for p in double)))
    if any(s.origin == "demo" for s in sessions):
        facts.append(("Data", "synthetic demonstration data, not a real family"))
    story: list[Flowable] = [
        Paragraph("Trend report", styles.TITLE),
        Spacer(0, 4),
        facts_table(facts, width),
        Spacer(0, 2),
    ]
    unfinished = {s.id for s in sessions if s.status != "ended"}
    if any(s.scheme.contingencies for s in sessions):  # rules of their own: one part each
        story += rule_parts(sessions, trend, width, unfinished)
    else:
        story += _charts(points, width)
        story += [
            heading(SECTION_TITLES[0]),
            figures_table(points, width, unfinished),
            Spacer(0, 2),
            Paragraph(
                "Median latency: the median, then in brackets how many answered cues it is the "
                f"middle of. {wording.LATENCY_CAVEAT}",
                styles.NOTE,
            ),
        ]
    story += visit_times(sessions, points, width)
    if unfinished:
        story.append(
            Paragraph(
                "* This session had not ended when the report was made; its figures may "
                "still change.",
                styles.NOTE,
            )
        )
    explanations: list[Flowable] = [heading(SECTION_TITLES[3])]
    for name, explanation in _explanations():
        explanations.append(Paragraph(f"<b>{name}</b>: {explanation}", styles.SMALL))
        explanations.append(Spacer(0, 2))
    if not any(s.scheme.contingencies for s in sessions):  # a rule's part explains its own
        story.append(KeepTogether(explanations))
    return story


def _counted_once(point: TrendPoint, by_id: dict[str, Session]) -> str:
    """How a visit two observers coded is counted: once, from its primary coding."""

    def who(session_id: str) -> str:
        session = by_id.get(session_id)
        return f"{session.observer}'s" if session is not None and session.observer else "the"

    others = " or ".join(who(i) for i in point.second_codings)
    return (
        f"visit {point.visit or display.MISSING} was coded by "
        f"{'two' if len(point.second_codings) == 1 else len(point.second_codings) + 1} "
        f"observers and counts once, from {who(point.session)} coding (not {others})"
    )


def _charts(points: Sequence[TrendPoint], width: float) -> list[Flowable]:
    return trend_charts(points, width, SECTION_TITLES[1:3])


def _explanations() -> list[tuple[str, str]]:
    return [
        ("Cues", "how many times the observer coded an infant cue in that visit."),
        ("Response rate", "cues the caregiver responded to within the cue's response window."),
        ("Match rate", "cues whose first response suited the cue."),
        (
            "Attuned rate",
            "cues met with a suitable response, at once or after a first "
            "response that did not suit.",
        ),
        (
            "Repair rate",
            "of the cues whose first response did not suit, how many were "
            "followed by a suitable one within the repair window and before the baby's "
            "next cue.",
        ),
        (
            "Median latency",
            "typical time from a cue to the first response (half were quicker), with n, "
            "the number of answered cues it rests on; the shaded band holds the middle half "
            "of the latencies.",
        ),
        (
            "Yule's Q",
            "whether responses start more often in the seconds after cues than at other "
            "moments: 0 no more often, +1 only after cues, -1 only at other moments; shown "
            "as – for a visit with fewer than 5 cues.",
        ),
    ]
