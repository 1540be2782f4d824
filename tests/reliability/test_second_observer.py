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


def test_it_codes_intensities_and_ratings_a_little_differently_too(visit) -> None:
    """Observer agreement on intensity and on the ratings has something to measure: about
    one intensity in ten is a level off, about a third of the ratings a point or two, all
    within their scales; with both rates 0 they are the first observer's."""
    from attrs import evolve

    scheme = visit.scheme
    assert scheme.intensity_levels > 1 and scheme.ratings
    rated = evolve(visit, ratings={r.id: (r.min + r.max) // 2 for r in scheme.ratings})
    seconds = [second_observer(rated, seed=seed) for seed in range(30)]
    levels = differ = 0
    for seed, second in enumerate(seconds):
        quiet = second_observer(rated, seed=seed, intensity_rate=0.0, rating_rate=0.0)
        assert [(e.t, e.code) for e in quiet.events] == [(e.t, e.code) for e in second.events]
        for plain, noisy in zip(quiet.events, second.events, strict=True):
            if plain.intensity is None:
                assert noisy.intensity is None
                continue
            assert noisy.intensity is not None
            assert 1 <= noisy.intensity <= scheme.intensity_levels
            levels += 1
            differ += noisy.intensity != plain.intensity
    assert 0.05 <= differ / levels <= 0.15
    changed = [
        (r.id, s.ratings[r.id])
        for s in seconds
        for r in scheme.ratings
        if s.ratings[r.id] != rated.ratings[r.id]
    ]
    share = len(changed) / (len(seconds) * len(scheme.ratings))
    assert 0.15 <= share <= 0.45
    for rating_id, value in changed:
        rating = scheme.rating(rating_id)
        assert rating.min <= value <= rating.max
        assert 1 <= abs(value - rated.ratings[rating_id]) <= 2
    quiet = second_observer(rated, seed=3, intensity_rate=0.0, rating_rate=0.0)
    assert quiet.ratings == rated.ratings
