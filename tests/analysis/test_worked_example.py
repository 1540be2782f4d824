"""The full worked example of the ``observe analyze --json`` structure (issue #3), by hand.

Scheme (the ``tiny_scheme`` fixture): tired (window 5 s, matched by settle), over (window 3 s,
matched by reduce), hungry (10 s; feed, calm), fussing (state; calm); response window 5 s,
repair window 30 s. Session of 120 s:

====  ======  =========  ==================================================================
t     code    intensity  what it does
====  ======  =========  ==================================================================
10    tired              cue 1; window [10, 15]
12    play               r1 of cue 1 (latency 2.0); play matches nothing
20    settle             first matching response after r1, 20 ≤ 10 + 30 and before the
                         next cue (30): cue 1 repaired, time to repair 20 − 12 = 8.0
30    over    2          cue 2; window [30, 33]
30    reduce  2          r1 of cue 2 at the cue's moment: matched, latency 0; intensity equal
50    tired   1          cue 3; window [50, 55]
51.5  settle  2          matched, latency 1.5; intensity 2 > 1: over
70    over               cue 4; window [70, 73]
72    play               r1 of cue 4 (latency 2.0), no reduce in (72, 90) (the next cue
                         is at 90): mismatched
90    tired              cue 5; nothing in [90, 95]: unanswered
110   feed               a spontaneous response: in no window and repairs nothing
====  ======  =========  ==================================================================

Summary over 5 cues: matched 2 (cues 2, 3), repaired 1, mismatched 1, unanswered 1.
response rate 4/5 = 0.8; match rate 2/5 = 0.4; attuned (2 + 1)/5 = 0.6;
repair rate 1/(1 + 1) = 0.5.
Latencies sorted [0, 1.5, 2.0, 2.0], n = 4 (numpy linear: position (n − 1) q):
median at 1.5 → (1.5 + 2.0)/2 = 1.75; q1 at 0.75 → 0 + 0.75 × 1.5 = 1.125;
q3 at 2.25 → 2.0 + 0.25 × (2.0 − 2.0) = 2.0. All four ≤ 2 s: within_2s = within_5s = 4/5.
Time to repair: n = 1, median 8.0. Intensity: cue 2 matched, cue 3 over.

Contingency, 120 units. Given (half-open windows): [10,15) → units 10–14, [30,33) → 30–32,
[50,55) → 50–54, [70,73) → 70–72, [90,95) → 90–94: 5 + 3 + 5 + 3 + 5 = 21 units.
Targets (units holding a response onset): 12, 20, 30, 51, 72, 110. Given ∧ target:
12, 30, 51, 72 → a = 4; b = 21 − 4 = 17; c = 2 (20, 110); d = 120 − 21 − 2 = 97.
No zero cell: odds ratio 4·97 / (17·2) = 388/34 = 11.4118 (≈ 11.41);
Q = (388 − 34)/(388 + 34) = 354/422 = 0.838863 (≈ 0.8389).
"""

from __future__ import annotations

import json

import pytest

from observe.analysis import analyze_session, to_json

EVENTS = [
    (10, "tired"),
    (12, "play"),
    (20, "settle"),
    (30, "over", "point", 2),
    (30, "reduce", "point", 2),
    (50, "tired", "point", 1),
    (51.5, "settle", "point", 2),
    (70, "over"),
    (72, "play"),
    (90, "tired"),
    (110, "feed"),
]


@pytest.fixture
def worked(make_session):
    return make_session(EVENTS, duration=120.0)


def test_the_documented_json_example_is_reproduced_exactly(worked) -> None:
    """A clinician reading `observe analyze --json` gets the figures worked out by hand."""
    result = json.loads(json.dumps(to_json(analyze_session(worked)), allow_nan=False))
    assert result["session"] == worked.id
    assert result["duration"] == 120.0
    summary = result["summary"]
    contingency = summary.pop("contingency")
    assert summary == {
        "cues": 5,
        "outcomes": {"matched": 2, "repaired": 1, "mismatched": 1, "unanswered": 1},
        "response_rate": 0.8,
        "match_rate": 0.4,
        "attuned_rate": 0.6,
        "repair_rate": 0.5,
        "latency": {"n": 4, "median": 1.75, "q1": 1.125, "q3": 2.0},
        "within_2s": 0.8,
        "within_5s": 0.8,
        "time_to_repair": {"n": 1, "median": 8.0},
        "intensity": {"matched": 1, "under": 0, "over": 1},
    }
    assert contingency["table"] == [[4, 17], [2, 97]]
    assert contingency["odds_ratio"] == pytest.approx(388 / 34)
    assert round(contingency["odds_ratio"], 2) == 11.41
    assert contingency["yules_q"] == pytest.approx(354 / 422)
    assert round(contingency["yules_q"], 4) == 0.8389
    assert result["cues"] == [
        {"t": 10.0, "code": "tired", "outcome": "repaired", "latency": 2.0,
         "response": "play", "time_to_repair": 8.0, "repair_response": "settle",
         "intensity": None, "intensity_fit": None},
        {"t": 30.0, "code": "over", "outcome": "matched", "latency": 0.0,
         "response": "reduce", "time_to_repair": None, "repair_response": None,
         "intensity": 2, "intensity_fit": "matched"},
        {"t": 50.0, "code": "tired", "outcome": "matched", "latency": 1.5,
         "response": "settle", "time_to_repair": None, "repair_response": None,
         "intensity": 1, "intensity_fit": "over"},
        {"t": 70.0, "code": "over", "outcome": "mismatched", "latency": 2.0,
         "response": "play", "time_to_repair": None, "repair_response": None,
         "intensity": None, "intensity_fit": None},
        {"t": 90.0, "code": "tired", "outcome": "unanswered", "latency": None,
         "response": None, "time_to_repair": None, "repair_response": None,
         "intensity": None, "intensity_fit": None},
    ]  # fmt: skip


SUMMARY_KEYS = [
    "cues", "outcomes", "response_rate", "match_rate", "attuned_rate", "repair_rate",
    "latency", "within_2s", "within_5s", "time_to_repair", "intensity", "contingency",
]  # fmt: skip


def test_the_json_keys_are_exactly_the_documented_ones(worked) -> None:
    """Scripts reading `--json` rely on these keys, in this order, at every level."""
    result = to_json(analyze_session(worked))
    assert list(result) == [
        "session", "duration", "summary", "by_cue", "cues", "rules", "states", "excluded",
    ]  # fmt: skip
    assert list(result["summary"]) == SUMMARY_KEYS
    for cue_summary in result["by_cue"].values():
        assert list(cue_summary) == SUMMARY_KEYS  # "same keys as summary"
    summary = result["summary"]
    assert list(summary["outcomes"]) == ["matched", "repaired", "mismatched", "unanswered"]
    assert list(summary["latency"]) == ["n", "median", "q1", "q3"]
    assert list(summary["time_to_repair"]) == ["n", "median"]
    assert list(summary["intensity"]) == ["matched", "under", "over"]
    assert list(summary["contingency"]) == ["table", "odds_ratio", "yules_q"]
    for cue in result["cues"]:
        assert list(cue) == [
            "t", "code", "outcome", "latency", "response", "time_to_repair",
            "repair_response", "intensity", "intensity_fit",
        ]  # fmt: skip


def test_per_cue_type_figures_of_the_worked_example(worked) -> None:
    """The per-cue-type table of the report shows each cue type's own figures.

    tired: cues 1, 3, 5 → repaired, matched, unanswered. Rates 2/3, 1/3, 2/3; repair 1/1.
    Latencies [1.5, 2.0]: median 1.75, q1 1.5 + 0.25 × 0.5 = 1.625, q3 1.5 + 0.75 × 0.5 = 1.875.
    Contingency: given tired windows 10–14, 50–54, 90–94 (15 units); targets only settle
    onsets (units 20, 51): a = 1, b = 14, c = 1, d = 120 − 15 − 1 = 104; 3 cues < 5 → nulls.

    over: cues 2, 4 → matched, mismatched. Response rate 1, match 1/2, repair 0/(0 + 1) = 0.
    Latencies [0, 2]: median 1.0, q1 0.5, q3 1.5; both ≤ 2 s. No repair: median null.
    Contingency: given 30–32, 70–72 (6); target reduce at unit 30: a = 1, b = 5, c = 0, d = 114.

    hungry: no cues; targets feed/calm onsets: feed at 110 → c = 1, d = 119; rates null.
    fussing: no cues, no calm: every unit is d.
    """
    by_cue = to_json(analyze_session(worked))["by_cue"]
    assert list(by_cue) == ["hungry", "tired", "over", "fussing"]

    tired = by_cue["tired"]
    assert tired["cues"] == 3
    assert tired["outcomes"] == {"matched": 1, "repaired": 1, "mismatched": 0, "unanswered": 1}
    assert tired["response_rate"] == pytest.approx(2 / 3)
    assert tired["match_rate"] == pytest.approx(1 / 3)
    assert tired["attuned_rate"] == pytest.approx(2 / 3)
    assert tired["repair_rate"] == 1.0
    assert tired["latency"] == {"n": 2, "median": 1.75, "q1": 1.625, "q3": 1.875}
    assert tired["within_2s"] == pytest.approx(2 / 3)
    assert tired["time_to_repair"] == {"n": 1, "median": 8.0}
    assert tired["intensity"] == {"matched": 0, "under": 0, "over": 1}
    assert tired["contingency"] == {
        "table": [[1, 14], [1, 104]], "odds_ratio": None, "yules_q": None,
    }  # fmt: skip

    over = by_cue["over"]
    assert over["outcomes"] == {"matched": 1, "repaired": 0, "mismatched": 1, "unanswered": 0}
    assert (over["response_rate"], over["match_rate"], over["repair_rate"]) == (1.0, 0.5, 0.0)
    assert over["latency"] == {"n": 2, "median": 1.0, "q1": 0.5, "q3": 1.5}
    assert (over["within_2s"], over["within_5s"]) == (1.0, 1.0)
    assert over["time_to_repair"] == {"n": 0, "median": None}
    assert over["intensity"] == {"matched": 1, "under": 0, "over": 0}
    assert over["contingency"]["table"] == [[1, 5], [0, 114]]

    hungry = by_cue["hungry"]
    assert hungry["cues"] == 0
    assert hungry["response_rate"] is None and hungry["repair_rate"] is None
    assert hungry["latency"] == {"n": 0, "median": None, "q1": None, "q3": None}
    assert hungry["contingency"]["table"] == [[0, 0], [1, 119]]
    assert by_cue["fussing"]["contingency"]["table"] == [[0, 0], [0, 120]]
