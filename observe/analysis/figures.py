"""The few figures the session list and home screen show for every session (DESIGN §5).

- ``cues``: how many infant cues were coded (a state cue counts once, at its onset) — of
  the scheme's first rule, and only the codable ones (:mod:`observe.analysis.codable`);
- ``response_rate``: answered cues / cues; ``match_rate``: cues whose first response
  matched / cues; both ``None`` with no cues;
- ``median_latency``: the median seconds from a cue to its first response, over the
  answered cues (``None`` if none was answered).

They are the session summary's own figures (:mod:`observe.analysis.summary`), so the list
and ``observe analyze`` always agree. The archive stores them in its index (through the
``figures`` hook of ``Archive.open``), so listing thousands of sessions never re-analyses
them.
"""

from __future__ import annotations

from typing import Any

from observe.analysis.session import session_summary
from observe.model import Session


def index_figures(session: Session) -> dict[str, Any]:
    """``{"cues", "response_rate", "match_rate", "median_latency"}``; rates and the median
    are ``None`` where they cannot be computed."""
    summary = session_summary(session)
    return {
        "cues": summary.cues,
        "response_rate": summary.response_rate,
        "match_rate": summary.match_rate,
        "median_latency": summary.latency.median,
    }
