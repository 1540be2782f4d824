"""The readable summary ``observe analyze`` prints (DESIGN §5, §8).

Written for a programme lead at an 80-column terminal: every line fits in 80 columns, and
every figure says what it counts (of how many cues, over what). This is where numbers are
rounded, for reading only: rates as whole percentages, latencies to two decimals, repair
times to one, Yule's Q and the odds ratio to two. A figure that cannot be computed is
shown as ``–`` with the reason. The library and ``--json`` keep exact values.
"""

from __future__ import annotations

import textwrap

from observe.analysis.contingency import MIN_CUES
from observe.analysis.results import DyadTrend, SessionAnalysis, Summary, TrendPoint
from observe.display import (
    MISSING,
    duration_words,
    number,
    percent,
    seconds,
    text_table,
    when,
)
from observe.labels import code_label
from observe.model import Session

WIDTH = 80
LABEL = 18  # the summary's left column: "Within 2 s / 5 s  "


def count_of(rate: float | None, total: int) -> int:
    """The whole count behind a rate over ``total`` (rates are exact count / total)."""
    return 0 if rate is None else round(rate * total)


def session_text(session: Session, analysis: SessionAnalysis) -> str:
    """The whole readable summary of one session."""
    scheme = session.scheme
    header = [
        f"Session {session.id}",
        f"  dyad {session.dyad}, visit {session.visit or MISSING}, "
        f"observer {session.observer or MISSING}, {when(session.started_at)}",
        f"  {duration_words(session.duration)} observed ({session.status})"
        + (", synthetic demo data" if session.origin == "demo" else ""),
        f"  coding scheme {scheme.name} ({scheme.id} {scheme.version})",
        "",
    ]
    lines = header + summary_lines(analysis.summary)
    if analysis.summary.cues:  # with no cues, every row would be dashes
        lines += ["", "By cue type", *cue_type_table(session, analysis)]
    return "\n".join(lines)


def rows(label: str, text: str) -> list[str]:
    """``label`` in the left column and ``text`` wrapped to the width beside it."""
    wrapped = textwrap.wrap(text, WIDTH - LABEL) or [""]
    return [f"{label if i == 0 else '':<{LABEL}}{part}".rstrip() for i, part in enumerate(wrapped)]


def summary_lines(summary: Summary) -> list[str]:
    """The figures over all cues (or one cue type), one labelled paragraph each."""
    cues = summary.cues
    if cues == 0:
        return rows("Infant cues", "0 (no infant cues were coded, so there is nothing to rate)")
    counts = summary.outcomes
    answered = cues - counts.unanswered
    attuned = counts.matched + counts.repaired
    poorly_fitted = counts.repaired + counts.mismatched
    latency = summary.latency
    repair = summary.time_to_repair
    fits = summary.intensity
    compared = fits.matched + fits.under + fits.over
    paragraphs = [
        (
            "Infant cues",
            f"{cues}: matched {counts.matched}, repaired {counts.repaired}, "
            f"mismatched {counts.mismatched}, unanswered {counts.unanswered}",
        ),
        ("Responded to", f"{percent(summary.response_rate)} of cues ({answered} of {cues})"),
        (
            "Matched",
            f"{percent(summary.match_rate)} of cues ({counts.matched} of {cues}: "
            "the first response fitted the cue)",
        ),
        (
            "Attuned",
            f"{percent(summary.attuned_rate)} of cues ({attuned} of {cues}: matched, "
            "or repaired later)",
        ),
        (
            "Repaired",
            f"{percent(summary.repair_rate)} of poorly fitted first responses "
            f"({counts.repaired} of {poorly_fitted} put right)"
            if poorly_fitted
            else f"{MISSING} (no first response needed repairing)",
        ),
        (
            "Latency",
            f"median {seconds(latency.median, 2)} from cue to first response "
            f"({latency.n} answered); middle half of latencies {seconds(latency.q1, 2)} "
            f"to {seconds(latency.q3, 2)}"
            if latency.n
            else f"{MISSING} (no cue was answered)",
        ),
        (
            "Within 2 s / 5 s",
            f"{percent(summary.within_2s)} / {percent(summary.within_5s)} of cues "
            f"({count_of(summary.within_2s, cues)} / {count_of(summary.within_5s, cues)} "
            f"of {cues} answered that soon)",
        ),
        (
            "Time to repair",
            f"median {seconds(repair.median, 1)} ({repair.n} repaired)"
            if repair.n
            else f"{MISSING} (nothing was repaired)",
        ),
        (
            "Intensity",
            f"response matched the cue's intensity {fits.matched}, under {fits.under}, "
            f"over {fits.over} (of {compared} cues where cue and first response both "
            "had one)"
            if compared
            else f"{MISSING} (no cue and its first response both had one)",
        ),
        ("Contingency", contingency_text(summary)),
    ]
    return [line for label, text in paragraphs for line in rows(label, text)]


def contingency_text(summary: Summary) -> str:
    contingency = summary.contingency
    (a, b), (c, d) = contingency.table
    units = a + b + c + d
    if contingency.yules_q is not None:
        figures = (
            f"Yule's Q {number(contingency.yules_q)}, odds ratio "
            f"{number(contingency.odds_ratio)} (Q above 0: responses start in cue windows "
            "more often than by chance; 1: only there)."
        )
    elif units == 0:
        figures = f"{MISSING} (the session has no observed time)."
    else:
        figures = f"{MISSING} (needs at least {MIN_CUES} cues; there are {summary.cues})."
    return (
        f"{figures} Of {units} 1-s units: cue window and response {a}, window only {b}, "
        f"response only {c}, neither {d}."
    )


CUE_TYPE_LEGEND = [
    "Responded, Matched, Attuned: share of that type's cues. Repaired: share of",
    "its poorly fitted first responses. Latency: median seconds to the first",
    f"response, over n answered cues. Q: Yule's Q (needs {MIN_CUES} cues of the type).",
    "–: cannot be computed.",
]


def cue_type_table(session: Session, analysis: SessionAnalysis) -> list[str]:
    heading = (
        "Cue type", "Cues", "Responded", "Matched", "Attuned", "Repaired", "Latency", "n", "Q",
    )  # fmt: skip
    rows = [
        (
            code_label(session.scheme, cue_id),
            str(summary.cues),
            percent(summary.response_rate),
            percent(summary.match_rate),
            percent(summary.attuned_rate),
            percent(summary.repair_rate),
            number(summary.latency.median),
            str(summary.latency.n),
            number(summary.contingency.yules_q),
        )
        for cue_id, summary in analysis.by_cue.items()
    ]
    return [*text_table(heading, rows, gap=1, width=WIDTH), "", *CUE_TYPE_LEGEND]


TREND_LEGEND = [
    "Responded, Matched, Attuned: share of the session's cues. Repaired: share of",
    "poorly fitted first responses. Latency: median seconds to the first response,",
    "over n answered cues.",
]


def trend_text(trend: DyadTrend) -> str:
    """One row per session of the dyad, oldest first."""
    heading = (
        "Date", "Visit", "Cues", "Responded", "Matched", "Attuned", "Repaired", "Latency", "n",
        "Session",
    )  # fmt: skip
    rows = [
        (
            when(point.started_at, "day"),
            point.visit or MISSING,
            str(point.summary.cues),
            percent(point.summary.response_rate),
            percent(point.summary.match_rate),
            percent(point.summary.attuned_rate),
            percent(point.summary.repair_rate),
            number(point.summary.latency.median),
            str(point.summary.latency.n),
            point.session[:8],
        )
        for point in trend.sessions
    ]
    count = len(trend.sessions)
    title = f"Dyad {trend.dyad}: {count} session{'s' if count != 1 else ''}, oldest first"
    double = [point for point in trend.sessions if point.second_codings]
    if double:
        total = count + sum(len(point.second_codings) for point in double)
        visits = f"{count} visit{'s' if count != 1 else ''}"
        title = f"Dyad {trend.dyad}: {visits} ({total} sessions), oldest first"
    table = text_table(heading, rows, gap=1, width=WIDTH)
    notes = [line for point in double for line in _double_coded_lines(point)]
    return "\n".join([title, "", *table, "", *notes, *([""] if notes else []), *TREND_LEGEND])


def _double_coded_lines(point: TrendPoint) -> list[str]:
    """What a trend says of a visit two observers coded: counted once, from which one."""
    others = ", ".join(coding[:8] for coding in point.second_codings)
    many = len(point.second_codings) > 1
    sentence = (
        f"Visit {point.visit or MISSING} ({when(point.started_at, 'day')}) was coded by "
        f"{len(point.second_codings) + 1 if many else 'two'} observers: it counts once, from "
        f"its primary coding {point.session[:8]}; its second coding{'s' if many else ''} "
        f"{others} {'are' if many else 'is'} not counted."
    )
    return textwrap.wrap(sentence, width=WIDTH)
