"""The demo simulator: the sessions behind ``observe demo``, the benchmarks and many tests."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import pytest

from observe.analysis import analyze_dyad, analyze_session
from observe.interchange.simulate import demo_sessions, simulate_session
from observe.model import Session
from observe.scheme import Scheme, find_scheme

STARTED = "2026-03-02T10:00:00+00:00"


def _simulate(scheme: Scheme, seed: int = 1, **overrides: object) -> Session:
    arguments: dict[str, object] = dict(
        seed=seed, dyad="SIM-1", visit="1", started_at=STARTED, duration=900.0, skill=0.5
    )
    arguments.update(overrides)
    return simulate_session(scheme, **arguments)  # type: ignore[arg-type]


def _match_rate(session: Session) -> float:
    """Matched cues / cues, with the first response in the window (DESIGN §5, simply)."""
    scheme = session.scheme
    cues = [e for e in session.events if scheme.is_cue(e.code) and e.kind != "stop"]
    responses = [e for e in session.events if scheme.is_response(e.code) and e.kind != "stop"]
    matched = 0
    for cue in cues:
        window = scheme.window_for(cue.code)
        first = next((r for r in responses if cue.t <= r.t <= cue.t + window), None)
        matches = scheme.cue(cue.code).matches  # type: ignore[union-attr]
        if first is not None and first.code in matches:
            matched += 1
    return matched / len(cues) if cues else 0.0


def test_the_same_seed_gives_the_same_session_ids_and_all(tiny_scheme: Scheme) -> None:
    assert _simulate(tiny_scheme, seed=3) == _simulate(tiny_scheme, seed=3)


def test_different_seeds_give_different_sessions(tiny_scheme: Scheme) -> None:
    first, second = _simulate(tiny_scheme, seed=3), _simulate(tiny_scheme, seed=4)
    assert first.id != second.id
    assert [(e.code, e.t) for e in first.events] != [(e.code, e.t) for e in second.events]


def test_other_dyads_with_the_same_seed_get_their_own_ids(tiny_scheme: Scheme) -> None:
    """Two demo dyads generated from one seed must not overwrite each other in the archive."""
    assert _simulate(tiny_scheme, dyad="A").id != _simulate(tiny_scheme, dyad="B").id


def test_a_simulated_session_is_a_well_formed_ended_demo_session(tiny_scheme: Scheme) -> None:
    """The demo sessions behind `observe demo` read back, analyse and report like coded ones."""
    for seed in range(20):
        session = _simulate(tiny_scheme, seed=seed, skill=seed / 19)
        assert session.status == "ended"
        assert session.origin == "demo"
        assert session.scheme_digest == tiny_scheme.digest
        assert session.events, "a 15-minute session should have some events"
        times = [e.t for e in session.events]
        assert times == sorted(times)
        assert all(0.0 <= t <= session.duration for t in times)
        assert all(round(t, 3) == t for t in times)
        assert all(tiny_scheme.code(e.code) is not None for e in session.events)
        assert len({e.id for e in session.events}) == len(session.events)
        intensities = [e.intensity for e in session.events if e.intensity is not None]
        assert intensities, "the scheme codes intensity, so the demo cues carry one"
        assert all(1 <= i <= tiny_scheme.intensity_levels for i in intensities)
        for rating, value in session.ratings.items():
            assert rating == "overall_warmth" and 1 <= value <= 5


def test_state_codes_are_balanced_and_never_overlap(tiny_scheme: Scheme) -> None:
    """A demo session with a fussing spell that never stops, or starts twice, would show
    impossible state durations in every report made from it."""
    states_started = 0
    for seed in range(20):
        session = _simulate(tiny_scheme, seed=seed)
        open_codes: set[str] = set()
        for event in session.events:
            code = tiny_scheme.code(event.code)
            assert code is not None
            if code.kind == "point":
                assert event.kind == "point"
            elif event.kind == "start":
                assert event.code not in open_codes
                open_codes.add(event.code)
                states_started += 1
            else:
                assert event.kind == "stop" and event.code in open_codes
                open_codes.remove(event.code)
        assert not open_codes
        assert session.open_states == ()
    assert states_started >= 20, "the simulated sessions hardly code any state at all"


def test_a_more_skilled_caregiver_matches_more_cues(tiny_scheme: Scheme) -> None:
    def mean_rate(skill: float) -> float:
        return statistics.mean(
            _match_rate(_simulate(tiny_scheme, seed=s, skill=skill)) for s in range(10)
        )

    low, high = mean_rate(0.1), mean_rate(0.9)
    assert high > low + 0.2


def test_demo_has_several_dyads_with_four_to_six_visits_each(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)
    by_dyad: dict[str, list[Session]] = defaultdict(list)
    for session in sessions:
        by_dyad[session.dyad].append(session)
    assert len(by_dyad) >= 3
    assert all(dyad.startswith("DEMO-") for dyad in by_dyad)
    assert all(4 <= len(visits) <= 6 for visits in by_dyad.values())
    assert all(s.observer == "demo" for s in sessions)
    assert all(300 <= s.duration <= 900 for s in sessions)
    assert len({s.id for s in sessions}) == len(sessions)
    for visits in by_dyad.values():
        starts = [s.started_at for s in visits]
        assert starts == sorted(starts), "visits follow one another over weeks"


def test_demo_is_the_same_for_the_same_seed_and_differs_for_another(tiny_scheme: Scheme) -> None:
    assert demo_sessions(tiny_scheme, seed=7) == demo_sessions(tiny_scheme, seed=7)
    assert {s.id for s in demo_sessions(tiny_scheme, seed=7)}.isdisjoint(
        s.id for s in demo_sessions(tiny_scheme, seed=8)
    )


@pytest.mark.parametrize("seed", [7, 11, 12])
def test_improving_demo_dyads_match_more_cues_in_later_visits(
    tiny_scheme: Scheme, seed: int
) -> None:
    """The trend report of an improving demo family should show improvement."""
    sessions = demo_sessions(tiny_scheme, seed=seed)
    for dyad in ("DEMO-01", "DEMO-02"):
        visits = sorted((s for s in sessions if s.dyad == dyad), key=lambda s: s.started_at)
        rates = [_match_rate(s) for s in visits]
        half = len(rates) // 2
        assert statistics.mean(rates[half:]) > statistics.mean(rates[:half])


def test_demo_dyad_with_fewer_cues_has_fewer_cues(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)

    def cues_per_minute(dyad: str) -> float:
        own = [s for s in sessions if s.dyad == dyad]
        cues = sum(1 for s in own for e in s.events if tiny_scheme.is_cue(e.code))
        return cues / (sum(s.duration for s in own) / 60)

    assert cues_per_minute("DEMO-04") < 0.7 * cues_per_minute("DEMO-03")


def test_a_100k_event_session_can_be_generated(tiny_scheme: Scheme) -> None:
    """Benchmarks generate very long sessions; the generator must stay linear."""
    session = _simulate(tiny_scheme, duration=1_000_000.0)
    assert len(session.events) >= 100_000
    times = [e.t for e in session.events]
    assert times == sorted(times)


def test_a_scheme_without_intensity_or_states_still_simulates(tiny_scheme: Scheme) -> None:
    from attrs import evolve

    plain = evolve(
        tiny_scheme,
        intensity_levels=0,
        cues=tuple(evolve(c, kind="point") for c in tiny_scheme.cues),
        ratings=(),
    )
    session = _simulate(plain)
    assert session.events
    assert all(e.intensity is None and e.kind == "point" for e in session.events)
    assert session.ratings == {}


@pytest.mark.parametrize("scheme_id", ["infant-cues", "feeding", "home-visit", "play"])
def test_every_shipped_scheme_can_be_simulated(scheme_id: str, tmp_path: Path) -> None:
    scheme = find_scheme(scheme_id, tmp_path)
    session = _simulate(scheme, seed=5)
    assert session.events
    assert all(scheme.code(e.code) is not None for e in session.events)
    assert session.open_states == ()
    assert session.scheme_digest == scheme.digest


def test_the_analysis_shows_the_improving_demo_families_improving(tmp_path: Path) -> None:
    """What a clinician would see in the demo's trend report: DEMO-01 and DEMO-02 get better,
    and the demo has something to talk about (misses, mismatches and repairs)."""
    sessions = demo_sessions(find_scheme("infant-cues", tmp_path))
    for dyad in ("DEMO-01", "DEMO-02"):
        trend = analyze_dyad([s for s in sessions if s.dyad == dyad])
        rates = [point.summary.match_rate for point in trend.sessions]
        assert all(rate is not None for rate in rates)
        half = len(rates) // 2
        early = statistics.mean(rates[:half])  # type: ignore[arg-type]
        late = statistics.mean(rates[half:])  # type: ignore[arg-type]
        assert late > early + 0.1
    outcomes = [analyze_session(s).summary.outcomes for s in sessions]
    for outcome in ("matched", "repaired", "mismatched", "unanswered"):
        assert sum(getattr(o, outcome) for o in outcomes) > 0
