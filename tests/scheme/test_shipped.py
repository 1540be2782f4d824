"""The schemes that ship with observe load cleanly and can be coded with one key each."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from observe.scheme import DEFAULT_SCHEME_ID, RESERVED_KEYS, installed_schemes, load_scheme

SHIPPED = sorted(
    Path(str(entry))
    for entry in importlib.resources.files("coding_schemes").iterdir()
    if entry.name.endswith(".toml")
)
LEFT_HAND = set("qwertasdfgzcvb")
RIGHT_HAND = set("yuiophjkl;m,./")


def test_the_four_schemes_ship() -> None:
    """A fresh install offers exactly the four documented schemes."""
    assert {path.name for path in SHIPPED} == {
        "infant-cues.toml",
        "feeding.toml",
        "home-visit.toml",
        "play.toml",
    }


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scheme_loads_without_problems(path: Path) -> None:
    """If this failed, observers could not start a session with this scheme."""
    scheme = load_scheme(path)
    assert scheme.id == path.stem
    assert scheme.cues and scheme.responses and scheme.ratings


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_keys_avoid_the_coding_screen_keys(path: Path) -> None:
    """A scheme key that is also undo, pause or note would do the wrong thing mid-session."""
    scheme = load_scheme(path)
    keys = [code.key for code in (*scheme.cues, *scheme.responses)]
    assert len(keys) == len(set(keys))
    assert not set(keys) & set(RESERVED_KEYS)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_keys_put_infant_on_the_left_and_caregiver_on_the_right(path: Path) -> None:
    """The layout the files promise: one hand per actor, no Shift needed."""
    scheme = load_scheme(path)
    assert {cue.key for cue in scheme.cues} <= LEFT_HAND
    assert {response.key for response in scheme.responses} <= RIGHT_HAND


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_codes_are_explained_for_the_help_screen(path: Path) -> None:
    """A home visitor reads each code's description in the help screen."""
    scheme = load_scheme(path)
    for code in (*scheme.cues, *scheme.responses, *scheme.ratings):
        assert code.description.strip(), code.id
        assert "\n" not in code.description, code.id
    assert all(code.group for code in (*scheme.cues, *scheme.responses))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_schemes_have_responses_that_match_no_cue(path: Path) -> None:
    """Without out-of-step responses, a mismatch could never be coded."""
    scheme = load_scheme(path)
    matched = {response for cue in scheme.cues for response in cue.matches}
    assert {r.id for r in scheme.responses} - matched
    assert any(cue.kind == "state" for cue in scheme.cues), "state coding is exercised"


def test_default_scheme_has_the_cues_a_home_visitor_expects() -> None:
    scheme = next(s.scheme for s in installed_schemes(Path("/nonexistent")) if s.shipped)
    assert scheme.id == DEFAULT_SCHEME_ID
    assert scheme.response_window == 5.0 and scheme.repair_window == 30.0
    assert scheme.intensity_levels == 3
    assert scheme.window_for("hungry") > scheme.response_window
    crying = scheme.cue("crying")
    assert crying is not None and crying.kind == "state"
    assert {"feed", "calm", "settle", "reduce", "serve_return", "pause_feed", "check_in"} <= {
        r.id for r in scheme.responses
    }
    out_of_step = {"increase", "redirect", "rough"}
    assert not out_of_step & {m for cue in scheme.cues for m in cue.matches}
    assert all(1 <= rating.min < rating.max == 5 for rating in scheme.ratings)


def test_the_home_visit_scheme_codes_two_caregivers_both_ways_and_the_infants_state() -> None:
    """The fourth scheme uses every part: three actors, a rule each way, an exclusive and
    exhaustive infant state starting in alert, and ratings 1-9 and 1-7 with anchors."""
    scheme = load_scheme(next(path for path in SHIPPED if path.stem == "home-visit"))
    assert [(a.id, a.label, a.infant) for a in scheme.actors] == [
        ("infant", "Infant", True),
        ("parent_a", "Parent A", False),
        ("parent_b", "Parent B", False),
    ]
    cue_response, bid_answer = scheme.rules
    assert {scheme.actor_of(c).id for c in cue_response.antecedents} == {"infant"}
    assert {scheme.actor_of(c).id for c in cue_response.consequents} == {"parent_a", "parent_b"}
    assert {scheme.actor_of(c).id for c in bid_answer.antecedents} == {"parent_a", "parent_b"}
    assert {scheme.actor_of(c).id for c in bid_answer.consequents} == {"infant"}
    assert bid_answer.window == 3.0 and bid_answer.repair_window == 10.0
    for bid in ("bid_a", "bid_b"):
        assert bid_answer.matches_for(bid) == ("looks", "smiles", "vocalises")
    assert cue_response.matches_for("crying") == ("soothe_a", "soothe_b", "care_a", "care_b")
    (state,) = scheme.state_groups
    assert state.codes == ("asleep", "drowsy", "alert", "fussing", "crying")
    assert state.exclusive and state.exhaustive and state.initial == "alert"
    assert [(r.min, r.max) for r in scheme.ratings] == [(1, 9), (1, 9), (1, 7)]
    for rating in scheme.ratings:
        assert rating.anchor(rating.min) and rating.anchor(rating.max)


def test_the_home_visit_keys_put_each_parent_on_a_row_of_their_own() -> None:
    """Parent A on the top row, Parent B on the home row, the same behaviour in the same
    column; and no more codes per column than the coding screen's legend shows at 80×24."""
    scheme = load_scheme(next(path for path in SHIPPED if path.stem == "home-visit"))
    a_keys = [code.key for code in scheme.codes_of("parent_a")]
    b_keys = [code.key for code in scheme.codes_of("parent_b")]
    assert a_keys == list("yuiop") and b_keys == list("hjkl;")
    behaviours_a = [code.id.removesuffix("_a") for code in scheme.codes_of("parent_a")]
    assert behaviours_a == [code.id.removesuffix("_b") for code in scheme.codes_of("parent_b")]
    assert max(len(scheme.cues), len(scheme.responses)) <= 10
