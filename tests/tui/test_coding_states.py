"""The coding screen with a scheme for real instruments (home-visit): the infant's state,
the not-codable key, the actors, and the anchors of the ratings.

If these failed, an observer would see two infant states on at once or none named, a
not-codable period with no banner (or one that did not reach the archive), codes of Parent
A and Parent B that read alike, or a rating typed with no idea what its number means.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from observe.model import Interval
from observe.scheme import find_scheme
from observe.store import Archive
from observe.tui.screens.coding import CodingScreen
from observe.tui.screens.coding_layout import coding_layout, minimum_size
from observe.tui.widgets.code_legend import scheme_groups

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording
from .waiting import wait_until

SESSION_ID = "5e55100000000000000000000000ab12"


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def test_home_visit_fits_80x24_with_its_state_line(tmp_path: Path) -> None:
    groups = scheme_groups(find_scheme("home-visit", tmp_path))
    assert [title for title, _codes in groups] == ["Infant", "Parent A", "Parent B"]
    assert minimum_size(groups, state_lines=1) <= (80, 24)
    assert coding_layout(groups, 80, 24, state_lines=1).arrangement == "stacked"


async def test_fussing_ends_alert_and_the_state_is_shown(tmp_path: Path) -> None:
    """The visit starts in Alert; f at 4.5 s starts Fussing and stops Alert at 4.5 s; the
    screen names the state; backspace puts Alert back."""
    scheme = find_scheme("home-visit", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)
    session_id = recorder.session.id
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#group-states") == "Infant state: ALERT since 00:00.0"
        await press_at(pilot, "f", 1004.5, "f")
        assert shown(app, "#group-states") == "Infant state: FUSSING since 00:04.5"
        assert "ON Fussing" in shown(app, "#legend") and "ON Alert" not in shown(app, "#legend")
        await press_at(pilot, "c", 1008.0, "c")
        await pilot.press("backspace")
        assert shown(app, "#group-states") == "Infant state: FUSSING since 00:04.5"
        await press_at(pilot, "a", 1009.0, "a")
        assert app.screen.live.session.open_states == ("alert",)
        await press_at(pilot, "a", 1010.0, "a")  # the state on: says so, records nothing
        assert "Infant state is Alert already" in shown(app, "#hint")
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t, e.kind) for e in session.events] == [
        ("alert", 0.0, "start"),
        ("alert", 4.5, "stop"),
        ("fussing", 4.5, "start"),
        ("fussing", 9.0, "stop"),
        ("alert", 9.0, "start"),
    ]


async def test_not_codable_banner_opens_and_closes_and_reaches_the_archive(
    tmp_path: Path,
) -> None:
    scheme = find_scheme("home-visit", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)
    session_id = recorder.session.id
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one("#not-codable-banner")
        assert not banner.display
        await press_at(pilot, "ctrl+o", 1192.0)
        await wait_until(pilot, lambda: banner.display, "the NOT CODABLE banner")
        assert shown(app, "#not-codable-banner").startswith("NOT CODABLE since 3:12 ·")
        await press_at(pilot, "r", 1195.0, "r")  # a cue heard: kept, with a word
        await wait_until(
            pilot, lambda: "Hunger cues kept, not counted" in shown(app, "#hint"), "the hint"
        )
        for now in (1196.0, 1230.0):  # inside its window, then past it
            app.clock.now = now
            app.screen._tick(redraw_events=True)
            assert "Hunger cues · – not codable" in shown(app, "#recent-events")
            assert "Hunger" not in shown(app, "#open-cues"), "no countdown, no miss inside"
        await press_at(pilot, "ctrl+o", 1250.0)
        await wait_until(pilot, lambda: not banner.display, "the banner gone")
        await press_at(pilot, "ctrl+o", 1260.0)  # left open: the end closes it
        await press_at(pilot, "x", 1270.0)
        await pilot.press("y")
        await pilot.press("escape")  # skip the ratings
        await pilot.press("enter")  # the summary
        await pilot.pause()
        assert not isinstance(app.screen, CodingScreen)
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert session.excluded == (Interval(192.0, 250.0), Interval(260.0, 270.0))
    assert [e.code for e in session.events] == ["alert", "hungry", "alert"]


async def test_events_name_the_parent(tmp_path: Path) -> None:
    scheme = find_scheme("home-visit", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "y", 1001.0, "y")
        await press_at(pilot, "h", 1002.0, "h")
        lines = shown(app, "#recent-events").splitlines()
        assert lines[0].startswith("00:02.0 Parent B Soothes (B)")
        assert lines[1].startswith("00:01.0 Parent A Soothes (A)")
        assert lines[2].startswith("00:00.0 Infant   start Alert")


async def fussing_then_out_of_view(pilot: Pilot) -> None:
    """Alert from 0 s, fussing at 4.5 s, Parent A soothes at 6 s, a bid at 9 s, then not
    codable from 12 s; the clock at 20 s."""
    await pilot.pause()
    for key, at in [("f", 1004.5), ("y", 1006.0), ("l", 1009.0), ("ctrl+o", 1012.0)]:
        await press_at(pilot, key, at, None if key == "ctrl+o" else key)
    pilot.app.clock.now = 1020.0
    pilot.app.screen._tick()
    await pilot.pause()


def test_home_visit_coding_screen_at_80x24(snap_compare, tmp_path: Path) -> None:
    """The three actors' legend, the infant's state line and the NOT CODABLE banner."""
    scheme = find_scheme("home-visit", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(80, 24), run_before=fussing_then_out_of_view)


def test_home_visit_coding_screen_at_120x40(snap_compare, tmp_path: Path) -> None:
    scheme = find_scheme("home-visit", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    assert snap_compare(app, terminal_size=(120, 40), run_before=fussing_then_out_of_view)


def test_the_help_lists_the_not_codable_key_and_each_actor(tmp_path: Path) -> None:
    from rich.console import Console

    from observe.keys import coding_help_rows
    from observe.tui.widgets.key_tables import keys_table, scheme_table

    scheme = find_scheme("home-visit", tmp_path)
    console = Console(width=400, record=True)
    console.print(keys_table(coding_help_rows(scheme.intensity_levels)))
    console.print(scheme_table(scheme))
    text = console.export_text()
    assert "ctrl+o" in text and "not codable: open or close a period" in text
    assert "Parent A" in text and "Parent B" in text
    assert "Alert (state of Infant state: press to change to it)" in " ".join(text.split())
