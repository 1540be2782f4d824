"""Simulated sessions of schemes for real instruments: contingency rules in every direction,
state groups, and periods that could not be coded (DESIGN §12).

A scheme that lists rules (``[[contingencies]]``) or state groups is simulated rule by rule
rather than as infant cues and caregiver responses (:mod:`observe.interchange.simulate`,
which keeps every other scheme's sessions exactly as they were):

- **State groups.** Each exclusive group runs as one line of states: an exhaustive group
  (or any group with an ``initial`` state) starts in that state at ``t = 0``, recorded as
  a start there, as the coding screen records it; every few tens of seconds another of its
  states takes over, written as the stop of the one that was on and the start of the new
  one at the same instant; the state on at the end stops there. The initial state is the
  one the group comes back to most. A group that is not exhaustive (and has no initial
  state) starts a little into the session, and now and then holds no state for a while.
  A state code in no group, or in a group that is not exclusive, is on and off on its
  own, as the old simulation codes it.
- **Rules.** Each rule's antecedents arrive as a Poisson process (the first rule at
  ``cue_rate`` a minute, each other at three fifths of it), and a state antecedent of an
  exclusive group also arrives whenever its group moves into it. Whoever answers (the
  actors of the rule's consequents) notices one with a probability that rises with
  ``skill``, answers after a lognormal latency scaled to the rule's window, with a
  consequent that fits the antecedent (``rule.fits``) more often with skill, and sometimes
  puts a poor fit right within the repair window. An answer that is itself an antecedent
  of another rule (the infant looks back at a parent's bid: a cue of the infant) is
  answered in turn, one step deep: serve and return. A repair always comes before the
  rule's next antecedent (where the episode ends, DESIGN §5): every rule's antecedents are
  drawn before any is answered, and a repair that would come after the next one is moved
  before it (or left out when the next came too soon). Answers never switch a state group
  (a consequent that is a grouped state is left to the group's own line).
- **Spontaneous acts.** Now and then a caregiver does something with no antecedent before
  it: a point code of an actor who is not the infant and that is no rule's antecedent.
- **Periods that cannot be coded.** About two sessions in five (of two minutes or more)
  have one, now and then two, of 10 to 45 s (``Session.excluded``). The observer sees
  nothing in them: events strictly inside are not coded, except now and then an infant
  cue heard from the next room; a state change inside one is coded when the observer sees
  the baby again, at the period's end.

Deterministic, like the rest of the simulation: every draw comes from the session's own
generator.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Sequence

from observe.interchange.simulate_events import (
    EventBuilder,
    cue_intensity,
    lognormal,
    response_intensity,
)
from observe.model import Interval, to_ms
from observe.scheme import ContingencyRule, Scheme, StateGroup

#: The caregivers' acts per minute with no antecedent before them.
SPONTANEOUS_RATE = 0.4
#: A rule after the first: its antecedents' rate, as a share of the first rule's.
LATER_RULE_SHARE = 0.6
#: Of sessions of two minutes or more, the share with a period that cannot be coded.
EXCLUDED_SHARE = 0.4
#: The share of infant cues inside such a period that the observer still codes (heard).
HEARD_SHARE = 0.15
#: Of the changes of a group that need not always hold a state, the share to no state.
GAP_SHARE = 0.3
#: How many answers deep serve and return goes.
CHAIN_DEPTH = 1


def is_instrument(scheme: Scheme) -> bool:
    """Whether ``scheme`` is simulated here: it lists rules or state groups."""
    return bool(scheme.contingencies or scheme.state_groups)


def instrument_events(builder: EventBuilder, cue_rate: float) -> tuple[Interval, ...]:
    """Fill ``builder`` with a session of an instrument scheme (module docstring); return
    its periods that cannot be coded."""
    scheme = builder.scheme
    excluded = _excluded_periods(builder)
    grouped: dict[str, StateGroup] = {}
    onsets: list[tuple[float, str, int | None]] = []  # where a group moves into a state
    for group in scheme.state_groups:
        if group.exclusive and group.codes:
            grouped.update(dict.fromkeys(group.codes, group))
            onsets += _state_line(builder, group, excluded)
    simulation = _Rules(builder, grouped)
    # every rule's antecedents first, so an answer knows when its rule's next one comes
    placed: list[tuple[ContingencyRule, list[tuple[float, str, int | None]]]] = []
    for number, rule in enumerate(scheme.rules):
        rate = cue_rate * (1.0 if number == 0 else LATER_RULE_SHARE)
        found = simulation.arrivals(rule, rate)
        found += [(t, state, level) for t, state, level in onsets if rule.is_antecedent(state)]
        found.sort(key=lambda arrival: arrival[0])
        simulation.times[rule.id] = [t for t, _code, _level in found]
        placed.append((rule, found))
    for rule, found in placed:
        for t, code, level in found:
            simulation.answer(rule, code, t, level, depth=0)
    simulation.spontaneous()
    _leave_out_unseen(builder, excluded, grouped)
    return excluded


# -- periods that cannot be coded ----------------------------------------------------------


def _excluded_periods(builder: EventBuilder) -> tuple[Interval, ...]:
    rng, duration = builder.rng, builder.duration
    if duration < 120 or rng.random() >= EXCLUDED_SHARE:
        return ()
    count = 2 if duration >= 300 and rng.random() < 0.25 else 1
    periods: list[Interval] = []
    for _ in range(count):
        length = rng.uniform(10.0, 45.0)
        start = rng.uniform(0.1, 0.85) * duration
        end = min(duration, start + length)
        if any(start < p.end + 5 and p.start < end + 5 for p in periods if p.end is not None):
            continue  # not on top of (or touching) the other one
        periods.append(Interval(to_ms(start), to_ms(end)))
    return tuple(sorted(periods, key=lambda p: p.start))


def _inside(t: float, periods: Sequence[Interval]) -> Interval | None:
    """The period ``t`` lies strictly inside, if any (the analysis's convention)."""
    return next((p for p in periods if p.end is not None and p.start < t < p.end), None)


def _leave_out_unseen(
    builder: EventBuilder, excluded: Sequence[Interval], grouped: dict[str, StateGroup]
) -> None:
    """Take out what the observer could not see: every event strictly inside a period,
    but for a grouped state's change (moved to the end already) and a cue now and then."""
    if not excluded:
        return
    rng, scheme = builder.rng, builder.scheme
    infant = scheme.infant.id
    kept = []
    for row in builder.rows:
        event = row[2]
        if _inside(event.t, excluded) is None or event.code in grouped:
            kept.append(row)
            continue
        heard = (
            event.kind == "point"
            and scheme.is_cue(event.code)
            and scheme.actor_of(event.code).id == infant
        )
        if heard and rng.random() < HEARD_SHARE:
            kept.append(row)
    builder.rows = kept


# -- state groups --------------------------------------------------------------------------


def _state_line(
    builder: EventBuilder, group: StateGroup, excluded: Sequence[Interval]
) -> list[tuple[float, str, int | None]]:
    """Record one exclusive group's line of states; return where each state began (with
    the intensity of a state that is a rule's antecedent)."""
    rng, duration, scheme = builder.rng, builder.duration, builder.scheme
    codes = list(group.codes)
    home = group.initial
    weights = {code: (3.0 if code == home else rng.uniform(0.4, 1.5)) for code in codes}
    changes: list[tuple[float, str | None]] = []  # (moment, the state from then on)
    state: str | None = home
    t = 0.0 if home is not None else rng.uniform(5.0, 40.0)
    if home is not None:
        changes.append((0.0, home))
    while t < duration:
        if state is not None:
            t += max(2.0, lognormal(rng, 55.0 if state == home else 20.0, 0.6))
        others = [code for code in codes if code != state]
        if t >= duration or not others:
            break
        if state is not None and not group.exhaustive and rng.random() < GAP_SHARE:
            state = None  # a group that need not hold a state: none for a while
        else:
            state = rng.choices(others, [weights[code] for code in others])[0]
        period = _inside(t, excluded)
        moment = to_ms(t if period is None or period.end is None else period.end)
        if moment >= duration:
            break
        if changes and changes[-1][0] == moment:  # two changes unseen: the last one shows
            changes.pop()
        changes.append((moment, state))
        if state is None:
            t += max(2.0, lognormal(rng, 15.0, 0.6))
    rules = scheme.rules
    onsets: list[tuple[float, str, int | None]] = []
    previous: str | None = None
    for moment, code in changes:
        if code == previous:
            continue
        if previous is not None:
            builder.add(previous, moment, "stop")
        previous = code
        if code is None:
            continue
        antecedent = any(rule.is_antecedent(code) for rule in rules)
        level = cue_intensity(builder) if antecedent else None
        builder.add(code, moment, "start", level)
        onsets.append((moment, code, level))
    if previous is not None:
        builder.add(previous, duration, "stop")
    return onsets


# -- rules ---------------------------------------------------------------------------------


class _Rules:
    """The arrivals and answers of every rule of one session."""

    def __init__(self, builder: EventBuilder, grouped: dict[str, StateGroup]) -> None:
        self.builder = builder
        self.grouped = grouped
        scheme = builder.scheme
        self.antecedents = {code for rule in scheme.rules for code in rule.antecedents}
        self.busy_until: dict[str, float] = {}  # an ungrouped state code: on until then
        self.times: dict[str, list[float]] = {}  # per rule: its antecedents' times, sorted

    def arrivals(
        self, rule: ContingencyRule, per_minute: float
    ) -> list[tuple[float, str, int | None]]:
        """Record the rule's antecedents that are not grouped states, as a Poisson process;
        return (t, code, intensity) of those recorded."""
        builder, rng, scheme = self.builder, self.builder.rng, self.builder.scheme
        codes = [c for c in rule.antecedents if c not in self.grouped and scheme.code(c)]
        if not codes or per_minute <= 0:
            return []
        weights = [rng.uniform(0.4, 2.0) for _ in codes]
        per_second = per_minute / 60.0
        found: list[tuple[float, str, int | None]] = []
        t = rng.expovariate(per_second)
        while t < builder.duration:
            code = rng.choices(codes, weights)[0]
            intensity = cue_intensity(builder)
            if self.act(code, t, intensity):
                found.append((to_ms(t), code, intensity))
            t += rng.expovariate(per_second)
        return found

    def next_antecedent(self, rule: ContingencyRule, t: float) -> float:
        """When the rule's next antecedent after ``t`` comes (its episode ends there; the
        session's end if none does)."""
        times = self.times.get(rule.id, [])
        following = bisect_right(times, t)
        return times[following] if following < len(times) else self.builder.duration

    def act(self, code: str, t: float, intensity: int | None) -> bool:
        """Record ``code`` at ``t`` (an ungrouped state code with its stop); False if it
        could not be (past the end, or the state is on already)."""
        builder = self.builder
        definition = builder.scheme.code(code)
        if definition is None:
            return False
        if definition.kind != "state":
            return builder.add(code, t, "point", intensity) is not None
        if t <= self.busy_until.get(code, -1.0):
            return False
        stop = min(builder.duration, t + max(1.0, lognormal(builder.rng, 10.0, 0.5)))
        if stop - t < 0.5 or builder.add(code, t, "start", intensity) is None:
            return False
        builder.add(code, stop, "stop")
        self.busy_until[code] = stop
        return True

    def answer(
        self, rule: ContingencyRule, antecedent: str, t: float, intensity: int | None, depth: int
    ) -> None:
        """Whoever answers under ``rule``: maybe nothing, a fit, or a poor fit and a repair."""
        builder, rng, skill = self.builder, self.builder.rng, self.builder.skill
        if rng.random() >= 0.45 + 0.5 * skill:
            return  # not noticed
        fitting = self._usable(rule.matches_for(antecedent))
        others = self._usable(tuple(c for c in rule.consequents if not rule.fits(antecedent, c)))
        quiet = [c for c in others if c not in self.antecedents]
        others = quiet or others
        if not fitting and not others:
            return
        scale = rule.window_for(antecedent) / 5.0
        latency = lognormal(rng, (4.0 - 2.5 * skill) * scale, 0.6)
        t_answer = t + max(0.05, latency)
        fits = bool(fitting) and (not others or rng.random() < 0.35 + 0.6 * skill)
        chosen = rng.choice(fitting if fits else others)
        level = response_intensity(builder, intensity)
        if not self.act(chosen, t_answer, level):
            return
        self._and_back(chosen, t_answer, level, depth)
        if fits or not fitting or rng.random() >= 0.2 + 0.6 * skill:
            return
        # A repair: usually inside the repair window (sometimes too late to count), and
        # always before the rule's next antecedent, where the episode ends (DESIGN §5).
        delay = lognormal(rng, 0.25 * rule.repair_window, 0.6)
        repair = rng.choice(fitting)
        t_repair = t_answer + max(0.2, delay)
        until = self.next_antecedent(rule, t)
        if t_repair >= until - 0.05:
            room = until - 0.05 - t_answer
            if room < 0.3:
                return  # the next antecedent came too soon to put this one right
            t_repair = t_answer + rng.uniform(0.2, room)
        if self.act(repair, t_repair, level):
            self._and_back(repair, t_repair, level, depth)

    def _and_back(self, code: str, t: float, intensity: int | None, depth: int) -> None:
        """An answer that is another rule's antecedent is one of that rule's antecedents
        (it ends that rule's episode before it) and is answered under that rule."""
        if code not in self.antecedents:
            return
        for rule in self.builder.scheme.rules:
            if rule.is_antecedent(code):
                insort(self.times.setdefault(rule.id, []), to_ms(t))
                if depth < CHAIN_DEPTH:
                    self.answer(rule, code, t, intensity, depth + 1)

    def _usable(self, codes: Sequence[str]) -> list[str]:
        """The codes an answer can be: codes of the scheme, never a grouped state."""
        scheme = self.builder.scheme
        return [c for c in codes if c not in self.grouped and scheme.code(c) is not None]

    def spontaneous(self) -> None:
        """Caregivers' acts with no antecedent before them."""
        builder, rng, scheme = self.builder, self.builder.rng, self.builder.scheme
        infant = scheme.infant.id
        codes = [
            code.id
            for code in scheme.codes
            if code.kind == "point"
            and scheme.actor_of(code.id).id != infant
            and code.id not in self.antecedents
        ]
        if not codes:
            return
        per_second = SPONTANEOUS_RATE / 60.0
        t = rng.expovariate(per_second)
        while t < builder.duration:
            self.act(rng.choice(codes), t, None)
            t += rng.expovariate(per_second)
