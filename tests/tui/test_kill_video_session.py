"""Kill -9 in the middle of coding a recording loses nothing that was acknowledged.

A real ``observe code --video`` runs in a pseudo-terminal with the real mpv (headless, by
``OBSERVE_MPV``); each code key is waited for on disk (its journal line), then the process
is killed without warning. Every acknowledged event is in the archive at the position it
was coded on, and the next start resumes the session on its recording where it stood.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from pathlib import Path

import pytest

from observe.media import MpvNotFound, find_mpv
from observe.workspace import open_archive

from .test_kill_real_process import Terminal, wait_until

pytestmark = pytest.mark.slow

RIGHT = "\x1b[C"  # the terminal's right arrow: forward 1 s
# (key, code) pairs of the shipped infant-cues scheme, each one second further on
CODED = [("a", "hungry"), ("o", "feed"), ("t", "tired"), ("l", "settle")]


@pytest.fixture
def headless_mpv(tmp_path: Path) -> Path:
    """``OBSERVE_MPV`` for the test: the real mpv with no window and no sound."""
    try:
        program = find_mpv()
    except MpvNotFound as error:
        pytest.skip(f"the real player is not tested, mpv cannot be found: {error}")
    wrapper = tmp_path / "mpv-headless"
    wrapper.write_text(f'#!/bin/sh\nexec "{program}" "$@" --vo=null --ao=null\n')
    wrapper.chmod(0o700)
    return wrapper


@pytest.fixture
def video(tmp_path: Path, headless_mpv: Path) -> Path:
    path = tmp_path / "videos" / "visit.mp4"
    path.parent.mkdir()
    source = "av://lavfi:testsrc=duration=20:size=160x120:rate=25"
    subprocess.run(
        [
            *(str(headless_mpv), "--no-config", "--no-terminal", source, f"--o={path}"),
            *("--of=mp4", "--ovc=mpeg4", "--ovcopts=g=25", "--no-audio"),
        ],
        capture_output=True,
        timeout=120,
    )
    if not path.is_file() or path.stat().st_size == 0:
        pytest.skip("mpv could not encode its test pattern, so the real player is not tested")
    return path


def recorded(data_dir: Path) -> int:
    """How many events the session's journal holds."""
    journals = list((data_dir / "sessions").glob("*.journal"))
    if len(journals) != 1:
        return -1
    return journals[0].read_bytes().count(b'"type":"EventRecorded"')


def players_of(terminal: Terminal) -> list[int]:
    """The process ids of the players observe started (to end them after the kill)."""
    pid = terminal.process.pid
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in (task / "children").read_text().split()]
    return children


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie waiting for its reaper has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] == "Z"


def kill_all(terminal: Terminal) -> list[int]:
    """Kill observe; return the players it had started (each ended too, if it outlived
    observe, so a failing test leaves no player behind)."""
    players = players_of(terminal)
    terminal.kill()
    with contextlib.suppress(AssertionError):
        wait_until(lambda: all(gone(pid) for pid in players), 5, "the players to end")
    for pid in players:
        if not gone(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    return players


def test_every_acknowledged_key_of_a_video_session_survives_kill_9(
    tmp_path: Path, headless_mpv: Path, video: Path
) -> None:
    data_dir = tmp_path / "archive"
    environment = {"OBSERVE_MPV": str(headless_mpv)}
    args = ("code", "--video", str(video), "--dyad", "D014", "--observer", "OBS1")
    terminal = Terminal(data_dir, *args, environment=environment)
    try:
        terminal.wait_for_text("playhead")  # the coding screen is up and takes keys
        for number, (key, _code) in enumerate(CODED, start=1):
            terminal.send(RIGHT)
            terminal.wait_for_text(f"00:0{number}.0/")  # the video is there
            terminal.send(key)
            wait_until(lambda number=number: recorded(data_dir) >= number, 30, f"{key!r} on disk")
        players = players_of(terminal)
    finally:
        kill_all(terminal)
    assert players, "observe started a player"

    with open_archive(data_dir) as archive:
        [summary] = archive.list_sessions()
        session = archive.load(summary.id)
    assert session.origin == "recording" and session.status in ("live", "paused")
    assert [(e.code, e.t) for e in session.events] == [
        (code, float(second)) for second, (_key, code) in enumerate(CODED, start=1)
    ]

    restarted = Terminal(data_dir, environment=environment)
    try:
        restarted.wait_for_text("interrupted")
        restarted.send("\r")  # "Resume" has the focus
        restarted.wait_for_text("playhead")
        restarted.wait_for_text("00:04.0/")  # on the recording, where it stood
        restarted.send(RIGHT)
        restarted.wait_for_text("00:05.0/")
        restarted.send("e")
        wait_until(lambda: recorded(data_dir) > len(CODED), 30, "the resumed session's cue")
    finally:
        kill_all(restarted)
    with open_archive(data_dir) as archive:
        resumed = archive.load(session.id)
    assert resumed.events[:-1] == session.events, "nothing recorded before the kill changed"
    assert (resumed.events[-1].code, resumed.events[-1].t) == ("engage", 5.0)


def test_the_player_ends_with_observe_killed_with_kill_9(
    tmp_path: Path, headless_mpv: Path, video: Path
) -> None:
    """If this failed, a killed observe would leave mpv's window open on a family's video,
    and its next start would open a second player beside it."""
    data_dir = tmp_path / "archive"
    args = ("code", "--video", str(video), "--dyad", "D014", "--observer", "OBS1")
    terminal = Terminal(data_dir, *args, environment={"OBSERVE_MPV": str(headless_mpv)})
    try:
        terminal.wait_for_text("playhead")
        players = players_of(terminal)
    finally:
        terminal.kill()
    try:
        assert players, "observe started a player"
        wait_until(lambda: all(gone(pid) for pid in players), 3, "mpv to end with observe")
    finally:
        for pid in players:  # a player that outlived observe must not outlive the test
            if not gone(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
