"""End-of-session ratings: typed quickly, checked against each rating's range, notes kept."""

from __future__ import annotations

from textual.app import App

from observe.scheme import Rating
from observe.tui.dialogs.ratings import RatingsDialog, parse_ratings

RATINGS = [
    Rating("warmth", "Overall warmth", 1, 5),
    Rating("sensitivity", "Caregiver sensitivity", 1, 5),
    Rating("engagement", "Infant engagement", 1, 7),
]


class RatingsApp(App[None]):
    def __init__(self, values: dict[str, int] | None = None) -> None:
        super().__init__()
        self.results: list[object] = []
        self.values = {"warmth": 2} if values is None else values

    def on_mount(self) -> None:
        self.push_screen(RatingsDialog(RATINGS, values=self.values), self.results.append)


def test_values_outside_the_range_are_named() -> None:
    parsed, problems = parse_ratings(RATINGS, {"warmth": "4", "sensitivity": "9", "engagement": ""})
    assert parsed == {"warmth": 4}
    assert problems == ["Caregiver sensitivity: 9 is outside 1–5; type a number in that range."]


async def test_ratings_typed_in_a_row_and_notes_are_returned() -> None:
    """Typing 4 3 6 fills the three ratings one after another; the notes come back too."""
    app = RatingsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("backspace", "4", "3", "6", *"ok", "ctrl+s")
        await pilot.pause()
    assert app.results == [({"warmth": 4, "sensitivity": 3, "engagement": 6}, "ok")]


async def test_escape_skips_without_ratings() -> None:
    """Escape on the ratings form skips the ratings (none are stored) instead of trapping
    the observer in the form."""
    app = RatingsApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_ratings_and_notes_typed_in_a_burst_land_in_their_fields() -> None:
    """Keys that arrive together (fast typing, tmux send-keys) fill each rating in turn and
    then the notes; none is swallowed by the first, already full, field."""
    from textual import events

    app = RatingsApp(values={})  # as at the end of a session: nothing filled in yet
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in [*"435", *"Fed early, 2 feeds."]:  # all queued before any is handled
            name = {" ": "space", ",": "comma", ".": "full_stop"}.get(key, key)
            app.post_message(events.Key(name, key))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    ratings = {"warmth": 4, "sensitivity": 3, "engagement": 5}
    assert app.results == [(ratings, "Fed early, 2 feeds.")]
