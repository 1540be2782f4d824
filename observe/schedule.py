"""Observation schedules: when a family is next due an observation (a caseload setting,
``caseload.schedule`` in the archive's ``settings.toml``).

Two forms, written as a programme says them:

- **rolling** — ``every 90 days``, ``every 3 months``, ``every 2 weeks``, ``every year``, or
  one word: ``weekly``, ``monthly``, ``quarterly`` (3 months), ``yearly`` / ``annually``.
  The next observation is due that long after the family's last one.
- **since the first visit** — ``6 months, 1 year, then yearly``: observations are due at
  each listed time after the family's first visit (each later than the one before), then,
  with ``then …``, at that interval after the last listed one (``then every 6 months``,
  ``then yearly``). Without ``then`` nothing is due after the last listed time.
  The last observation counts as the one due on the scheduled date *nearest* to it (the
  first visit itself is the schedule's start, date 0; halfway between two dates goes to the
  later), and the next one is due on the scheduled date after that. So a visit a few weeks
  early for its 6-month observation counts as that observation, and a family seen at 3
  months and then not again is due at 6 months.

Dates are calendar dates. Months and years are calendar months: a month after 31 January is
28 February (29 in a leap year), a year after 29 February is 28 February; a time made of
months and days (``6 months`` then ``every 90 days``) counts the months first, then the days.

A schedule that cannot be read is one :class:`ScheduleError` sentence saying which word, at
which character, and what would be right.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from attrs import frozen

from observe.display import shorten
from observe.errors import ObserveError

Unit = Literal["days", "weeks", "months", "years"]
UNITS: tuple[Unit, ...] = ("days", "weeks", "months", "years")
#: One-word schedules and repeats, as the period each stands for.
NAMED: dict[str, tuple[int, Unit]] = {
    "weekly": (1, "weeks"),
    "monthly": (1, "months"),
    "quarterly": (3, "months"),
    "yearly": (1, "years"),
    "annually": (1, "years"),
}
#: The longest time a schedule may name (in days or in months, either way about 20 years).
MAX_DAYS = 7300
MAX_MONTHS = 240
EXAMPLES = '"every 90 days" or "6 months, 1 year, then yearly"'


class ScheduleError(ObserveError):
    """A schedule's text cannot be read; ``position`` is the 1-based character it fails at."""

    def __init__(self, text: str, position: int, problem: str) -> None:
        self.text = text
        self.position = position
        self.problem = problem
        super().__init__(
            f'the schedule "{shorten(text)}" cannot be read at character {position}: {problem}; '
            f"write it as {EXAMPLES}"
        )


@frozen
class Period:
    """A length of time in whole days, weeks, months or years."""

    amount: int
    unit: Unit

    @property
    def months(self) -> int:
        return self.amount * {"months": 1, "years": 12}.get(self.unit, 0)

    @property
    def days(self) -> int:
        return self.amount * {"days": 1, "weeks": 7}.get(self.unit, 0)

    def after(self, start: date, times: int = 1) -> date:
        """``start`` moved on by this period ``times`` times (counted from ``start`` in one
        step, so month ends do not drift: 31 Jan + 2 months is 31 Mar)."""
        return shift(start, self.months * times, self.days * times)

    def text(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"


@frozen
class Schedule:
    """``every`` alone: rolling. ``offsets`` (and optionally ``then``): since the first visit."""

    every: Period | None = None
    offsets: tuple[Period, ...] = ()
    then: Period | None = None

    @property
    def rolling(self) -> bool:
        return self.every is not None

    def text(self) -> str:
        """The schedule in the words the parser reads (``parse_schedule(s.text()) == s``)."""
        if self.every is not None:
            return f"every {self.every.text()}"
        listed = ", ".join(period.text() for period in self.offsets)
        return listed + (f", then every {self.then.text()}" if self.then is not None else "")

    def dates(self, first: date) -> Iterator[date]:
        """The scheduled dates of a schedule since ``first`` (the first visit), ``first``
        itself first; endless where the schedule repeats."""
        yield first
        months = days = 0
        for offset in self.offsets:
            months, days = offset.months, offset.days
            yield shift(first, months, days)
        if self.then is None:
            return
        times = 1
        while True:
            yield shift(first, months + self.then.months * times, days + self.then.days * times)
            times += 1

    def next_due(self, first: date, last: date) -> date | None:
        """When the next observation is due, given the family's first and last observation
        dates; None where a schedule since the first visit has no date left."""
        if self.every is not None:
            return self.every.after(last)
        dates = self.dates(first)
        previous = next(dates)
        nearest_passed = False  # ``last`` is nearest to ``previous``'s successor
        for scheduled in dates:
            if nearest_passed:
                return scheduled
            if last < scheduled:
                if last - previous < scheduled - last:
                    return scheduled  # nearest to ``previous``: this one is next
                nearest_passed = True  # nearest to this one (halfway: the later)
            previous = scheduled
        return None  # the list ran out


def shift(start: date, months: int, days: int = 0) -> date:
    """``start`` plus whole calendar months (a day past the month's end becomes its last
    day), then plus days."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day) + timedelta(days=days)


_WORD = re.compile(r",|[^\s,]+")
_UNIT_WORDS = {**{u: u for u in UNITS}, **{u[:-1]: u for u in UNITS}}


def parse_schedule(text: str) -> Schedule:
    """The schedule written in ``text`` (see the module's description)."""
    words = [(m.group().lower(), m.start() + 1) for m in _WORD.finditer(text)]
    if not words:
        raise ScheduleError(text, 1, "it is empty")
    reader = _Reader(text, words)
    if reader.peek() in NAMED or reader.peek() == "every":
        every = reader.repeat()
        reader.end()
        return Schedule(every=every)
    offsets: list[Period] = []
    then: Period | None = None
    while True:
        at = reader.position()
        period = reader.period()
        if offsets and _length(period) <= _length(offsets[-1]):
            raise ScheduleError(
                text,
                at,
                f"{period.text()} does not come after {offsets[-1].text()}: list the times "
                "since the first visit from the soonest to the latest",
            )
        offsets.append(period)
        if reader.done():
            break
        if reader.peek() not in (",", "then"):
            raise reader.fail(f'after {period.text()} comes "," or "then", not "{reader.peek()}"')
        if reader.peek() == ",":
            reader.take()
        if reader.peek() == "then":
            reader.take()
            then = reader.repeat()
            reader.end()
            break
    return Schedule(offsets=tuple(offsets), then=then)


def parse_period(text: str) -> Period:
    """One length of time: ``6 months``, ``90 days``, ``1 year`` (or ``yearly`` and the
    other one-word names, and an optional leading ``every``)."""
    words = [(m.group().lower(), m.start() + 1) for m in _WORD.finditer(text)]
    if not words:
        raise ScheduleError(text, 1, "it is empty")
    reader = _Reader(text, words)
    period = reader.repeat() if reader.peek() in (*NAMED, "every") else reader.period()
    reader.end()
    return period


def _length(period: Period) -> int:
    """An order of periods in days (a month as 30.44 days, to compare ``6 months`` with
    ``200 days``; never used to compute a date)."""
    return round(period.months * 30.44 + period.days)


class _Reader:
    def __init__(self, text: str, words: list[tuple[str, int]]) -> None:
        self.text = text
        self.words = words
        self.index = 0

    def done(self) -> bool:
        return self.index >= len(self.words)

    def peek(self) -> str | None:
        return None if self.done() else self.words[self.index][0]

    def position(self) -> int:
        return len(self.text) + 1 if self.done() else self.words[self.index][1]

    def take(self) -> str:
        word = self.words[self.index][0]
        self.index += 1
        return word

    def fail(self, problem: str) -> ScheduleError:
        return ScheduleError(self.text, self.position(), problem)

    def end(self) -> None:
        if not self.done():
            raise self.fail(f'"{self.words[self.index][0]}" is more than a schedule says')

    def repeat(self) -> Period:
        """``every N unit``, ``every unit`` or a one-word name."""
        word = self.peek()
        if word in NAMED:
            self.take()
            return Period(*NAMED[word])
        if word != "every":
            raise self.fail('a repeat is "every …" or one of ' + ", ".join(NAMED))
        self.take()
        if self.peek() in _UNIT_WORDS:  # "every year"
            return Period(1, _UNIT_WORDS[self.take()])
        return self.period()

    def period(self) -> Period:
        """``N unit``."""
        if self.done():
            raise self.fail("a number of days, weeks, months or years is missing")
        at, word = self.position(), self.peek() or ""
        if not (word.isascii() and word.isdigit()):  # "¹" is a digit, no number
            raise self.fail(f'"{word}" is not a whole number of days, weeks, months or years')
        if int(word) < 1:
            raise self.fail("a time must be at least 1")
        self.take()
        if self.done():
            raise self.fail(f"{int(word)} what? Say days, weeks, months or years")
        unit = self.peek() or ""
        if unit not in _UNIT_WORDS:
            raise self.fail(f'"{unit}" is not a unit (days, weeks, months or years)')
        self.take()
        return self._checked(Period(int(word), _UNIT_WORDS[unit]), at)

    def _checked(self, period: Period, at: int | None = None) -> Period:
        if period.days > MAX_DAYS or period.months > MAX_MONTHS:
            raise ScheduleError(
                self.text, at or self.position(), f"{period.text()} is longer than 20 years"
            )
        return period
