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
from observe.analysis.outcomes import Decided, cue_results, decide_types
from observe.analysis.results import Contingency, SessionAnalysis, Summary
from observe.analysis.summary import summarize
from observe.analysis.timeline import Timeline, build_timeline
from observe.model import Session


def analyze_session(session: Session) -> SessionAnalysis:
    """Every figure of DESIGN §5 for one session."""
    timeline = build_timeline(session)
    decided = decide_types(timeline)
    summary, by_cue = summaries(timeline, decided)
    return SessionAnalysis(
        session=session.id,
        duration=session.duration,
        summary=summary,
        by_cue=by_cue,
        cues=cue_results(timeline, decided),
    )


def summaries(
    timeline: Timeline, decided: dict[str, Decided]
) -> tuple[Summary, dict[str, Summary]]:
    """The summary over all cues of the timeline and one per cue type of its scheme."""
    summary = summarize(list(decided.values()), session_contingency(timeline))
    by_cue = {
        code: summarize(
            [decided[code]],
            contingency(
                cue_type.times,
                [cue_type.window_ms] * len(cue_type.times),
                cue_type.matching.times,
                timeline.duration_ms,
                cues=len(cue_type.times),
            ),
        )
        for code, cue_type in timeline.types.items()
    }
    return summary, by_cue


def session_contingency(timeline: Timeline) -> Contingency:
    return contingency(
        timeline.cue_times,
        timeline.cue_windows,
        timeline.responses.times,
        timeline.duration_ms,
        cues=len(timeline.cue_times),
    )


def session_summary(session: Session) -> Summary:
    """The session summary alone (no per-cue-type breakdown): for trends and the index."""
    timeline = build_timeline(session)
    return summarize(list(decide_types(timeline).values()), session_contingency(timeline))
