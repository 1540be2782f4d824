"""The trend report of a dyad coded with a scheme that has rules of its own: one part per
rule, under its name (the charts over the visits and the figures per visit, in the rule's
words), then the time in each state and the time that could not be coded, visit by visit.

A scheme without rules of its own keeps the trend report it always had
(:mod:`trend_report`); the visits' states and periods that could not be coded are added to
it only where its sessions have them.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.reports import styles, wording
from observe.reports.rule_words import rule_words
from observe.reports.sections import heading
from observe.reports.tables import data_table
from observe.reports.trend_sections import figures_table, trend_charts
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import DyadTrend, SessionAnalysis, TrendPoint
from observe.labels import code_label
from observe.model import Session

STATES_TITLE = "Time in each state over the visits"


def rule_parts(
    sessions: Sequence[Session], trend: DyadTrend, width: float, unfinished: set[str]
) -> list[Flowable]:
    """Each rule's charts and table, under the rule's name."""
    flow: list[Flowable] = []
    for number, rule_trend in enumerate(trend.rules, 1):
        scheme_rule = next(
            (
                (s.scheme, rule)
                for s in sessions
                for rule in s.scheme.rules
                if rule.id == rule_trend.id
            ),
            None,
        )
        if scheme_rule is None:
            continue
        words = rule_words(*scheme_rule)
        points = rule_trend.sessions
        cues = words.cues.capitalize()
        flow += [
            Spacer(0, 4),
            Paragraph(wording.text(f"Rule {number}: {rule_trend.label}"), styles.TITLE),
        ]
        flow += trend_charts(
            points,
            width,
            (
                f"Responding to {words.cues} over the visits",
                f"Response latency over the visits ({words.cues})",
            ),
            words.caveat,
            words.cue,
        )
        flow += [
            heading(f"Figures per visit ({words.cues})"),
            figures_table(points, width, unfinished, cues),
            Spacer(0, 2),
            Paragraph(
                f"{cues}: how many times the observer coded {words.coded}. Response rate: "
                f"{words.cues} {words.who} responded to within the {words.cue}'s window. "
                "Median latency: the median, then in brackets how many answered "
                f"{words.cues} it is the middle of.",
                styles.NOTE,
            ),
        ]
    return flow


def visit_times(
    sessions: Sequence[Session], points: Sequence[TrendPoint], width: float
) -> list[Flowable]:
    """Per visit: the share of codable time in each state of each state group, and the time
    that could not be coded. Nothing when no visit has either."""
    from observe.analysis import analyze_session

    by_id = {s.id: s for s in sessions}
    counted = [by_id[p.session] for p in points if p.session in by_id]
    if not any(s.scheme.state_groups or s.excluded for s in counted):
        return []
    analyses = [(s, analyze_session(s)) for s in counted]
    groups: dict[str, tuple[str, list[str]]] = {}  # group id: (label, its states)
    for _session, analysis in analyses:
        for group_id, group in analysis.states.items():
            codes = groups.setdefault(group_id, (group.label, []))[1]
            codes += [code for code in group.states if code not in codes]
    note = Paragraph(
        "Each state's share of the time that could be coded in that visit (the visit "
        "less the periods the observer could not code, which are left out of every figure "
        "in this report).",
        styles.NOTE,
    )
    tables = [
        _group_table(analyses, group_id, label, codes, width)
        for group_id, (label, codes) in groups.items()
    ]
    tables.append(_not_codable_table(analyses, width))
    # the heading stays with its first table
    return [KeepTogether([heading(STATES_TITLE), note, tables[0]]), *tables[1:]]


def _group_table(
    analyses: list[tuple[Session, SessionAnalysis]],
    group_id: str,
    label: str,
    codes: list[str],
    width: float,
) -> Flowable:
    scheme = next(s.scheme for s, a in analyses if group_id in a.states)
    rows = []
    for session, analysis in analyses:
        group = analysis.states.get(group_id)
        if group is None:
            continue
        shares = [
            display.percent(group.states[code].proportion) if code in group.states else "–"
            for code in codes
        ]
        rows.append([session.visit or display.MISSING, *shares])
    share = (1.0 - 0.12) / max(1, len(codes))
    table = data_table(
        ("Visit", *(code_label(scheme, code) for code in codes)),
        rows,
        [width * 0.12, *(width * share for _ in codes)],
        numeric_from=1,
    )
    return KeepTogether(
        [Spacer(0, 3), Paragraph(f"<b>{wording.text(label)}</b>", styles.BODY), table]
    )


def _not_codable_table(analyses: list[tuple[Session, SessionAnalysis]], width: float) -> Flowable:
    rows = [
        [
            session.visit or display.MISSING,
            str(len(analysis.excluded.periods)),
            display.duration_words(analysis.excluded.seconds),
            display.duration_words(analysis.excluded.codable),
        ]
        for session, analysis in analyses
    ]
    table = data_table(
        ("Visit", "Periods not codable", "Time not codable", "Codable time"),
        rows,
        [width * 0.12, width * 0.28, width * 0.3, width * 0.3],
        numeric_from=1,
    )
    title = Paragraph("<b>Periods that could not be coded</b>", styles.BODY)
    return KeepTogether([Spacer(0, 3), title, table])
