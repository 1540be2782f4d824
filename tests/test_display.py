"""How figures read in the CLI, the TUI and the PDFs: one style, one marker for "no figure"."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.display import (
    MISSING,
    clock,
    clock_seconds,
    clock_tenths,
    duration_words,
    number,
    percent,
    seconds,
    shorten,
    text_table,
    when,
)


def parse_clock(text: str) -> int:
    """``m:ss`` or ``h:mm:ss`` back to whole seconds."""
    parts = [int(part) for part in text.split(":")]
    assert len(parts) in (2, 3) and all(len(p) == 2 for p in text.split(":")[1:])
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


@given(st.floats(min_value=0, max_value=100 * 3600, allow_nan=False))
def test_clock_reads_back_as_the_nearest_whole_second(t: float) -> None:
    """A time on the clock is the time recorded, to the second, at any session length."""
    assert parse_clock(clock(t)) == round(t)


@given(st.floats(min_value=0, max_value=1))
def test_a_rate_is_a_whole_percentage_from_0_to_100(rate: float) -> None:
    shown = percent(rate)
    assert shown.endswith("%") and " " not in shown
    assert 0 <= int(shown[:-1]) <= 100
    assert abs(int(shown[:-1]) - rate * 100) <= 0.5


@pytest.mark.parametrize("missing", [None, math.nan, "0.5", True])
@pytest.mark.parametrize("formatter", [percent, seconds, number])
def test_a_figure_that_cannot_be_computed_is_the_one_missing_marker(formatter, missing) -> None:
    """No figure never reads as 0%, "-", "None" or "nan"."""
    assert formatter(missing) == MISSING == "–"


def test_figures_read_as_people_expect() -> None:
    assert percent(0.8) == "80%"
    assert percent(2 / 3) == "67%"
    assert percent(0) == "0%"
    assert seconds(1.84) == "1.8 s"
    assert seconds(1.75, 2) == "1.75 s"
    assert number(0.617) == "0.62"
    assert clock(65) == "1:05"
    assert clock(59.6) == "1:00"
    assert clock(3729) == "1:02:09"
    assert duration_words(868.4) == "14 min 28 s"
    assert duration_words(40) == "40 s"
    assert duration_words(3900) == "1 h 5 min"


def test_a_session_start_reads_on_the_clock_it_was_recorded_by() -> None:
    """The observer's own time of day, whatever the offset: a visit at 10:15 in Berlin
    never reads 09:15 on a laptop elsewhere."""
    started = "2026-03-02T10:15:42+01:00"
    assert when(started) == "2026-03-02 10:15"
    assert when(started, "day") == "2026-03-02"
    assert when(started, "words") == "2 March 2026, 10:15"
    assert when("2026-11-30T08:05:00-05:00", "words") == "30 November 2026, 08:05"


def test_a_start_that_is_no_date_is_shown_as_stored() -> None:
    """A damaged or hand-edited start time is shown, never hidden or turned into an error;
    the short forms keep to their width."""
    assert when("yesterday morning, about ten") == "yesterday mornin"
    assert when("yesterday morning, about ten", "day") == "yesterday "
    assert when("yesterday morning, about ten", "words") == "yesterday morning, about ten"


def test_a_quoted_text_is_one_line_and_short() -> None:
    assert shorten("a  b\nc") == "a b c"
    assert shorten("x" * 50) == "x" * 39 + "…"


@given(st.floats(min_value=0, max_value=100 * 3600, allow_nan=False))
def test_a_moment_to_the_tenth_never_reads_later_than_it_happened(t: float) -> None:
    minutes, rest = clock_tenths(t).split(":")
    shown = int(minutes) * 60 + float(rest)
    assert t - 0.1 < shown <= t + 1e-6


def test_the_clock_with_tenths_reads_like_the_coding_screen() -> None:
    assert clock_tenths(12.34) == "00:12.3"
    assert clock_tenths(4503.2) == "75:03.2"
    assert clock_tenths(-1) == "00:00.0"


@given(st.floats(min_value=-10, max_value=100 * 3600, allow_nan=False))
def test_the_live_clock_is_the_moment_to_the_tenth_without_its_tenth(t: float) -> None:
    """The running clock (whole seconds) never reads a second the events listed under it
    (to the tenth) have not reached."""
    assert clock_seconds(t) == clock_tenths(t)[:-2]


def test_a_table_aligns_labels_left_and_figures_right() -> None:
    lines = text_table(("Cue", "Cues", "Rate"), [("Tired", "3", "67%"), ("Hungry", "12", "–")])
    assert lines == [
        "Cue     Cues  Rate",
        "Tired      3   67%",
        "Hungry    12     –",
    ]


def test_a_table_that_would_be_too_wide_cuts_its_labels_not_its_figures() -> None:
    rows = [("A very long cue label indeed", "3", "67%")]
    lines = text_table(("Cue", "Cues", "Rate"), rows, gap=1, width=20)
    assert all(len(line) <= 20 for line in lines)
    assert lines[1].endswith("3  67%") and "…" in lines[1]


def test_chosen_columns_can_be_right_aligned() -> None:
    lines = text_table(("t (s)", "code"), [("1.500", "h"), ("12.000", "cry")], right={0})
    assert lines == [" t (s)  code", " 1.500  h", "12.000  cry"]
