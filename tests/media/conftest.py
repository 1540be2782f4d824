"""Fixtures for the video-player link: a fake mpv, and the real one on a generated video."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from observe.media import MpvNotFound, Player, find_mpv

from .fake_mpv import FakeMpv

#: The generated test video: 30 s of mpv's test pattern at 25 fps, a keyframe every second.
TEST_FPS = 25
TEST_SECONDS = 30


class FakeTime:
    """A monotonic source a test sets by hand, so every stamp is known."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def barrier(player: Player) -> None:
    """Wait until the player has handled everything mpv sent so far.

    mpv (and the fake) write a reply after the events that came before the request, and
    the connection reads in order: once the reply is in, those events were dispatched.
    """
    await player.connection.request("get_property", "mpv-version")


@pytest.fixture
def socket_dir() -> Iterator[Path]:
    """A short private folder for sockets (a socket path may not exceed ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="obs-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    """A file for the fake player to 'play' (the fake never decodes it)."""
    path = tmp_path / "visit.mp4"
    path.write_bytes(b"not really a video, the fake mpv only checks that it exists")
    return path


@pytest.fixture
async def fake(socket_dir: Path) -> AsyncIterator[FakeMpv]:
    server = await FakeMpv(str(socket_dir / "mpv.sock")).start()
    yield server
    await server.stop()


@pytest.fixture
async def player(fake: FakeMpv, fake_time: FakeTime, recording: Path) -> AsyncIterator[Player]:
    """A player connected to the fake, with ``recording`` loaded, paused at 0 s."""
    connected = await Player.connect(fake.address, monotonic=fake_time, timeout=2.0)
    await connected.load(recording)
    await barrier(connected)
    yield connected
    await connected.close()


# -- the real mpv ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mpv_program() -> str:
    try:
        return find_mpv()
    except MpvNotFound as error:
        pytest.skip(f"the real player is not tested, mpv cannot be found: {error}")


@pytest.fixture(scope="session")
def test_video(mpv_program: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small MP4 (about 100 KB) mpv encodes from its own test pattern, once per session."""
    path = tmp_path_factory.mktemp("video") / "testsrc.mp4"
    source = f"av://lavfi:testsrc=duration={TEST_SECONDS}:size=160x120:rate={TEST_FPS}"
    encoded = subprocess.run(
        [
            *(mpv_program, "--no-config", "--no-terminal", source, f"--o={path}"),
            *("--of=mp4", "--ovc=mpeg4", "--ovcopts=g=25", "--no-audio"),
        ],
        timeout=120,
    )
    if encoded.returncode != 0 or not path.is_file() or path.stat().st_size == 0:
        pytest.skip(
            f"{mpv_program} could not encode its test pattern (exit status "
            f"{encoded.returncode}; built without encoding?), so the real player is not tested"
        )
    return path


@pytest.fixture
async def real_player(mpv_program: str, test_video: Path) -> AsyncIterator[Player]:
    """The real mpv, headless, with the test video loaded, paused at its start."""
    started = await Player.start(headless=True, program=mpv_program)
    try:
        await started.load(test_video)
        yield started
    finally:
        await started.close()
