"""What a scheme says once loaded: whose each code is, the rules in force, state groups and
anchors — worked by hand, field by field.

If the default rule differed from the cue → response semantics of DESIGN §5 in any field,
every session recorded so far would analyse differently; if a rule filled in a window or a
fit from the wrong place, a programme's figures would measure something else than its
scheme file says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve

from observe.convert import structure, unstructure
from observe.scheme import (
    DEFAULT_ACTORS,
    DEFAULT_RULE_ID,
    Actor,
    Contingency,
    Cue,
    Rating,
    Response,
    Scheme,
    StateGroup,
    find_scheme,
)


@pytest.mark.parametrize("which", ["tiny", "infant-cues", "feeding", "play"])
def test_the_default_rule_is_todays_cue_response_rule_field_by_field(
    which: str, tiny_scheme: Scheme, tmp_path: Path
) -> None:
    """A scheme without [[contingencies]] has one rule: every cue → every response, each
    cue's own window (else the scheme's), its own matches, the scheme's repair window."""
    scheme = tiny_scheme if which == "tiny" else find_scheme(which, tmp_path)
    assert scheme.contingencies == ()
    (rule,) = scheme.rules
    assert rule.default and rule.id == DEFAULT_RULE_ID == "cue-response"
    assert rule.label == "Caregiver responses to infant cues"
    assert rule.antecedents == tuple(cue.id for cue in scheme.cues)
    assert rule.consequents == tuple(response.id for response in scheme.responses)
    assert rule.window == scheme.response_window
    assert rule.repair_window == scheme.repair_window
    for cue in scheme.cues:
        assert rule.window_for(cue.id) == scheme.window_for(cue.id)
        assert rule.matches_for(cue.id) == cue.matches
        for response in scheme.responses:
            assert rule.fits(cue.id, response.id) == (response.id in cue.matches)
    assert rule.windows == {c.id: c.window for c in scheme.cues if c.window is not None}
    assert scheme.rule("cue-response") is rule and scheme.rule("other") is None


def test_tiny_default_rule_by_hand(tiny_scheme: Scheme) -> None:
    """hungry: own window 10 s, fed or calmed; tired: the scheme's 5 s, settled; over: 3 s."""
    rule = tiny_scheme.rules[0]
    assert [rule.window_for(c) for c in ("hungry", "tired", "over", "fussing")] == [10, 5, 3, 5]
    assert rule.matches_for("hungry") == ("feed", "calm")
    assert rule.matches_for("feed") == ()  # a response is no antecedent
    assert rule.is_antecedent("fussing") and rule.is_consequent("play")
    assert not rule.is_antecedent("play") and not rule.is_consequent("hungry")


def test_without_actors_cues_are_the_infants_and_responses_the_caregivers(
    tiny_scheme: Scheme,
) -> None:
    assert tiny_scheme.actors == DEFAULT_ACTORS
    infant, caregiver = DEFAULT_ACTORS
    assert (infant.id, infant.label, infant.infant) == ("infant", "Infant", True)
    assert (caregiver.id, caregiver.label, caregiver.infant) == ("caregiver", "Caregiver", False)
    assert tiny_scheme.infant == infant and tiny_scheme.caregiver == caregiver
    assert {tiny_scheme.actor_of(c.id) for c in tiny_scheme.cues} == {infant}
    assert {tiny_scheme.actor_of(r.id) for r in tiny_scheme.responses} == {caregiver}
    assert [c.id for c in tiny_scheme.codes_of("infant")] == ["hungry", "tired", "over", "fussing"]
    with pytest.raises(KeyError):
        tiny_scheme.actor_of("nope")


def two_parents(tiny: Scheme) -> Scheme:
    """tiny with three actors: the infant (listed second), mum and dad; calm and play are
    dad's, the other responses name no actor (so they are mum's, the first non-infant);
    ``tired`` is a cue coded for mum (a cue may name any actor)."""
    responses = tuple(
        evolve(r, actor="dad") if r.id in ("calm", "play") else r for r in tiny.responses
    )
    cues = tuple(evolve(c, actor="mum") if c.id == "tired" else c for c in tiny.cues)
    return evolve(
        tiny,
        actors=(Actor("mum", "Mum"), Actor("baby", "Baby", infant=True), Actor("dad", "Dad")),
        cues=cues,
        responses=responses,
    )


def test_each_code_has_its_actor_named_or_its_tables(tiny_scheme: Scheme) -> None:
    scheme = two_parents(tiny_scheme)
    assert scheme.infant.id == "baby" and scheme.caregiver.id == "mum"
    assert scheme.actor_of("hungry").id == "baby"  # a cue naming none: the infant
    assert scheme.actor_of("tired").id == "mum"  # named
    assert scheme.actor_of("feed").id == "mum"  # a response naming none: the first caregiver
    assert scheme.actor_of("calm").id == "dad"
    assert [c.id for c in scheme.codes_of("dad")] == ["calm", "play"]
    assert [c.id for c in scheme.codes_of("mum")] == ["tired", "feed", "settle", "reduce"]


def test_a_listed_rule_fills_in_windows_and_fit_from_the_most_particular_place(
    tiny_scheme: Scheme,
) -> None:
    """One rule, antecedents hungry, tired, over and feed; consequents the actor dad (calm,
    play) and settle. Worked by hand:

    - window: hungry has an entry in windows (2 s) over its own 10 s; over has no entry, so
      its own 3 s; tired (no window of its own) and feed (a response) take the rule's 4 s;
    - fit: tired's entry in matches; hungry's own matches (feed, calm) cut to the rule's
      consequents: calm; over's own (reduce) is no consequent: nothing; feed has neither,
      so every consequent fits it."""
    rule = Contingency(
        id="r",
        label="R",
        antecedents=["hungry", "tired", "over", "feed"],
        consequents=["dad", "settle"],
        window=4.0,
        repair_window=20.0,
        matches={"tired": ["settle", "dad"]},
        windows={"hungry": 2.0},
    )
    scheme = evolve(two_parents(tiny_scheme), contingencies=(rule,))
    (resolved,) = scheme.rules
    assert not resolved.default
    assert resolved.consequents == ("calm", "play", "settle")
    assert resolved.antecedents == ("hungry", "tired", "over", "feed")
    assert resolved.window == 4.0 and resolved.repair_window == 20.0
    assert {a: resolved.window_for(a) for a in resolved.antecedents} == {
        "hungry": 2.0,
        "tired": 4.0,
        "over": 3.0,
        "feed": 4.0,
    }
    assert resolved.matches == {
        "hungry": ("calm",),
        "tired": ("settle", "calm", "play"),
        "over": (),
        "feed": ("calm", "play", "settle"),
    }
    assert resolved.fits("tired", "play") and not resolved.fits("hungry", "play")


def test_a_rule_that_leaves_out_windows_takes_the_schemes(tiny_scheme: Scheme) -> None:
    rule = Contingency("r", "R", antecedents=["feed"], consequents=["infant"])
    scheme = evolve(tiny_scheme, contingencies=(rule,))
    (resolved,) = scheme.rules
    assert resolved.window == 5.0 and resolved.repair_window == 30.0 and resolved.windows == {}
    assert resolved.consequents == ("hungry", "tired", "over", "fussing")
    assert scheme.rule("cue-response") is None, "a file that lists rules has only those"


def test_state_groups_and_anchors(tiny_scheme: Scheme) -> None:
    group = StateGroup("mood", "Mood", codes=["fussing"], exhaustive=False)
    rating = Rating("warmth", "Warmth", 1, 9, anchors={9: "warm", 1: "cold", 5: "so-so"})
    scheme = evolve(tiny_scheme, state_groups=(group,), ratings=(rating,))
    assert scheme.state_group_of("fussing") is group and scheme.state_group("mood") is group
    assert scheme.state_group_of("hungry") is None and "fussing" in group
    assert group.exclusive and not group.exhaustive and group.initial is None
    assert list(rating.anchors) == [1, 5, 9], "anchors come lowest first"
    assert rating.anchor(5) == "so-so" and rating.anchor(4) is None
    assert scheme.rating("warmth") is rating


def full_scheme(tiny: Scheme) -> Scheme:
    return evolve(
        two_parents(tiny),
        contingencies=(
            Contingency("r", "R", ["feed"], ["baby"], window=2.5, matches={"feed": ["hungry"]}),
        ),
        state_groups=(StateGroup("mood", "Mood", ["fussing"]),),
        ratings=(Rating("warmth", "Warmth", 1, 7, anchors={1: "cold", 7: "warm"}),),
    )


def test_a_scheme_with_every_new_field_round_trips_through_json(tiny_scheme: Scheme) -> None:
    """What a session file or bundle stores of such a scheme reads back the same, digest too."""
    scheme = full_scheme(tiny_scheme)
    text = json.dumps(unstructure(scheme))
    back = structure(json.loads(text), Scheme)
    assert back == scheme and back.digest == scheme.digest
    assert hash(back) == hash(scheme), "a scheme can key a cache, as it always could"
    assert len({*back.rules, *scheme.rules}) == len(scheme.rules)
    assert back.ratings[0].anchors == {1: "cold", 7: "warm"}


def test_every_new_field_is_part_of_the_digest(tiny_scheme: Scheme) -> None:
    """Editing an actor, a rule, a group or an anchor makes another snapshot."""
    scheme = full_scheme(tiny_scheme)
    changed = [
        evolve(scheme, actors=(*scheme.actors[:2], Actor("dad", "Father"))),
        evolve(scheme, contingencies=(evolve(scheme.contingencies[0], window=3.0),)),
        evolve(scheme, state_groups=(evolve(scheme.state_groups[0], exclusive=False),)),
        evolve(scheme, ratings=(evolve(scheme.ratings[0], anchors={1: "cool", 7: "warm"}),)),
        evolve(scheme, cues=(evolve(scheme.cues[0], actor="mum"), *scheme.cues[1:])),
    ]
    digests = {scheme.digest, *(s.digest for s in changed)}
    assert len(digests) == 1 + len(changed)


def test_code_built_cues_and_responses_take_no_actor(tiny_scheme: Scheme) -> None:
    assert Cue("a", "A", "a").actor is None and Response("b", "B", "b").actor is None
    assert Scheme("s", "S", "1", 5.0, 5.0, cues=(), responses=(), actors=()).actors == (
        DEFAULT_ACTORS
    ), "no actors given: the default two"
