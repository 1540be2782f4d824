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
  matching response repairs it — within the repair window and before the infant's next
  cue (DESIGN §5 episodes): once a new cue is coded, the earlier cue's mismatch is final,
  and a response after the new cue counts for the new cue only. Contingency covers every
  cue up to ``now`` (it is about windows, not outcomes).

It is called 5–10 times a second during coding, mostly with the same session (a session
is an immutable value: a new key press makes a new one) and a later ``now``. The outcomes
of the session's cues do not depend on ``now`` once every event is at or before it (the
usual case: events are recorded at the moment of their key), so the timeline and the
outcomes of the last session seen are kept and only the split into decided, open and
missed cues, the running summary and the contingency units are redone per call
(``bench/analysis.py`` measures it on 1,000- and 5,000-event live sessions).
"""

from __future__ import annotations

from bisect import bisect_left

from observe.analysis.outcomes import Decided, decide_types
from observe.analysis.results import LiveStatus, OpenCue
from observe.analysis.session import session_contingency
from observe.analysis.summary import summarize
from observe.analysis.timeline import Timeline, build_timeline, to_milliseconds
from observe.model import Session

#: Seconds a cue stays on screen as "missed" after its window closed unanswered.
MISSED_SHOWN_FOR = 5.0


#: The last session analysed whose events all start at or before some ``now``: (the session
#: itself, so it stays alive and its identity cannot be reused, its timeline with every
#: event, the outcomes, the onset of its last event in ms).
_last: tuple[Session, Timeline, dict[str, Decided], int] | None = None


def _as_of(session: Session, now_ms: int) -> tuple[Timeline, dict[str, Decided]]:
    """The timeline of ``session`` up to ``now_ms`` and the outcomes of its cues."""
    global _last
    cached = _last
    if cached is None or cached[0] is not session:
        timeline = build_timeline(session)
        last_onset = max(timeline.cue_times[-1:] + timeline.responses.times[-1:], default=0)
        cached = (session, timeline, decide_types(timeline), last_onset)
        _last = cached
    _, timeline, decided, last_onset = cached
    if last_onset <= now_ms:
        return timeline._replace(duration_ms=max(now_ms, 0)), decided
    # Some event starts after ``now`` (a key read before the clock): leave it out.
    timeline = build_timeline(session, until=now_ms / 1000)
    return timeline, decide_types(timeline)


def live_status(session: Session, now: float) -> LiveStatus:
    now_ms = to_milliseconds(now)
    timeline, decided_by_type = _as_of(session, now_ms)
    missed_ms = to_milliseconds(MISSED_SHOWN_FOR)
    decided_parts: list[Decided] = []
    shown: list[tuple[int, OpenCue]] = []  # (position among all cues, cue)
    for code, cue_type in timeline.types.items():
        decided = decided_by_type[code]
        window_ms = cue_type.window_ms
        # Every cue of a type has the same window, so the cues whose window has closed
        # (t_c + W < now) are a prefix of the type's cues, and only the rest can be open.
        closed = bisect_left(cue_type.times, now_ms - window_ms)
        part = Decided(*(column[:closed] for column in decided))
        for index in range(closed, len(cue_type.times)):
            if decided.latencies_ms[index] is not None:
                for column, source in zip(part, decided):
                    column.append(source[index])
        decided_parts.append(part)
        first_shown = bisect_left(cue_type.times, now_ms - window_ms - missed_ms)
        for index in range(first_shown, len(cue_type.times)):
            if decided.latencies_ms[index] is not None:
                continue
            closes_ms = cue_type.times[index] + window_ms
            if now_ms <= closes_ms:
                state, remaining = "open", (closes_ms - now_ms) / 1000
            else:
                state, remaining = "missed", 0.0
            position = cue_type.positions[index]
            cue = timeline.cue_events[position]
            shown.append(
                (
                    position,
                    OpenCue(
                        event_id=cue.id,
                        code=cue.code,
                        t=cue.t,
                        window=window_ms / 1000,
                        remaining=remaining,
                        state=state,
                    ),
                )
            )
    shown.sort(key=lambda item: item[0])
    return LiveStatus(
        summary=summarize(decided_parts, session_contingency(timeline)),
        open_cues=tuple(cue for _, cue in shown),
    )
