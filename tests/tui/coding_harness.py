"""Helpers for driving the coding and review screens with exact key timestamps."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.pilot import Pilot

from observe.live import SessionClock
from observe.scheme import Scheme
from observe.store import Archive, Recorder
from observe.tui.screens.coding import CodingScreen

from ..live.recorders import FakeMonotonic, live_session

APP_CSS = Path(__file__).resolve().parents[2] / "observe" / "tui" / "app.tcss"


class CodingApp(App[None]):
    """Just the coding screen, pushed over a blank screen (as the home screen would)."""

    CSS_PATH = str(APP_CSS)

    def __init__(self, recorder: Recorder, clock: FakeMonotonic) -> None:
        super().__init__()
        self.recorder = recorder
        self.clock = clock

    def on_mount(self) -> None:
        clock = SessionClock.continuing(self.recorder.session, self.clock)
        self.push_screen(CodingScreen(self.recorder, clock=clock))


def start_recording(
    archive_dir: Path, scheme: Scheme, *, session_id: str | None = None
) -> tuple[Archive, Recorder]:
    archive = Archive.open(archive_dir)
    return archive, archive.recorder(live_session(scheme, session_id=session_id))


async def press_at(pilot: Pilot, key: str, at: float, character: str | None = None) -> None:
    """A key press read at monotonic time ``at``, through the app's normal key path."""
    event = events.Key(key, character)
    event.time = at
    pilot.app.post_message(event)
    await pilot.pause()
