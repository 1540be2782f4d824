"""State keys and a stopped player on a fake mpv: what a key does is decided at the frame
shown, and a stopped player refuses code keys on every path with one sentence."""

from __future__ import annotations

from pathlib import Path

from observe.changes import EventRecorded, apply_change
from observe.model import Event
from observe.scheme import load_scheme
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.widgets.code_legend import CodeLegend
from observe.tui.widgets.coding_states import group_states_text

from ..live.recorders import live_session
from .video_harness import coding_screen, session_of, settled, video_app
from .waiting import wait_until


async def go_to(pilot, screen, seconds: str) -> None:
    await pilot.press("ctrl+g", *seconds, "enter")
    await settled(pilot, screen)


async def test_a_state_key_starts_or_stops_crying_as_it_is_at_the_frame_shown(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """Crying coded from 10 s to 20 s; back at 15 s its key is refused (the run has its
    end) with a sentence; at 5 s it starts crying, at 7 s stops it. If this failed, seeking
    back and pressing c would stop crying where it was never on."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        for at in ("10", "20"):
            await go_to(pilot, screen, at)
            await pilot.press("c")
        await go_to(pilot, screen, "15")
        await pilot.pause(0.2)
        legend = screen.query_one("#legend", CodeLegend)
        assert legend._open_states == ("crying",), "the legend shows crying on at 15 s"
        await pilot.press("c")
        await pilot.pause()
        assert screen.hint.text.startswith("Not coded: Distress / crying is on here from 00:10.0")
        await go_to(pilot, screen, "25")
        await pilot.pause(0.2)
        assert legend._open_states == (), "and off after its run"
        for at in ("5", "7"):
            await go_to(pilot, screen, at)
            await pilot.press("c")
        await pilot.pause()
        assert [(e.t, e.kind) for e in session_of(screen).events] == [
            (5.0, "start"),
            (7.0, "stop"),
            (10.0, "start"),
            (20.0, "stop"),
        ]


async def test_a_code_key_in_the_end_question_is_refused_while_the_player_is_stopped(
    isolated_data_dir: Path, players, video_file: Path
) -> None:
    """The player dies at 8 s; the end key asks; a code key pressed in the question is not
    recorded at the last frame shown: it is refused with the coding screen's sentence (and
    answers "keep coding")."""
    app = video_app(isolated_data_dir, players, video_file)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await coding_screen(pilot)
        await go_to(pilot, screen, "8")
        await pilot.press("a")
        await pilot.pause()
        await players.current.die()
        await wait_until(pilot, lambda: screen.video.closed, "the player stopped")
        await pilot.press("o")
        await pilot.pause()
        on_screen = screen.hint.text
        assert on_screen == "Player stopped: Offers a feed not coded (ctrl+r restarts it)."
        screen.hint.clear()
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("o")
        await wait_until(pilot, lambda: app.screen is screen, "the question answered")
        assert [e.code for e in session_of(screen).events] == ["hungry"]
        assert screen.hint.text == on_screen
        assert not screen.live.ended


def test_the_states_line_says_the_state_at_the_playhead() -> None:
    """Alert from 0 s, fussing from 20 s: at 10 s the line says alert (since 0 s), not the
    fussing coded later in the video; without a playhead it says the state at the end."""
    scheme = load_scheme(Path(__file__).resolve().parents[2] / "coding_schemes/home-visit.toml")
    session = live_session(scheme)
    for event_id, code, t, kind in (
        ("a0", "alert", 0.0, "start"),
        ("a1", "alert", 20.0, "stop"),
        ("f0", "fussing", 20.0, "start"),
    ):
        session = apply_change(session, EventRecorded(Event(event_id, code, t, kind)))
    assert group_states_text(session, 10.0).plain == "Infant state: ALERT since 00:00.0"
    assert group_states_text(session).plain == "Infant state: FUSSING since 00:20.0"
