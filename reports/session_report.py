"""The session report: one visit, for the clinician and the home visitor (DESIGN §7).

Every figure comes from :func:`observe.analysis.analyze_session`; this module only lays
them out and explains them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from observe.reports import styles, wording
from observe.reports.charts.latency import latency_histogram
from observe.reports.charts.timeline import (
    TimelineCue,
    TimelineResponse,
    timeline_legend,
    timeline_strips,
)
from observe.reports.document import write_report
from observe.reports.moments import caregiver_responses, marked_moments, moments_to_revisit
from observe.reports.notes import ratings_and_notes
from observe.reports.sections import facts_table, heading, key_figures_table
from observe.reports.stills import stills_grid
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import SessionAnalysis, Summary
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
    summary = analysis.summary
    scheme = session.scheme
    windows = [scheme.window_for(c.code) for c in analysis.cues] or [scheme.response_window]
    story: list[Flowable] = [
        Paragraph("Session report", styles.TITLE),
        Spacer(0, 4),
        _header(session, analysis, width, video_note),
        heading(SECTION_TITLES[0]),
        key_figures_table(
            wording.key_figures(summary, wording.window_phrase(windows), scheme.repair_window),
            width,
        ),
        heading(SECTION_TITLES[1]),
        Paragraph(
            "The same figures for each kind of cue in the scheme (also those not seen in this "
            "visit, so visits can be compared row by row). Outcome columns count cues; the "
            "response rate is out of that row's cues, the repair rate out of its cues whose "
            "first response did not suit.",
            styles.NOTE,
        ),
        Spacer(0, 3),
        _by_cue_table(session, analysis, width),
    ]
    story += _timeline(session, analysis, width)
    story += _latency(session, analysis, width)
    story += _contingency(summary, width)
    story += _moments(session, analysis, width, stills or {})
    story += ratings_and_notes(session, width, SECTION_TITLES[6])
    return story


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
    if session.recording is not None:
        video = f"{session.recording.name} (session clock at {session.recording_offset:+.1f} s)"
        facts.append(("Video", video + (f". {video_note}" if video_note else "")))
    return facts_table(facts, width)


def _by_cue_table(session: Session, analysis: SessionAnalysis, width: float) -> Flowable:
    order = [c.id for c in session.scheme.cues if c.id in analysis.by_cue]
    order += sorted(code for code in analysis.by_cue if code not in order)
    rows = []
    for code in order:
        figures = analysis.by_cue[code]
        outcomes = figures.outcomes
        rows.append(
            [
                code_label(session.scheme, code),
                str(figures.cues),
                str(outcomes.matched),
                str(outcomes.repaired),
                str(outcomes.mismatched),
                str(outcomes.unanswered),
                display.percent(figures.response_rate),
                wording.median_text(figures.latency.median, figures.latency.n),
                display.percent(figures.repair_rate),
            ]
        )
    if not analysis.summary.cues:
        responses = len(caregiver_responses(session))
        seen = (
            f" The caregiver's {responses} coded response{'s are' if responses != 1 else ' is'} "
            "on the timeline below."
            if responses
            else ""
        )
        return Paragraph(f"No cues were coded in this session.{seen}", styles.BODY)
    fractions = (0.19, 0.07, 0.095, 0.095, 0.12, 0.12, 0.10, 0.11, 0.10)
    return data_table(
        (
            "Cue type",
            "Cues",
            "Matched",
            "Repaired",
            "Mismatched",
            "Unanswered",
            "Response rate",
            "Median latency",
            "Repair rate",
        ),
        rows,
        [width * f for f in fractions],
        numeric_from=1,
    )


def _timeline(session: Session, analysis: SessionAnalysis, width: float) -> list[Flowable]:
    scheme = session.scheme
    cues = [TimelineCue(result, scheme.window_for(result.code)) for result in analysis.cues]
    responses = [TimelineResponse(e.t, e.code) for e in caregiver_responses(session)]
    strips = timeline_strips(
        analysis.duration, cues, responses, [p.at for p in session.pauses], width
    )
    intro = Paragraph(
        "Each cue is placed at the moment the observer coded it, shaped and coloured by what "
        "followed; the pale bar after it is its response window. Ticks below are the "
        "caregiver's responses, and a thin line joins a cue to the first response within its "
        "window. Times are minutes:seconds of observed time (the clock stops during pauses).",
        styles.NOTE,
    )
    first = [
        heading(SECTION_TITLES[2]),
        intro,
        Spacer(0, 3),
        timeline_legend(width),
        Spacer(0, 2),
        strips[0],
    ]
    return [KeepTogether(first), *strips[1:]]


def _latency(session: Session, analysis: SessionAnalysis, width: float) -> list[Flowable]:
    summary = analysis.summary
    scheme = session.scheme
    latencies = [c.latency for c in analysis.cues if c.latency is not None]
    windows = [scheme.window_for(c.code) for c in analysis.cues]
    latency = summary.latency
    if latency.n:
        reading = (
            f"{latency.n} cue{'s' if latency.n != 1 else ''} received a response. Median "
            f"latency {wording.median_text(latency.median, latency.n)}; half of the responses "
            f"came between {display.seconds(latency.q1)} and {display.seconds(latency.q3)} "
            f"after the cue. Answered within 2 s: {display.percent(summary.within_2s)} of all "
            f"cues; within 5 s: {display.percent(summary.within_5s)}."
        )
    elif summary.cues:
        reading = "No cue received a response within its window, so there are no latencies."
    else:
        reading = "No cues were coded, so there are no latencies to show."
    repair = summary.time_to_repair
    if repair.n:
        reading += (
            f" When a first response did not suit the cue, a suitable one followed after a "
            f"median of {display.seconds(repair.median)} ({repair.n} repair"
            f"{'s' if repair.n != 1 else ''})."
        )
    intensity = summary.intensity
    paired = intensity.matched + intensity.under + intensity.over
    if scheme.intensity_levels and paired:
        reading += (
            f" Intensity, where a cue and its first response both carry one ({paired} cues): "
            f"the response matched the cue's intensity {intensity.matched} times, was gentler "
            f"{intensity.under} times and stronger {intensity.over} times."
        )
    flow: list[Flowable] = [heading(SECTION_TITLES[3]), Paragraph(reading, styles.BODY)]
    if latencies:  # an empty histogram would only repeat the sentence above
        flow += [
            Spacer(0, 4),
            latency_histogram(latencies, latency.median, windows, scheme.response_window, width),
            Spacer(0, 2),
            Paragraph(wording.LATENCY_CAVEAT, styles.NOTE),
        ]
    return [KeepTogether(flow)]


def _contingency(summary: Summary, width: float) -> list[Flowable]:
    contingency = summary.contingency
    (a, b), (c, d) = contingency.table
    odds = display.number(contingency.odds_ratio)
    table = data_table(
        ("Seconds of the session", "A response started", "No response started", "Total"),
        [
            ("Inside a cue's response window", str(a), str(b), str(a + b)),
            ("Outside every response window", str(c), str(d), str(c + d)),
        ],
        [width * 0.40, width * 0.2, width * 0.2, width * 0.2],
        numeric_from=1,
        zebra=False,
    )
    return [
        KeepTogether(
            [
                heading(SECTION_TITLES[4]),
                Paragraph(
                    f"<b>Yule's Q: {display.number(contingency.yules_q)}</b> (odds ratio {odds}). "
                    + wording.text(wording.contingency_reading(contingency.yules_q, summary.cues)),
                    styles.BODY,
                ),
                Spacer(0, 4),
                Paragraph("The session cut into one-second pieces and counted:", styles.NOTE),
                Spacer(0, 2),
                table,
            ]
        )
    ]


def _moments(
    session: Session, analysis: SessionAnalysis, width: float, stills: Mapping[int, Path]
) -> list[Flowable]:
    summary = analysis.summary
    moments = moments_to_revisit(session, analysis)
    marks = marked_moments(session)
    strengths = _what_went_well(summary)
    title = heading(SECTION_TITLES[5])
    flow: list[Flowable] = [title]
    if not moments:
        none = (
            "No cue went unanswered or was met with a response that did not suit it, so "
            "there are no moments to single out."
            if summary.cues
            else "No cues were coded in this session, so there are no moments to single out."
        )
        flow.append(Paragraph(strengths + none, styles.BODY))
        if not marks:
            return flow
    else:
        flow.append(
            Paragraph(
                strengths + "The moments below are ones where the baby's signal had no "
                "response in time, or a response other than those that usually suit it. They "
                "are openings to wonder together with the family about what the baby may have "
                "been saying, not faults: no caregiver answers every cue.",
                styles.BODY,
            )
        )
    if marks:
        flow.append(
            Paragraph(
                f"The observer also marked {len(marks)} moment{'s' if len(marks) != 1 else ''} "
                "while coding (listed after the cues).",
                styles.NOTE,
            )
        )
    flow.append(Spacer(0, 4))
    rows = []
    captions = []
    for number, moment in enumerate([*moments, *marks], start=1):
        happened = moment.happened + (f" Observer's note: {moment.note}" if moment.note else "")
        rows.append([str(number), display.clock(moment.t), moment.cue, happened, moment.followed])
        captions.append((number, f"{display.clock(moment.t)} {moment.cue}"))
    flow.append(
        data_table(
            ("#", "Time", "Cue", "What happened", "What followed"),
            rows,
            [width * 0.04, width * 0.08, width * 0.16, width * 0.42, width * 0.30],
        )
    )
    return [KeepTogether(flow), *stills_grid(captions, stills, width)]


def _what_went_well(summary: Summary) -> str:
    """The opening of "moments to revisit": what the caregiver did, before what was missed."""
    met = summary.outcomes.matched + summary.outcomes.repaired
    answered = summary.cues - summary.outcomes.unanswered
    if met:
        return (
            f"To start from what went well: {met} of {summary.cues} cues were met with a "
            "response that suited them. "
        )
    if answered:
        return (
            f"To start from what went well: the caregiver responded to {answered} of "
            f"{summary.cues} cues. "
        )
    return ""
