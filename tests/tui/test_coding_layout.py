"""The coding screen in the terminal it has: every label whole at 80×24, the room used at
120×40, and a clear notice below the scheme's minimum while coding goes on.

If these failed, labels would be cut where they fit ("Needs…(subtle)"), half a large screen
would stay empty, or a small window would show a broken screen (or none) while the
observer's keys went nowhere visible.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from observe.scheme import find_scheme
from observe.tui.app import make_app
from observe.tui.screens.coding_layout import coding_layout, minimum_size
from observe.tui.widgets.code_legend import natural_plan, scheme_groups

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording

SESSION_ID = "5e55100000000000000000000000c0de"
SHIPPED = ("infant-cues", "feeding", "play")


async def coded_a_minute(pilot: Pilot) -> None:
    """A matched cue, a repaired one, a mismatched one, a missed one and an open one."""
    await pilot.pause()
    for key, at in [
        ("a", 1001.0),  # hunger cue
        ("o", 1002.0),  # offers a feed: matched
        ("t", 1010.0),  # tired
        ("u", 1011.0),  # increases stimulation: no match…
        ("l", 1014.0),  # …settles to sleep: repaired
        ("w", 1030.0),  # overstimulated
        ("y", 1031.0),  # redirects: mismatched (no repair before the next cue)
        ("f", 1040.0),  # fullness: never answered → missed
        ("e", 1058.0),  # engagement bid: still open
    ]:
        await press_at(pilot, key, at, key)
    pilot.app.clock.now = 1059.0
    pilot.app.screen._tick()
    await pilot.pause()


def test_the_shipped_schemes_fit_80x24_with_every_label_whole(tmp_path: Path) -> None:
    for scheme_id in SHIPPED:
        groups = scheme_groups(find_scheme(scheme_id, tmp_path))
        assert minimum_size(groups) <= (80, 24), scheme_id
        layout = coding_layout(groups, 80, 24)
        assert layout.arrangement == "stacked"
        assert natural_plan(groups).width <= 80 - 2, "one column per group, labels whole"


def test_coding_screen_at_80x24(snap_compare, tmp_path: Path) -> None:
    """Clock, figures with repair, the whole legend, open cues and outcomes in the list."""
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(80, 24), run_before=coded_a_minute)


def test_coding_screen_at_120x40(snap_compare, tmp_path: Path) -> None:
    """Big clock, the legend beside a long list of events, each cue's outcome."""
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(120, 40), run_before=coded_a_minute)


def test_too_small_notice(snap_compare, tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(50, 14), run_before=coded_a_minute)


async def test_coding_goes_on_while_the_terminal_is_too_small(tmp_path: Path) -> None:
    """At 60×20 the notice says which size is needed; keys still record and the clock
    runs; back at 80×24 the screen is whole again."""
    scheme = find_scheme("infant-cues", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)
    clock = FakeMonotonic(1000.0)
    app = CodingApp(recorder, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        notice = screen.query_one("#too-small")
        assert notice.display and not screen.query_one("#coding-main").display
        assert "needs at least 64×20" in str(notice.render())
        await press_at(pilot, "a", 1001.0, "a")
        clock.now = 1012.5
        screen._tick()
        text = str(notice.render())
        assert "00:12 ·" in text and "1 event" in text and "Hunger cues" in text
        assert [e.code for e in recorder.session.events] == ["hungry"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not notice.display and screen.query_one("#coding-main").display
    archive.close()


async def test_the_new_session_form_shows_its_buttons_in_a_small_terminal(
    isolated_data_dir: Path,
) -> None:
    for size in ((60, 20), (50, 14)):
        app = make_app(isolated_data_dir)
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            await pilot.pause()
            start = app.screen.query_one("#start")
            assert app.screen.region.contains_region(start.region), size
            assert start.region.height > 0 and start.visible
