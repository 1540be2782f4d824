"""Putting two observers' codings on one time line when they paused at different moments
(DESIGN §3, §6).

A session's clock stops while the session is paused (DESIGN §3), so ``t`` is *observed*
time: after a 40 s pause every later code sits 40 s earlier on the clock than the moment it
happened. Two observers who paused at different moments therefore drift apart by the
difference of their pauses, and one constant offset can no longer line them up.

Each session stores its pauses with their wall-clock times (``paused_wall``,
``resumed_wall``), so the comparison works on **interaction time**: a session's clock time
plus the length of every pause before it, ``interaction(t) = t + Σ length(p)`` over the
pauses with ``p.at < t`` (a code at the very moment of a pause was pressed before it). Each
pause's length is the difference of its two wall times, read on the same laptop, so the
two laptops' clocks need not agree with each other. On that time line the two codings
differ by one constant again: the offset (seconds added to observer B's interaction time
to put it on A's), estimated or given as before. For sessions without pauses interaction
time is clock time, so nothing changes.

While a session is paused its observer was not coding: those stretches are **not observed
by that observer**. The comparison leaves out what the other observer coded in them (see
:mod:`observe.analysis.reliability` and :mod:`observe.analysis.reliability_units`). A
period an observer marked as not codable (``Session.excluded``) is put on interaction time
the same way (:meth:`SessionClock.stretches`), and left out for both observers.

A pause that cannot be measured (a wall time that is no ISO date, a resume before the
pause, or a pause never resumed with codes after it) counts as 0 s, with a warning naming
the session.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import datetime

from attrs import frozen

from observe.analysis.timeline import to_milliseconds
from observe.model import Interval as Period
from observe.model import Session

Interval = tuple[int, int]
"""A stretch of time in whole milliseconds, ``[start, end)``."""


@frozen
class SessionClock:
    """How one session's clock maps onto interaction time (all in whole milliseconds)."""

    pause_at: tuple[int, ...]  # clock time of each pause, in order
    pause_length: tuple[int, ...]  # its length (wall time, ms)
    end: int  # where the clock stopped: the duration, or the last event if later

    def interaction(self, t: int) -> int:
        """Clock time ``t`` as interaction time: plus every pause before it."""
        return t + sum(
            length for at, length in zip(self.pause_at, self.pause_length, strict=True) if at < t
        )

    def clock(self, moment: int) -> int:
        """Interaction time back on this session's clock; a moment inside one of its pauses
        is where the clock stood during that pause."""
        before = 0
        for at, length in zip(self.pause_at, self.pause_length, strict=True):
            start = at + before
            if moment <= start:
                break
            if moment < start + length:
                return at
            before += length
        return moment - before

    @property
    def interaction_end(self) -> int:
        """Where the session ended, in interaction time."""
        return self.interaction(self.end)

    def stretches(self, periods: Sequence[Period]) -> list[Interval]:
        """Closed periods of this session's clock (seconds) as stretches of interaction time
        (a pause inside a period lies inside its stretch too)."""
        found: list[Interval] = []
        for period in periods:
            if period.end is None:
                continue
            start = self.interaction(to_milliseconds(period.start))
            end = self.interaction(to_milliseconds(period.end))
            if end > start:
                found.append((start, end))
        return found

    def paused(self) -> list[Interval]:
        """The stretches of interaction time this observer was paused, in order."""
        stretches: list[Interval] = []
        before = 0
        for at, length in zip(self.pause_at, self.pause_length, strict=True):
            if length > 0:
                stretches.append((at + before, at + before + length))
            before += length
        return stretches


def session_clock(session: Session, label: str) -> tuple[SessionClock, list[str]]:
    """The clock of ``session`` (called observer ``label`` in warnings) and the warnings
    about pauses whose length cannot be measured."""
    warnings: list[str] = []
    last_event = max((to_milliseconds(e.t) for e in session.events), default=0)
    end = max(to_milliseconds(session.duration), last_event)
    unmeasured = 0
    ats: list[int] = []
    lengths: list[int] = []
    for pause in sorted(session.pauses, key=lambda p: p.at):
        at = to_milliseconds(pause.at)
        length = _length_ms(pause.paused_wall, pause.resumed_wall)
        if length is None:
            if pause.resumed_wall is not None or last_event > at:
                unmeasured += 1
            length = 0
        ats.append(at)
        lengths.append(length)
    if unmeasured:
        warnings.append(
            f"{unmeasured} pause{'s' if unmeasured > 1 else ''} of observer {label}'s session "
            f"{session.id[:8]} cannot be measured from {'their' if unmeasured > 1 else 'its'} "
            "wall-clock times, so counted as 0 s; codes after it may sit early on the "
            "common time line — give --offset if agreement drops after that point."
        )
    return SessionClock(pause_at=tuple(ats), pause_length=tuple(lengths), end=end), warnings


def _length_ms(paused_wall: str, resumed_wall: str | None) -> int | None:
    if resumed_wall is None:
        return None
    try:
        length = datetime.fromisoformat(resumed_wall) - datetime.fromisoformat(paused_wall)
    except (TypeError, ValueError):
        return None
    milliseconds = round(length.total_seconds() * 1000)
    return milliseconds if milliseconds >= 0 else None


def shifted(stretches: Sequence[Interval], offset: int) -> list[Interval]:
    return [(start + offset, end + offset) for start, end in stretches]


def merged(stretches: Sequence[Interval]) -> list[Interval]:
    """``stretches`` in order, overlapping ones joined: ordered and disjoint (touching ones
    stay apart, so their shared moment stays outside both, as it was)."""
    joined: list[Interval] = []
    for start, end in sorted(stretches):
        if joined and start < joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def inside(moment: int, stretches: Sequence[Interval]) -> bool:
    """Whether ``moment`` lies strictly inside one of the ordered, disjoint ``stretches``
    (a code exactly where a pause begins or ends was pressed while the observer watched)."""
    starts = [start for start, _ in stretches]
    index = bisect_left(starts, moment) - 1
    return index >= 0 and stretches[index][0] < moment < stretches[index][1]
