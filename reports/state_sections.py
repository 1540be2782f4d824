"""The session report's sections on time: the time in each state of the scheme's state
groups, and the periods that could not be coded.

Both come from :func:`observe.analysis.analyze_session`: a state's share is of the codable
time (the session less its periods that could not be coded), so the states of an exhaustive
group add up to the whole of it; a period that could not be coded is left out of every
figure, and a cue whose window it cut without an answer is counted as neither answered nor
unanswered.
"""

from __future__ import annotations

from observe.reports import styles
from observe.reports.moments import RuleView
from observe.reports.sections import heading
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import SessionAnalysis
from observe.labels import code_label
from observe.model import Session

STATES_TITLE = "Time in each state"
EXCLUDED_TITLE = "Periods that could not be coded"


def _share(proportion: float | None) -> str:
    return display.percent(proportion)


def states_section(session: Session, analysis: SessionAnalysis, width: float) -> list[Flowable]:
    """One table per state group: each state's time and share of the codable time."""
    if not analysis.states:
        return []
    flow: list[Flowable] = [heading(STATES_TITLE)]
    codable = analysis.excluded.codable
    left_out = (
        f", that is the session's {display.duration_words(analysis.duration)} less the "
        f"{display.duration_words(analysis.excluded.seconds)} that could not be coded"
        if analysis.excluded.seconds
        else ""
    )
    flow.append(
        Paragraph(
            "How long each state lasted, and its share of the time that could be coded "
            f"({display.duration_words(codable)}{left_out}).",
            styles.NOTE,
        )
    )
    for group in analysis.states.values():
        rows = [
            (
                code_label(session.scheme, code),
                display.seconds(found.seconds),
                _share(found.proportion),
            )
            for code, found in group.states.items()
        ]
        if group.no_state.seconds > 0:
            rows.append(
                (
                    "No state coded",
                    display.seconds(group.no_state.seconds),
                    _share(group.no_state.proportion),
                )
            )
        total = sum(found.seconds for found in group.states.values()) + group.no_state.seconds
        rows.append(("Codable time", display.seconds(total), _share(1.0 if total else None)))
        kind = []
        if group.exclusive:
            kind.append("one state at a time")
        if group.exhaustive:
            kind.append("always in one of them")
        said = f"<b>{group.label}</b>" + (f" ({', '.join(kind)})" if kind else "")
        if group.overlaps:
            said += (
                f". {group.overlaps} start{'s' if group.overlaps != 1 else ''} of a state "
                "while another of the group was on (the earlier one is taken as ended there)"
            )
        table = data_table(
            ("State", "Time", "Share of codable time"),
            rows,
            [width * 0.5, width * 0.25, width * 0.25],
            numeric_from=1,
        )
        flow.append(
            KeepTogether([Spacer(0, 4), Paragraph(said + ".", styles.BODY), Spacer(0, 2), table])
        )
    return flow


def excluded_section(
    analysis: SessionAnalysis, views: list[RuleView], width: float
) -> list[Flowable]:
    """The periods that could not be coded, and what they took out of the figures."""
    excluded = analysis.excluded
    if not excluded.periods:
        return []
    count = len(excluded.periods)
    rows = [
        (display.clock(start), display.clock(end), display.seconds(end - start))
        for start, end in excluded.periods
    ]
    not_counted = [
        f"{view.summary.outcomes.not_codable} {view.words.cue}"
        f"{'s' if view.summary.outcomes.not_codable != 1 else ''} of "
        f"“{view.rule.label}”"
        for view in views
        if view.summary.outcomes.not_codable
    ]
    cut = (
        " Not counted because such a period cut their window before any answer: "
        + "; ".join(not_counted)
        + "."
        if not_counted
        else ""
    )
    said = (
        f"The observer marked {count} period{'s' if count != 1 else ''} "
        f"({display.duration_words(excluded.seconds)} in all) when the interaction could not "
        "be coded (the baby out of view, a phone call). They are left out of every figure in "
        "this report: of the rates, of the one-second pieces behind Yule's Q and of the "
        f"time in each state.{cut}"
    )
    table = data_table(
        ("From", "To", "Length"),
        rows,
        [width * 0.3, width * 0.3, width * 0.4],
        numeric_from=0,
    )
    return [
        KeepTogether([heading(EXCLUDED_TITLE), Paragraph(said, styles.BODY), Spacer(0, 3), table])
    ]


def excluded_fact(analysis: SessionAnalysis) -> tuple[str, str] | None:
    """The header's line on the periods that could not be coded, if any."""
    excluded = analysis.excluded
    if not excluded.periods:
        return None
    count = len(excluded.periods)
    return (
        "Not codable",
        f"{count} period{'s' if count != 1 else ''}, {display.duration_words(excluded.seconds)}",
    )
