"""A repair belongs to its cue's episode (DESIGN §5): the report of issue 10's session.

Scheme: the shipped ``infant-cues`` (repair window 30 s). Fullness cues (``full``) suit
"Pauses or stops the feed" or "Checks in"; "Needs a break (subtle)" (``disengage_subtle``)
suits "Reduces stimulation" or "Checks in"; Hunger cues (``hungry``, window 10 s) suit
"Offers a feed", "Calms" or "Checks in". "Redirects to own agenda" suits none of them.

====== ================= ====================================================================
t      code              what it does
====== ================= ====================================================================
1:46.0 full              cue 1; window [106, 111]
1:47.9 redirect          r1 of cue 1 (latency 1.9): no match
1:58.0 disengage_subtle  cue 2, the next cue after cue 1: cue 1's episode ends at 118
1:59.0 redirect          r1 of cue 2 (latency 1.0): no match
2:11.3 hungry            cue 3, the next cue after cue 2: cue 2's episode ends at 131.3
2:15.5 check_in          r1 of cue 3 (latency 4.2 ≤ 10): matched
====== ================= ====================================================================

Before episodes the one check-in at 135.5 also repaired cue 1 (135.5 ≤ 106 + 30 = 136) and
cue 2 (≤ 118 + 30): "2 repaired · 0 mismatched · repair rate 100 %", and no moment to
revisit. With episodes a repair of cue 1 must start in (107.9, 118) and one of cue 2 in
(119, 131.3): neither has one, so both are mismatched — repair rate 0 of 2, attuned 1 of 3.
"""

from __future__ import annotations

import pytest
from observe.reports import write_session_report

from observe.analysis import analyze_session

EVENTS = [
    (106.0, "full"),
    (107.9, "redirect"),
    (118.0, "disengage_subtle"),
    (119.0, "redirect"),
    (131.3, "hungry"),
    (135.5, "check_in"),
]


@pytest.fixture
def issue_session(make_session, infant_cues):
    return make_session(EVENTS, duration=180.0, scheme=infant_cues)


def test_the_check_in_answers_the_hunger_cue_and_repairs_nothing(issue_session) -> None:
    """The analysis a clinician's report rests on: 1 matched, 2 mismatched, 0 repaired."""
    analysis = analyze_session(issue_session)
    assert [(c.code, c.outcome, c.latency, c.response) for c in analysis.cues] == [
        ("full", "mismatched", 1.9, "redirect"),
        ("disengage_subtle", "mismatched", 1.0, "redirect"),
        ("hungry", "matched", 4.2, "check_in"),
    ]
    outcomes = analysis.summary.outcomes
    assert (outcomes.matched, outcomes.repaired, outcomes.mismatched) == (1, 0, 2)
    assert analysis.summary.repair_rate == 0.0  # 0 / (0 + 2)
    assert analysis.summary.attuned_rate == pytest.approx(1 / 3)


def test_both_misses_are_moments_to_revisit(issue_session, tmp_path, generated, read_text):
    """The report says 2 mismatched and lists both, each saying that the next response
    came after the baby's next cue."""
    path = write_session_report(issue_session, tmp_path / "r.pdf", generated=generated)
    text = read_text(path)
    assert "Repair rate 0% " in text
    assert "(0 of 2)" in text
    assert "Fullness cues 1 0 0 1 0 " in text  # cues, matched, repaired, mismatched, unanswered
    assert "Needs a break (subtle) 1 0 0 1 0 " in text
    moments = text.split("Moments to revisit")[1].split("Ratings and observer notes")[0]
    assert "1:46 Fullness cues The caregiver responded after 1.9 s with Redirects" in moments
    assert "1:58 Needs a break (subtle) The caregiver responded after 1.0 s with Redirects" in (
        moments
    )
    # Fullness: the next response is the redirect at 1:59, after the new cue at 1:58.
    assert (
        "Redirects to own agenda at 1:59 (13.0 s after the cue). It came after the baby's "
        "next cue (Needs a break (subtle) at 1:58), so it belongs with that cue."
    ) in moments
    # Needs a break: the check-in would suit it, but came after the hunger cue at 2:11.
    assert (
        "Checks in / names the feeling at 2:16 (17.5 s after the cue). It would suit this "
        "cue, but it came after the baby's next cue (Hunger cues at 2:11), so it belongs "
        "with that cue and does not count as putting this one right."
    ) in moments
    assert "2:11 Hunger cues" not in moments
    assert "1 of 3 cues were met with a response that suited them" in moments
