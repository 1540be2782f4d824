"""What the observer sees at 80×24: coding (open cues, a missed cue, an ongoing state, paused),
review and the ratings form. Clocks and times are injected, so the pictures are exact."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from observe.model import Event, Session
from observe.scheme import find_scheme
from observe.store import Archive

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording
from .test_review import ReviewApp

SESSION_ID = "5e55100000000000000000000000c0de"


def test_coding_screen_with_open_cues_while_paused(snap_compare, tmp_path: Path) -> None:
    """Clock, the shipped scheme's legend, a missed cue, two counting down, crying on, PAUSED."""
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))

    async def code(pilot: Pilot) -> None:
        await pilot.pause()
        await press_at(pilot, "a", 1001.0)  # hunger cue
        await press_at(pilot, "h", 1002.0)  # calms: matched
        await press_at(pilot, "t", 1003.0)  # tired: never answered → missed at 8 s
        await press_at(pilot, "w", 1006.0)  # overstimulated: 2 s left at 9 s
        await press_at(pilot, "c", 1007.0)  # crying starts (state)
        await pilot.press("2")  # intensity 2
        await press_at(pilot, "space", 1009.0, " ")  # paused at 9.0 s
        await press_at(pilot, "e", 1010.0)  # refused while paused: hint shown

    assert snap_compare(app, terminal_size=(80, 24), run_before=code)


def ended_session(tmp_path: Path) -> Session:
    scheme = find_scheme("infant-cues", tmp_path)
    events = [
        Event(f"e{n:02d}", code, t, kind, intensity, note)
        for n, (code, t, kind, intensity, note) in enumerate(
            [
                ("hungry", 3.2, "point", 2, None),
                ("feed", 5.0, "point", None, "breast"),
                ("tired", 40.5, "point", None, None),
                ("increase", 42.0, "point", None, None),
                ("reduce", 50.1, "point", None, None),
                ("crying", 61.0, "start", 3, None),
                ("calm", 62.4, "point", None, None),
                ("crying", 75.0, "stop", None, None),
                ("engage", 90.0, "point", None, None),
            ]
        )
    ]
    return Session(
        id=SESSION_ID,
        dyad="D042",
        observer="OBS1",
        started_at="2026-03-02T10:00:00+01:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit="3",
        duration=120.0,
        status="ended",
        events=events,
        ratings={"overall_warmth": 4},
    )


def test_review_screen(snap_compare, tmp_path: Path) -> None:
    """The events table with actor, kind, intensity, note, each cue's outcome, and the figures."""
    with Archive.open(tmp_path) as archive:
        archive.add(ended_session(tmp_path))
    app = ReviewApp(Archive.open(tmp_path), SESSION_ID)
    assert snap_compare(app, terminal_size=(80, 24))


def test_ratings_form(snap_compare, tmp_path: Path) -> None:
    """The end-of-session ratings of the shipped scheme, with an out-of-range value refused."""
    scheme = find_scheme("infant-cues", tmp_path)
    _archive, recorder = start_recording(tmp_path, scheme, session_id=SESSION_ID)
    app = CodingApp(recorder, FakeMonotonic(1000.0))

    async def end(pilot: Pilot) -> None:
        await pilot.pause()
        await press_at(pilot, "a", 1001.0)
        await press_at(pilot, "x", 1012.0)
        await pilot.press("y")
        await pilot.press("4", "7", "ctrl+s")

    assert snap_compare(app, terminal_size=(80, 24), run_before=end)
