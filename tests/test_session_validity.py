"""The one model of what a session may hold (observe.validity): its limits, at their edges.

If these failed, the limits the README states would not be the ones kept — a session of a
day and a second, a dyad code of 65 characters, a date of 1899 would get in through some way
into the archive — or a session observe itself makes (a demo, a new session, a second
observer's coding) would be refused when it is moved to another laptop.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from attrs import evolve

from observe.interchange.second_observer import demo_reliability_pair
from observe.interchange.simulate import demo_sessions
from observe.model import Event, Session, new_id
from observe.scheme import Scheme, installed_schemes, parse_scheme
from observe.tui.dialogs.new_session import NewSessionRequest
from observe.validity import (
    Rule,
    duration_problem,
    event_problems,
    scheme_problems,
    session_problems,
    wall_clock_problem,
)
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS
from observe.validity.text import shown, text_problem


def test_the_longest_session_is_a_day() -> None:
    assert MAX_SESSION_SECONDS == 86_400
    assert duration_problem(0.0) is None and duration_problem(86_400.0) is None
    assert duration_problem(86_400.001) == (
        "86400 s is more than 24 hours, longer than the longest session observe keeps"
    )
    assert duration_problem(float("nan")) == "nan is not a number of seconds"
    assert duration_problem(-1.0) == "-1.0 is not a number of seconds"


def test_an_event_past_a_day_is_refused_even_before_the_session_has_an_end(
    tiny_scheme: Scheme,
) -> None:
    def rules(t: float) -> list[Rule]:
        found = event_problems(
            tiny_scheme, code="hungry", t=t, kind="point", intensity=None, duration=None
        )
        return [problem.rule for problem in found]

    assert rules(86_400.0) == []
    assert rules(86_400.001) == [Rule.TIME_PAST_LONGEST]
    assert rules(1e9) == [Rule.TIME_PAST_LONGEST]


def test_an_event_note_is_bounded(tiny_scheme: Scheme) -> None:
    def rules(note: str) -> list[Rule]:
        found = event_problems(
            tiny_scheme, code="hungry", t=1.0, kind="point", intensity=None, duration=None,
            note=note,
        )  # fmt: skip
        return [problem.rule for problem in found]

    assert rules("n" * 1_000) == [] and rules("two\nlines\tand a tab") == []
    assert rules("n" * 1_001) == [Rule.NOTE_UNFIT]
    assert rules("bell\x07") == [Rule.NOTE_UNFIT]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("1900-01-01T00:00:00+00:00", None),
        ("2099-12-31T23:59:59+00:00", None),
        ("2026-03-02T10:15+01:00", None),
        ("1899-12-31T23:59:59+00:00", "is not between 1900 and 2100"),
        ("2100-01-01T00:00:00+00:00", "is not between 1900 and 2100"),
        ("2100-01-01T00:30:00+01:00", None),  # 23:30 UTC on the last day of 2099
        ("2026-03-02T10:15:00", "has no offset from UTC"),
        ("2026-03-02", "has no offset from UTC"),
        ("2026-13-45T99:99", "is not a date and time"),
        ("", "is not a date and time"),
    ],
)
def test_wall_clock_times_are_real_dates_with_an_offset_in_range(
    text: str, wrong: str | None
) -> None:
    problem = wall_clock_problem(text)
    assert problem is None if wrong is None else wrong in str(problem)


def test_one_line_fields_and_notes() -> None:
    assert text_problem("D" * 64, 64, one_line=True) is None
    assert text_problem("D" * 65, 64, one_line=True) == (
        "is 65 characters long, more than the 64 it may be"
    )
    assert text_problem("a\tb", 64, one_line=True) is not None
    assert text_problem("Zoë Brontë", 64, one_line=True) is None
    assert text_problem("line\nline", 100, one_line=False) is None
    assert text_problem("\x1b[31mred", 100, one_line=False) is not None


def test_text_quoted_in_a_message_cannot_act_on_the_terminal() -> None:
    assert shown("a\x1b[2Jb") == "a�[2Jb"
    assert shown("x" * 100) == "x" * 39 + "…"


def test_every_shipped_scheme_is_a_valid_snapshot(tmp_path: Path) -> None:
    for installed in installed_schemes(tmp_path):
        assert scheme_problems(installed.scheme) == [], installed.scheme.id


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("label", "L" * 81, "cues[0].label: is 81 characters long; shorten it to at most 80"),
        ("label", "L" * 80, None),
        ("description", "d" * 2_001, "cues[0].description: is 2,001 characters long"),
        ("group", "g" * 41, "cues[0].group: is 41 characters long"),
        ("id", "a" * 65, "cues[0].id: is 65 characters long; use at most 64"),
    ],
)
def test_a_scheme_file_with_an_overlong_text_is_refused_by_scheme_validate(
    field: str, value: str, words: str | None
) -> None:
    """The same limits as a snapshot in a bundle: one set of scheme checks."""
    toml = (
        '[scheme]\nid = "s"\nname = "S"\nversion = "1"\nresponse_window = 5.0\n'
        'repair_window = 30.0\n\n[[cues]]\nid = "hungry"\nlabel = "Hungry"\nkey = "h"\n'
        'matches = ["feed"]\n\n[[responses]]\nid = "feed"\nlabel = "Feed"\nkey = "f"\n'
    )
    line = f'{field} = "{value}"'
    cue_lines = {"id": 'id = "hungry"', "label": 'label = "Hungry"'}
    if field in cue_lines:
        text = toml.replace(cue_lines[field], line)
    else:
        text = toml.replace('key = "h"\n', f'key = "h"\n{line}\n')
    if words is None:
        parse_scheme(text, "s.toml")
        return
    from observe.errors import SchemeError

    with pytest.raises(SchemeError) as refused:
        parse_scheme(text, "s.toml")
    assert any(words in problem for problem in refused.value.problems), refused.value.problems


def test_the_sessions_observe_makes_itself_are_all_valid(tiny_scheme: Scheme) -> None:
    """Demo sessions, a second observer's coding and a new session from the form can all be
    moved to another archive."""
    pair = demo_reliability_pair(tiny_scheme)
    new = NewSessionRequest("D014", "OBS1", "1", "play", tiny_scheme).to_session(
        datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    )
    for session in (*demo_sessions(tiny_scheme), *pair, new):
        assert session_problems(session) == [], session.dyad


def test_the_problems_of_a_session_name_their_fields_in_order(make_session) -> None:
    session = make_session([(1.0, "hungry"), (2.0, "feed")], duration=10.0)
    broken = evolve(
        session,
        dyad="",
        started_at="soon",
        duration=1e9,
        ratings={"nope": 3, "overall_warmth": 9},
    )
    fields = [problem.field for problem in session_problems(broken)]
    assert fields == [
        "dyad", "started_at", "duration", 'ratings["nope"]', 'ratings["overall_warmth"]',
    ]  # fmt: skip


def test_an_id_that_is_not_an_id_is_the_only_problem_told(make_session) -> None:
    """The id names a file: until it is safe, nothing else is worth reading."""
    broken = evolve(make_session([(1.0, "hungry")]), id="../x", dyad="")
    [problem] = session_problems(broken)
    assert problem.field == "id"


def test_a_session_of_the_most_events_is_valid_and_one_more_is_not(tiny_scheme: Scheme) -> None:
    events = tuple(Event(id=new_id(), code="hungry", t=i * 0.5) for i in range(MAX_EVENTS))
    session = Session(
        id=new_id(),
        dyad="D1",
        observer="O",
        started_at="2026-03-02T10:00:00+00:00",
        scheme=tiny_scheme,
        scheme_digest=tiny_scheme.digest,
        duration=MAX_SESSION_SECONDS,
        status="ended",
        events=events,
    )
    assert session_problems(session) == []
    more = evolve(session, events=(*events, Event(id=new_id(), code="hungry", t=86_000.0)))
    [problem] = session_problems(more)
    assert problem.field == "events" and "100,001 events" in problem.sentence


def test_a_session_without_an_observer_from_an_older_version_is_still_valid(make_session) -> None:
    """Older versions let the observer stay empty; those sessions must still move."""
    assert session_problems(evolve(make_session([(1.0, "hungry")]), observer="")) == []
