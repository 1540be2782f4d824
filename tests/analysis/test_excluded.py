"""Periods that cannot be coded (the baby carried out of view, a phone call), worked by
hand: they count as no missed cue, no unit of the contingency table and no share of a
rate (issue 12; the rules in ``observe/analysis/codable.py`` and ``outcomes.py``).

Scheme: ``tiny_scheme`` (tired: 5 s, settle; over: 3 s, reduce; hungry: 10 s, feed or
calm; repair window 30 s), whose one rule is the default one. A period from ``s`` to ``e``
leaves out the moments strictly between: ``s`` and ``e`` themselves are seen.
"""

from __future__ import annotations

import json

import pytest
from attrs import evolve

from observe.analysis import analyze_session, live_status
from observe.analysis.jsonout import json_text
from observe.analysis.text import session_text
from observe.changes import ExclusionEnded, ExclusionStarted, apply_change
from observe.model import Interval

#: The worked session: 40 s, one period out of view from 10.5 to 20.
WORKED = [
    (2, "tired"),  # window [2, 7]; settle at 4 fits: matched, latency 2
    (4, "settle"),
    (8, "tired"),  # window [8, 13] runs into the period at 10.5, no response before: not codable
    (12, "hungry"),  # inside the period: not codable (and in no table)
    (15, "calm"),  # inside the period: left out (it would have matched hungry)
    (22, "over"),  # window [22, 25]; play at 23 does not fit
    (23, "play"),
    (26, "reduce"),  # repairs over: in (23, 27.999] (tired at 28 is next): 3 s
    (28, "tired"),  # window [28, 33], nothing: unanswered
    (36, "feed"),
    (38, "tired"),  # window [38, 43], nothing up to the end at 40: unanswered
]


def outcomes(session) -> list[tuple]:
    return [(c.t, c.code, c.outcome, c.latency) for c in analyze_session(session).cues]


def excluded(session, *periods: tuple[float, float | None]):
    return evolve(session, excluded=tuple(Interval(s, e) for s, e in periods))


@pytest.fixture
def worked(make_session):
    return excluded(make_session(WORKED, duration=40.0), (10.5, 20.0))


def test_the_worked_session_leaves_the_period_out_of_every_rate(worked) -> None:
    """Outcomes: tired 2 matched, tired 8 not codable (its window [8, 13] reaches the
    period at 10.5 with no response seen before: a response may have come unseen, so it is
    not "unanswered"), hungry 12 not codable (coded inside the period), over 22 repaired,
    tired 28 and tired 38 unanswered.

    Rates are over the 4 codable cues: responded 2/4 (tired 2, over 22), matched 1/4,
    attuned 2/4, repair 1/1; 2 cues not codable, in no numerator or denominator.
    """
    assert outcomes(worked) == [
        (2.0, "tired", "matched", 2.0),
        (8.0, "tired", "not_codable", None),
        (12.0, "hungry", "not_codable", None),
        (22.0, "over", "repaired", 1.0),
        (28.0, "tired", "unanswered", None),
        (38.0, "tired", "unanswered", None),
    ]
    summary = analyze_session(worked).summary
    assert summary.cues == 4
    counts = summary.outcomes
    assert (counts.matched, counts.repaired, counts.mismatched) == (1, 1, 0)
    assert (counts.unanswered, counts.not_codable) == (2, 2)
    assert (summary.response_rate, summary.match_rate, summary.attuned_rate) == (0.5, 0.25, 0.5)
    assert summary.repair_rate == 1.0
    assert (summary.latency.n, summary.time_to_repair.median) == (2, 3.0)
    assert summary.within_2s == 0.5  # latencies 2 and 1, of 4 codable cues


def test_the_worked_sessions_contingency_table_leaves_the_periods_units_out(worked) -> None:
    """40 units; (10.5, 20) overlaps units 10–19 (⌊10.5⌋ … ⌈20⌉ − 1): 10 units not
    tabulated, 30 left. Given (the windows of the cues coded outside the period): 2–6,
    8–12 of which 10–12 are left out (8–9 stay), 22–24, 28–32, 38–39 (the session ends at
    40): 5 + 2 + 3 + 5 + 2 = 17. Targets (responses seen): units 4, 23, 26, 36 (calm at
    15 is in the period). a = 2 (4, 23), b = 15, c = 2 (26, 36), d = 30 − 17 − 2 = 11.
    5 cues in the table (hungry 12 is not): ad = 22, bc = 30, odds ratio 22/30,
    Q = −8/52. Without the period the table would have 40 units."""
    contingency = analyze_session(worked).summary.contingency
    assert contingency.table == ((2, 15), (2, 11))
    assert contingency.odds_ratio == pytest.approx(22 / 30)
    assert contingency.yules_q == pytest.approx(-8 / 52)
    (a, b), (c, d) = analyze_session(evolve(worked, excluded=())).summary.contingency.table
    assert a + b + c + d == 40


def test_the_not_codable_count_appears_only_where_there_is_one(worked, make_session) -> None:
    """`--json`: a summary's `outcomes` gains `not_codable` only where some cue was not
    codable; `excluded` lists the periods and the codable time."""
    data = json.loads(json_text(analyze_session(worked)))
    assert data["summary"]["outcomes"]["not_codable"] == 2
    assert data["by_cue"]["hungry"]["outcomes"] == {
        "matched": 0, "repaired": 0, "mismatched": 0, "unanswered": 0, "not_codable": 1,
    }  # fmt: skip
    assert "not_codable" not in data["by_cue"]["over"]["outcomes"]
    assert data["excluded"] == {"periods": [[10.5, 20.0]], "seconds": 9.5, "codable": 30.5}
    assert data["cues"][2]["outcome"] == "not_codable"
    plain = json.loads(json_text(analyze_session(make_session(WORKED, duration=40.0))))
    assert "not_codable" not in plain["summary"]["outcomes"]


def test_the_readable_summary_says_what_was_left_out(worked) -> None:
    text = session_text(worked, analyze_session(worked))
    flowing = " ".join(text.split())
    assert max(map(len, text.splitlines())) <= 80
    assert "10 s not codable (1 period: 0:10–0:20), left out of every figure" in flowing
    assert (
        "Not codable 2 more cues left out of every figure above: what followed them fell "
        "partly in a period that could not be coded" in flowing
    )
    assert "Infant cues       4: matched 1, repaired 1, mismatched 0, unanswered 2" in text


@pytest.mark.parametrize(
    ("events", "period", "expected"),
    [
        # A response exactly where the period begins was seen: it answers the cue.
        ([(10, "tired"), (12, "settle")], (12, 20), ("matched", 2.0)),
        # A window that ends exactly where the period begins was seen whole: unanswered.
        ([(10, "tired")], (15, 20), ("unanswered", None)),
        # A millisecond into the period, the window was not seen whole: not codable.
        ([(10, "tired")], (14.999, 20), ("not_codable", None)),
        # A cue exactly where a period ends is seen; its window is after the period.
        ([(10, "tired"), (11, "settle")], (5, 10), ("matched", 1.0)),
        # A response after the period but inside the window does not answer the cue: the
        # first response may have come unseen, earlier.
        ([(10, "tired"), (14, "settle")], (11, 13), ("not_codable", None)),
        # A first response seen before the period decides the outcome.
        ([(10, "tired"), (10.5, "settle")], (11, 13), ("matched", 0.5)),
        # The repair interval (11, 40] runs into the period: the repair may have come
        # unseen, so the cue is not codable rather than mismatched; settle at 25 after
        # the period is not taken as the repair.
        ([(10, "tired"), (11, "play"), (25, "settle")], (15, 20), ("not_codable", None)),
        # A repair seen before the period counts.
        ([(10, "tired"), (11, "play"), (14, "settle")], (15, 20), ("repaired", 1.0)),
        # A period after the repair interval changes nothing: mismatched as ever.
        ([(10, "tired"), (11, "play"), (41, "settle")], (45, 50), ("mismatched", 1.0)),
        # A period after the next cue (where the episode ends anyway) changes nothing.
        ([(10, "tired"), (11, "play"), (12, "over"), (30, "settle")], (20, 25),
         ("mismatched", 1.0)),
        # A period of no length leaves nothing out.
        ([(10, "tired")], (12, 12), ("unanswered", None)),
    ],
)  # fmt: skip
def test_one_cue_and_one_period(make_session, events, period, expected) -> None:
    """Where a cue's outcome would depend on a moment nobody saw, it is not codable."""
    session = excluded(make_session(events, duration=60.0), period)
    first = analyze_session(session).cues[0]
    assert (first.outcome, first.latency) == expected


def test_a_period_still_open_leaves_out_everything_after_it_began(make_session) -> None:
    """A live session with the not-codable period still open: a cue coded while it is
    open is not codable, and one whose window it cut too."""
    session = excluded(
        make_session([(10, "tired"), (14, "over"), (15, "reduce")], status="live"), (12, None)
    )
    assert [(c.code, c.outcome) for c in analyze_session(session).cues] == [
        ("tired", "not_codable"),
        ("over", "not_codable"),
    ]


def test_the_coding_screen_stops_counting_a_cue_when_the_view_is_lost(make_session) -> None:
    """tired at 10 is open (4 s left at 11). The observer presses not codable at 12: the
    cue is neither open nor missed and no longer counts against the caregiver; once the
    period closes it stays not codable. A cue after the period is open as usual."""
    session = make_session([(10, "tired")], status="live", duration=11.0)
    status = live_status(session, 11.0)
    assert [(c.code, c.state, c.remaining) for c in status.open_cues] == [("tired", "open", 4.0)]
    assert status.excluding is False
    session = apply_change(session, ExclusionStarted(t=12.0, wall="2026-03-02T10:00:12+00:00"))
    status = live_status(session, 13.0)
    assert status.open_cues == () and status.excluding is True
    assert status.summary.cues == 0 and status.summary.outcomes.not_codable == 1
    (a, b), (c, d) = status.summary.contingency.table
    assert a + b + c + d == 12  # units 0–11; unit 12 overlaps the open period
    session = apply_change(session, ExclusionEnded(t=20.0, wall="2026-03-02T10:00:20+00:00"))
    later = evolve(session, events=(*session.events, *make_session([(21, "over")]).events))
    status = live_status(later, 22.0)
    assert [(c.code, c.state) for c in status.open_cues] == [("over", "open")]
    assert status.summary.outcomes.not_codable == 1 and status.excluding is False
