"""Time in each state of a scheme's state groups, and the state at any moment (DESIGN §12;
the groups: :mod:`observe.scheme.states`).

**Reading the record.** A group's states are read from the start and stop events of its
codes, in time order; at one instant the stops come before the starts (the coding screen
records "alert stops, fussing starts" at the same moment), and each kind keeps the order
it was recorded in.

- **Initial state.** A group with an ``initial`` state is in it from ``t = 0`` unless the
  record starts one of the group's states at ``t = 0`` itself (the coding screen records
  that start; an old or imported record often does not). So an exhaustive group's time
  runs from the session's first moment.
- **Exclusive groups** (the default) have at most one state on. The record is taken as
  the coding screen writes it; where an old or imported record starts a state while
  another of its group is still on (no stop between), the new start ends the one that was
  on, at that moment — as the coding screen would have recorded it — so no moment counts
  twice. Each such start is counted in ``overlaps`` (a start that ends the implicit initial
  state is not: that state has no recorded start to overlap).
- **Non-exclusive groups**: each state is on from its start to its stop, whatever else is
  on; their times may add up to more than the codable time.
- A stop of a state that is not on, and a start of a state already on, change nothing. A
  state still on at the end runs to the session's end; nothing before ``0`` or after the
  end counts.

**Time and proportion.** Only codable time counts: the session's ``[0, duration)`` minus its
excluded periods (:mod:`observe.analysis.codable`). A state's ``seconds`` is the codable
time it was on; its ``proportion`` is that over the codable time (``None`` when there is
none); ``no_state`` is the codable time when no state of the group was on. For an exclusive
group the states' and ``no_state``'s times add up to the codable time exactly (in whole
milliseconds), so their proportions sum to 1; for an exhaustive group recorded by the
coding screen ``no_state`` is 0 and the states alone sum to 1. A record with gaps (a stop
with no start after it) shows them as ``no_state``, never spread over the states.

**The state at a moment** ``t`` is the state on at ``t`` after the changes recorded at ``t``
(a cue coded as the state changes sees the new state); in a non-exclusive group, the one
started last of those on; ``None`` when none is.

One sort of the group's events and one pass: ``O(n log n)``; the state at a moment is one
binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from observe.analysis.codable import Excluded, to_milliseconds
from observe.analysis.results import GroupTime, StateTime
from observe.analysis.stats import rate
from observe.model import Session
from observe.scheme import StateGroup


class StateLine(NamedTuple):
    """One group's record as a step function: from ``starts[i]`` (ms) until the next
    start, the states in ``on[i]`` are on (in the order they started)."""

    group: StateGroup
    starts: list[int]
    on: list[tuple[str, ...]]
    overlaps: int

    def at(self, t_ms: int) -> str | None:
        """The state on at ``t_ms`` (module docstring), or None."""
        index = bisect_right(self.starts, t_ms) - 1
        if index < 0 or not self.on[index]:
            return None
        return self.on[index][-1]


def state_lines(session: Session, until_ms: int | None = None) -> list[StateLine]:
    """The step function of each state group of the session's scheme, in scheme order;
    with ``until_ms``, from the events up to that moment only (the live view)."""
    groups = session.scheme.state_groups
    if not groups:
        return []
    group_of = {code: index for index, group in enumerate(groups) for code in group.codes}
    changes: list[list[tuple[int, int, str]]] = [[] for _ in groups]  # (t, 0 stop/1 start)
    for event in session.events:
        index = group_of.get(event.code)
        if index is None or event.kind == "point":
            continue
        t_ms = to_milliseconds(event.t)
        if until_ms is not None and t_ms > until_ms:
            continue
        changes[index].append((t_ms, 0 if event.kind == "stop" else 1, event.code))
    return [_line(group, events) for group, events in zip(groups, changes)]


def _line(group: StateGroup, changes: list[tuple[int, int, str]]) -> StateLine:
    changes.sort(key=lambda change: (change[0], change[1]))  # stable: recorded order kept
    explicit_start = any(t <= 0 and kind == 1 for t, kind, _ in changes)
    on: list[str] = [group.initial] if group.initial and not explicit_start else []
    implicit = bool(on)  # the state on is the initial one nobody recorded
    starts: list[int] = [0]
    states: list[tuple[str, ...]] = [tuple(on)]
    overlaps = 0
    for t, kind, code in changes:
        if kind == 0:
            if code in on:
                on.remove(code)
                implicit = False
        else:
            if code not in on:
                if group.exclusive:
                    if on and not implicit:
                        overlaps += 1
                    on = [code]
                else:
                    on.append(code)
            implicit = False
        t = max(t, 0)
        if starts[-1] == t:
            states[-1] = tuple(on)
        elif states[-1] != tuple(on):
            starts.append(t)
            states.append(tuple(on))
    return StateLine(group, starts, states, overlaps)


def group_times(
    lines: list[StateLine], excluded: Excluded, duration_ms: int
) -> dict[str, GroupTime]:
    """Each group's time in each state, over the codable part of ``[0, duration_ms)``."""
    duration_ms = max(duration_ms, 0)
    codable = duration_ms - excluded.seconds_within(duration_ms)
    result: dict[str, GroupTime] = {}
    for line in lines:
        spent = dict.fromkeys(line.group.codes, 0)
        idle = 0
        bounds = [*line.starts, duration_ms]
        for start, end, on in zip(bounds, bounds[1:], line.on):
            length = _codable_ms(min(start, duration_ms), min(end, duration_ms), excluded)
            if not on:
                idle += length
            for code in on:
                spent[code] = spent.get(code, 0) + length
        result[line.group.id] = GroupTime(
            label=line.group.label,
            exclusive=line.group.exclusive,
            exhaustive=line.group.exhaustive,
            codable=codable / 1000,
            states={code: _time(ms, codable) for code, ms in spent.items()},
            no_state=_time(idle, codable),
            overlaps=line.overlaps,
        )
    return result


def states_at(lines: list[StateLine], t_ms: int) -> dict[str, str | None]:
    """The state of each group at ``t_ms``: group id → state code (None: none on)."""
    return {line.group.id: line.at(t_ms) for line in lines}


def _time(ms: int, codable_ms: int) -> StateTime:
    return StateTime(seconds=ms / 1000, proportion=rate(ms, codable_ms))


def _codable_ms(start: int, end: int, excluded: Excluded) -> int:
    """The milliseconds of ``[start, end)`` outside the excluded periods."""
    if end <= start:
        return 0
    length = end - start
    if excluded:
        first = bisect_right(excluded.ends, start)
        for index in range(first, len(excluded.starts)):
            period_start, period_end = excluded.starts[index], excluded.ends[index]
            if period_start >= end:
                break
            length -= max(0, min(end, period_end) - max(start, period_start))
    return length
