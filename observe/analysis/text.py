"""The readable summary ``observe analyze`` prints (DESIGN §5, §8).

This is where numbers are rounded, for reading only: rates as whole percentages, times to
two decimals (latencies) or one (repairs), Yule's Q and the odds ratio to two. A figure that
cannot be computed is shown as ``-``. The library and ``--json`` keep exact values.
"""

from __future__ import annotations

from datetime import datetime

from observe.analysis.results import DyadTrend, SessionAnalysis, Summary
from observe.model import Session

MISSING = "-"


def percent(value: float | None) -> str:
    return MISSING if value is None else f"{round(value * 100)}%"


def seconds(value: float | None, places: int = 2) -> str:
    return MISSING if value is None else f"{value:.{places}f} s"


def number(value: float | None, places: int = 2) -> str:
    return MISSING if value is None else f"{value:.{places}f}"


def clock(value: float) -> str:
    """A duration as minutes and seconds: ``2 min 05 s``."""
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest:02d} s"


def when(started_at: str) -> str:
    try:
        return datetime.fromisoformat(started_at).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return started_at


def session_text(session: Session, analysis: SessionAnalysis) -> str:
    """The whole readable summary of one session."""
    scheme = session.scheme
    header = [
        f"Session {session.id}",
        f"  dyad {session.dyad}, visit {session.visit or MISSING}, observer {session.observer}, "
        f"{when(session.started_at)}, {clock(session.duration)} observed ({session.status})",
        f"  coding scheme {scheme.name} ({scheme.id} {scheme.version})",
        "",
    ]
    lines = header + summary_lines(analysis.summary)
    lines += ["", "By cue type", *cue_type_table(session, analysis)]
    return "\n".join(lines)


def summary_lines(summary: Summary) -> list[str]:
    counts = summary.outcomes
    answered = summary.cues - counts.unanswered
    latency = summary.latency
    contingency = summary.contingency
    (a, b), (c, d) = contingency.table
    if summary.cues == 0:
        return ["Cues              0 (no infant cues were coded, so there is nothing to rate)"]
    return [
        f"Cues              {summary.cues}: matched {counts.matched}, repaired {counts.repaired}, "
        f"mismatched {counts.mismatched}, unanswered {counts.unanswered}",
        f"Responded to      {percent(summary.response_rate)} of cues "
        f"({answered} of {summary.cues})",
        f"Matched           {percent(summary.match_rate)} of cues (first response fitted the cue)",
        f"Attuned           {percent(summary.attuned_rate)} of cues (matched, or repaired)",
        f"Repaired          {percent(summary.repair_rate)} of poorly fitted first responses "
        f"({counts.repaired} of {counts.repaired + counts.mismatched})",
        f"Latency           median {seconds(latency.median)}, quartiles "
        f"{seconds(latency.q1)} to {seconds(latency.q3)} (n = {latency.n})",
        f"Within 2 s / 5 s  {percent(summary.within_2s)} / {percent(summary.within_5s)} of cues",
        f"Time to repair    median {seconds(summary.time_to_repair.median, 1)} "
        f"(n = {summary.time_to_repair.n})",
        f"Intensity         matched {summary.intensity.matched}, under {summary.intensity.under}, "
        f"over {summary.intensity.over} (cues and responses that both carry an intensity)",
        f"Contingency       Yule's Q {number(contingency.yules_q)}, odds ratio "
        f"{number(contingency.odds_ratio)} (responses inside cue windows beyond chance; "
        f"needs 5 cues)",
        f"                  1-s units: cue window and response {a}, window only {b}, "
        f"response only {c}, neither {d}",
    ]


def cue_type_table(session: Session, analysis: SessionAnalysis) -> list[str]:
    labels = {cue.id: cue.label for cue in session.scheme.cues}
    heading = (
        "Cue type", "Cues", "Responded", "Matched", "Attuned", "Repaired", "Median latency", "Q",
    )  # fmt: skip
    rows = [
        (
            labels.get(cue_id, cue_id),
            str(summary.cues),
            percent(summary.response_rate),
            percent(summary.match_rate),
            percent(summary.attuned_rate),
            percent(summary.repair_rate),
            seconds(summary.latency.median),
            number(summary.contingency.yules_q),
        )
        for cue_id, summary in analysis.by_cue.items()
    ]
    return table(heading, rows)


def trend_text(trend: DyadTrend) -> str:
    """One row per session of the dyad, oldest first."""
    heading = (
        "Date", "Visit", "Cues", "Responded", "Matched", "Attuned", "Repaired",
        "Median latency", "Session",
    )  # fmt: skip
    rows = [
        (
            when(point.started_at),
            point.visit or MISSING,
            str(point.summary.cues),
            percent(point.summary.response_rate),
            percent(point.summary.match_rate),
            percent(point.summary.attuned_rate),
            percent(point.summary.repair_rate),
            seconds(point.summary.latency.median),
            point.session[:8],
        )
        for point in trend.sessions
    ]
    count = len(trend.sessions)
    title = f"Dyad {trend.dyad}: {count} session{'s' if count != 1 else ''}, oldest first"
    return "\n".join([title, "", *table(heading, rows)])


def table(heading: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Left-aligned first column, right-aligned numbers."""
    widths = [max(len(row[i]) for row in (heading, *rows)) for i in range(len(heading))]

    def line(row: tuple[str, ...]) -> str:
        cells = [
            cell.ljust(width) if index == 0 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(row, widths))
        ]
        return "  ".join(cells).rstrip()

    return [line(heading), *(line(row) for row in rows)]
