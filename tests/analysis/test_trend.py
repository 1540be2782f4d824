"""A dyad's sessions over time (DESIGN §5, trends)."""

from __future__ import annotations

import pytest

from observe.analysis import analyze_dyad, analyze_session, to_json


def test_sessions_are_ordered_by_when_they_started(make_session) -> None:
    """10:00 at UTC+2 (08:00 UTC) comes before 09:00 UTC, whatever order they arrive in."""
    later = make_session([(10, "tired")], started_at="2026-03-02T09:00:00+00:00", visit="2")
    earlier = make_session(
        [(10, "tired"), (11, "settle")], started_at="2026-03-02T10:00:00+02:00", visit="1"
    )
    trend = analyze_dyad([later, earlier])
    assert trend.dyad == "D001"
    assert [point.session for point in trend.sessions] == [earlier.id, later.id]
    assert [point.visit for point in trend.sessions] == ["1", "2"]
    assert trend.sessions[0].summary == analyze_session(earlier).summary
    assert trend.sessions[1].summary.response_rate == 0.0


def test_the_trend_json_has_the_documented_keys(make_session) -> None:
    session = make_session([(10, "tired"), (11, "settle")], duration=30.0)
    result = to_json(analyze_dyad([session]))
    assert list(result) == ["dyad", "sessions", "rules"]
    (point,) = result["sessions"]
    assert list(point) == [
        "session", "started_at", "visit", "duration", "summary", "second_codings",
    ]  # fmt: skip
    assert point["second_codings"] == []  # a visit coded once
    assert point["summary"]["match_rate"] == 1.0
    assert point["duration"] == 30.0


def test_no_sessions_is_an_empty_trend() -> None:
    assert analyze_dyad([]).sessions == ()


def test_sessions_of_two_dyads_are_refused(make_session) -> None:
    with pytest.raises(ValueError, match="one dyad"):
        analyze_dyad([make_session(dyad="D001"), make_session(dyad="D002")])
