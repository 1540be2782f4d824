"""The running figures the coding screen shows while a session is being coded (DESIGN §4, §5).

``live_status(session, now)`` looks at the session as it stands at session-clock time
``now`` (events after ``now`` are ignored; the contingency units run to ``now``):

- **open cues**: cues with no response yet whose window ``[t_c, t_c + W]`` has not closed
  (``now ≤ t_c + W``; ``remaining`` = ``t_c + W − now``), and cues whose window closed with no
  response within the last :data:`MISSED_SHOWN_FOR` seconds (state ``"missed"``);
- **the running summary** counts only cues whose outcome is already decided: answered, or
  window closed. A cue still inside its window is left out until either happens, so the
  running response rate is not dragged down by cues the caregiver still has time to answer.
  An answered cue whose first response did not match counts as mismatched until a
  matching response repairs it. Contingency covers every cue up to ``now`` (it is about
  windows, not outcomes).

It is called several times a second during coding: it is one pass over at most ~1,000
events with binary searches, a millisecond or two (``bench/analysis.py`` measures it).
"""

from __future__ import annotations

from observe.analysis.outcomes import decide_outcomes
from observe.analysis.results import LiveStatus, OpenCue
from observe.analysis.session import session_contingency
from observe.analysis.summary import summarize
from observe.analysis.timeline import build_timeline, to_milliseconds
from observe.model import Session

#: Seconds a cue stays on screen as "missed" after its window closed unanswered.
MISSED_SHOWN_FOR = 5.0


def live_status(session: Session, now: float) -> LiveStatus:
    timeline = build_timeline(session, until=now)
    now_ms = timeline.duration_ms
    missed_ms = to_milliseconds(MISSED_SHOWN_FOR)
    decided = []
    open_cues = []
    for outcome in decide_outcomes(timeline):
        cue = outcome.cue
        closes_ms = outcome.t_ms + outcome.window_ms
        if outcome.answered or now_ms > closes_ms:
            decided.append(outcome)
        if outcome.answered:
            continue
        if now_ms <= closes_ms:
            state, remaining = "open", (closes_ms - now_ms) / 1000
        elif now_ms <= closes_ms + missed_ms:
            state, remaining = "missed", 0.0
        else:
            continue
        open_cues.append(
            OpenCue(
                event_id=cue.id,
                code=cue.code,
                t=cue.t,
                window=outcome.window_ms / 1000,
                remaining=remaining,
                state=state,
            )
        )
    return LiveStatus(
        summary=summarize(decided, session_contingency(timeline)),
        open_cues=tuple(open_cues),
    )
