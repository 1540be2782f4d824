"""Every figure of DESIGN §5 per contingency rule, worked by hand (issue 12): attunement in
both directions — the parents' responses to the baby's cues, and the baby's answers to
the parents' bids.

Scheme: the ``two_way`` fixture (``tests/analysis/conftest.py``). Session of 60 s:

====  =========================  ========================================================
t     event                      what it does
====  =========================  ========================================================
0     alert starts               the state group's explicit start
4     bid_mum                    bid 1, window [4, 7]
5     looks                      answers bid 1 (fits: matched, latency 1); a cue too,
                                 window [5, 10]
6     follow_dad                 answers looks 5 (fits: matched, latency 1)
12    bid_dad                    bid 2, own window 2 s: [12, 14]
13    alert stops, fussing       fussing answers bid 2 (latency 1) but does not fit; a cue
      starts                     too, window [13, 18]
18    bid_mum                    bid 3, window [18, 21]: the next bid, so bid 2's episode
                                 ends here. For the cues it is fussing's first response
                                 (at 13 + 5, inclusive): no fit
19    soothe                     repairs fussing: in (18, 20) — before the next cue at 20
                                 — and fits: time to repair 1
20    smiles                     answers bid 3 (fits: matched, latency 2). It would have
                                 repaired bid 2 (20 ≤ 12 + 10) had bid 3 not begun a new
                                 episode at 18: bid 2 is mismatched. A cue too, window
                                 [20, 25]: no parent's code there, unanswered
25    fussing stops, alert
      starts
30    bid_dad                    bid 4, window [30, 32]: nothing — unanswered
33    looks                      a cue, window [33, 38] (after bid 4's window)
36    follow_mum                 answers looks 33: matched, latency 3
40    bid_mum                    bid 5, window [40, 43]
41    alert stops, fussing       answers bid 5 (latency 1), no fit; a cue, window
      starts                     [41, 46]: nothing — unanswered
45    looks                      repairs bid 5 (in (41, 50], no later bid): time to
                                 repair 4. A cue, window [45, 50]
47    follow_dad                 answers looks 45: matched, latency 2
50    fussing stops, crying      a cue with its own 10 s window: [50, 60]
      starts
55    soothe                     answers crying: matched, latency 5
58    crying stops, alert
      starts
====  =========================  ========================================================
"""

from __future__ import annotations

import json

import pytest

from observe.analysis import analyze_dyad, analyze_session, to_json
from observe.analysis.jsonout import json_text
from observe.analysis.text import session_text
from observe.analysis.text_trend import dyad_text

EVENTS = [
    (0, "alert", "start"),
    (4, "bid_mum"),
    (5, "looks"),
    (6, "follow_dad"),
    (12, "bid_dad"),
    (13, "alert", "stop"),
    (13, "fussing", "start"),
    (18, "bid_mum"),
    (19, "soothe"),
    (20, "smiles"),
    (25, "fussing", "stop"),
    (25, "alert", "start"),
    (30, "bid_dad"),
    (33, "looks"),
    (36, "follow_mum"),
    (40, "bid_mum"),
    (41, "alert", "stop"),
    (41, "fussing", "start"),
    (45, "looks"),
    (47, "follow_dad"),
    (50, "fussing", "stop"),
    (50, "crying", "start"),
    (55, "soothe"),
    (58, "crying", "stop"),
    (58, "alert", "start"),
]


@pytest.fixture
def visit(make_session, two_way):
    return make_session(EVENTS, duration=60.0, scheme=two_way)


def outcomes(rule) -> list[tuple]:
    return [(c.t, c.code, c.outcome, c.latency, c.response, c.time_to_repair) for c in rule.cues]


def test_the_parents_responses_to_the_babys_cues(visit) -> None:
    """Rule cue-response, by hand (see the module's table).

    7 cues: matched 4 (looks 5, looks 33, looks 45, crying 50), repaired 1 (fussing 13),
    unanswered 2 (smiles 20, fussing 41). Response rate 5/7, match 4/7, attuned 5/7,
    repair 1/1. Latencies sorted [1, 2, 3, 5, 5] (fussing's first response, bid_mum at 18,
    is 5 s after it): median 3, q1 (position 1) 2, q3 (position 3) 5; ≤ 2 s: 2 of 7,
    ≤ 5 s: 5 of 7. Time to repair: 1 (n = 1).

    Contingency, 60 units. Given (half-open windows): 5–9, 13–17, 20–24, 33–37, and
    41–45, 45–49, 50–59 merged into 41–59: 5 + 5 + 5 + 5 + 19 = 39 units. Targets (every
    parent's code): units 4, 6, 12, 18, 19, 30, 36, 40, 47, 55 (10). Given ∧ target: 6, 36,
    47, 55 → a = 4; b = 35; c = 6; d = 60 − 39 − 6 = 15. ad = 60, bc = 210: odds ratio
    60/210, Q = −150/270 (responses came more often outside the cues' windows).
    """
    rule = analyze_session(visit).rule("cue-response")
    assert rule is not None and rule.label == "Parents' responses to the baby's cues"
    assert outcomes(rule) == [
        (5.0, "looks", "matched", 1.0, "follow_dad", None),
        (13.0, "fussing", "repaired", 5.0, "bid_mum", 1.0),
        (20.0, "smiles", "unanswered", None, None, None),
        (33.0, "looks", "matched", 3.0, "follow_mum", None),
        (41.0, "fussing", "unanswered", None, None, None),
        (45.0, "looks", "matched", 2.0, "follow_dad", None),
        (50.0, "crying", "matched", 5.0, "soothe", None),
    ]
    summary = rule.summary
    assert summary.cues == 7
    assert (summary.response_rate, summary.match_rate) == (5 / 7, 4 / 7)
    assert (summary.attuned_rate, summary.repair_rate) == (5 / 7, 1.0)
    assert (summary.latency.n, summary.latency.median) == (5, 3.0)
    assert (summary.latency.q1, summary.latency.q3) == (2.0, 5.0)
    assert (summary.within_2s, summary.within_5s) == (2 / 7, 5 / 7)
    assert (summary.time_to_repair.n, summary.time_to_repair.median) == (1, 1.0)
    assert summary.contingency.table == ((4, 35), (6, 15))
    assert summary.contingency.odds_ratio == pytest.approx(60 / 210)
    assert summary.contingency.yules_q == pytest.approx(-150 / 270)
    assert list(rule.by_cue) == ["fussing", "crying", "looks", "smiles"]
    assert rule.cues[-1].repair_response is None and rule.cues[1].repair_response == "soothe"


def test_the_babys_answers_to_the_parents_bids(visit) -> None:
    """Rule bid-answer, by hand: the parents' bids are the cues, the baby's looks, smiles
    and fussing the answers, looks and smiles the fitting ones.

    5 bids: matched 2 (4, 18), repaired 1 (40: fussing at 41, then looks at 45 within
    (41, 40 + 10]), mismatched 1 (12: fussing at 13 did not fit; smiles at 20 is within
    the repair window (≤ 22) but after the next bid at 18, whose answer it is: the episode
    ended), unanswered 1 (30: looks at 33 is after [30, 32], dad's own 2-s window).
    Rates 4/5, 2/5, 3/5, repair 1/2. Latencies [1, 1, 2, 1] sorted [1, 1, 1, 2]: median
    1, q1 1, q3 1 + 0.25 × 1 = 1.25; all ≤ 2 s: 4/5. Time to repair 4 (n = 1).

    Contingency, 60 units. Given: 4–6, 12–13, 18–20, 30–31, 40–42 = 13 units. Targets
    (the baby's looks, smiles, fussing starts): 5, 13, 20, 33, 41, 45. a = 4 (5, 13, 20,
    41), b = 9, c = 2 (33, 45), d = 60 − 13 − 2 = 45; ad = 180, bc = 18: odds ratio 10,
    Q = 162/198.
    """
    rule = analyze_session(visit).rule("bid-answer")
    assert rule is not None
    assert outcomes(rule) == [
        (4.0, "bid_mum", "matched", 1.0, "looks", None),
        (12.0, "bid_dad", "mismatched", 1.0, "fussing", None),
        (18.0, "bid_mum", "matched", 2.0, "smiles", None),
        (30.0, "bid_dad", "unanswered", None, None, None),
        (40.0, "bid_mum", "repaired", 1.0, "fussing", 4.0),
    ]
    assert rule.cues[-1].repair_response == "looks"
    summary = rule.summary
    assert summary.outcomes.matched == 2 and summary.outcomes.mismatched == 1
    assert (summary.response_rate, summary.match_rate) == (0.8, 0.4)
    assert (summary.attuned_rate, summary.repair_rate) == (0.6, 0.5)
    assert (summary.latency.median, summary.latency.q1, summary.latency.q3) == (1.0, 1.0, 1.25)
    assert (summary.within_2s, summary.within_5s) == (0.8, 0.8)
    assert (summary.time_to_repair.n, summary.time_to_repair.median) == (1, 4.0)
    assert summary.contingency.table == ((4, 9), (2, 45))
    assert summary.contingency.odds_ratio == pytest.approx(10.0)
    assert summary.contingency.yules_q == pytest.approx(162 / 198)


def test_per_type_figures_of_a_rule_are_its_antecedents(visit) -> None:
    """bid_mum: 4, 18, 40 → matched, matched, repaired; bid_dad: 12, 30 → mismatched,
    unanswered. bid_dad's table: given 12–13 and 30–31 (4 units), targets the units of
    what fits dad's bid (looks, smiles: 5, 20, 33, 45) — none in a window: a = 0, b = 4,
    c = 4, d = 52; 2 bids < 5: no Q."""
    by_type = analyze_session(visit).rule("bid-answer").by_cue
    assert list(by_type) == ["bid_mum", "bid_dad"]
    mum, dad = by_type["bid_mum"], by_type["bid_dad"]
    assert (mum.outcomes.matched, mum.outcomes.repaired, mum.cues) == (2, 1, 3)
    assert (dad.outcomes.mismatched, dad.outcomes.unanswered, dad.cues) == (1, 1, 2)
    assert dad.contingency.table == ((0, 4), (4, 52))
    assert dad.contingency.yules_q is None


def test_the_json_gives_every_rule_and_the_first_at_the_top(visit) -> None:
    """`observe analyze --json`: the top level is the first rule (what old readers read);
    `rules` lists each rule with its id and label and the same structure."""
    data = json.loads(json_text(analyze_session(visit)))
    assert [(r["id"], r["label"]) for r in data["rules"]] == [
        ("cue-response", "Parents' responses to the baby's cues"),
        ("bid-answer", "The baby's answers to the parents' bids"),
    ]
    first = data["rules"][0]
    assert {k: first[k] for k in ("summary", "by_cue", "cues")} == {
        k: data[k] for k in ("summary", "by_cue", "cues")
    }
    assert list(data["rules"][1]) == ["id", "label", "summary", "by_cue", "cues"]
    assert data["rules"][1]["summary"]["outcomes"] == {
        "matched": 2, "repaired": 1, "mismatched": 1, "unanswered": 1,
    }  # fmt: skip


def test_each_cue_carries_the_state_it_came_in(visit) -> None:
    """The baby's state at each cue: a cue coded as the state changes (fussing at 13)
    sees the new state."""
    analysis = analyze_session(visit)
    cues = [(c.t, c.states["state"]) for c in analysis.rule("cue-response").cues]
    assert cues == [
        (5.0, "alert"), (13.0, "fussing"), (20.0, "fussing"), (33.0, "alert"),
        (41.0, "fussing"), (45.0, "fussing"), (50.0, "crying"),
    ]  # fmt: skip
    bids = [c.states["state"] for c in analysis.rule("bid-answer").cues]
    assert bids == ["alert", "alert", "fussing", "alert", "alert"]
    assert to_json(analysis)["cues"][0]["states"] == {"state": "alert"}


def test_the_readable_summary_shows_each_rule_under_its_name(visit) -> None:
    """`observe analyze ID` for a scheme with two rules: each under its label, in words that
    fit it (cues and responses; events and answers), every line within 80 columns."""
    text = session_text(visit, analyze_session(visit))
    lines = text.splitlines()
    assert max(map(len, lines)) <= 80
    first = lines.index("Parents' responses to the baby's cues (rule cue-response)")
    second = lines.index("The baby's answers to the parents' bids (rule bid-answer)")
    assert first < second
    assert "Infant cues       7: matched 4, repaired 1, mismatched 0, unanswered 2" in lines
    assert "Events            5: matched 2, repaired 1, mismatched 1, unanswered 1" in lines
    assert "Responded to      80% of events (4 of 5)" in lines
    flowing = " ".join(text.split())
    assert "The baby's state (always one): time in each state, of 1 min 0 s codable" in flowing
    assert "By type of event" in lines and "By cue type" in lines


def test_a_trend_follows_every_rule(make_session, two_way) -> None:
    """`observe analyze --dyad D --json`: `sessions` as always (each session's first rule),
    and `rules` with each rule's figures per visit."""
    early = make_session([(4, "bid_mum"), (5, "looks")], duration=20.0, scheme=two_way)
    late = make_session(
        [(4, "bid_mum"), (10, "looks"), (11, "follow_mum")],
        duration=20.0,
        scheme=two_way,
        started_at="2026-04-02T10:00:00+00:00",
    )
    trend = analyze_dyad([late, early])
    assert [rule.id for rule in trend.rules] == ["cue-response", "bid-answer"]
    bids = trend.rules[1].sessions
    assert [p.session for p in bids] == [early.id, late.id]
    assert [p.summary.outcomes.matched for p in bids] == [1, 0]  # looks at 10 is too late
    assert trend.rules[0].sessions == trend.sessions
    text = dyad_text(trend)
    assert max(map(len, text.splitlines())) <= 80
    assert text.index("(rule cue-response)") < text.index("(rule bid-answer)")
    assert text.count("Dyad D001: 2 sessions, oldest first") == 2
