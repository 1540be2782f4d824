"""The session report: one visit, for the clinician and the home visitor (DESIGN §7).

Every figure comes from :func:`observe.analysis.analyze_session`; this module only lays
them out and explains them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from observe.reports import rule_sections, styles, wording
from observe.reports.document import write_report
from observe.reports.moments import RuleView, rule_views
from observe.reports.notes import ratings_and_notes
from observe.reports.rule_words import actor_phrase
from observe.reports.sections import facts_table, heading
from observe.reports.state_sections import excluded_fact, excluded_section, states_section
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, Paragraph, Spacer

from observe import display
from observe.analysis.results import SessionAnalysis
from observe.labels import code_label
from observe.model import Session

SECTION_TITLES = (
    "Key figures at a glance",
    "By cue type",
    "Timeline",
    "How quickly the caregiver responded",
    "Responses after cues compared with other moments",
    "Moments to revisit",
    "Ratings and observer notes",
)
OVERVIEW_TITLE = "The rules at a glance"


def write_session_report(
    session: Session,
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
    stills: Mapping[int, Path] | None = None,
    video_note: str | None = None,
) -> Path:
    """Write the PDF report of one session to ``path`` (0600) and return the path.

    ``pagesize`` is ``"a4"`` or ``"letter"`` (default: from the locale); ``generated``
    is the date printed in the footer (default: now) — the same session and date always
    give the same bytes. ``stills`` are the still frames of the moments (moment number →
    image file, made from the linked video by ``observe.media.report_stills``);
    ``video_note`` the one line saying why a linked video gave none.
    """
    from observe.analysis import analyze_session

    analysis = analyze_session(session)
    visit = f" · visit {session.visit}" if session.visit else ""
    day = display.when(session.started_at, "day")
    return write_report(
        path,
        lambda width: session_story(session, analysis, width, stills or {}, video_note),
        title=f"Session report {session.dyad}{visit}",
        running_title=f"Session report · {session.dyad}{visit} · {day}",
        scheme_digests=[session.scheme_digest],
        pagesize=pagesize,
        generated=generated,
    )


def session_story(
    session: Session,
    analysis: SessionAnalysis,
    width: float,
    stills: Mapping[int, Path] | None = None,
    video_note: str | None = None,
) -> list[Flowable]:
    """The report's flowables. A scheme with one rule (every scheme before rules were
    written, whose default rule is its cues and responses) gets the sections in the order
    of ``SECTION_TITLES``; a scheme with rules of its own gets them rule by rule, each under
    the rule's name. Either way the time in each state and the periods that could not be
    coded follow, where the session has them, then the ratings and notes. The first rule's
    moments to revisit are numbered (as ``observe moments`` numbers them) when the session
    has a video or marks, followed by the observer's marks and the ``stills``."""
    views = rule_views(session, analysis)
    story: list[Flowable] = [
        Paragraph("Session report", styles.TITLE),
        Spacer(0, 4),
        _header(session, analysis, width, video_note),
    ]
    replay = rule_sections.Replay(session, stills or {})
    if len(views) == 1 and views[0].rule.default:
        view = views[0]
        story += rule_sections.key_figures(view, width)
        story += rule_sections.by_cue(session, view, width)
        story += rule_sections.timeline(session, analysis, view, width)
        story += rule_sections.latency(session, view, width)
        story += rule_sections.contingency(view, width)
        story += rule_sections.moments(session, view, width, replay)
    else:
        story += _rules_overview(session, views, width)
        for number, view in enumerate(views, 1):
            story += _rule_heading(session, view, number)
            story += rule_sections.key_figures(view, width)
            story += rule_sections.by_cue(session, view, width)
            story += rule_sections.timeline(session, analysis, view, width)
            story += rule_sections.latency(session, view, width)
            story += rule_sections.contingency(view, width)
            story += rule_sections.moments(session, view, width, replay if number == 1 else None)
    story += states_section(session, analysis, width)
    story += excluded_section(analysis, views, width)
    story += ratings_and_notes(session, width, SECTION_TITLES[6])
    return story


def _rules_overview(session: Session, views: list[RuleView], width: float) -> list[Flowable]:
    """What each rule looks for, and its figures side by side."""
    rows = [
        (
            view.rule.label,
            str(view.summary.cues),
            display.percent(view.summary.response_rate),
            display.percent(view.summary.attuned_rate),
            wording.median_text(view.summary.latency.median, view.summary.latency.n),
            display.number(view.summary.contingency.yules_q),
        )
        for view in views
    ]
    return [
        heading(OVERVIEW_TITLE),
        Paragraph(
            "The scheme looks at the interaction through the rules below, each with figures "
            "of its own in the sections that follow: when one of the rule's events happens, "
            "does an answer it lists follow within the rule's window, and does it suit?",
            styles.NOTE,
        ),
        Spacer(0, 3),
        data_table(
            ("Rule", "Events", "Response rate", "Attuned rate", "Median latency", "Yule's Q"),
            rows,
            [width * f for f in (0.36, 0.1, 0.13, 0.13, 0.16, 0.12)],
            numeric_from=1,
        ),
    ]


def _rule_heading(session: Session, view: RuleView, number: int) -> list[Flowable]:
    """The rule's name as a title of its part of the report, and what it looks for."""
    scheme, rule = session.scheme, view.rule
    first = ", ".join(code_label(scheme, code) for code in rule.antecedents)
    then = ", ".join(code_label(scheme, code) for code in rule.consequents)
    said = (
        f"When {actor_phrase(scheme, rule.antecedents)} shows one of: {first} — "
        f"does {actor_phrase(scheme, rule.consequents)} answer within "
        f"{wording.window_phrase([rule.window, *rule.windows.values()])} with one of: {then}? "
        f"A first answer that does not suit can be put right within {rule.repair_window:g} s."
    )
    return [
        Spacer(0, 8),
        Paragraph(wording.text(f"Rule {number}: {rule.label}"), styles.TITLE),
        Paragraph(wording.text(said), styles.NOTE),
    ]


def _header(
    session: Session, analysis: SessionAnalysis, width: float, video_note: str | None = None
) -> Flowable:
    scheme = session.scheme
    facts = [
        ("Dyad", session.dyad),
        ("Coding scheme", f"{scheme.name} (version {scheme.version})"),
        ("Visit", session.visit or display.MISSING),
        ("Context", session.context or display.MISSING),
        ("Date and time", display.when(session.started_at, "words")),
        ("Observer", session.observer or display.MISSING),
        ("Duration", display.duration_words(analysis.duration)),
        ("Session", session.id[:8]),
    ]
    if session.status != "ended":
        facts.append(
            ("Status", f"{session.status}: the session had not ended when this report was made")
        )
    if session.origin == "demo":
        facts.append(("Data", "synthetic demonstration data, not a real family"))
    excluded = excluded_fact(analysis)
    if excluded is not None:
        facts.append(excluded)
    if session.recording is not None:
        video = f"{session.recording.name} (session clock at {session.recording_offset:+.1f} s)"
        facts.append(("Video", video + (f". {video_note}" if video_note else "")))
    return facts_table(facts, width)
