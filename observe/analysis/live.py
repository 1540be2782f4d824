"""The running figures the coding screen shows while a session is being coded (DESIGN §4, §5,
§12), for every contingency rule of the scheme (the first rule's are ``summary``,
``open_cues`` and ``decided``, as before rules existed; ``rules`` has each rule's, its
open and decided antecedents included: a caregiver's bid answered by the infant is shown
as a cue is).

``live_status(session, now)`` looks at the session as it stands at session-clock time
``now`` (events after ``now`` are ignored; the contingency units run to ``now``):

- **open cues**: cues with no response yet whose window ``[t_c, t_c + W]`` has not closed
  (``now ≤ t_c + W``; ``remaining`` = ``t_c + W − now``), and cues whose window closed with no
  response within the last :data:`MISSED_SHOWN_FOR` seconds (state ``"missed"``);
- **decided cues**: the outcome of each of the latest cues whose outcome is decided
  (answered, or window closed), with its event id, for the screen's list of events;
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
outcomes of the last session seen are kept (per rule, with its state groups' step
functions) and only the split into decided, open and missed cues, the running summary and
the contingency units are redone per call (``bench/analysis.py`` measures it on 1,000- and
5,000-event live sessions).
"""

from __future__ import annotations

from bisect import bisect_left

from observe.analysis.codable import excluded_of
from observe.analysis.outcomes import Decided, cue_results, decide_types
from observe.analysis.results import CueResult, DecidedCue, LiveRule, LiveStatus, OpenCue
from observe.analysis.session import excluded_units, session_contingency
from observe.analysis.states import StateLine, state_lines, states_at
from observe.analysis.summary import summarize
from observe.analysis.timeline import Timeline, build_timeline, to_milliseconds
from observe.model import Session
from observe.scheme import ContingencyRule

#: Seconds a cue stays on screen as "missed" after its window closed unanswered.
MISSED_SHOWN_FOR = 5.0
#: How many of the latest cues ``decided`` looks at (more than a screen lists).
RECENT_CUES = 40
#: Each rule's results of those cues, by rule id, for the timeline and outcomes they were
#: built from (kept alive here).
_recent: dict[str, tuple[list, dict[str, Decided], tuple[CueResult, ...]]] = {}

_Rule = tuple[Timeline, dict[str, Decided]]

#: The last session analysed whose events all start at or before some ``now``: (the session
#: itself, so it stays alive and its identity cannot be reused, each rule's timeline with
#: every event and the outcomes, the state groups' step functions, the onset of its last
#: event in ms).
_last: tuple[Session, list[_Rule], list[StateLine], int] | None = None


def _as_of(session: Session, now_ms: int) -> tuple[list[_Rule], list[StateLine]]:
    """Each rule's timeline of ``session`` up to ``now_ms`` and the outcomes of its cues,
    and the state groups' step functions up to ``now_ms``."""
    global _last
    cached = _last
    if cached is None or cached[0] is not session:
        rules = [_decided(build_timeline(session, rule)) for rule in session.scheme.rules]
        last_onset = max((to_milliseconds(e.t) for e in session.events), default=0)
        cached = (session, rules, state_lines(session), last_onset)
        _last = cached
    _, rules, lines, last_onset = cached
    excluded = excluded_of(session, max(now_ms, 0))
    if last_onset <= now_ms:
        return [
            (timeline._replace(duration_ms=max(now_ms, 0), excluded=excluded), decided)
            for timeline, decided in rules
        ], lines
    # Some event starts after ``now`` (a key read before the clock): leave it out.
    now = now_ms / 1000
    return [
        _decided(build_timeline(session, rule, until=now)) for rule in session.scheme.rules
    ], state_lines(session, until_ms=now_ms)


def _decided(timeline: Timeline) -> _Rule:
    return timeline, decide_types(timeline)


def live_status(session: Session, now: float) -> LiveStatus:
    now_ms = to_milliseconds(now)
    rules, lines = _as_of(session, now_ms)
    live = tuple(
        _live_rule(rule, timeline, decided, now_ms)
        for rule, (timeline, decided) in zip(session.scheme.rules, rules)
    )
    first = live[0]
    return LiveStatus(
        summary=first.summary,
        open_cues=first.open_cues,
        rules=live,
        states=states_at(lines, now_ms),
        excluding=session.excluding,
        decided=first.decided,
    )


def _live_rule(
    rule: ContingencyRule, timeline: Timeline, decided_by_type: dict[str, Decided], now_ms: int
) -> LiveRule:
    missed_ms = to_milliseconds(MISSED_SHOWN_FOR)
    decided_parts: list[Decided] = []
    shown: list[tuple[int, OpenCue]] = []  # (position among all cues, cue)
    for code, cue_type in timeline.types.items():
        decided = decided_by_type[code]
        outcomes = decided.outcomes
        window_ms = cue_type.window_ms
        # Every cue of a type has the same window, so the cues whose window has closed
        # (t_c + W < now) are a prefix of the type's cues, and only the rest can be open.
        closed = bisect_left(cue_type.times, now_ms - window_ms)
        part = Decided(*(column[:closed] for column in decided))
        for index in range(closed, len(cue_type.times)):
            if outcomes[index] != "unanswered":  # answered, or not codable already
                for column, source in zip(part, decided):
                    column.append(source[index])
        decided_parts.append(part)
        first_shown = bisect_left(cue_type.times, now_ms - window_ms - missed_ms)
        for index in range(first_shown, len(cue_type.times)):
            if outcomes[index] != "unanswered":
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
    summary = summarize(
        decided_parts,
        session_contingency(timeline, excluded_units(timeline)),
        len(timeline.outside),
    )
    return LiveRule(
        id=rule.id,
        label=rule.label,
        summary=summary,
        open_cues=tuple(c for _, c in shown),
        decided=_recently_decided(rule.id, timeline, decided_by_type, now_ms),
    )


def _recently_decided(
    rule_id: str, timeline: Timeline, decided: dict[str, Decided], now_ms: int
) -> tuple[DecidedCue, ...]:
    """The outcomes of the rule's last :data:`RECENT_CUES` cues, leaving out those still
    open (unanswered, window not closed): a few dozen objects per call, whatever the
    session's length."""
    since = max(0, len(timeline.cue_events) - RECENT_CUES)
    cached = _recent.get(rule_id)
    if cached is not None and cached[0] is timeline.cue_events and cached[1] is decided:
        results = cached[2]
    else:  # a new session (a key was pressed), not only a later moment
        results = cue_results(timeline, decided, since=since)
        if len(_recent) > 16:  # schemes come and go: keep the rules of the latest few
            _recent.clear()
        _recent[rule_id] = (timeline.cue_events, decided, results)
    found: list[DecidedCue] = []
    for event, result in zip(timeline.cue_events[since:], results):
        if result.outcome == "unanswered":
            cue_type = timeline.types.get(result.code)
            if cue_type is not None and now_ms <= to_milliseconds(result.t) + cue_type.window_ms:
                continue  # still open: not decided yet
        found.append(DecidedCue(event.id, result))
    return tuple(found)
