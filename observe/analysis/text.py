"""The readable summary ``observe analyze`` prints (DESIGN §5, §8, §12).

Written for a programme lead at an 80-column terminal: every line fits in 80 columns, and
every figure says what it counts (of how many cues, over what). This is where numbers are
rounded, for reading only: rates as whole percentages, latencies to two decimals, repair
times to one, Yule's Q and the odds ratio to two. A figure that cannot be computed is
shown as ``–`` with the reason. The library and ``--json`` keep exact values.

A scheme that lists its own rules gets each rule under its label, in the scheme's order;
the words are the infant's cues and the caregivers' responses for a rule that runs from
infant cues to responses, and "events" and "answers" for any other (a caregiver's bid
answered by the infant). Excluded periods, not-codable cues and state groups each get
their lines only where a session has them, so a session of a scheme written before rules
reads exactly as it always did.
"""

from __future__ import annotations

import textwrap

from attrs import frozen

from observe.analysis.contingency import MIN_CUES
from observe.analysis.results import (
    DyadTrend,
    ExcludedTime,
    GroupTime,
    RuleAnalysis,
    SessionAnalysis,
    Summary,
    TrendPoint,
)
from observe.display import (
    MISSING,
    clock,
    duration_words,
    number,
    percent,
    seconds,
    text_table,
    when,
)
from observe.labels import code_label
from observe.model import Session
from observe.scheme import ContingencyRule, Scheme

WIDTH = 80
LABEL = 18  # the summary's left column: "Within 2 s / 5 s  "


@frozen
class Words:
    """What a rule's antecedents and consequents are called in the readable summary."""

    heading: str  # the first row's label: "Infant cues"
    cues: str  # "cues"
    cue: str  # "cue"
    response: str  # "response"
    none_coded: str  # why there is nothing to rate
    type_column: str  # the per-type table's first heading


CUE_WORDS = Words(
    "Infant cues",
    "cues",
    "cue",
    "response",
    "no infant cues were coded, so there is nothing to rate",
    "Cue type",
)
EVENT_WORDS = Words(
    "Events",
    "events",
    "event",
    "answer",
    "none of the rule's events was coded, so there is nothing to rate",
    "Event",
)


def rule_words(scheme: Scheme, rule: ContingencyRule) -> Words:
    """Cue words for a rule from the infant's cues to other actors' responses, else
    event words."""
    infant = scheme.infant.id

    def actor(code: str) -> str | None:
        return scheme.actor_of(code).id if scheme.code(code) is not None else None

    from_cues = all(scheme.is_cue(c) and actor(c) == infant for c in rule.antecedents)
    to_others = all(scheme.is_response(c) and actor(c) != infant for c in rule.consequents)
    return CUE_WORDS if from_cues and to_others else EVENT_WORDS


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
    header[-1:] = [*excluded_lines(analysis.excluded), ""]
    if not scheme.contingencies:  # the default rule: the summary as it always read
        lines = header + rule_lines(session, analysis.rules[0], CUE_WORDS)
    else:
        lines = header[:-1]
        for rule, figures in zip(scheme.rules, analysis.rules):
            lines += ["", *wrapped(f"{figures.label} (rule {figures.id})"), ""]
            lines += rule_lines(session, figures, rule_words(scheme, rule))
    for group_id, times in analysis.states.items():
        lines += ["", *state_lines(session, group_id, times)]
    return "\n".join(lines)


def rule_lines(session: Session, figures: RuleAnalysis, words: Words) -> list[str]:
    """One rule's summary and, when it has cues, its per-type table."""
    lines = summary_lines(figures.summary, words)
    if figures.summary.cues:  # with no cues, every row would be dashes
        by_type = "By cue type" if words is CUE_WORDS else "By type of event"
        lines += ["", by_type, *cue_type_table(session, figures.by_cue, words)]
    return lines


def excluded_lines(excluded: ExcludedTime) -> list[str]:
    """The header's line about excluded periods (none without them)."""
    if not excluded.periods:
        return []
    count = len(excluded.periods)
    shown = ", ".join(f"{clock(start)}–{clock(end)}" for start, end in excluded.periods[:4])
    more = f" and {count - 4} more" if count > 4 else ""
    text = (
        f"{duration_words(excluded.seconds)} not codable ({count} period"
        f"{'s' if count != 1 else ''}: {shown}{more}), left out of every figure; "
        f"{duration_words(excluded.codable)} codable"
    )
    return ["  " + line for line in textwrap.wrap(text, WIDTH - 2)]


def state_lines(session: Session, group_id: str, times: GroupTime) -> list[str]:
    """A state group's time in each state, of the codable time."""
    kind = "one at a time" if times.exclusive else "may overlap"
    if times.exhaustive:
        kind = "always one"
    lines = wrapped(
        f"{times.label} ({kind}): time in each state, of {duration_words(times.codable)} codable"
    )
    rows = [
        (code_label(session.scheme, code), duration_words(spent.seconds), percent(spent.proportion))
        for code, spent in times.states.items()
    ]
    if times.no_state.seconds:
        rows.append(("No state coded", duration_words(times.no_state.seconds),
                     percent(times.no_state.proportion)))  # fmt: skip
    lines += text_table(("State", "Time", "Share"), rows, width=WIDTH)
    if times.overlaps:
        lines += wrapped(
            f"{times.overlaps} state{'s' if times.overlaps != 1 else ''} started while "
            "another of the group was still on: each such start ended the one before."
        )
    return lines


def wrapped(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, break_on_hyphens=False)


def rows(label: str, text: str) -> list[str]:
    """``label`` in the left column and ``text`` wrapped to the width beside it."""
    wrapped = textwrap.wrap(text, WIDTH - LABEL) or [""]
    return [f"{label if i == 0 else '':<{LABEL}}{part}".rstrip() for i, part in enumerate(wrapped)]


def summary_lines(summary: Summary, words: Words = CUE_WORDS) -> list[str]:
    """The figures over all cues (or one cue type), one labelled paragraph each."""
    cues = summary.cues
    w = words
    if cues == 0:
        return rows(w.heading, f"0 ({w.none_coded})") + not_codable_lines(summary, w)
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
            w.heading,
            f"{cues}: matched {counts.matched}, repaired {counts.repaired}, "
            f"mismatched {counts.mismatched}, unanswered {counts.unanswered}",
        ),
        ("Responded to", f"{percent(summary.response_rate)} of {w.cues} ({answered} of {cues})"),
        (
            "Matched",
            f"{percent(summary.match_rate)} of {w.cues} ({counts.matched} of {cues}: "
            f"the first {w.response} fitted the {w.cue})",
        ),
        (
            "Attuned",
            f"{percent(summary.attuned_rate)} of {w.cues} ({attuned} of {cues}: matched, "
            "or repaired later)",
        ),
        (
            "Repaired",
            f"{percent(summary.repair_rate)} of poorly fitted first {w.response}s "
            f"({counts.repaired} of {poorly_fitted} put right)"
            if poorly_fitted
            else f"{MISSING} (no first {w.response} needed repairing)",
        ),
        (
            "Latency",
            f"median {seconds(latency.median, 2)} from {w.cue} to first {w.response} "
            f"({latency.n} answered); middle half of latencies {seconds(latency.q1, 2)} "
            f"to {seconds(latency.q3, 2)}"
            if latency.n
            else f"{MISSING} (no {w.cue} was answered)",
        ),
        (
            "Within 2 s / 5 s",
            f"{percent(summary.within_2s)} / {percent(summary.within_5s)} of {w.cues} "
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
            f"{w.response} matched the {w.cue}'s intensity {fits.matched}, under "
            f"{fits.under}, over {fits.over} (of {compared} {w.cues} where {w.cue} and "
            f"first {w.response} both had one)"
            if compared
            else f"{MISSING} (no {w.cue} and its first {w.response} both had one)",
        ),
        ("Contingency", contingency_text(summary, w)),
    ]
    lines = [line for label, text in paragraphs for line in rows(label, text)]
    return lines + not_codable_lines(summary, w)


def not_codable_lines(summary: Summary, words: Words = CUE_WORDS) -> list[str]:
    """The not-codable cues, where there are any."""
    left_out = summary.outcomes.not_codable
    if not left_out:
        return []
    return rows(
        "Not codable",
        f"{left_out} more {words.cue if left_out == 1 else words.cues} left out of every "
        f"figure above: what followed {'it' if left_out == 1 else 'them'} fell partly in a "
        "period that could not be coded",
    )


def contingency_text(summary: Summary, words: Words = CUE_WORDS) -> str:
    contingency = summary.contingency
    (a, b), (c, d) = contingency.table
    units = a + b + c + d
    w = words
    if contingency.yules_q is not None:
        figures = (
            f"Yule's Q {number(contingency.yules_q)}, odds ratio "
            f"{number(contingency.odds_ratio)} (Q above 0: {w.response}s start in {w.cue} "
            "windows more often than by chance; 1: only there)."
        )
    elif units == 0:
        figures = f"{MISSING} (the session has no observed time left to code)."
        if not summary.outcomes.not_codable:
            figures = f"{MISSING} (the session has no observed time)."
    else:
        figures = f"{MISSING} (needs at least {MIN_CUES} {w.cues}; there are {summary.cues})."
    return (
        f"{figures} Of {units} 1-s units: {w.cue} window and {w.response} {a}, window only "
        f"{b}, {w.response} only {c}, neither {d}."
    )


CUE_TYPE_LEGEND = [
    "Responded, Matched, Attuned: share of that type's cues. Repaired: share of",
    "its poorly fitted first responses. Latency: median seconds to the first",
    f"response, over n answered cues. Q: Yule's Q (needs {MIN_CUES} cues of the type).",
    "–: cannot be computed.",
]
EVENT_TYPE_LEGEND = [
    "Responded, Matched, Attuned: share of that type's events. Repaired: share of",
    "its poorly fitted first answers. Latency: median seconds to the first answer,",
    f"over n answered events. Q: Yule's Q (needs {MIN_CUES} events of the type).",
    "–: cannot be computed.",
]


def cue_type_table(
    session: Session, by_cue: dict[str, Summary], words: Words = CUE_WORDS
) -> list[str]:
    heading = (
        words.type_column, words.cues.capitalize(), "Responded", "Matched", "Attuned",
        "Repaired", "Latency", "n", "Q",
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
        for cue_id, summary in by_cue.items()
    ]
    legend = CUE_TYPE_LEGEND if words is CUE_WORDS else EVENT_TYPE_LEGEND
    return [*text_table(heading, rows, gap=1, width=WIDTH), "", *legend]


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
