"""The app as a whole: opening the archive, the command palette, a broken archive path."""

from __future__ import annotations

import io
from pathlib import Path

from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NewSessionDialog
from observe.tui.screens.coding import CodingScreen
from observe.tui.screens.home import HomeScreen

from .waiting import offered, wait_until


async def test_the_command_palette_offers_new_session(isolated_data_dir: Path) -> None:
    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"new session")
        await wait_until(pilot, lambda: offered(app, "New session"), "the palette to offer it")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionDialog)


async def test_the_built_in_commands_are_kept(isolated_data_dir: Path) -> None:
    from textual.app import App

    assert App.COMMANDS <= type(make_app(isolated_data_dir)).COMMANDS


async def test_an_archive_that_cannot_open_ends_with_one_sentence(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "archive"
    not_a_folder.write_text("this is a file")
    app = make_app(not_a_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.open_error is not None
    sentence = str(app.open_error)
    assert str(not_a_folder) in sentence and "\n" not in sentence
    assert not any(isinstance(screen, HomeScreen) for screen in app.screen_stack)


async def test_quitting_while_coding_keeps_the_session_for_resume(isolated_data_dir: Path) -> None:
    from observe.workspace import open_archive

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        await pilot.press("a", "o")  # hunger cue, offers a feed
        coding = app.screen
        await wait_until(pilot, lambda: len(coding.recorder.session.events) == 2, "both events")
        await pilot.press("ctrl+q")
    with open_archive(isolated_data_dir) as archive:
        assert not archive.readonly, "quitting released the archive"
        [summary] = archive.list_sessions()
        session = archive.load(summary.id)
    assert [e.code for e in session.events] == ["hungry", "feed"]
    assert session.status in ("live", "paused")


async def test_help_with_a_scheme_lists_every_code_key_and_label(
    isolated_data_dir: Path, tiny_scheme
) -> None:
    from rich.console import Console

    from observe.tui.screens.help import HelpScreen

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(
            HelpScreen([("space", "pause / resume")], scheme=tiny_scheme, title="Coding keys")
        )
        await pilot.pause()
        console = Console(width=100, record=True, file=io.StringIO())
        for static in app.screen.query("Static"):
            console.print(static.content)
        shown = console.export_text()
    for code in (*tiny_scheme.cues, *tiny_scheme.responses):
        assert any(
            line.split()[:1] == [code.key] and code.label in line for line in shown.splitlines()
        ), code
    assert "pause / resume" in shown and "Tiny test scheme" in shown


def test_the_default_clock_is_the_one_textual_stamps_keys_with(isolated_data_dir: Path) -> None:
    """Event times come from key timestamps: the session clock must read the same clock
    (perf_counter on Windows, monotonic elsewhere), or every time would be off."""
    from textual import _time, events

    app = make_app(isolated_data_dir)
    assert app.clock_source is _time.get_time
    before = app.clock_source()
    key = events.Key("h", "h")
    after = app.clock_source()
    assert before <= key.time <= after


async def test_o_opens_another_archive_and_releases_the_first(tmp_path: Path, make_session) -> None:
    """The home screen switches to another archive folder; the first is left unlocked."""
    from observe.workspace import open_archive

    first, second = tmp_path / "first", tmp_path / "second"
    with open_archive(second) as archive:
        archive.add(make_session(dyad="OTHER-1"))
    app = make_app(first)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        field = app.screen.query_one("#folder")
        field.value = str(second)
        await pilot.press("enter")
        await pilot.pause()
        assert app.archive.path == second
        assert [s.dyad for s in app.archive.list_sessions()] == ["OTHER-1"]
        assert "OTHER-1" in str(app.screen.query_one("#sessions").get_row_at(0))
        with open_archive(first) as again:
            assert not again.readonly, "the first archive's lock must be released"


async def test_an_archive_folder_that_cannot_open_keeps_the_current_one(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    app = make_app(tmp_path / "archive")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        app.screen.query_one("#folder").value = str(not_a_folder)
        await pilot.press("enter")
        await pilot.pause()
        assert app.archive.path == tmp_path / "archive" and not app.archive.readonly
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and str(not_a_folder) in errors[0]
