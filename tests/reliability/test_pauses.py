"""Observers who paused at different moments (DESIGN §3, §6): times are compared on
wall-clock-anchored interaction time, so agreement does not collapse after a pause."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from attrs import evolve

from observe.analysis.reliability import compare_sessions
from observe.analysis.reliability_clock import session_clock
from observe.model import Pause, Session

OFFSET = 4.3  # the second observer's clock started this much later (conftest)


def with_pause(session: Session, at: float, length: float) -> Session:
    """``session`` as if its observer had paused at clock time ``at`` for ``length``
    seconds of wall time while nothing happened: the clock stood still, so every later code
    is ``length`` earlier on it."""
    assert not any(at < e.t <= at + length for e in session.events), "the pause must be quiet"
    started = datetime.fromisoformat(session.started_at)
    paused = started + timedelta(seconds=at)
    pause = Pause(
        at=at,
        paused_wall=paused.isoformat(),
        resumed_wall=(paused + timedelta(seconds=length)).isoformat(),
    )
    return evolve(
        session,
        events=tuple(evolve(e, t=e.t - length) if e.t > at else e for e in session.events),
        pauses=(*session.pauses, pause),
        duration=session.duration - length,
    )


def quiet_stretch(a: Session, b: Session, after: float, length: float) -> float:
    """The start (on A's clock) of the first stretch after ``after`` where neither observer
    coded anything, nor had a state running, for ``length`` seconds plus 3 s either side."""
    busy = sorted([e.t for e in a.events] + [e.t + OFFSET for e in b.events])
    for earlier, later in pairwise(busy):
        running = _state_on(a, earlier) or _state_on(b, earlier - OFFSET)
        if earlier > after and later - earlier > length + 6 and not running:
            return round(earlier + 3, 3)
    raise AssertionError("no quiet stretch")


def _state_on(session: Session, t: float) -> bool:
    running: set[str] = set()
    for event in session.events:
        if event.t > t:
            break
        if event.kind == "start":
            running.add(event.code)
        elif event.kind == "stop":
            running.discard(event.code)
    return bool(running)


@pytest.fixture
def unpaused(visit: Session, second: Session) -> tuple[Session, Session]:
    """The simulated visit and its second observer with their (shared) pause taken out."""
    return evolve(visit, pauses=()), evolve(second, pauses=())


def test_different_pause_points_agree_as_well_as_no_pauses(unpaused) -> None:
    """A pauses for 6 s at one quiet moment, B for 5 s at another, much later. Every
    event-based figure and the estimated offset are exactly those of the same codings
    without pauses; second by second, only the 11 paused units (each observer's pause) are
    left out, all of them units where neither coded anything."""
    a0, b0 = unpaused
    base = compare_sessions(a0, b0)
    at_a = quiet_stretch(a0, b0, 600.0, 6.0)
    at_b = quiet_stretch(a0, b0, 2000.0, 5.0)
    a1 = with_pause(a0, at_a, 6.0)
    b1 = with_pause(b0, round(at_b - OFFSET, 3), 5.0)
    paused = compare_sessions(a1, b1)
    assert paused.offset == base.offset
    figures = ("pairs", "agreements", "percent_agreement", "kappa", "matrix", "per_code")
    for name in figures:
        assert getattr(paused, name) == getattr(base, name), name
    assert paused.excluded_events.a == paused.excluded_events.b == 0
    assert paused.time_units.excluded_units == 11
    for actor, figures_paused in paused.time_units.per_actor.items():
        before = base.time_units.per_actor[actor]
        assert figures_paused.units == before.units - 11
        counts, base_counts = figures_paused.matrix.counts, before.matrix.counts
        nil = len(counts) - 1
        assert counts[nil][nil] == base_counts[nil][nil] - 11
        assert [row for k, row in enumerate(counts) if k != nil] == [
            row for k, row in enumerate(base_counts) if k != nil
        ]
    assert paused.percent_agreement is not None and paused.percent_agreement > 0.8


def test_without_the_pauses_wall_times_agreement_falls_apart(unpaused) -> None:
    """The same pauses with no resume time recorded cannot be measured: counted as 0 s
    (with a warning), the 6 s A lost put every later code of A 6 s early — beyond the 2 s
    tolerance — and agreement drops by far more than a fifth. This is what the wall-clock
    anchoring prevents."""
    a0, b0 = unpaused
    base = compare_sessions(a0, b0)
    a1 = with_pause(a0, quiet_stretch(a0, b0, 600.0, 6.0), 6.0)
    unmeasured = evolve(a1, pauses=tuple(evolve(p, resumed_wall="not a time") for p in a1.pauses))
    result = compare_sessions(unmeasured, b0)
    assert any("cannot be measured" in warning for warning in result.warnings)
    assert result.percent_agreement is not None and base.percent_agreement is not None
    assert result.percent_agreement < base.percent_agreement - 0.2


def test_codes_made_while_the_other_observer_was_paused_are_left_out(make_session) -> None:
    """A: hungry at 10 s, pauses at 20 s for 30 s, hungry at 25 s on its clock (55 s of the
    interaction). B never paused: hungry 10, tired 30 (A was paused), hungry 55.
    Offset 0: hungry/hungry twice — 2 pairs, 100% — and B's tired is left out and counted.
    Second by second, A's pause [20 s, 50 s) leaves out units 20–49: 30 of the 70 units
    0–69 (A's 40 s of clock plus its 30 s pause end where B's 70 s do)."""
    a = make_session([(10, "hungry"), (25, "hungry")], duration=40.0)
    a = evolve(
        a,
        pauses=(
            Pause(
                at=20.0,
                paused_wall="2026-03-02T10:00:20+00:00",
                resumed_wall="2026-03-02T10:00:50+00:00",
            ),
        ),
    )
    b = make_session([(10, "hungry"), (30, "tired"), (55, "hungry")], duration=70.0)
    result = compare_sessions(a, b, offset=0.0)
    assert (result.pairs, result.agreements) == (2, 2)
    assert (result.excluded_events.a, result.excluded_events.b) == (0, 1)
    assert any("while the other observer was paused" in w for w in result.warnings)
    assert result.time_units.excluded_units == 30
    cues = result.time_units.per_actor["cue"]
    assert cues.units == 70 - 30  # units 0–69 (both end at 70 s of the interaction), less A's pause
    assert cues.agreements == cues.units  # hungry/hungry at 10 and 55, nothing else


def test_interaction_time_adds_the_pauses_before_a_moment(make_session) -> None:
    """A pause at 20 s lasting 30 s: clock 10 s is 10 s, clock 20 s (the moment of the pause)
    is still 20 s, clock 25 s is 55 s; interaction 35 s (inside the pause) is clock 20 s."""
    session = evolve(
        make_session([(10, "hungry"), (25, "tired")], duration=40.0),
        pauses=(
            Pause(
                at=20.0,
                paused_wall="2026-03-02T10:00:20+00:00",
                resumed_wall="2026-03-02T10:00:50.5+00:00",
            ),
        ),
    )
    clock, warnings = session_clock(session, "A")
    assert warnings == []
    assert [clock.interaction(t) for t in (10_000, 20_000, 25_000)] == [10_000, 20_000, 55_500]
    assert clock.clock(35_000) == 20_000 and clock.clock(55_500) == 25_000
    assert clock.paused() == [(20_000, 50_500)]
    assert clock.interaction_end == 70_500


def test_the_report_says_how_pauses_were_lined_up(unpaused, tmp_path) -> None:
    """A clinician reading the report of two differently paused codings is told why the
    times still line up."""
    from observe.reports import write_reliability_report

    from .conftest import pdf_text

    a0, b0 = unpaused
    a1 = with_pause(a0, quiet_stretch(a0, b0, 600.0, 6.0), 6.0)
    result = compare_sessions(a1, b0)
    text = pdf_text(write_reliability_report(a1, b0, result, tmp_path / "p.pdf"))
    assert "two observers who paused at different moments still line up" in text
    assert "6 units are left out: one of the observers had paused the session" in text
