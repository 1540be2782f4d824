"""Helpers for driving the coding and review screens with exact key timestamps."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.pilot import Pilot

from observe.model import Session, new_id
from observe.scheme import Scheme
from observe.store import Archive, Recorder
from observe.tui.screens.coding import CodingScreen

APP_CSS = Path(__file__).resolve().parents[2] / "observe" / "tui" / "app.tcss"


class FakeMonotonic:
    """A monotonic source the test moves by hand (the key timestamps use the same base)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class CodingApp(App[None]):
    """Just the coding screen, pushed over a blank screen (as the home screen would)."""

    CSS_PATH = str(APP_CSS)

    def __init__(self, recorder: Recorder, clock: FakeMonotonic) -> None:
        super().__init__()
        self.recorder = recorder
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(CodingScreen(self.recorder, clock_source=self.clock))


def live_session(scheme: Scheme, *, session_id: str | None = None) -> Session:
    return Session(
        id=session_id or new_id(),
        dyad="D042",
        observer="OBS1",
        started_at="2026-03-02T10:00:00+00:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit="3",
        context="feeding",
        status="live",
    )


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
