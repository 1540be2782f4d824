"""Starting a session: the form refuses what would lose data and warns about names."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import attrs

from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NewSessionDialog
from observe.tui.screens.home import HomeScreen

SIZE = (80, 24)
NOW = datetime(2026, 3, 2, 10, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def message_text(app) -> str:
    return str(app.screen.query_one("#message").render())


async def test_an_empty_dyad_is_refused_with_a_message(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionDialog)
        await pilot.press("enter")
        assert isinstance(app.screen, NewSessionDialog), "an empty dyad must not start a session"
        assert "Enter the dyad code" in message_text(app)
        assert app.archive.list_sessions() == []
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_name_like_dyad_is_warned_about_but_not_blocked(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Anna Smith")
        assert "looks like a person's name" in message_text(app)
        await pilot.press("tab", *"OBS1", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewSessionDialog)
        assert [s.dyad for s in app.archive.list_sessions()] == ["Anna Smith"]


async def test_a_session_needs_an_observer(isolated_data_dir: Path) -> None:
    """Without an observer code the session does not start: reports and agreement checks
    would not say who coded it. The form says so and puts the cursor there."""
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)
        assert "observer code" in message_text(app)
        assert app.focused is app.screen.query_one("#observer")
        assert app.archive.list_sessions() == []
        await pilot.press(*"OBS1", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, NewSessionDialog)
        assert [s.observer for s in app.archive.list_sessions()] == ["OBS1"]


async def test_starting_a_session_opens_coding_on_a_live_session(isolated_data_dir: Path) -> None:
    from observe.tui.screens.coding import CodingScreen

    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "tab", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        [summary] = app.archive.list_sessions()
        assert (summary.dyad, summary.observer, summary.visit, summary.status) == (
            "D014",
            "OBS1",
            "2",
            "live",
        )
        assert summary.scheme_id == "infant-cues"
        session = app.archive.load(summary.id)
        assert session.started_at == "2026-03-02T10:15:00+01:00"
        assert session.origin == "live" and session.scheme_digest == session.scheme.digest
        assert len(session.id) == 32


async def test_the_observer_is_remembered_from_the_last_session(
    isolated_data_dir: Path, make_session
) -> None:
    from observe.workspace import open_archive

    with open_archive(isolated_data_dir) as archive:
        archive.add(make_session(dyad="D001"))  # observer OBS1
        demo = make_session(dyad="DEMO-01", started_at="2026-04-01T10:00:00+00:00")
        archive.add(attrs.evolve(demo, observer="demo", origin="demo"))  # newer, but not a person
    app = make_app(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert app.screen.query_one("#observer").value == "OBS1"


async def test_tab_typed_in_a_burst_moves_to_the_next_field(isolated_data_dir: Path) -> None:
    """Keys that arrive together (fast typing, a paste, tmux send-keys) still land in the
    field Tab moved to, not all in the dyad field."""
    from textual import events

    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionDialog)
        burst = [*"D777", "tab", *"AB", "tab", "1"]
        for key in burst:  # all queued before any is handled, as a terminal read delivers them
            app.post_message(events.Key(key, None if key == "tab" else key))
        await pilot.pause()
        values = [app.screen.query_one(f"#{name}").value for name in ("dyad", "observer", "visit")]
        assert values == ["D777", "AB", "1"]
        await pilot.press("shift+tab")
        assert app.focused is app.screen.query_one("#observer")
