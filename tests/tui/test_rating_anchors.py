"""The ratings form shows each rating's anchors (home-visit: 1–9 and 1–7 with anchors).

If these failed, an observer would type a 6 for sensitivity with no idea what the scheme
means by it, or the anchors would push the form out of an 80×24 terminal.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from observe.scheme import Rating, find_scheme
from observe.tui.dialogs.ratings import RatingsDialog
from observe.tui.widgets.rating_anchors import neighbours, scale_text, value_line

from .coding_harness import APP_CSS

SCALE = Rating("warmth", "Warmth", 1, 7, anchors={1: "Cold", 4: "Warm at times", 7: "Warm"})


class AnchorsApp(App[None]):
    CSS_PATH = str(APP_CSS)

    def __init__(self, ratings: list[Rating]) -> None:
        super().__init__()
        self.ratings = ratings
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(RatingsDialog(self.ratings), self.results.append)


def test_a_value_is_read_by_its_own_anchor_or_the_two_around_it() -> None:
    assert neighbours(SCALE, 4) == (4,)
    assert neighbours(SCALE, 5) == (4, 7)
    assert value_line(SCALE, 4) == "4 = Warm at times"
    assert value_line(SCALE, 2) == "2 lies between 1 “Cold” and 4 “Warm at times”"
    assert value_line(SCALE, None) == ""
    assert scale_text(SCALE, 5).plain == "  1 Cold\n▶ 4 Warm at times\n▶ 7 Warm"


def home_visit_ratings(tmp_path: Path) -> list[Rating]:
    return list(find_scheme("home-visit", tmp_path).ratings)


async def test_the_focused_rating_shows_its_scale_and_the_others_their_value(
    tmp_path: Path,
) -> None:
    app = AnchorsApp(home_visit_ratings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = app.screen.query_one("#anchors-sensitivity_a")
        assert "Missed or overrode nearly all" in str(first.render())
        assert "Read the baby finely" in str(first.render())
        await pilot.press("7")
        assert "▶ 7 Noticed most signals" in str(first.render())
        await pilot.press("tab")
        await pilot.pause()
        assert str(first.render()).startswith("7 = Noticed most signals")
        assert "Missed or overrode" not in str(first.render())
        second = app.screen.query_one("#anchors-sensitivity_b")
        assert "Missed or overrode" in str(second.render())
        await pilot.press("4", "tab", "2", "ctrl+s")
        await pilot.pause()
    assert app.results == [({"sensitivity_a": 7, "sensitivity_b": 4, "infant_involvement": 2}, "")]


async def test_a_rating_without_anchors_shows_none(tmp_path: Path) -> None:
    app = AnchorsApp([Rating("warmth", "Warmth", 1, 5)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#anchors-warmth").display


async def typed_a_six(pilot) -> None:
    await pilot.pause()
    await pilot.press("6", "tab", "8")
    await pilot.pause()


def test_the_ratings_form_with_anchors_at_80x24(snap_compare, tmp_path: Path) -> None:
    """Parent A's 6 read between two anchors; Parent B's scale shown, 8 between 7 and 9."""
    app = AnchorsApp(home_visit_ratings(tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=typed_a_six)
