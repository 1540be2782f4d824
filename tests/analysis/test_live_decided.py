"""Each cue's outcome as it is decided, for the coding screen's list of events.

If these failed, the observer would see a cue marked matched before it was answered, a
miss never turning into a repair, or a long session slowing every tick of the screen.
"""

from __future__ import annotations

from observe.analysis import live_status
from observe.analysis.live import RECENT_CUES


def decided(status) -> list[tuple]:
    return [(cue.result.code, cue.result.t, cue.result.outcome) for cue in status.decided]


def test_outcomes_appear_as_they_are_decided(make_session) -> None:
    """hungry at 10 (window 10) fed at 12: matched at once. tired at 20 (window 5) met by
    play at 21 (no match): mismatched, then repaired by settle at 23. over at 30 (window 3),
    unanswered: not listed while open, missed (unanswered) once its window closed."""
    session = make_session(
        [(10, "hungry"), (12, "feed"), (20, "tired"), (21, "play"), (23, "settle"), (30, "over")],
        status="live",
    )
    early = make_session([(10, "hungry"), (12, "feed"), (20, "tired"), (21, "play")])
    assert decided(live_status(early, 22.0)) == [
        ("hungry", 10.0, "matched"),
        ("tired", 20.0, "mismatched"),
    ]
    assert decided(live_status(session, 32.0)) == [
        ("hungry", 10.0, "matched"),
        ("tired", 20.0, "repaired"),
    ]
    assert decided(live_status(session, 33.5))[-1] == ("over", 30.0, "unanswered")
    ids = {event.code: event.id for event in session.events}
    assert [cue.event_id for cue in live_status(session, 40.0).decided] == [
        ids["hungry"],
        ids["tired"],
        ids["over"],
    ]


def test_only_the_latest_cues_are_looked_at(make_session) -> None:
    """A long session: the list holds the last cues only, in onset order."""
    events = [(float(n), "tired") for n in range(1, 3 * RECENT_CUES)]
    status = live_status(make_session(events, status="live"), 10_000.0)
    times = [cue.result.t for cue in status.decided]
    assert len(times) == RECENT_CUES and times == sorted(times)
    assert times[-1] == float(3 * RECENT_CUES - 1)


def test_every_rules_bids_are_decided_and_open_as_cues_are(make_session, two_way) -> None:
    """The second rule (bid-answer: bid_mum 3 s, bid_dad 2 s; fitting looks or smiles) has
    its own decided and open antecedents. bid_mum at 10 answered by looks at 11: matched
    (latency 1.0). bid_dad at 20 unanswered: open at 21 (2 − 1 = 1.0 s left), missed from
    22 on. The first rule's lists are as before: looks at 11 is a cue no parent answered
    (window 5 s: missed once 16 has passed)."""
    session = make_session(
        [(0, "alert", "start"), (10, "bid_mum"), (11, "looks"), (20, "bid_dad")],
        scheme=two_way,
        status="live",
    )
    ids = {event.code: event.id for event in session.events}
    at_21 = live_status(session, 21.0)
    cues, bids = at_21.rules
    assert bids.id == "bid-answer"
    assert [(c.result.code, c.result.outcome, c.result.latency) for c in bids.decided] == [
        ("bid_mum", "matched", 1.0)
    ]
    assert bids.decided[0].event_id == ids["bid_mum"]
    assert [(c.code, c.state, c.remaining) for c in bids.open_cues] == [("bid_dad", "open", 1.0)]
    assert at_21.decided == cues.decided and [c.result.code for c in cues.decided] == ["looks"]
    at_23 = live_status(session, 23.0)
    assert [(c.result.code, c.result.outcome) for c in at_23.rules[1].decided] == [
        ("bid_mum", "matched"),
        ("bid_dad", "unanswered"),
    ]
    assert [(c.code, c.state) for c in at_23.rules[1].open_cues] == [("bid_dad", "missed")]
    assert at_23.rules[1].summary.cues == 2 and at_23.rules[1].summary.match_rate == 0.5
