"""The session report's sections of one contingency rule: the figures at a glance, the table
per antecedent type, the timeline, how quickly the answers came, answers after antecedents
against other moments, and the moments to revisit.

The default rule of a scheme (infant cues, caregiver responses) is worded and laid out as
the session report always was; every other rule in the words of :mod:`rule_words`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from attrs import frozen
from observe.reports import styles, wording
from observe.reports.charts.latency import latency_histogram
from observe.reports.charts.timeline import (
    TimelineCue,
    TimelineResponse,
    timeline_legend,
    timeline_strips,
)
from observe.reports.moments import (
    RuleView,
    caregiver_responses,
    marked_moments,
    moments_to_revisit,
)
from observe.reports.rule_words import Words
from observe.reports.sections import heading, key_figures_table
from observe.reports.stills import stills_grid
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.results import SessionAnalysis, Summary
from observe.labels import code_label
from observe.model import Session


@frozen
class Replay:
    """What the moments of a session with a video or marks add: numbers (those of
    ``observe moments``), the observer's marks after the cues, and a still per moment."""

    session: Session
    stills: Mapping[int, Path]

    @property
    def numbered(self) -> bool:
        return self.session.recording is not None or bool(self.session.marks)


def titles(view: RuleView) -> tuple[str, ...]:
    """The rule's section titles (the default rule's are the report's own)."""
    words = view.words
    if view.rule.default:
        return (
            "Key figures at a glance",
            "By cue type",
            "Timeline",
            "How quickly the caregiver responded",
            "Responses after cues compared with other moments",
            "Moments to revisit",
        )
    return (
        "Key figures at a glance",
        f"By {words.cue} type",
        "Timeline",
        f"How quickly {words.who} responded",
        f"Responses after {words.cues} compared with other moments",
        "Moments to revisit",
    )


def key_figures(view: RuleView, width: float) -> list[Flowable]:
    rule = view.rule
    windows = [rule.window_for(c.code) for c in view.cues] or [rule.window]
    figures = wording.key_figures(
        view.summary, wording.window_phrase(windows), rule.repair_window, view.words
    )
    return [heading(titles(view)[0]), key_figures_table(figures, width)]


def by_cue(session: Session, view: RuleView, width: float) -> list[Flowable]:
    cue = view.words.cue
    return [
        heading(titles(view)[1]),
        Paragraph(
            f"The same figures for each kind of {cue} in the scheme (also those not seen in "
            "this visit, so visits can be compared row by row). Outcome columns count "
            f"{cue}s; the response rate is out of that row's {cue}s, the repair rate out of "
            f"its {cue}s whose first response did not suit.",
            styles.NOTE,
        ),
        Spacer(0, 3),
        _by_cue_table(session, view, width),
    ]


def _by_cue_table(session: Session, view: RuleView, width: float) -> Flowable:
    order = [code for code in view.rule.antecedents if code in view.by_cue]
    order += sorted(code for code in view.by_cue if code not in order)
    rows = []
    for code in order:
        figures = view.by_cue[code]
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
    if not view.summary.cues:
        responses = len(caregiver_responses(session, view.rule))
        if view.rule.default:
            whose = "The caregiver's"
        else:
            whose = view.words.whose[:1].upper() + view.words.whose[1:]
        seen = (
            f" {whose} {responses} coded response{'s are' if responses != 1 else ' is'} "
            "on the timeline below."
            if responses
            else ""
        )
        return Paragraph(f"No {view.words.cues} were coded in this session.{seen}", styles.BODY)
    fractions = (0.19, 0.07, 0.095, 0.095, 0.12, 0.12, 0.10, 0.11, 0.10)
    return data_table(
        (
            f"{view.words.cue.capitalize()} type",
            view.words.cues.capitalize(),
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


def timeline(
    session: Session, analysis: SessionAnalysis, view: RuleView, width: float
) -> list[Flowable]:
    rule, words = view.rule, view.words
    cues = [TimelineCue(result, rule.window_for(result.code)) for result in view.cues]
    responses = [TimelineResponse(e.t, e.code) for e in caregiver_responses(session, rule)]
    excluded = analysis.excluded.periods
    strips = timeline_strips(
        analysis.duration,
        cues,
        responses,
        [p.at for p in session.pauses],
        width,
        excluded=excluded,
        lanes=(words.lane, words.answer_lane),
    )
    if rule.default:
        said = (
            "Each cue is placed at the moment the observer coded it, shaped and coloured by "
            "what followed; the pale bar after it is its response window. Ticks below are the "
            "caregiver's responses, and a thin line joins a cue to the first response within "
            "its window. Times are minutes:seconds of observed time (the clock stops during "
            "pauses)."
        )
    else:
        said = (
            f"Each {words.cue} is placed at the moment the observer coded it, shaped and "
            "coloured by what followed; the pale bar after it is its response window. Ticks "
            f"below are the responses from {words.who}, and a thin line joins a "
            f"{words.cue} to the first response within its window. Times are minutes:seconds "
            "of observed time (the clock stops during pauses)."
        )
    if excluded:
        said += " Hatched bands are periods that could not be coded."
    legend = timeline_legend(
        width,
        cue=words.cue,
        response="Caregiver response" if rule.default else "Response",
        not_codable=bool(excluded),
    )
    first = [
        heading(titles(view)[2]),
        Paragraph(said, styles.NOTE),
        Spacer(0, 3),
        legend,
        Spacer(0, 2),
        strips[0],
    ]
    return [KeepTogether(first), *strips[1:]]


def latency(session: Session, view: RuleView, width: float) -> list[Flowable]:
    """How quickly the answers came (the rule's window is the histogram's reference line)."""
    summary, words, rule = view.summary, view.words, view.rule
    cue = words.cue
    latencies = [c.latency for c in view.cues if c.latency is not None]
    windows = [rule.window_for(c.code) for c in view.cues]
    found = summary.latency
    if found.n:
        reading = (
            f"{found.n} {cue}{'s' if found.n != 1 else ''} received a response. Median "
            f"latency {wording.median_text(found.median, found.n)}; half of the responses "
            f"came between {display.seconds(found.q1)} and {display.seconds(found.q3)} "
            f"after the {cue}. Answered within 2 s: {display.percent(summary.within_2s)} of "
            f"all {cue}s; within 5 s: {display.percent(summary.within_5s)}."
        )
    elif summary.cues:
        reading = f"No {cue} received a response within its window, so there are no latencies."
    else:
        reading = f"No {cue}s were coded, so there are no latencies to show."
    repair = summary.time_to_repair
    if repair.n:
        reading += (
            f" When a first response did not suit the {cue}, a suitable one followed after a "
            f"median of {display.seconds(repair.median)} ({repair.n} repair"
            f"{'s' if repair.n != 1 else ''})."
        )
    intensity = summary.intensity
    paired = intensity.matched + intensity.under + intensity.over
    if session.scheme.intensity_levels and paired:
        reading += (
            f" Intensity, where a {cue} and its first response both carry one ({paired} "
            f"{cue}s): the response matched the {cue}'s intensity {intensity.matched} times, "
            f"was gentler {intensity.under} times and stronger {intensity.over} times."
        )
    flow: list[Flowable] = [heading(titles(view)[3]), Paragraph(reading, styles.BODY)]
    if latencies:  # an empty histogram would only repeat the sentence above
        flow += [
            Spacer(0, 4),
            latency_histogram(latencies, found.median, windows, rule.window, width),
            Spacer(0, 2),
            Paragraph(words.caveat, styles.NOTE),
        ]
    return [KeepTogether(flow)]


def contingency(view: RuleView, width: float) -> list[Flowable]:
    summary, words = view.summary, view.words
    found = summary.contingency
    (a, b), (c, d) = found.table
    odds = display.number(found.odds_ratio)
    table = data_table(
        ("Seconds of the session", "A response started", "No response started", "Total"),
        [
            (f"Inside a {words.cue}'s response window", str(a), str(b), str(a + b)),
            ("Outside every response window", str(c), str(d), str(c + d)),
        ],
        [width * 0.40, width * 0.2, width * 0.2, width * 0.2],
        numeric_from=1,
        zebra=False,
    )
    cut = "The session cut into one-second pieces and counted:"
    return [
        KeepTogether(
            [
                heading(titles(view)[4]),
                Paragraph(
                    f"<b>Yule's Q: {display.number(found.yules_q)}</b> (odds ratio {odds}). "
                    + wording.text(wording.contingency_reading(found.yules_q, summary.cues, words)),
                    styles.BODY,
                ),
                Spacer(0, 4),
                Paragraph(cut, styles.NOTE),
                Spacer(0, 2),
                table,
            ]
        )
    ]


def moments(
    session: Session, view: RuleView, width: float, replay: Replay | None = None
) -> list[Flowable]:
    summary, words = view.summary, view.words
    found = moments_to_revisit(session, view)
    marks = marked_moments(session) if replay is not None else []
    numbered = replay is not None and replay.numbered
    strengths = _what_went_well(summary, words)
    title = heading(titles(view)[5])
    cue = words.cue
    flow: list[Flowable] = [title]
    if not found:
        none = (
            f"No {cue} went unanswered or was met with a response that did not suit it, so "
            "there are no moments to single out."
            if summary.cues
            else f"No {cue}s were coded in this session, so there are no moments to single out."
        )
        flow.append(Paragraph(strengths + none, styles.BODY))
        if not marks:
            return flow
    else:
        flow.append(
            Paragraph(
                strengths + f"The moments below are ones where {words.signal} had no response "
                "in time, or a response other than those that usually suit it. They are "
                f"openings to wonder together with the family about what {_meaning(words)}, "
                f"not faults: {words.nobody}.",
                styles.BODY,
            )
        )
    if marks:
        flow.append(
            Paragraph(
                f"The observer also marked {len(marks)} moment{'s' if len(marks) != 1 else ''} "
                f"while coding (listed after the {cue}s).",
                styles.NOTE,
            )
        )
    flow.append(Spacer(0, 4))
    rows = []
    captions = []
    for number, moment in enumerate([*found, *marks], start=1):
        happened = moment.happened + (f" Observer's note: {moment.note}" if moment.note else "")
        row = [display.clock(moment.t), moment.cue, happened, moment.followed]
        rows.append([str(number), *row] if numbered else row)
        captions.append((number, f"{display.clock(moment.t)} {moment.cue}"))
    if numbered:
        headers = ("#", "Time", cue.capitalize(), "What happened", "What followed")
        widths = [width * 0.04, width * 0.08, width * 0.16, width * 0.42, width * 0.30]
    else:
        headers = ("Time", cue.capitalize(), "What happened", "What followed")
        widths = [width * 0.08, width * 0.18, width * 0.44, width * 0.30]
    flow.append(data_table(headers, rows, widths))
    stills = stills_grid(captions, replay.stills, width) if replay is not None else []
    return [KeepTogether(flow), *stills]


def _meaning(words: Words) -> str:
    if words.cue == "cue":
        return "the baby may have been saying"
    return f"{words.who} may have been showing"


def _what_went_well(summary: Summary, words: Words) -> str:
    """The opening of "moments to revisit": what went well, before what was missed."""
    met = summary.outcomes.matched + summary.outcomes.repaired
    answered = summary.cues - summary.outcomes.unanswered
    if met:
        return (
            f"To start from what went well: {met} of {summary.cues} {words.cues} were met with "
            "a response that suited them. "
        )
    if answered:
        return (
            f"To start from what went well: {words.who} responded to {answered} of "
            f"{summary.cues} {words.cues}. "
        )
    return ""
