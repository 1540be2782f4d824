"""Analysis of one session: outcomes per cue, the session summary and one per cue type
(DESIGN §5).

``by_cue`` holds an entry for every cue type of the session's scheme, in scheme order —
also those the infant never showed (0 cues, rates ``null``), so a per-cue-type table
always has the same rows for the same scheme. Within one cue type, contingency uses only
that type's windows as *given* and only responses matching that type as *targets*.

The session's ``duration`` bounds the contingency units; outcomes do not depend on it.
"""

from __future__ import annotations

from observe.analysis.contingency import contingency
from observe.analysis.outcomes import CueOutcome, decide_outcomes
from observe.analysis.results import Contingency, SessionAnalysis, Summary
from observe.analysis.summary import summarize
from observe.analysis.timeline import Timeline, build_timeline
from observe.model import Session


def analyze_session(session: Session) -> SessionAnalysis:
    """Every figure of DESIGN §5 for one session."""
    timeline = build_timeline(session)
    outcomes = decide_outcomes(timeline)
    summary, by_cue = summaries(timeline, outcomes)
    return SessionAnalysis(
        session=session.id,
        duration=session.duration,
        summary=summary,
        by_cue=by_cue,
        cues=tuple(outcome.result for outcome in outcomes),
    )


def summaries(timeline: Timeline, outcomes: list[CueOutcome]) -> tuple[Summary, dict[str, Summary]]:
    """The summary over all cues of the timeline and one per cue type of its scheme."""
    summary = summarize(outcomes, session_contingency(timeline))
    outcomes_by_type: dict[str, list[CueOutcome]] = {cue.id: [] for cue in timeline.scheme.cues}
    for outcome in outcomes:
        outcomes_by_type[outcome.code].append(outcome)
    by_cue = {
        cue_id: summarize(
            type_outcomes,
            contingency(
                [outcome.t_ms for outcome in type_outcomes],
                [outcome.window_ms for outcome in type_outcomes],
                timeline.matching[cue_id].times,
                timeline.duration_ms,
                cues=len(type_outcomes),
            ),
        )
        for cue_id, type_outcomes in outcomes_by_type.items()
    }
    return summary, by_cue


def session_contingency(timeline: Timeline) -> Contingency:
    return contingency(
        timeline.cues.times,
        timeline.cues.windows,
        timeline.responses.times,
        timeline.duration_ms,
        cues=len(timeline.cues.times),
    )


def session_summary(session: Session) -> Summary:
    """The session summary alone (no per-cue-type breakdown): for trends and the index."""
    timeline = build_timeline(session)
    return summarize(decide_outcomes(timeline), session_contingency(timeline))
