"""Nothing coded is lost: write failures are shown and retried; an interrupted session resumes."""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.errors import ArchiveError
from observe.scheme import Scheme
from observe.store import Archive
from observe.tui.screens.coding import CodingScreen

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording
from .waiting import offered, wait_until


def fail_once(monkeypatch: pytest.MonkeyPatch, recorder) -> list[str]:
    """Make the next journal write fail as a full disk would."""
    real_apply = recorder.apply
    failures: list[str] = []

    def apply(change):
        if not failures:
            failures.append(type(change).__name__)
            raise ArchiveError("the disk is full: /archive/sessions/x.journal; free some space")
        return real_apply(change)

    monkeypatch.setattr(recorder, "apply", apply)
    return failures


async def test_failed_write_is_shown_and_saved_on_the_next_key(
    tmp_path: Path, tiny_scheme: Scheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refused write shows NOT SAVED and marks the event; the next key saves both, in order."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    session_id = recorder.session.id
    failures = fail_once(monkeypatch, recorder)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "h", 1001.0)
        assert failures == ["EventRecorded"]
        screen = app.screen
        banner = screen.query_one("#write-error")
        assert banner.display and "NOT SAVED" in str(banner.render())
        assert "disk is full" in str(banner.render())
        assert "UNSAVED" in str(screen.query_one("#recent-events").render())
        assert [e.code for e in recorder.session.events] == []  # not on disk yet
        await press_at(pilot, "f", 1002.0)
        assert not banner.display
        assert "UNSAVED" not in str(screen.query_one("#recent-events").render())
        assert [(e.code, e.t) for e in recorder.session.events] == [("hungry", 1.0), ("feed", 2.0)]
    archive.close()
    with Archive.open(tmp_path) as reopened:
        assert [(e.code, e.t) for e in reopened.load(session_id).events] == [
            ("hungry", 1.0),
            ("feed", 2.0),
        ]


async def test_failed_write_is_retried_without_another_key(
    tmp_path: Path, tiny_scheme: Scheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The observer need not press anything: the retry timer saves the waiting event."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    fail_once(monkeypatch, recorder)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "t", 1003.5)
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert screen.writes.waiting
        screen._retry_writes()  # what the retry timer calls
        await pilot.pause()
        assert not screen.writes.waiting
        assert not screen.query_one("#write-error").display
        assert [(e.code, e.t) for e in recorder.session.events] == [("tired", 3.5)]
    archive.close()


async def test_session_left_mid_way_resumes_with_its_events_and_clock(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """Closing observe mid-session keeps every event; resuming continues the clock from there."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    session_id = recorder.session.id
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "h", 1002.0)
        await press_at(pilot, "c", 1004.0)
        pilot.app.clock.now = 1006.0  # the app closes 6 s in, without ending the session
    archive.close()

    archive = Archive.open(tmp_path)
    session = archive.load(session_id)
    assert session.status == "paused"
    assert [(e.code, e.t) for e in session.events] == [("hungry", 2.0), ("calm", 4.0)]
    clock = FakeMonotonic(5000.0)  # a new process: a different monotonic origin
    app = CodingApp(archive.recorder(session), clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#paused-banner").display  # resumed paused: ready when you are
        await press_at(pilot, "t", 5000.5)  # ignored until resumed
        await press_at(pilot, "space", 5001.0, " ")
        await press_at(pilot, "t", 5003.0)
        await press_at(pilot, "x", 5004.0)
        await pilot.press("y", "escape", "enter")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t) for e in session.events] == [
        ("hungry", 2.0),
        ("calm", 4.0),
        ("tired", 8.0),
    ]
    assert session.status == "ended" and session.duration == 9.0


async def test_session_interrupted_while_running_resumes_paused_at_its_last_moment(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """After a crash (the session still 'live'), the screen opens PAUSED at the last event and
    records that pause, so the lost minutes are not counted as observed time."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    session_id = recorder.session.id
    from observe.changes import EventRecorded
    from observe.model import Event

    recorder.apply(EventRecorded(Event("e1", "hungry", 12.5)))
    recorder.close()  # as if the process died: no pause was ever recorded
    session = archive.load(session_id)
    assert session.status == "live"
    app = CodingApp(archive.recorder(session), FakeMonotonic(7.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "PAUSED at 00:12.5" in str(app.screen.query_one("#paused-banner").render())
        await press_at(pilot, "space", 8.0, " ")
        await press_at(pilot, "f", 9.5)
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t) for e in session.events] == [("hungry", 12.5), ("feed", 14.0)]
    assert [p.at for p in session.pauses][:1] == [12.5]


async def test_screen_stays_until_the_end_is_saved(
    tmp_path: Path, tiny_scheme: Scheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the disk refuses the end of the session, the coding screen does not close until a
    retry has saved it: nobody walks away from an unsaved session."""
    from observe.changes import SessionEnded

    archive, recorder = start_recording(tmp_path, tiny_scheme)
    session_id = recorder.session.id
    real_apply = recorder.apply
    refused: list[object] = []
    disk_full = True

    def apply(change):
        if isinstance(change, SessionEnded) and disk_full:
            refused.append(change)
            raise ArchiveError("the disk is full")
        return real_apply(change)

    monkeypatch.setattr(recorder, "apply", apply)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        coding = app.screen
        await press_at(pilot, "h", 1001.0)
        await press_at(pilot, "x", 1002.0)
        await pilot.press("y", "escape", "enter")  # confirm, skip ratings, close summary
        await pilot.pause()
        assert refused and app.screen is coding  # still here, saying so
        assert "NOT SAVED" in str(coding.query_one("#write-error").render())
        disk_full = False  # space was freed
        coding._retry_writes()  # the retry timer
        await pilot.pause()
        assert app.screen is not coding
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert (session.status, session.duration) == ("ended", 2.0)


async def test_quitting_with_unsaved_changes_asks_first(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Q while the disk refuses writes says how many changes would be lost and why;
    "Stay open" keeps coding, and once the writes succeed Ctrl+Q quits at once."""
    from observe.tui.app import make_app
    from observe.tui.dialogs.confirm import QuitWithUnsavedDialog

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
        coding = app.screen
        assert isinstance(coding, CodingScreen)
        real_apply = coding.recorder.apply
        disk_full = True

        def apply(change):
            if disk_full:
                raise ArchiveError("the disk is full: sessions/x.journal; free some space")
            return real_apply(change)

        monkeypatch.setattr(coding.recorder, "apply", apply)
        await pilot.press("a", "o")
        assert len(coding.writes.waiting) == 2
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, QuitWithUnsavedDialog)
        question = app.screen.question
        assert "2 coded changes are not saved" in question and "disk is full" in question
        await pilot.press("escape")  # stay open
        assert app.screen is coding and app.is_running
        disk_full = False
        coding._retry_writes()
        assert not coding.writes.waiting
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    with Archive.open(isolated_data_dir) as archive:
        [summary] = archive.list_sessions()
        assert [e.code for e in archive.load(summary.id).events] == ["hungry", "feed"]


async def coding_on_a_refusing_disk(app, pilot, monkeypatch: pytest.MonkeyPatch) -> CodingScreen:
    """Start a session from the home screen, then make every journal write fail."""
    await pilot.press("n", *"D014", "tab", *"OBS1", "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, CodingScreen), "the coding screen")
    coding = app.screen
    assert isinstance(coding, CodingScreen)

    def refuse(change):
        raise ArchiveError("the folder is read-only; check its permissions")

    monkeypatch.setattr(coding.recorder, "apply", refuse)
    return coding


async def test_ctrl_q_twice_quits_even_with_unsaved_changes(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from observe.tui.app import make_app

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await coding_on_a_refusing_disk(app, pilot, monkeypatch)
        await pilot.press("a", "ctrl+q", "ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_from_the_command_palette_asks_too(
    isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from observe.tui.app import make_app
    from observe.tui.dialogs.confirm import QuitWithUnsavedDialog

    app = make_app(isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await coding_on_a_refusing_disk(app, pilot, monkeypatch)
        await pilot.press("a", "ctrl+p")
        await pilot.press(*"Quit")
        await wait_until(pilot, lambda: offered(app, "Quit"), "the palette to offer Quit")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: isinstance(app.screen, QuitWithUnsavedDialog), "the question"
        )
        assert "1 coded change is not saved" in app.screen.question
        assert app.is_running
