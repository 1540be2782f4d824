"""One wide row per session for spreadsheets (``observe export --format visits``).

Each row holds the session's metadata and its figures over all cues, exactly as
:func:`observe.analysis.analyze_session` computes them (DESIGN §5; the ``summary`` of
``observe analyze --json``), then the session's ratings, one column per rating of the
sessions' schemes; where a scheme has rules of its own or state groups, each rule's
figures, the time that could not be coded and the time in each state follow
(:mod:`observe.interchange.visits_rules`). Rates are fractions 0–1 and times seconds,
unrounded; a figure that cannot be computed is an empty cell, never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.analysis import analyze_session, session_summary
from observe.analysis.contingency import MIN_CUES
from observe.analysis.results import Summary
from observe.interchange.codebook import (
    BOOLEANS,
    ORIGINS,
    SESSION_COLUMNS,
    Code,
    Column,
    codebook_text,
    csv_text,
    session_cells,
)
from observe.interchange.cues_rules import has_rules
from observe.interchange.visits_rules import rule_visit_cells, rule_visit_columns
from observe.model import Session
from observe.pairing import Pairing, pairing
from observe.scheme import Rating, Scheme

VISIT_COLUMNS = (
    Column("context", "text", "The context of the visit as entered (e.g. feeding, free play)."),
    Column("started_at", "text", "When the session started: ISO 8601 wall-clock time with offset."),
    Column("duration", "number", "Seconds of observed time (the clock stops during pauses)."),
    Column("cues", "integer", "How many infant cues were coded (a state cue counts once)."),
    Column("matched", "integer", "Cues whose first response suited the cue."),
    Column(
        "repaired",
        "integer",
        "Cues whose first response did not suit, put right by a suitable response within the "
        "repair window and before the infant's next cue.",
    ),
    Column("mismatched", "integer", "Cues whose first response did not suit, not repaired."),
    Column("unanswered", "integer", "Cues with no response within their response window."),
    Column("response_rate", "number", "(cues − unanswered) / cues; empty with no cues."),
    Column("match_rate", "number", "matched / cues; empty with no cues."),
    Column("attuned_rate", "number", "(matched + repaired) / cues; empty with no cues."),
    Column("repair_rate", "number", "repaired / (repaired + mismatched); empty when that is 0."),
    Column("latency_n", "integer", "Answered cues: how many latencies the median is over."),
    Column(
        "latency_median",
        "number",
        "Median seconds from a cue to its first response (linear interpolation); empty "
        "with no answered cue. Read it with latency_n: a median of one response is not a "
        "firm figure, and faster is not always better (for some cues giving space fits).",
    ),
    Column("latency_q1", "number", "First quartile of the latencies (seconds)."),
    Column("latency_q3", "number", "Third quartile of the latencies (seconds)."),
    Column("within_2s", "number", "Cues answered with latency ≤ 2 s, over all cues."),
    Column("within_5s", "number", "Cues answered with latency ≤ 5 s, over all cues."),
    Column("time_to_repair_n", "integer", "Repaired cues."),
    Column(
        "time_to_repair_median",
        "number",
        "Median seconds from the first response to the repair, over the repaired cues.",
    ),
    Column(
        "intensity_matched",
        "integer",
        "Cues where cue and first response both had an intensity, and they were equal.",
    ),
    Column("intensity_under", "integer", "… and the response's was lower than the cue's."),
    Column("intensity_over", "integer", "… and the response's was higher than the cue's."),
    Column(
        "units_window_and_response",
        "integer",
        "Contingency: 1-s units inside some cue's response window in which a response began.",
    ),
    Column("units_window_only", "integer", "1-s units inside a window with no response onset."),
    Column("units_response_only", "integer", "1-s units outside every window with a response."),
    Column("units_neither", "integer", "1-s units outside every window with no response."),
    Column(
        "odds_ratio",
        "number",
        "Of a response starting in a cue window rather than outside one (0.5 added to every "
        f"cell if any is 0); empty with fewer than {MIN_CUES} cues.",
    ),
    Column(
        "yules_q",
        "number",
        "Yule's Q from the same table, −1 to +1 (0: responses no more likely after cues "
        f"than at other moments); empty with fewer than {MIN_CUES} cues.",
    ),
)


def _figures(session: Session, summary: Summary) -> list[object]:
    counts = summary.outcomes
    latency = summary.latency
    (a, b), (c, d) = summary.contingency.table
    return [
        session.context,
        session.started_at,
        session.duration,
        summary.cues,
        counts.matched,
        counts.repaired,
        counts.mismatched,
        counts.unanswered,
        summary.response_rate,
        summary.match_rate,
        summary.attuned_rate,
        summary.repair_rate,
        latency.n,
        latency.median,
        latency.q1,
        latency.q3,
        summary.within_2s,
        summary.within_5s,
        summary.time_to_repair.n,
        summary.time_to_repair.median,
        summary.intensity.matched,
        summary.intensity.under,
        summary.intensity.over,
        a,
        b,
        c,
        d,
        summary.contingency.odds_ratio,
        summary.contingency.yules_q,
    ]


def rating_ids(sessions: Sequence[Session]) -> list[str]:
    """Every rating of the sessions' schemes (and any rating a session holds beyond them),
    in scheme order, once."""
    found: dict[str, None] = {}
    for session in sessions:
        found.update(dict.fromkeys(rating.id for rating in session.scheme.ratings))
    for session in sessions:
        found.update(dict.fromkeys(sorted(session.ratings)))
    return list(found)


def columns(sessions: Sequence[Session]) -> tuple[Column, ...]:
    """The columns of a visits export of ``sessions``: one more per rating."""
    ratings = [_rating_column(sessions, rating) for rating in rating_ids(sessions)]
    return (*SESSION_COLUMNS, *VISIT_COLUMNS, *ratings, *rule_visit_columns(sessions))


def _rating_column(sessions: Sequence[Session], rating_id: str) -> Column:
    described = rating_of(sessions, rating_id)
    if described is not None:
        scheme, rating = described
        about = f" {rating.description}" if rating.description else ""
        return Column(
            f"rating_{rating_id}",
            "integer",
            f"{rating.label} ({scheme.id} {scheme.version}): the observer's rating at "
            f"the end of the session, {rating.min} to {rating.max}.{about} Empty if "
            "not given.",
        )
    return Column(
        f"rating_{rating_id}",
        "integer",
        f"A rating {rating_id!r} that the session's scheme does not describe; empty if not given.",
    )


def rating_of(sessions: Sequence[Session], rating_id: str) -> tuple[Scheme, Rating] | None:
    """The first of the sessions' schemes that describes ``rating_id``, with that rating."""
    for session in sessions:
        rating = session.scheme.rating(rating_id)
        if rating is not None:
            return session.scheme, rating
    return None


def sessions_to_visit_csv(sessions: Sequence[Session], visits: Pairing | None = None) -> str:
    """The CSV text: a header row, then one row per session. ``visits``: the archive's
    double-coded visits (default: those among ``sessions``)."""
    return csv_text([column.name for column in columns(sessions)], visit_rows(sessions, visits))


def visit_rows(sessions: Sequence[Session], visits: Pairing | None = None) -> list[list[object]]:
    """One row of values (in :func:`columns` order) per session; ``visits`` as above."""
    ratings = rating_ids(sessions)
    visits = visits if visits is not None else pairing(sessions)
    if has_rules(sessions):
        rows = []
        for session in sessions:
            analysis = analyze_session(session)
            rows.append(
                [
                    *session_cells(session, visits),
                    *_figures(session, analysis.summary),
                    *(session.ratings.get(rating) for rating in ratings),
                    *rule_visit_cells(sessions, session, analysis),
                ]
            )
        return rows
    return [
        [
            *session_cells(session, visits),
            *_figures(session, session_summary(session)),
            *(session.ratings.get(rating) for rating in ratings),
        ]
        for session in sessions
    ]


def visit_codebook(sessions: Sequence[Session]) -> str:
    """The codebook of :func:`sessions_to_visit_csv`: every column and its codes."""
    return codebook_text(columns(sessions), visit_codes(sessions))


def visit_codes(sessions: Sequence[Session]) -> dict[str, list[Code]]:
    """By column, the codes the visit table of ``sessions`` can hold: the origins, the
    booleans, and the points of each rating that its scheme anchors (label: the anchor)."""
    codes: dict[str, list[Code]] = {"origin": list(ORIGINS), "second_coding": list(BOOLEANS)}
    for session in sessions:
        scheme = session.scheme
        for rating in scheme.ratings:
            codes.setdefault(f"rating_{rating.id}", []).extend(
                Code(
                    str(point),
                    f"What point {point} of {rating.label} means (the scheme's anchor).",
                    label=anchor,
                    scheme=f"{scheme.id} {scheme.version}",
                )
                for point, anchor in rating.anchors.items()
            )
    return {column: list(dict.fromkeys(found)) for column, found in codes.items() if found}
