"""The simulated second observer: plausible, seeded, and a different session."""

from __future__ import annotations

from collections import Counter

from observe.interchange.second_observer import second_observer


def test_the_same_seed_gives_the_same_session_and_another_seed_another(visit) -> None:
    """Adding the demo twice must not duplicate the second observer's session."""
    assert second_observer(visit, seed=1) == second_observer(visit, seed=1)
    assert second_observer(visit, seed=1).id != second_observer(visit, seed=2).id


def test_it_is_another_observer_of_the_same_interaction(visit, second) -> None:
    assert second.id != visit.id
    assert (second.dyad, second.visit, second.scheme_digest) == (
        visit.dyad,
        visit.visit,
        visit.scheme_digest,
    )
    assert second.observer != visit.observer
    assert second.status == "ended" and second.origin == "demo"
    assert second.duration == round(visit.duration - 4.3, 3)
    assert second.started_at.startswith("2026-04-01T09:30:04.3")


def test_it_codes_the_same_actors_with_some_misses_confusions_and_extras(visit, second) -> None:
    """Mostly the same codes, a few percent different: plausible for a trained observer."""
    scheme = visit.scheme
    onsets = [e for e in second.events if e.kind != "stop"]
    assert abs(len(onsets) - sum(e.kind != "stop" for e in visit.events)) < 0.1 * len(onsets)
    first_codes = Counter(e.code for e in visit.events if e.kind != "stop")
    second_codes = Counter(e.code for e in onsets)
    assert first_codes != second_codes
    assert sum((first_codes & second_codes).values()) > 0.85 * sum(first_codes.values())
    assert all(scheme.code(e.code) is not None for e in second.events)
    assert [e.t for e in second.events] == sorted(e.t for e in second.events)
    assert all(0 <= e.t <= second.duration for e in second.events)


def test_every_state_it_starts_it_also_stops(visit, second) -> None:
    """A state cue or response started by the second observer has its stop, in order."""
    open_states: set[str] = set()
    for event in second.events:
        if event.kind == "start":
            open_states.add(event.code)
        elif event.kind == "stop":
            assert event.code in open_states
            open_states.discard(event.code)
    assert not open_states


def test_the_demo_has_one_visit_coded_by_two_observers(infant_cues) -> None:
    """`observe demo` adds a pair of sessions to try `observe reliability` on; the pair
    is the same every time and its clock offset can be found again."""
    from observe.analysis.reliability import compare_sessions
    from observe.interchange.second_observer import demo_reliability_pair

    first, second = demo_reliability_pair(infant_cues)
    assert (first.dyad, first.visit) == (second.dyad, second.visit)
    assert first.observer != second.observer
    assert (first, second) == demo_reliability_pair(infant_cues)
    assert abs(compare_sessions(first, second).offset.seconds - 4.3) <= 0.2
