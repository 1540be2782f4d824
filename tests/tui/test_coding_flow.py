"""The whole live-coding flow, driven by keys with exact timestamps, checked in the archive."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from observe.scheme import Scheme
from observe.store import Archive
from observe.tui.screens.coding import CodingScreen

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording


def events_of(session) -> list[tuple]:
    return [(e.code, e.t, e.kind, e.intensity, e.note) for e in session.events]


async def test_coded_session_lands_in_the_archive_with_the_key_times(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """Codes, intensity, a note, a pause, an undo, the end and ratings all reach the archive,
    each event at the moment its key was read (not when it was handled)."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    session_id = recorder.session.id
    clock = FakeMonotonic(1000.0)
    app = CodingApp(recorder, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        await press_at(pilot, "h", 1001.5)  # hungry cue at 1.5 s
        await press_at(pilot, "f", 1003.0)  # feed at 3.0 s
        await pilot.press("2")  # intensity of the feed
        await pilot.press("n")
        await pilot.press(*"offered", "space", *"breast", "enter")
        await press_at(pilot, "u", 1004.0)  # fussing (state) starts at 4.0 s
        await press_at(pilot, "space", 1006.0, " ")  # pause at 6.0 s
        await press_at(pilot, "t", 1010.0)  # ignored: paused
        assert "PAUSED" in str(app.screen.query_one("#hint").render())
        await press_at(pilot, "space", 1020.0, " ")  # resume: 14 s of pause not counted
        assert str(app.screen.query_one("#hint").render()) == "", "the PAUSED hint is stale"
        await press_at(pilot, "t", 1021.0)  # tired at 7.0 s ...
        await pilot.press("backspace")  # ... undone
        await press_at(pilot, "o", 1022.25)  # overstimulated at 8.25 s
        await press_at(pilot, "x", 1025.0)  # end at 11.0 s
        await pilot.press("y")  # confirm
        await pilot.press("4", "ctrl+s")  # overall warmth 4
        await pilot.press("enter")  # summary → back
        await pilot.pause()
        assert not isinstance(app.screen, CodingScreen)
    archive.close()

    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert events_of(session) == [
        ("hungry", 1.5, "point", None, None),
        ("feed", 3.0, "point", 2, "offered breast"),
        ("fussing", 4.0, "start", None, None),
        ("over", 8.25, "point", None, None),
        ("fussing", 11.0, "stop", None, None),
    ]
    assert session.status == "ended"
    assert session.duration == 11.0
    assert session.ratings == {"overall_warmth": 4}
    assert [p.at for p in session.pauses] == [6.0]
    assert session.pauses[0].resumed_wall is not None


async def test_full_flow_in_the_app_with_resume_after_quitting(tmp_path: Path) -> None:
    """New session from the home screen → code → quit mid-session → reopen → resume where the
    clock stopped → end → ratings → summary → home; the archive holds exactly what was coded."""
    from datetime import datetime

    from observe.tui.app import make_app
    from observe.tui.dialogs.resume_offer import ResumeOffer
    from observe.tui.screens.home import HomeScreen

    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    clock = FakeMonotonic(500.0)
    app = make_app(tmp_path, clock_source=clock, wall_clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"D014", "tab", *"OBS1", "tab", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        await press_at(pilot, "a", 501.0)  # hunger cue at 1.0 s
        await press_at(pilot, "o", 502.5)  # offers a feed at 2.5 s
        await pilot.press("3")
        clock.now = 504.0  # observe is closed 4 s in
    with Archive.open(tmp_path) as archive:
        (summary,) = archive.list_sessions()
        session_id = summary.id
        assert archive.load(session_id).status == "paused"

    clock = FakeMonotonic(90.0)  # a new process, a new monotonic origin
    app = make_app(tmp_path, clock_source=clock, wall_clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeOffer)
        assert "paused: you left it with ctrl+q" in app.screen.question
        await pilot.press("r")  # resume the paused session
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        await press_at(pilot, "space", 100.0, " ")  # resume at 4.0 s
        await press_at(pilot, "c", 101.0)  # crying starts at 5.0 s
        await press_at(pilot, "h", 102.5)  # calms at 6.5 s
        await press_at(pilot, "x", 104.0)  # end at 8.0 s: crying stops there
        await pilot.press("y", "4", "3", "5", *"settled", "ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with Archive.open(tmp_path) as archive:
        session = archive.load(session_id)
    assert events_of(session) == [
        ("hungry", 1.0, "point", None, None),
        ("feed", 2.5, "point", 3, None),
        ("crying", 5.0, "start", None, None),
        ("calm", 6.5, "point", None, None),
        ("crying", 8.0, "stop", None, None),
    ]
    assert (session.status, session.duration, session.dyad, session.visit) == (
        "ended",
        8.0,
        "D014",
        "2",
    )
    assert session.ratings == {"overall_warmth": 4, "sensitivity": 3, "infant_engagement": 5}
    assert session.notes == "settled"
    assert [p.at for p in session.pauses] == [4.0]
