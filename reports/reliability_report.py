"""The reliability report: how well two observers of the same interaction agree
(DESIGN §6, §7), for the programme lead who trains and checks home visitors.

Every figure comes from :func:`observe.analysis.reliability.compare_sessions`; this module
lays them out and explains them. Same sessions, result and date: the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from observe.reports import reliability_sections, styles, wording
from observe.reports.document import write_report
from observe.reports.reliability_sections import below_standard, is_usual
from observe.reports.reliability_tables import matrix_tables, observers_table
from observe.reports.sections import heading, key_figures_table
from observe.reports.tables import data_table
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from observe import display
from observe.analysis.reliability import actor_matrices, report_differences, session_pairs
from observe.analysis.reliability_codings import actor_title, lists_actors
from observe.analysis.reliability_results import AlignedPair, Reliability
from observe.labels import actor_role, actor_word, code_label
from observe.model import Session
from observe.scheme import Scheme

CODINGS = "The two codings"
AT_A_GLANCE = "Agreement at a glance"
CONFUSED = "Which codes the observers confused"
PER_CODE = "Agreement per code"
SAME_REPORT = "Would both session reports say the same?"
DIFFERENTLY = "Moments the observers coded differently"
SECTION_TITLES = (
    CODINGS,
    AT_A_GLANCE,
    reliability_sections.SECOND_BY_SECOND,
    CONFUSED,
    PER_CODE,
    reliability_sections.INTENSITIES,
    reliability_sections.RATINGS,
    SAME_REPORT,
    DIFFERENTLY,
)


def write_reliability_report(
    session_a: Session,
    session_b: Session,
    result: Reliability,
    path: Path,
    *,
    pagesize: str | None = None,
    generated: datetime | None = None,
) -> Path:
    """Write the PDF reliability report of ``result`` (the comparison of ``session_a`` and
    ``session_b``) to ``path`` (0600) and return the path.

    ``pagesize`` is ``"a4"`` or ``"letter"`` (default: from the locale); ``generated`` is
    the date printed in the footer (default: now).
    """
    if (result.session_a, result.session_b) != (session_a.id, session_b.id):
        raise ValueError("the result is not the comparison of these two sessions")
    visit = f" · visit {session_a.visit}" if session_a.visit else ""
    return write_report(
        path,
        lambda width: reliability_story(session_a, session_b, result, width),
        title=f"Reliability report {session_a.dyad}{visit}",
        running_title=f"Reliability report · {session_a.dyad}{visit} · "
        f"{session_a.id[:8]} and {session_b.id[:8]}",
        scheme_digests=[session_a.scheme_digest, session_b.scheme_digest],
        pagesize=pagesize,
        generated=generated,
    )


def reliability_story(
    session_a: Session, session_b: Session, result: Reliability, width: float
) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph("Observer agreement report", styles.TITLE),
        Spacer(0, 4),
        Paragraph(
            "Two observers coded the same interaction. This report lines their codings up and "
            "counts how often they coded the same thing at the same moment.",
            styles.BODY,
        ),
        heading(CODINGS),
        observers_table(_observer_rows(session_a, session_b), width),
        Spacer(0, 4),
        Paragraph(
            wording.text(
                _alignment_sentence(
                    result,
                    bool(session_a.pauses or session_b.pauses),
                    lists_actors(session_a.scheme),
                )
            ),
            styles.BODY,
        ),
    ]
    for warning in result.warnings:
        story.append(Spacer(0, 2))
        story.append(Paragraph(f"<b>Note:</b> {wording.text(warning)}", styles.BODY))
    story += _at_a_glance(result, width)
    if result.pairs:
        story += reliability_sections.second_by_second(
            result.time_units,
            width,
            result.actors,
            bool(session_a.excluded or session_b.excluded),
        )
    story += _matrix(session_a, result, width)
    story += _per_code(session_a, result, width)
    story += reliability_sections.intensities(result.intensity)
    story += reliability_sections.ratings(result.ratings, width)
    story += _side_by_side(result, width)
    story += _disagreements(session_a, session_pairs(session_a, session_b, result), width)
    return story


def _observer_rows(session_a: Session, session_b: Session) -> list[tuple[str, str, str]]:
    def facts(session: Session) -> list[str]:
        return [
            session.id[:8],
            session.dyad,
            session.visit or display.MISSING,
            session.observer or display.MISSING,
            display.when(session.started_at, "words"),
            display.duration_words(session.duration),
            str(len(session.events)),
            f"{session.scheme.name} (version {session.scheme.version})",
            session.status
            + (" (synthetic demonstration data)" if session.origin == "demo" else ""),
        ]

    names = (
        "Session", "Dyad", "Visit", "Observer", "Date and time", "Duration",
        "Events coded", "Coding scheme", "Status",
    )  # fmt: skip
    return list(zip(names, facts(session_a), facts(session_b), strict=True))


def _alignment_sentence(result: Reliability, paused: bool, actors: bool = False) -> str:
    offset = result.offset
    how = (
        "estimated as the shift (tried from -30 s to +30 s in 0.1 s steps) that makes the "
        "codings agree best"
        if offset.estimated
        else "as given"
        if offset.recording is None
        else f"from both sessions' sync with the video {offset.recording}"
    )
    return (
        f"Observer B's clock times were moved by {offset.seconds:+.1f} s to put them on "
        f"observer A's clock ({how}). Two codes count as the same moment when they are at "
        f"most {result.tolerance:g} s apart. "
        + (
            f"Each person's codes are lined up with the same person's ({_people(result)}), "
            if actors
            else "Infant cues are lined up with infant cues and caregiver responses with "
            "caregiver responses, "
        )
        + "keeping each observer's order; a code the other observer has no counterpart for "
        "is paired with nil (nothing)."
        + (
            " A session's clock stops while it is paused: each pause's length, read from "
            "the wall-clock times it was paused and resumed at, is added back to the times "
            "after it, so two observers who paused at different moments still line up."
            if paused
            else ""
        )
    )


def _at_a_glance(result: Reliability, width: float) -> list[Flowable]:
    kappa = display.number(result.kappa)
    thresholds = result.thresholds
    figures = [
        (
            "Percent agreement",
            display.percent(result.percent_agreement),
            f"Pairs where both observers coded the same code ({result.agreements} of "
            f"{result.pairs} pairs). A pair is two codes lined up, or one code with nil. "
            f"The standard is at least {display.percent(thresholds.percent_agreement)}.",
        ),
        (
            "Cohen's kappa",
            kappa,
            "Agreement once the agreement expected by chance is taken out: 1 is perfect, 0 "
            f"is no better than chance. The standard is at least {thresholds.kappa:.2f}."
            + (" Not defined here: every pair falls in one cell." if result.kappa is None else ""),
        ),
        ("Pairs", str(result.pairs), "Codes lined up plus codes paired with nil."),
    ]
    if result.pairs:
        figures += reliability_sections.time_unit_glance(result.time_units, result.actors)
    flow: list[Flowable] = [heading(AT_A_GLANCE), key_figures_table(figures, width)]
    flow.append(Spacer(0, 4))
    if result.flags:
        for flag in result.flags:
            flow += [below_standard(flag), Spacer(0, 2)]
    elif result.pairs:
        flow.append(
            Paragraph(
                f"Both figures meet {_whose(result)} "
                f"({display.percent(thresholds.percent_agreement)} agreement, kappa "
                f"{thresholds.kappa:.2f}).",
                styles.BODY,
            )
        )
    return [KeepTogether(flow)]


def _whose(result: Reliability) -> str:
    return "the usual standards" if is_usual(result.thresholds) else "this archive's standards"


def _people(result: Reliability) -> str:
    names = list(result.actors.values())
    return names[0] if len(names) < 2 else f"{', '.join(names[:-1])} and {names[-1]}"


def _matrix(session_a: Session, result: Reliability, width: float) -> list[Flowable]:
    parts = (
        "in one part per person (a code is only ever lined up with a code of the same person)"
        if lists_actors(session_a.scheme)
        else "in two parts (a cue is only ever lined up with a cue, a response with a response)"
    )
    intro = Paragraph(
        f"The confusion matrix, {parts}, each with its own agreement and kappa. Each row is "
        "what observer A coded, each column what "
        "observer B coded at the same moment (columns are numbered like the rows). The shaded "
        "diagonal counts agreements; other cells show which codes were taken for which. The "
        "nil column counts codes of A that B did not code, the nil row codes of B that A did "
        "not code.",
        styles.NOTE,
    )
    flow: list[Flowable] = []
    blocks = actor_matrices(result.matrix, session_a.scheme)
    if not blocks:
        return [heading(CONFUSED), Paragraph("No codes to compare.", styles.BODY)]
    for number, (actor, matrix) in enumerate(blocks):
        labels = [code_label(session_a.scheme, code) for code in matrix.codes[:-1]] + ["nil"]
        tables = matrix_tables(matrix, labels, width)
        title = Paragraph(
            f"<b>{wording.text(actor_title(actor, result.actors))}</b>"
            + wording.text(_actor_figures(result, actor)),
            styles.BODY,
        )
        first = [title, Spacer(0, 2), tables[0]]
        if number == 0:
            first = [heading(CONFUSED), intro, Spacer(0, 4), *first]
        else:
            first = [Spacer(0, 8), *first]
        flow += [KeepTogether(first), *tables[1:]]
    return flow


def _actor_figures(result: Reliability, actor: str) -> str:
    """`` — 83% agreement (10 of 12 pairs), kappa 0.71``: the actor's own figures."""
    figures = result.per_actor.get(actor)
    if figures is None:
        return ""
    return (
        f" — {display.percent(figures.percent_agreement)} agreement ({figures.agreements} of "
        f"{figures.pairs} pairs), kappa {display.number(figures.kappa)}"
    )


def _kind(scheme: Scheme, code: str) -> str:
    """ "infant cue" / "caregiver response", or the actor's label for a scheme with actors."""
    if lists_actors(scheme) and scheme.code(code) is not None:
        return f"{scheme.actor_of(code).label} {actor_word(scheme, code)}"
    return f"{actor_role(scheme, code)} {actor_word(scheme, code)}"


def _per_code(session_a: Session, result: Reliability, width: float) -> list[Flowable]:
    rows = [
        [
            code_label(session_a.scheme, code),
            _kind(session_a.scheme, code),
            str(figures.pairs),
            str(figures.agreements),
            display.percent(figures.agreement),
        ]
        for code, figures in result.per_code.items()
    ]
    if not rows:
        return [heading(PER_CODE), Paragraph("No codes to compare.", styles.BODY)]
    table = data_table(
        ("Code", "Kind", "Pairs with this code", "Both coded it", "Agreement"),
        rows,
        [width * f for f in (0.34, 0.2, 0.16, 0.15, 0.15)],
        numeric_from=2,
    )
    intro = Paragraph(
        "For each code: the pairs in which either observer coded it, and how many of those "
        "both coded it. A low figure points to a code the observers read differently.",
        styles.NOTE,
    )
    return [heading(PER_CODE), intro, Spacer(0, 3), table]


def _side_by_side(result: Reliability, width: float) -> list[Flowable]:
    metrics = result.metrics
    a, b, difference = metrics.a, metrics.b, metrics.difference

    def points(value: float | None) -> str:
        return display.MISSING if value is None else f"{value * 100:+.0f} points"

    rows = [["Cues", str(a.cues), str(b.cues), f"{difference.cues:+d}"]]
    for name, field in (
        ("Response rate", "response_rate"),
        ("Match rate", "match_rate"),
        ("Attuned rate", "attuned_rate"),
    ):
        rows.append(
            [
                name,
                display.percent(getattr(a, field)),
                display.percent(getattr(b, field)),
                points(getattr(difference, field)),
            ]
        )
    latency = difference.median_latency
    rows.append(
        [
            "Median latency",
            display.seconds(a.median_latency),
            display.seconds(b.median_latency),
            display.MISSING if latency is None else f"{latency:+.1f} s",
        ]
    )
    table = data_table(
        ("Figure", "From A's coding", "From B's coding", "B minus A"),
        rows,
        [width * f for f in (0.34, 0.22, 0.22, 0.22)],
        numeric_from=1,
    )
    differences = report_differences(metrics)
    if differences:
        verdict = (
            "The two session reports would tell a clinician different things on "
            + "; ".join(differences)
            + "."
        )
    else:
        verdict = (
            "The two session reports would say much the same: no rate differs by 10 "
            "percentage points or more, and the median latencies are less than 1 s apart."
        )
    return [
        KeepTogether(
            [
                heading(SAME_REPORT),
                Paragraph(
                    "The key figures of each observer's own session report (each coding "
                    "analysed on its own).",
                    styles.NOTE,
                ),
                Spacer(0, 3),
                table,
                Spacer(0, 4),
                Paragraph(wording.text(verdict), styles.BODY),
            ]
        )
    ]


def _disagreements(session_a: Session, pairs: list[AlignedPair], width: float) -> list[Flowable]:
    differing = [pair for pair in pairs if not pair.agrees]
    differing.sort(key=lambda p: p.t_a if p.t_a is not None else p.t_b or 0.0)
    title = heading(DIFFERENTLY)
    if not differing:
        return [
            title,
            Paragraph("None: every code was matched by the other observer.", styles.BODY),
        ]

    def shown(t: float | None, code: str | None) -> str:
        if code is None:
            return display.MISSING
        return f"{code_label(session_a.scheme, code)} at {display.clock_tenths(t or 0.0)}"

    rows = [[shown(p.t_a, p.code_a), shown(p.t_b, p.code_b)] for p in differing]
    intro = Paragraph(
        "Where to look when the observers go through the session together: every pair in "
        "which they coded different things, or only one of them coded something. Times are "
        "on observer A's clock (minutes:seconds.tenths). Two codes of the same kind only "
        "pair when each observer has them in the same order.",
        styles.NOTE,
    )
    table = data_table(("Observer A coded", "Observer B coded"), rows, [width * 0.5, width * 0.5])
    return (
        [KeepTogether([title, intro, Spacer(0, 3), table])]
        if len(rows) < 25
        else [
            title,
            intro,
            Spacer(0, 3),
            table,
        ]
    )
