"""Which events a session may hold: one rule, asked by the event editor, the CSV import and
the bundle import alike.

If these failed, an event one way of entering data refuses would get in through another
(a state code coded as a point, a time after the end, an intensity the scheme has no level
for), and the figures computed from it would be wrong without anyone being told.
"""

from __future__ import annotations

import math

import pytest

from observe.errors import InterchangeError
from observe.interchange.bundle import bundle_text, parse_bundle
from observe.interchange.csv_events import read_events_csv
from observe.scheme import Scheme
from observe.tui.dialogs.event_editor import check_event
from observe.validity import Rule, event_problems

DURATION = 60.0

#: (code, kind, time, intensity) of one event in a 60 s session of the tiny scheme, and the
#: rule it breaks (None: a valid event).
EVENTS = [
    ("hungry", "point", 3.0, None, None),
    ("hungry", "point", 3.0, 2, None),
    ("fussing", "start", 3.0, None, None),
    ("hungry", "point", 0.0, None, None),
    ("hungry", "point", DURATION, None, None),
    ("nope", "point", 3.0, None, Rule.CODE_UNKNOWN),
    ("hungry", "start", 3.0, None, Rule.POINT_CODE_KIND),
    ("fussing", "point", 3.0, None, Rule.STATE_CODE_KIND),
    ("hungry", "point", -1.0, None, Rule.TIME_BEFORE_START),
    ("hungry", "point", 90.0, None, Rule.TIME_AFTER_END),
    ("hungry", "point", 3.0, 4, Rule.INTENSITY_OUTSIDE),
    ("hungry", "point", 3.0, 0, Rule.INTENSITY_OUTSIDE),
]


@pytest.mark.parametrize(("code", "kind", "t", "intensity", "broken"), EVENTS)
def test_the_rule_names_what_an_event_breaks(
    tiny_scheme: Scheme, code: str, kind: str, t: float, intensity: int | None, broken: Rule
) -> None:
    problems = event_problems(
        tiny_scheme, code=code, t=t, kind=kind, intensity=intensity, duration=DURATION
    )
    assert [problem.rule for problem in problems] == ([broken] if broken else [])


@pytest.mark.parametrize(("code", "kind", "t", "intensity", "broken"), EVENTS)
def test_the_event_editor_the_csv_import_and_the_bundle_import_agree(
    tiny_scheme: Scheme,
    make_session,
    code: str,
    kind: str,
    t: float,
    intensity: int | None,
    broken: Rule,
) -> None:
    """An event is accepted by every entry point or refused by every one."""
    level = "" if intensity is None else str(intensity)
    _, form_problems = check_event(
        tiny_scheme, DURATION, time_text=f"{t:g}", code=code, kind=kind, intensity_text=level
    )
    refused = {"editor": bool(form_problems)}
    try:
        read_events_csv(
            f"time,code,kind,intensity\n{t:g},{code},{kind},{level}\n",
            tiny_scheme,
            "events.csv",
            duration=DURATION,
        )
        refused["csv"] = False
    except InterchangeError:
        refused["csv"] = True
    session = make_session([(t, code, kind, intensity)], duration=DURATION)
    try:
        parse_bundle(bundle_text([session]), "visits.json")
        refused["bundle"] = False
    except InterchangeError:
        refused["bundle"] = True
    assert refused == dict.fromkeys(refused, broken is not None)


def test_problems_come_in_the_order_of_the_events_fields(tiny_scheme: Scheme) -> None:
    problems = event_problems(
        tiny_scheme, code="nope", t=-1.0, kind="point", intensity=9, duration=DURATION
    )
    assert [problem.field for problem in problems] == ["code", "t", "intensity"]
    assert problems[0].sentence == '"nope" is not a code in scheme tiny'


def test_what_a_caller_could_not_read_is_not_checked_again(tiny_scheme: Scheme) -> None:
    """No time (unreadable), no kind (a state code toggles), no end yet: nothing to refuse."""
    assert not event_problems(
        tiny_scheme, code="fussing", t=None, kind=None, intensity=None, duration=None
    )
    assert not event_problems(
        tiny_scheme, code="hungry", t=5000.0, kind="point", intensity=None, duration=None
    )


def test_an_intensity_that_is_no_whole_level_is_refused(tiny_scheme: Scheme) -> None:
    for intensity in (1.5, math.nan, math.inf, -1):
        [problem] = event_problems(
            tiny_scheme, code="hungry", t=1.0, kind="point", intensity=intensity, duration=None
        )
        assert problem.rule is Rule.INTENSITY_OUTSIDE


def test_a_scheme_without_levels_takes_no_intensity(tiny_scheme: Scheme) -> None:
    from attrs import evolve

    plain = evolve(tiny_scheme, intensity_levels=0)
    [problem] = event_problems(
        plain, code="hungry", t=1.0, kind="point", intensity=1, duration=None
    )
    assert problem.rule is Rule.NO_INTENSITY
    assert problem.sentence == "an intensity is given, but scheme tiny does not code intensity"


def test_a_time_that_is_no_number_is_refused(tiny_scheme: Scheme) -> None:
    [problem] = event_problems(
        tiny_scheme, code="hungry", t=math.inf, kind="point", intensity=None, duration=None
    )
    assert problem.rule is Rule.TIME_NOT_FINITE and problem.field == "t"
