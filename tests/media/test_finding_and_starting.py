"""Finding mpv and starting it for coding.

If one of these failed, a visitor without mpv would get a traceback instead of how to
install it, or mpv would start with a user's config (playing on start, quitting at the
end, resuming elsewhere), keep keys for itself, or listen on a socket others can open.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

from observe.errors import ObserveError
from observe.media import MpvNotFound, Player, PlayerStartFailed, find_mpv
from observe.media.launch import IpcAddress, MpvProcess, mpv_arguments


def program(folder: Path, name: str, script: str = "#!/bin/sh\nexit 0\n") -> Path:
    path = folder / name
    path.write_text(script)
    path.chmod(0o755)
    return path


def test_mpv_is_found_on_the_path(tmp_path: Path) -> None:
    mpv = program(tmp_path, "mpv")
    assert find_mpv({"PATH": str(tmp_path)}) == str(mpv)


def test_observe_mpv_names_the_program_to_use_instead(tmp_path: Path) -> None:
    program(tmp_path, "mpv")
    other = program(tmp_path, "mpv-nightly")
    environ = {"PATH": str(tmp_path), "OBSERVE_MPV": str(other)}
    assert find_mpv(environ) == str(other)
    assert find_mpv({"PATH": str(tmp_path), "OBSERVE_MPV": "mpv-nightly"}) == str(other)


def test_without_mpv_one_sentence_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(MpvNotFound) as raised:
        find_mpv({"PATH": str(tmp_path)})
    message = str(raised.value)
    assert isinstance(raised.value, ObserveError)
    for way in ("apt install mpv", "brew install mpv", "Windows build from mpv.io", "OBSERVE_MPV"):
        assert way in message
    assert "\n" not in message and message.count(". ") == 0


def test_a_mistyped_observe_mpv_is_said_not_replaced_by_another_mpv(tmp_path: Path) -> None:
    program(tmp_path, "mpv")
    environ = {"PATH": str(tmp_path), "OBSERVE_MPV": "/opt/mvp/bin/mpv"}
    with pytest.raises(MpvNotFound, match="OBSERVE_MPV is set to /opt/mvp/bin/mpv"):
        find_mpv(environ)


def test_mpv_starts_without_config_paused_idle_and_with_its_keys_and_terminal_off() -> None:
    arguments = mpv_arguments("mpv", "/run/x/mpv.sock")
    for option in (
        "--no-config",
        "--pause",
        "--idle=yes",
        "--keep-open=yes",
        "--no-input-default-bindings",
        "--input-vo-keyboard=no",
        "--no-terminal",
        "--osd-level=1",
        "--hr-seek=yes",
        "--resume-playback=no",
        "--ytdl=no",
        "--force-window=yes",
        "--input-ipc-server=/run/x/mpv.sock",
    ):
        assert option in arguments
    assert "--vo=null" not in arguments
    headless = mpv_arguments("mpv", "/run/x/mpv.sock", headless=True)
    assert "--vo=null" in headless and "--ao=null" in headless
    assert "--force-window=yes" not in headless


@pytest.mark.skipif(sys.platform == "win32", reason="a socket folder is a POSIX matter")
def test_the_control_socket_lives_in_a_folder_only_its_owner_can_open() -> None:
    address = IpcAddress.new()
    try:
        assert address.folder is not None
        assert stat.S_IMODE(os.stat(address.folder).st_mode) == 0o700
        assert Path(address.path).parent == address.folder
        assert len(address.path.encode()) < 104  # the shortest socket path limit (macOS)
    finally:
        address.remove()
    assert not address.folder.exists()


def test_the_windows_address_is_a_named_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("observe.media.launch.WINDOWS", True)
    address = IpcAddress.new()
    assert address.path.startswith("\\\\.\\pipe\\observe-mpv-")
    assert address.folder is None


async def test_a_player_that_exits_at_once_is_reported_not_waited_for(tmp_path: Path) -> None:
    broken = program(tmp_path, "mpv", "#!/bin/sh\nexit 3\n")
    expected = re.escape("did not start (it exited with status 3)")
    with pytest.raises(PlayerStartFailed, match=expected):
        await Player.start(program=str(broken), headless=True)


async def test_a_player_that_never_listens_is_stopped_after_the_wait(tmp_path: Path) -> None:
    silent = program(tmp_path, "mpv", "#!/bin/sh\nexec sleep 30\n")
    started = MpvProcess.start(str(silent), headless=True)
    expected = re.escape("did not open its control connection in 0.3 s")
    with pytest.raises(PlayerStartFailed, match=expected):
        await started.connect(0.3)
    assert not started.running
    assert started.address.folder is not None and not started.address.folder.exists()


async def test_a_program_that_cannot_be_run_is_reported(tmp_path: Path) -> None:
    not_a_program = tmp_path / "mpv"
    not_a_program.write_text("not executable")
    with pytest.raises(PlayerStartFailed, match="did not start"):
        MpvProcess.start(str(not_a_program))
