"""Session summaries in the corner cases a home visitor will meet (DESIGN §5)."""

from __future__ import annotations

import json

from observe.analysis import analyze_session, index_figures, to_json


def assert_no_rates(summary: dict) -> None:
    rates = ("response_rate", "match_rate", "attuned_rate", "repair_rate", "within_2s", "within_5s")
    for key in rates:
        assert summary[key] is None, key
    assert summary["latency"] == {"n": 0, "median": None, "q1": None, "q3": None}
    assert summary["time_to_repair"] == {"n": 0, "median": None}
    assert summary["contingency"]["odds_ratio"] is None
    assert summary["contingency"]["yules_q"] is None


def test_a_session_with_no_events_gives_nulls_not_errors(make_session) -> None:
    """60 s with nothing coded: 0 cues, every rate null; 60 units, all "neither"."""
    result = to_json(analyze_session(make_session([], duration=60.0)))
    json.dumps(result, allow_nan=False)  # no NaN anywhere
    summary = result["summary"]
    assert summary["cues"] == 0
    assert summary["outcomes"] == {"matched": 0, "repaired": 0, "mismatched": 0, "unanswered": 0}
    assert_no_rates(summary)
    assert summary["contingency"]["table"] == [[0, 0], [0, 60]]
    assert result["cues"] == []
    for cue_summary in result["by_cue"].values():
        assert_no_rates(cue_summary)


def test_responses_without_cues_give_nulls_not_errors(make_session) -> None:
    """feed at 5 and play at 10 in 30 s, no cue: 0 cues, rates null; 2 target units, none
    given: table [[0, 0], [2, 28]]."""
    result = to_json(analyze_session(make_session([(5, "feed"), (10, "play")], duration=30.0)))
    json.dumps(result, allow_nan=False)
    assert result["summary"]["cues"] == 0
    assert_no_rates(result["summary"])
    assert result["summary"]["contingency"]["table"] == [[0, 0], [2, 28]]


def test_repair_rate_is_null_when_every_first_response_matched(make_session) -> None:
    """One matched cue: repaired + mismatched = 0, so the repair rate is null, not 0."""
    summary = analyze_session(make_session([(10, "tired"), (11, "settle")])).summary
    assert summary.repair_rate is None
    assert summary.match_rate == 1.0


def test_within_2s_and_5s_count_over_all_cues(make_session) -> None:
    """Latencies 1 (tired), 4 (hungry, window 10), 8 (hungry) and one unanswered tired.
    ≤ 2 s: 1 of 4 cues = 0.25; ≤ 5 s: 2 of 4 = 0.5."""
    session = make_session(
        [
            (10, "tired"), (11, "settle"),
            (30, "hungry"), (34, "feed"),
            (50, "hungry"), (58, "feed"),
            (70, "tired"),
        ]
    )  # fmt: skip
    summary = analyze_session(session).summary
    assert (summary.within_2s, summary.within_5s) == (0.25, 0.5)
    assert summary.response_rate == 0.75


def test_index_figures_for_the_session_list(make_session) -> None:
    """tired matched after 1 s, over unanswered: 2 cues, responded 1/2, matched 1/2, median 1."""
    session = make_session([(10, "tired"), (11, "settle"), (20, "over")])
    assert index_figures(session) == {
        "cues": 2,
        "response_rate": 0.5,
        "match_rate": 0.5,
        "median_latency": 1.0,
    }
    assert index_figures(make_session([])) == {
        "cues": 0,
        "response_rate": None,
        "match_rate": None,
        "median_latency": None,
    }
