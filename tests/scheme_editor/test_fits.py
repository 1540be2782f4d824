"""Ticks in the grid of fits: what a user would notice is a tick that did not reach the
file, or one that changed what another cue or rule means."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve

from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.fits import fit_grid, rule_choices, set_fit, set_window

ROOT = Path(__file__).parents[2]


def test_without_rules_a_tick_is_a_response_in_the_cues_matches(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    assert rule_choices(document) == [
        (None, "Caregiver responses to infant cues (each cue's matches)")
    ]
    set_fit(document, None, "hungry", "settle", True)
    set_fit(document, None, "hungry", "calm", False)
    assert document.scheme().cue("hungry").matches == ("feed", "check_in", "settle")
    grid = fit_grid(document, None)
    assert grid.fits("hungry", "settle") and not grid.fits("hungry", "calm")
    assert grid.consequents == tuple(r.id for r in document.scheme().responses)


def test_a_first_tick_in_a_listed_rule_changes_that_cell_only(tmp_path: Path) -> None:
    """home-visit's bid-answer rule takes its fit from a matches table; ticking turns_away
    for bid_a changes the fit of bid_a, and nothing else any rule means."""
    path = tmp_path / "home.toml"
    path.write_text((ROOT / "coding_schemes" / "home-visit.toml").read_text(), encoding="utf-8")
    document = SchemeDocument.read(path)
    before = document.scheme().rules
    set_fit(document, 1, "bid_a", "turns_away", True)
    after = document.scheme().rules
    assert after[0] == before[0]
    expected = dict(before[1].matches)
    expected["bid_a"] = (*expected["bid_a"], "turns_away")
    assert after[1] == evolve(before[1], matches=expected)


def test_a_rule_without_matches_gets_every_entry_in_force(tmp_path: Path) -> None:
    """The first rule of home-visit says nothing of fit for parent codes: each cue's own
    matches apply. A tick writes a matches table that keeps every other antecedent's fit."""
    path = tmp_path / "home.toml"
    path.write_text((ROOT / "coding_schemes" / "home-visit.toml").read_text(), encoding="utf-8")
    document = SchemeDocument.read(path)
    rule = document.scheme().rules[0]
    antecedent, consequent = rule.antecedents[0], rule.consequents[-1]
    was = rule.fits(antecedent, consequent)
    set_fit(document, 0, antecedent, consequent, not was)
    assert not document.problems, document.problems
    changed = document.scheme().rules[0]
    for a in rule.antecedents:
        for c in rule.consequents:
            flipped = (a, c) == (antecedent, consequent)
            assert changed.fits(a, c) == (rule.fits(a, c) != flipped)


def test_an_antecedents_own_window_goes_to_the_cue_or_to_the_rule(own_scheme: Path) -> None:
    document = SchemeDocument.read(own_scheme)
    set_window(document, None, "tired", 8.0)
    assert document.scheme().cue("tired").window == 8.0
    assert fit_grid(document, None).windows["tired"] == 8.0
    set_window(document, None, "tired", None)
    assert document.scheme().cue("tired").window is None
    path = ROOT / "coding_schemes" / "home-visit.toml"
    home = SchemeDocument(path.read_text(encoding="utf-8"), str(path))
    set_window(home, 1, "bid_b", 2.0)
    assert home.scheme().rules[1].window_for("bid_b") == 2.0
    set_window(home, 1, "bid_b", None)
    assert home.scheme().rules[1].window_for("bid_b") == 3.0
    assert "windows" not in home.text
