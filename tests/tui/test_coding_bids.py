"""Live coding with a scheme of two rules (home-visit: the infant's cues answered by the
parents, and the parents' bids answered by the infant): a bid counts down, is matched or
missed, and has its own running figures, as a cue does.

If these failed, an observer coding a parent's bid would see nothing come of it while
coding — no countdown, no "matched" when the baby looks back, no "missed" — and the figures
line would say nothing about the bids.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from observe.scheme import find_scheme

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording

SESSION_ID = "5e55100000000000000000000000b1d5"


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def bid_missed_and_bid_answered(pilot: Pilot) -> None:
    """Parent A bids (o) at 4.0 s: no answer within the rule's 3 s, missed at 7.0 s. Parent
    B bids (l) at 6.0 s and the infant looks (e) at 7.5 s: matched after 1.5 s (looks fits a
    bid; A's window closed at 7.0 s, before it). The look is also an infant cue, unanswered,
    5 s window: 7.5 + 5 − 10 = 2.5 s left at 10.0 s."""
    await pilot.pause()
    for key, at in [("o", 1004.0), ("l", 1006.0), ("e", 1007.5)]:
        await press_at(pilot, key, at, key)
    pilot.app.clock.now = 1010.0
    pilot.app.screen._tick()
    await pilot.pause()


async def test_a_bid_counts_down_then_is_missed_or_matched(tmp_path: Path) -> None:
    scheme = find_scheme("home-visit", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "o", 1004.0, "o")
        app.clock.now = 1005.0
        app.screen._tick()
        # 4.0 + 3.0 − 5.0 = 2.0 s left, worded as a bid, and counted as waiting.
        assert "▶  2 s  bid · Initiates (A)" in shown(app, "#open-cues")
        assert app.screen.query_one("#open-panel").border_title == (
            "Open cues and bids · 1 waiting"
        )
        assert shown(app, "#recent-events").startswith("00:04.0 Parent A Initiates (A) · … waiting")
        for key, at in [("l", 1006.0), ("e", 1007.5)]:  # as bid_missed_and_bid_answered
            await press_at(pilot, key, at, key)
        app.clock.now = 1010.0
        app.screen._tick()
        open_cues = shown(app, "#open-cues").splitlines()
        assert open_cues[:3] == [
            "✗ MISSED  bid · Initiates (A)",
            "▶  2 s  Looks at parent",  # it closes at 12.5 s: 2 s from 00:10
            "✓ MATCHED  bid · Initiates (B) ← Looks at parent after 1.5 s",
        ]
        events = shown(app, "#recent-events").splitlines()
        assert events[0].startswith("00:07.5 Infant   Looks at parent · … waiting")
        assert events[1].startswith("00:06.0 Parent B Initiates (B) · ✓ matched")
        assert events[2].startswith("00:04.0 Parent A Initiates (A) · ✗ missed")
        # Bids: 2 decided, 1 responded (50%), 1 matched (50%); no cue decided yet, 1 open.
        figures = shown(app, "#running-figures")
        assert figures.startswith("Cues 0 (+1 open)") or figures.startswith("Cues 0 ")
        assert "│ Bids 2 " in figures and "resp 50%" in figures and "match 50%" in figures
        # 13 s: the missed bid (7.0 + 5) and the matched one (7.5 + 5) have had their five
        # seconds on screen; the look is missed (its window closed at 12.5 s).
        app.clock.now = 1013.0
        app.screen._tick()
        assert shown(app, "#open-cues").splitlines()[0] == "✗ MISSED  Looks at parent"
        assert "Cues 1 · resp 0% · match 0% │ Bids 2 · resp 50% · match 50%" in (
            shown(app, "#running-figures")
        )


def test_home_visit_bids_at_80x24(snap_compare, tmp_path: Path) -> None:
    """A missed bid, a matched bid and a cue counting down, the figures of both rules."""
    scheme = find_scheme("home-visit", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(80, 24), run_before=bid_missed_and_bid_answered)


def test_both_rules_figures_shorten_to_fit_and_keep_each_rules_rates(
    make_session, tmp_path: Path
) -> None:
    """Parent B's bid at 1 s answered by the infant's look at 2 s (matched, 1.0 s), and the
    look answered by Parent B following at 3 s (matched, 1.0 s): each rule 1 of 1. Wide, the
    line has every figure of both; at 60 columns it keeps each rule's count and rates."""
    from observe.analysis import live_status
    from observe.tui.widgets.running_figures import rules_line

    scheme = find_scheme("home-visit", tmp_path)
    session = make_session(
        [(0, "alert", "start"), (1, "bid_b"), (2, "looks"), (3, "follow_b")],
        scheme=scheme,
        status="live",
    )
    status = live_status(session, 30.0)
    rules = [("cue", status.rules[0].summary, 0), ("bid", status.rules[1].summary, 1)]
    wide = rules_line(rules, width=200)
    assert wide == (
        "Cues 1 · responded 100% · matched 100% · repaired – · median 1.0 s (n\xa0=\xa01) │ "
        "Bids 1 (+1 open) · responded 100% · matched 100% · repaired – · median 1.0 s "
        "(n\xa0=\xa01)"
    )
    narrow = rules_line(rules, width=60)
    assert narrow == "Cues 1 resp 100% match 100% │ Bids 1 resp 100% match 100%"
    assert rules_line(rules, width=66) == (
        "Cues 1 · resp 100% · match 100% │ Bids 1 · resp 100% · match 100%"
    )
