"""Responsiveness analysis (DESIGN §5): pure functions from sessions to figures.

- :func:`analyze_session` — outcomes per cue, the session summary and one per cue type;
- :func:`analyze_dyad` — the summary per session of one dyad, in start order;
- :func:`live_status` — open cues and running figures for the coding screen;
- :func:`index_figures` — the few figures the session list shows;
- :func:`to_json` — the documented ``observe analyze --json`` structure.

Definitions live in the module that computes them: :mod:`.timeline` (what is a cue, a
response, a window), :mod:`.outcomes`, :mod:`.summary`, :mod:`.stats`, :mod:`.contingency`,
:mod:`.live`, :mod:`.trend`.

Rounding: none in the library or in the JSON. Times are compared in whole milliseconds (the
session clock's resolution), so latencies and repair times are exact millisecond values in
seconds; rates, quartiles, odds ratios and Q are the exact floats computed. Only the
readable summary (:mod:`.text`) rounds, for display.
"""

from observe.analysis.figures import index_figures
from observe.analysis.jsonout import to_json
from observe.analysis.live import MISSED_SHOWN_FOR, live_status
from observe.analysis.results import (
    Contingency,
    CueResult,
    DyadTrend,
    IntensityCounts,
    LatencyStats,
    LiveStatus,
    OpenCue,
    Outcomes,
    RepairStats,
    SessionAnalysis,
    Summary,
    TrendPoint,
)
from observe.analysis.session import analyze_session, session_summary
from observe.analysis.trend import analyze_dyad

__all__ = [
    "MISSED_SHOWN_FOR",
    "Contingency",
    "CueResult",
    "DyadTrend",
    "IntensityCounts",
    "LatencyStats",
    "LiveStatus",
    "OpenCue",
    "Outcomes",
    "RepairStats",
    "SessionAnalysis",
    "Summary",
    "TrendPoint",
    "analyze_dyad",
    "analyze_session",
    "index_figures",
    "live_status",
    "session_summary",
    "to_json",
]
