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
