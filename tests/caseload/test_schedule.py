"""The observation schedule (``caseload.schedule``): what a programme writes, and the due
dates it gives. If these failed, a supervisor would be told a family is due on the wrong
day, or a schedule they wrote would be refused or misread without a word where."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.schedule import (
    NAMED,
    UNITS,
    Period,
    Schedule,
    ScheduleError,
    parse_period,
    parse_schedule,
    shift,
)

periods = st.builds(Period, st.integers(1, 20), st.sampled_from(UNITS))  # within 20 years
days = st.dates(date(1990, 1, 1), date(2090, 12, 31))


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    if draw(st.booleans()):
        return Schedule(every=draw(periods))
    lengths = sorted(set(draw(st.lists(st.integers(1, 240), min_size=1, max_size=5))))
    unit = draw(st.sampled_from(["days", "months"]))
    offsets = tuple(Period(n, unit) for n in lengths)  # type: ignore[arg-type]
    return Schedule(offsets=offsets, then=draw(st.none() | periods))


@given(schedules())
def test_a_schedule_reads_back_from_its_own_words(schedule: Schedule) -> None:
    """What `observe caseload` prints as the schedule is what the setting would read as."""
    assert parse_schedule(schedule.text()) == schedule
    assert parse_schedule(schedule.text().upper()) == schedule


@given(st.text(max_size=40))
def test_any_text_is_a_schedule_or_one_located_sentence(text: str) -> None:
    """A typo in settings.toml is never a traceback: one sentence with the character."""
    try:
        parse_schedule(text)
    except ScheduleError as error:
        assert 1 <= error.position <= len(text) + 1
        assert "\n" not in str(error) and f"character {error.position}" in str(error)


@given(schedules(), days, st.integers(0, 3000), st.integers(0, 3000))
def test_the_next_observation_is_due_after_the_last(
    schedule: Schedule, first: date, since: int, more: int
) -> None:
    """Never "due" on a day before the family was last seen."""
    last = first + timedelta(days=since)
    due = schedule.next_due(first, last)
    if schedule.rolling:
        assert due is not None
    if due is not None:
        assert due > last


@given(days, st.integers(-600, 600))
def test_a_month_shift_keeps_the_day_or_takes_the_months_last(start: date, months: int) -> None:
    moved = shift(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == start.day or (moved.day < start.day and (moved + timedelta(1)).day == 1)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # a leap year's February
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a year after a leap day
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),  # counted from the start: no drift
        (date(2023, 12, 15), 3, date(2024, 3, 15)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_calendar_months_by_hand(start: date, months: int, expected: date) -> None:
    assert shift(start, months) == expected


@pytest.mark.parametrize(
    ("text", "first", "last", "expected"),
    [
        # every 90 days from the last observation; 2024 is a leap year (Feb has 29 days)
        ("every 90 days", date(2024, 1, 1), date(2024, 1, 1), date(2024, 3, 31)),
        ("every 90 days", date(2023, 1, 1), date(2023, 1, 1), date(2023, 4, 1)),
        ("quarterly", date(2024, 1, 1), date(2024, 11, 30), date(2025, 2, 28)),
        ("every year", date(2020, 2, 29), date(2024, 2, 29), date(2025, 2, 28)),
        ("every 2 weeks", date(2024, 12, 25), date(2024, 12, 25), date(2025, 1, 8)),
        # since the first visit (31 Jan 2024): 31 Jul 2024, 31 Jan 2025, then each 31 Jan
        ("6 months, 1 year, then yearly", date(2024, 1, 31), date(2024, 1, 31), date(2024, 7, 31)),
        # seen at 2 months: nearer the start than 6 months, so the 6-month one is next
        ("6 months, 1 year, then yearly", date(2024, 1, 31), date(2024, 3, 31), date(2024, 7, 31)),
        # seen a month early for the 6-month observation: it counts as that one
        ("6 months, 1 year, then yearly", date(2024, 1, 31), date(2024, 6, 30), date(2025, 1, 31)),
        ("6 months, 1 year, then yearly", date(2024, 1, 31), date(2025, 2, 10), date(2026, 1, 31)),
        # exactly halfway between 6 months and 1 year goes to the later date
        ("6 months, 1 year, then yearly", date(2024, 1, 1), date(2024, 10, 1), date(2026, 1, 1)),
        # the list ends without "then": nothing more is due
        ("6 months, 1 year", date(2024, 1, 31), date(2025, 1, 31), None),
        # months first, then days: 31 Aug + 6 months = 28 Feb 2025, + 90 days = 29 May
        ("6 months, then every 90 days", date(2024, 8, 31), date(2025, 2, 28), date(2025, 5, 29)),
        ("1 month, then monthly", date(2024, 1, 31), date(2024, 3, 30), date(2024, 4, 30)),
    ],
)  # fmt: skip
def test_due_dates_by_hand(text: str, first: date, last: date, expected: date | None) -> None:
    assert parse_schedule(text).next_due(first, last) == expected


@pytest.mark.parametrize(
    ("text", "position", "words"),
    [
        ("6 monhts, 1 year", 3, '"monhts" is not a unit'),
        ("1 year, 6 months", 9, "6 months does not come after 1 year"),
        ("every 0 days", 7, "at least 1"),
        ("6 months,", 10, "is missing"),
        ("every ninety days", 7, '"ninety" is not a whole number'),
        ("6 months, 1 year, then sometimes", 24, 'a repeat is "every …"'),
        ("every 90 days please", 15, '"please" is more than a schedule says'),
        ("9000 days", 1, "longer than 20 years"),
    ],
)
def test_a_schedule_that_cannot_be_read_says_where(text: str, position: int, words: str) -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule(text)
    assert raised.value.position == position
    assert words in str(raised.value)
    assert str(raised.value).endswith('"every 90 days" or "6 months, 1 year, then yearly"')


def test_one_word_schedules_and_periods() -> None:
    assert {name: parse_schedule(name).every for name in NAMED} == {
        name: Period(*value) for name, value in NAMED.items()
    }
    assert parse_period("6 months") == Period(6, "months")
    assert parse_period("every 2 years") == parse_period("2 years")
    with pytest.raises(ScheduleError, match="character 1"):
        parse_period("six months")


def test_a_superscript_digit_is_refused_with_a_sentence_not_a_crash() -> None:
    """'every ² days' must be one sentence: a traceback would stop the caseload screen."""
    with pytest.raises(ScheduleError, match="not a whole number"):
        parse_schedule("every ² days")
