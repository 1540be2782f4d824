"""Importing events from a CSV file: what a user coding in a spreadsheet would run into."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.errors import InterchangeError
from observe.interchange.csv_events import (
    CsvRowsError,
    events_to_csv,
    parse_events_csv,
    read_events_csv,
)
from observe.model import Event
from observe.scheme import Scheme


def _parse(text: str, scheme: Scheme, **kwargs: object) -> list[Event]:
    return parse_events_csv(text, scheme, "events.csv", **kwargs)  # type: ignore[arg-type]


def _error(text: str, scheme: Scheme, **kwargs: object) -> str:
    with pytest.raises(InterchangeError) as raised:
        _parse(text, scheme, **kwargs)
    message = str(raised.value)
    assert "events.csv" in message
    assert "Traceback" not in message
    return message


def _plain(events: list[Event]) -> list[tuple]:
    return [(e.t, e.code, e.kind, e.intensity, e.note) for e in events]


# -- what is accepted ------------------------------------------------------------------


def test_a_simple_file_gives_its_events_in_time_order(tiny_scheme: Scheme) -> None:
    text = "time,code\n12.5,hungry\n3,calm\n14.25,feed\n"
    assert _plain(_parse(text, tiny_scheme)) == [
        (3.0, "calm", "point", None, None),
        (12.5, "hungry", "point", None, None),
        (14.25, "feed", "point", None, None),
    ]


def test_columns_in_any_order_and_case_with_all_optional_columns(tiny_scheme: Scheme) -> None:
    text = (
        "Note, INTENSITY ,Kind,Code,Time\n"
        "baby reached out,2,,hungry,1.0\n"
        ",,start,fussing,2\n"
        '"said ""there, there""",3,point,calm,2.5\n'
        ",,stop,fussing,9.1234\n"
    )
    assert _plain(_parse(text, tiny_scheme)) == [
        (1.0, "hungry", "point", 2, "baby reached out"),
        (2.0, "fussing", "start", None, None),
        (2.5, "calm", "point", 3, 'said "there, there"'),
        (9.123, "fussing", "stop", None, None),
    ]


def test_events_at_the_same_time_keep_their_row_order(tiny_scheme: Scheme) -> None:
    text = "time,code\n5,feed\n5,hungry\n1,tired\n5,calm\n"
    assert [e.code for e in _parse(text, tiny_scheme)] == ["tired", "feed", "hungry", "calm"]


def test_a_byte_order_mark_blank_rows_and_windows_line_ends_are_fine(tiny_scheme: Scheme) -> None:
    text = "\ufefftime,code\r\n\r\n1,hungry\r\n,\r\n\r\n2,feed\r\n"
    assert [e.code for e in _parse(text, tiny_scheme)] == ["hungry", "feed"]


def test_semicolon_files_with_decimal_commas_are_read(tiny_scheme: Scheme) -> None:
    """Spreadsheets in many European locales save CSV this way."""
    text = "time;code;intensity\n1,5;hungry;2\n3;feed;\n"
    assert _plain(_parse(text, tiny_scheme)) == [
        (1.5, "hungry", "point", 2, None),
        (3.0, "feed", "point", None, None),
    ]


def test_an_empty_kind_toggles_a_state_code_as_its_key_does(tiny_scheme: Scheme) -> None:
    text = "time,code\n1,fussing\n4,fussing\n6,fussing\n8,fussing\n"
    assert [e.kind for e in _parse(text, tiny_scheme)] == ["start", "stop", "start", "stop"]


def test_a_state_still_going_at_the_end_is_closed_at_the_duration(tiny_scheme: Scheme) -> None:
    result = read_events_csv(
        "time,code,kind\n1,fussing,start\n2,calm,\n", tiny_scheme, "events.csv", duration=60
    )
    assert _plain(list(result.events))[-1] == (60.0, "fussing", "stop", None, None)
    assert result.closed_at_end == ("fussing",)


def test_without_a_duration_an_open_state_closes_at_the_last_event(tiny_scheme: Scheme) -> None:
    events = _parse("time,code\n1,fussing\n7.5,calm\n", tiny_scheme)
    assert _plain(events)[-1] == (7.5, "fussing", "stop", None, None)


def test_every_event_gets_its_own_id(tiny_scheme: Scheme) -> None:
    events = _parse("time,code\n1,hungry\n1,hungry\n", tiny_scheme)
    assert len({e.id for e in events}) == 2


# -- what is rejected, with the row ----------------------------------------------------


def test_an_unknown_code_names_the_row_and_suggests_the_close_code(tiny_scheme: Scheme) -> None:
    message = _error("time,code\n1,hungry\n2,hungry\n3,fed\n", tiny_scheme)
    assert message == (
        'events.csv row 4: "fed" is not a code in scheme tiny (did you mean "feed"?); '
        "fix the row and import again"
    )


def test_a_key_instead_of_a_code_suggests_the_code(tiny_scheme: Scheme) -> None:
    assert '(did you mean "hungry"?)' in _error("time,code\n1,h\n", tiny_scheme)


@pytest.mark.parametrize(
    ("time", "reason"),
    [
        ("soon", 'time "soon" is not a number of seconds'),
        ("-2", "time -2 is negative"),
        ("nan", 'time "nan" is not a number of seconds'),
        ("inf", 'time "inf" is not a number of seconds'),
        ("1e999", 'time "1e999" is too large'),
        ("", "the time is empty"),
        ("1_000", 'time "1_000" is not a number of seconds'),
    ],
)
def test_a_bad_time_is_rejected_with_its_row(tiny_scheme: Scheme, time: str, reason: str) -> None:
    message = _error(f"time,code\n1,hungry\n{time},feed\n", tiny_scheme)
    assert f"events.csv row 3: {reason}" in message


def test_a_missing_required_column_is_named(tiny_scheme: Scheme) -> None:
    message = _error("time,kind\n1,point\n", tiny_scheme)
    assert "row 1 (the header) has no code column" in message


def test_a_file_without_a_header_is_rejected(tiny_scheme: Scheme) -> None:
    message = _error("1,hungry\n2,feed\n", tiny_scheme)
    assert "row 1 (the header)" in message and "time and code" in message


def test_an_extra_column_is_an_error_naming_it(tiny_scheme: Scheme) -> None:
    """A misspelt column would otherwise be silently dropped, and its data lost."""
    message = _error("time,code,intensty\n1,hungry,2\n", tiny_scheme)
    assert '"intensty"' in message and 'did you mean "intensity"' in message


def test_a_column_named_twice_is_an_error(tiny_scheme: Scheme) -> None:
    assert "names the column 'time' twice" in _error("time,code,Time\n1,hungry,2\n", tiny_scheme)


def test_a_value_under_no_column_is_an_error(tiny_scheme: Scheme) -> None:
    message = _error("time,code\n1,hungry,oops\n", tiny_scheme)
    assert "row 2: has a value in column 3" in message


def test_an_empty_file_says_what_it_needs(tiny_scheme: Scheme) -> None:
    assert "is empty" in _error("", tiny_scheme)
    assert "is empty" in _error("\ufeff\n\n", tiny_scheme)


def test_a_stop_without_a_start_is_rejected(tiny_scheme: Scheme) -> None:
    message = _error("time,code,kind\n1,hungry,\n3,fussing,stop\n", tiny_scheme)
    assert 'row 3: "fussing" stops at 3 s but it was not going' in message


def test_a_start_while_already_going_is_rejected(tiny_scheme: Scheme) -> None:
    message = _error("time,code,kind\n1,fussing,start\n3,fussing,start\n", tiny_scheme)
    assert 'row 3: "fussing" starts at 3 s while it is already going' in message
    assert "row 2" in message


def test_state_order_is_checked_in_time_order_not_row_order(tiny_scheme: Scheme) -> None:
    """A stop listed above its start is fine when its time is later."""
    events = _parse("time,code,kind\n9,fussing,stop\n1,fussing,start\n", tiny_scheme)
    assert [(e.t, e.kind) for e in events] == [(1.0, "start"), (9.0, "stop")]


@pytest.mark.parametrize("kind", ["start", "stop"])
def test_start_or_stop_on_a_point_code_is_rejected(tiny_scheme: Scheme, kind: str) -> None:
    message = _error(f"time,code,kind\n1,hungry,{kind}\n", tiny_scheme)
    assert f'row 2: "hungry" is a point code, so it cannot {kind}' in message


def test_point_on_a_state_code_is_rejected(tiny_scheme: Scheme) -> None:
    message = _error("time,code,kind\n1,fussing,point\n", tiny_scheme)
    assert 'row 2: "fussing" is a state code' in message


def test_an_unknown_kind_is_rejected(tiny_scheme: Scheme) -> None:
    assert 'row 2: kind "begin" is not point, start or stop' in _error(
        "time,code,kind\n1,fussing,begin\n", tiny_scheme
    )


@pytest.mark.parametrize("intensity", ["0", "4", "1.5", "high", "-1", "9" * 5000])
def test_an_intensity_outside_the_levels_is_rejected(tiny_scheme: Scheme, intensity: str) -> None:
    message = _error(f"time,code,intensity\n1,hungry,{intensity}\n", tiny_scheme)
    assert "row 2: intensity" in message and "is not a whole number from 1 to 3" in message


def test_intensity_in_a_scheme_without_intensity_is_rejected(tiny_scheme: Scheme) -> None:
    from attrs import evolve

    plain = evolve(tiny_scheme, intensity_levels=0)
    assert "does not code intensity" in _error("time,code,intensity\n1,hungry,2\n", plain)


def test_an_event_after_the_duration_is_rejected(tiny_scheme: Scheme) -> None:
    message = _error("time,code\n1,hungry\n90,feed\n", tiny_scheme, duration=60)
    assert "row 3: time 90 s is after the end of the session (60 s)" in message


def test_all_bad_rows_are_reported_at_once_up_to_ten(tiny_scheme: Scheme) -> None:
    rows = "".join(f"{i},fed\n" for i in range(15))
    with pytest.raises(CsvRowsError) as raised:
        _parse("time,code\n1,hungry\n" + rows, tiny_scheme)
    assert len(raised.value.problems) == 10
    message = str(raised.value)
    assert message.startswith("events.csv has 15 rows that cannot be imported")
    assert "row 3:" in message and "row 12:" in message and "and 5 more" in message


def test_a_note_with_a_line_break_counts_as_one_row(tiny_scheme: Scheme) -> None:
    """Row numbers match the spreadsheet even after a multi-line cell."""
    text = 'time,code,note\n1,hungry,"two\nlines"\n2,fed,\n'
    assert "events.csv row 3:" in _error(text, tiny_scheme)


# -- properties ------------------------------------------------------------------------

# The scheme fixture is an immutable value: sharing it across examples is safe.
_FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=300, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(st.text())
def test_any_text_gives_events_or_one_clear_error(tiny_scheme: Scheme, text: str) -> None:
    try:
        events = _parse(text, tiny_scheme)
    except InterchangeError as error:
        assert str(error)
    else:
        assert all(isinstance(e, Event) for e in events)


_csvish = st.lists(
    st.lists(
        st.sampled_from(
            ["time", "code", "kind", "fussing", "hungry", "start", "stop", "1", "2.5", "", '"', "x"]
        ),
        max_size=5,
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(_csvish, st.sampled_from([",", ";", "\t"]))
def test_near_valid_files_give_events_or_one_clear_error(
    tiny_scheme: Scheme, rows: list[list[str]], separator: str
) -> None:
    text = "\n".join(separator.join(cells) for cells in [["time", "code", "kind"], *rows])
    try:
        events = _parse(text, tiny_scheme)
    except InterchangeError as error:
        assert "events.csv" in str(error)
    else:
        times = [e.t for e in events]
        assert times == sorted(times)


def _event_lists(scheme: Scheme) -> st.SearchStrategy[list[Event]]:
    """Valid event lists: point codes anywhere, the state code as start/stop pairs."""
    points = [c.id for c in (*scheme.cues, *scheme.responses) if c.kind == "point"]
    times = st.integers(min_value=0, max_value=10_000_000).map(lambda ms: ms / 1000)
    # A note holds no control character (observe.validity.text): one would act on the terminal.
    note_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20)
    notes = st.none() | note_text.map(str.strip).filter(bool)
    intensity = st.none() | st.integers(1, scheme.intensity_levels)

    def point(t: float, code: str, level: int | None, note: str | None) -> list[Event]:
        return [Event(id="x", code=code, t=t, intensity=level, note=note)]

    def state(t: float, length: float, level: int | None) -> list[Event]:
        return [
            Event(id="x", code="fussing", t=t, kind="start", intensity=level),
            Event(id="x", code="fussing", t=t + length + 0.001, kind="stop"),
        ]

    point_events = st.builds(point, times, st.sampled_from(points), intensity, notes)
    lengths = st.integers(0, 100_000).map(lambda ms: ms / 1000)
    state_events = st.builds(state, times, lengths, intensity)
    return st.tuples(st.lists(point_events, max_size=20), st.lists(state_events, max_size=4)).map(
        _combine
    )


def _combine(parts: tuple[list[list[Event]], list[list[Event]]]) -> list[Event]:
    points, states = parts
    events = [e for group in points for e in group]
    last_stop = -1.0
    for start, stop in sorted(states, key=lambda pair: pair[0].t):
        if start.t > last_stop:  # keep the state's intervals apart
            events += [start, stop]
            last_stop = stop.t
    return sorted(events, key=lambda e: e.t)


@settings(max_examples=200, deadline=None, suppress_health_check=_FIXTURE_OK)
@given(st.data())
def test_events_written_to_csv_read_back_the_same(tiny_scheme: Scheme, data: st.DataObject) -> None:
    events = data.draw(_event_lists(tiny_scheme))
    parsed = _parse(events_to_csv(events), tiny_scheme)
    assert _plain(parsed) == _plain(events)


def test_a_clock_time_is_rejected_with_its_value_in_seconds(tiny_scheme: Scheme) -> None:
    message = _error("time,code\n1:23,hungry\n", tiny_scheme)
    assert 'row 2: time "1:23" is a clock time, not seconds' in message
    assert "1:23 is 83 if it means minutes:seconds" in message


def test_bad_rows_are_listed_in_row_order(tiny_scheme: Scheme) -> None:
    message = _error("time,code,kind\n5,fussing,stop\n1,fed,\n", tiny_scheme)
    assert message.index("row 2:") < message.index("row 3:")
