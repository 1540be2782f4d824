"""A brute-force reading of DESIGN §5 and §12, to check the fast analysis against.

Straight from the definitions (``observe/analysis/outcomes.py``, ``contingency.py``,
``codable.py``, ``states.py``), looking at every event for every cue and at every unit and
millisecond, per contingency rule (default: the scheme's first rule) and with the
session's excluded periods: no binary search, no merged runs, no shortcut.
"""

from __future__ import annotations

from observe.analysis.contingency import unit_count
from observe.model import Session
from observe.scheme import ContingencyRule

OPEN = 10**15  # an excluded period with no end yet runs past every moment


def ms(seconds: float) -> int:
    return round(seconds * 1000)


def periods(session: Session, until: float | None = None) -> list[tuple[int, int]]:
    """The excluded periods in ms; an open one runs to :data:`OPEN` (``until``: where it is
    measured to, for times). A period of no length is none: it leaves out no moment; nor
    does a period after the session's end."""
    found = []
    for period in session.excluded:
        end = OPEN if period.end is None else min(ms(period.end), ms(session.duration))
        if period.end is None and until is not None:
            end = max(ms(until), ms(period.start))
        if end > ms(period.start) or period.end is None:
            found.append((ms(period.start), end))
    return found


def inside(t: int, excluded: list[tuple[int, int]]) -> bool:
    """Strictly inside a period: the moments between its ends are not seen."""
    return any(start < t < end for start, end in excluded)


def naive_outcomes(session: Session, rule: ContingencyRule | None = None) -> list[tuple]:
    """(code, outcome, latency, response, time to repair, repair response, intensity fit)
    of every cue of ``rule``, in onset order."""
    rule = rule or session.scheme.rules[0]
    excluded = periods(session)
    onsets = [e for e in session.events if e.kind in ("point", "start")]
    cues = [e for e in onsets if rule.is_antecedent(e.code)]
    responses = [
        e
        for e in onsets
        if not rule.is_antecedent(e.code)
        and rule.is_consequent(e.code)
        and not inside(ms(e.t), excluded)
    ]
    seen_cues = [c for c in cues if not inside(ms(c.t), excluded)]
    result = []
    for cue in cues:
        t_c = ms(cue.t)
        if inside(t_c, excluded):
            result.append((cue.code, "not_codable", None, None, None, None, None))
            continue
        # The last moment seen of what followed the cue: where the next period begins.
        horizon = min((start for start, _ in excluded if start >= t_c), default=None)
        window, repair = ms(rule.window_for(cue.code)), ms(rule.repair_window)
        fits = rule.matches_for(cue.code)
        window_end = t_c + window if horizon is None else min(t_c + window, horizon)
        answers = [r for r in responses if t_c <= ms(r.t) <= window_end]
        if not answers:
            cut = horizon is not None and horizon < t_c + window
            outcome = "not_codable" if cut else "unanswered"
            result.append((cue.code, outcome, None, None, None, None, None))
            continue
        earliest = min(ms(r.t) for r in answers)
        at_once = [r for r in answers if ms(r.t) == earliest]
        first = next((r for r in at_once if r.code in fits), at_once[0])
        latency = (ms(first.t) - t_c) / 1000
        fit = naive_fit(cue.intensity, first.intensity)
        if first.code in fits:
            result.append((cue.code, "matched", latency, first.code, None, None, fit))
            continue
        # The episode: up to (not including) the next cue of the rule later than this one.
        episode_end = min((ms(c.t) for c in seen_cues if ms(c.t) > t_c), default=None)
        deadline = t_c + repair if episode_end is None else min(t_c + repair, episode_end - 1)
        seen_until = deadline if horizon is None else min(deadline, horizon)
        repairs = [r for r in responses if r.code in fits and ms(first.t) < ms(r.t) <= seen_until]
        if repairs:
            repair_at = min(ms(r.t) for r in repairs)
            repairer = next(r for r in repairs if ms(r.t) == repair_at)
            repair_time = (repair_at - ms(first.t)) / 1000
            result.append(
                (cue.code, "repaired", latency, first.code, repair_time, repairer.code, fit)
            )
        elif seen_until < deadline:
            result.append((cue.code, "not_codable", None, None, None, None, None))
        else:
            result.append((cue.code, "mismatched", latency, first.code, None, None, fit))
    return result


def naive_fit(cue_level, response_level):
    if cue_level is None or response_level is None:
        return None
    if cue_level == response_level:
        return "matched"
    return "under" if response_level < cue_level else "over"


def naive_table(session: Session, cue_type: str | None = None, rule: ContingencyRule | None = None):
    """The 2×2 table of 1-s units of ``rule`` (over one cue type, or all), leaving out
    every unit that overlaps an excluded period."""
    rule = rule or session.scheme.rules[0]
    excluded = periods(session, until=session.duration)
    onsets = [e for e in session.events if e.kind in ("point", "start")]
    cues = [
        e
        for e in onsets
        if rule.is_antecedent(e.code)
        and cue_type in (None, e.code)
        and not inside(ms(e.t), excluded)
    ]
    wanted = rule.matches_for(cue_type) if cue_type else rule.consequents
    targets = [
        e
        for e in onsets
        if e.code in wanted and not rule.is_antecedent(e.code) and rule.is_consequent(e.code)
    ]
    cells = [[0, 0], [0, 0]]
    for k in range(unit_count(ms(session.duration))):
        start, end = k * 1000, (k + 1) * 1000
        if any(s < end and start < e for s, e in excluded):
            continue
        given = any(ms(c.t) < end and ms(c.t) + ms(rule.window_for(c.code)) > start for c in cues)
        target = any(start <= ms(r.t) < end for r in targets)
        cells[0 if given else 1][0 if target else 1] += 1
    return ((cells[0][0], cells[0][1]), (cells[1][0], cells[1][1]))


def naive_state_ms(session: Session, group_id: str) -> tuple[dict[str, int], int, int]:
    """Milliseconds of codable time each state of an exclusive group was on, with no state
    on, and the codable time: millisecond by millisecond, replaying the record up to each
    one (the initial state from 0 unless a state starts at 0; a start ends the one on)."""
    group = session.scheme.state_group(group_id)
    assert group is not None and group.exclusive
    excluded = periods(session, until=session.duration)
    changes = sorted(
        (
            (ms(e.t), 0 if e.kind == "stop" else 1, e.code)
            for e in session.events
            if e.code in group.codes and e.kind in ("start", "stop")
        ),
        key=lambda change: (change[0], change[1]),
    )
    explicit = any(t <= 0 and kind == 1 for t, kind, _ in changes)
    spent = dict.fromkeys(group.codes, 0)
    idle = codable = 0
    on = group.initial if group.initial and not explicit else None
    position = 0
    for t in range(ms(session.duration)):
        while position < len(changes) and changes[position][0] <= t:
            _, kind, code = changes[position]
            if kind == 0 and on == code:
                on = None
            elif kind == 1:
                on = code
            position += 1
        # millisecond [t, t + 1) is codable unless it lies inside a period
        if any(start <= t and t + 1 <= end for start, end in excluded):
            continue
        codable += 1
        if on is None:
            idle += 1
        else:
            spent[on] += 1
    return spent, idle, codable
