"""The app coding a recording on fake players: a session started as ``observe code --video``
does, each player a :class:`~tests.media.fake_mpv.FakeMpv` on its own socket."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual._time import get_time as textual_key_clock
from textual.pilot import Pilot

from observe.media import Player
from observe.model import Session
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme
from observe.tui.app import ObserveApp, make_app
from observe.tui.dialogs.new_session import NewSessionRequest
from observe.tui.screens.coding_video import VideoCodingScreen

from ..media.fake_mpv import FakeMpv
from .waiting import wait_until


class FakePlayers:
    """Fake mpvs to be started one after the other (the second one after a restart)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.started: list[FakeMpv] = []

    async def start(self) -> Player:
        fake = await FakeMpv(str(self.folder / f"mpv{len(self.started)}.sock")).start()
        self.started.append(fake)
        return await Player.connect(fake.address, monotonic=textual_key_clock, timeout=5.0)

    @property
    def current(self) -> FakeMpv:
        return self.started[-1]

    async def stop(self) -> None:
        for fake in self.started:
            await fake.stop()


@pytest.fixture
async def players() -> AsyncIterator[FakePlayers]:
    folder = Path(tempfile.mkdtemp(prefix="obs-"))  # a socket path must stay short
    fakes = FakePlayers(folder)
    yield fakes
    await fakes.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def video_file(tmp_path: Path) -> Path:
    """A file for the fake players to "play" (they never decode it)."""
    path = tmp_path / "videos" / "visit.mp4"
    path.parent.mkdir()
    path.write_bytes(b"a recording of a visit, as far as the fake player knows" * 100)
    return path


def video_request(data_dir: Path, path: Path) -> NewSessionRequest:
    return NewSessionRequest(
        dyad="D014",
        observer="OBS1",
        visit="2",
        context="play",
        scheme=find_scheme(DEFAULT_SCHEME_ID, data_dir),
        recording=path,
    )


def video_app(data_dir: Path, players: FakePlayers, path: Path | None) -> ObserveApp:
    """The app, starting a session coded from ``path`` at once (None: the home screen)."""
    first = None if path is None else video_request(data_dir, path)
    return make_app(data_dir, start_player=players.start, first=first)


async def coding_screen(pilot: Pilot) -> VideoCodingScreen:
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, VideoCodingScreen), "the video coding screen"
    )
    screen = pilot.app.screen
    assert isinstance(screen, VideoCodingScreen)
    return screen


def session_of(screen: VideoCodingScreen) -> Session:
    return screen.live.session


async def settled(pilot: Pilot, screen: VideoCodingScreen) -> None:
    """Every player command sent so far is done (its worker finished)."""
    await wait_until(
        pilot,
        lambda: not [w for w in screen.workers if w.group in ("video", "restart") and w.is_running],
        "the player's commands",
    )
    await pilot.pause()
