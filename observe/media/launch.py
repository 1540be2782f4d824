"""Starting mpv for coding, and opening its IPC address (a socket, or a named pipe on Windows).

Why these options:

- ``--no-config``: a user's ``mpv.conf``, ``input.conf`` and scripts can set what observe
  relies on (``keep-open=no`` would quit at the end of the file, ``pause=no`` would start
  playing, ``hr-seek=no``, a ``speed``, a ``loop-file``, a saved position to resume from,
  key bindings or scripts of their own). Coded times must not depend on a config file
  observe never saw, so none is read; everything needed is set on the command line. The
  user's video output and hardware-decoding settings are lost with it; the defaults play
  any recording a phone or camera makes.
- ``--idle=yes``: a file that cannot be played leaves mpv running and reports an
  ``end-file`` error event, instead of the player vanishing; observe loads the file itself.
- ``--pause``, ``--keep-open=yes``: start paused; at the end of the file stay on its last
  frame, paused (``eof-reached`` turns true) instead of quitting.
- ``--no-input-default-bindings``, ``--input-vo-keyboard=no``, ``--input-media-keys=no``,
  ``--no-terminal``: mpv's window and the terminal keep no keys for themselves, and mpv
  never reads from or writes to the terminal the coding screen is drawn in. Keys go to
  observe. The mouse still works on mpv's on-screen controller; every seek it makes is
  exact too (``--hr-seek=yes``) and observed like any other.
- ``--osd-level=1``: the on-screen display shows the captions and messages observe sends.
- ``--resume-playback=no``, ``--save-position-on-quit=no``, ``--ytdl=no``: nothing about the
  recording is written anywhere, and nothing is fetched from the network.
- ``--vo=null --ao=null`` only when asked (tests, CI): no window, no sound.

mpv never outlives observe. On Linux it is started with the kernel's parent-death signal
(``prctl(PR_SET_PDEATHSIG, SIGKILL)``, set between fork and exec by :func:`die_with_parent`):
when the process that started it ends in any way, ``kill -9`` and a crash included, the
kernel kills mpv too. Python's :mod:`subprocess` (and ``asyncio.create_subprocess_exec``,
which runs on it) has no option for this, so it is a ``preexec_fn`` that calls only
``prctl`` and ``getppid`` (resolved before the fork). The signal is tied to the thread
that starts mpv: observe starts it on the event loop's thread, which lives as long as the
app. Everywhere, and as a second guard on Linux, every mpv still running when Python exits
(a quit, an uncaught error, Ctrl+C) is ended by an :mod:`atexit` hook.

The IPC address is a socket in a private folder (0700, made by :func:`tempfile.mkdtemp`)
on Linux and macOS, and a named pipe (``\\\\.\\pipe\\observe-mpv-…``) on Windows. The
Windows path is written to mpv's documented interface and asyncio's Proactor loop, but it
is not exercised by the test suite, which runs on Linux.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Callable
from pathlib import Path

from observe.media.errors import PlayerStartFailed
from observe.media.ipc import LINE_LIMIT

WINDOWS = sys.platform == "win32"
LINUX = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
SIGKILL = 9
#: How long mpv may take to open its IPC address (it takes about 0.1 s headless).
START_TIMEOUT = 10.0
#: How long mpv may take to quit when asked before it is terminated.
QUIT_TIMEOUT = 3.0

CODING_OPTIONS = (
    "--no-config",
    "--idle=yes",
    "--pause",
    "--keep-open=yes",
    "--no-input-default-bindings",
    "--input-vo-keyboard=no",
    "--input-media-keys=no",
    "--no-terminal",
    "--osd-level=1",
    "--hr-seek=yes",
    "--resume-playback=no",
    "--save-position-on-quit=no",
    "--ytdl=no",
    "--title=observe",
)
HEADLESS_OPTIONS = ("--vo=null", "--ao=null")
WINDOW_OPTIONS = ("--force-window=yes",)


def mpv_arguments(program: str, address: str, *, headless: bool = False) -> list[str]:
    """The command line that starts mpv for coding, idle, listening on ``address``."""
    shown = HEADLESS_OPTIONS if headless else WINDOW_OPTIONS
    return [program, *CODING_OPTIONS, *shown, f"--input-ipc-server={address}"]


class IpcAddress:
    """Where one mpv listens: a socket in a private folder, or a Windows named pipe."""

    def __init__(self, path: str, folder: Path | None) -> None:
        self.path = path
        self.folder = folder

    @classmethod
    def new(cls) -> IpcAddress:
        if WINDOWS:
            return cls(rf"\\.\pipe\observe-mpv-{secrets.token_hex(8)}", None)
        folder = Path(tempfile.mkdtemp(prefix="observe-mpv-"))  # mode 0700
        return cls(str(folder / "mpv.sock"), folder)

    def remove(self) -> None:
        """Remove the private folder and the socket in it (a named pipe goes with mpv)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


async def open_ipc(address: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Open a stream to mpv's IPC address (raises :class:`OSError` if nothing listens)."""
    if not WINDOWS:
        return await asyncio.open_unix_connection(address, limit=LINE_LIMIT)
    # Named pipes need the Proactor loop (Windows' default, and Textual's there).
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=LINE_LIMIT, loop=loop)
    protocol = asyncio.StreamReaderProtocol(reader, loop=loop)
    transport, _ = await loop.create_pipe_connection(  # type: ignore[attr-defined]
        lambda: protocol, address
    )
    return reader, asyncio.StreamWriter(transport, protocol, reader, loop)


def die_with_parent() -> Callable[[], None] | None:
    """On Linux, a ``preexec_fn`` after which the child is killed when this process ends
    (None elsewhere, or if the C library has no ``prctl``). It exits at once if this
    process ended between the fork and the call (the signal would never come then)."""
    if not LINUX:
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()
    option, signal_number, unused = (
        ctypes.c_int(PR_SET_PDEATHSIG),
        ctypes.c_ulong(SIGKILL),
        ctypes.c_ulong(0),
    )

    def in_child() -> None:
        prctl(option, signal_number, unused, unused, unused)
        if os.getppid() != parent:
            os._exit(1)

    return in_child


#: Every mpv started and not yet stopped, ended when Python exits.
_RUNNING: weakref.WeakSet[MpvProcess] = weakref.WeakSet()


@atexit.register
def _end_players() -> None:
    for player in list(_RUNNING):
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            if player.process.poll() is None:
                player.process.kill()
                player.process.wait(timeout=QUIT_TIMEOUT)
        player.address.remove()


class MpvProcess:
    """A running mpv started for coding, and the private address it listens on."""

    def __init__(self, program: str, process: subprocess.Popen[bytes], address: IpcAddress):
        self.program = program
        self.process = process
        self.address = address

    @classmethod
    def start(cls, program: str, *, headless: bool = False) -> MpvProcess:
        address = IpcAddress.new()
        try:
            process = subprocess.Popen(
                mpv_arguments(program, address.path, headless=headless),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=die_with_parent(),
            )
        except OSError as error:
            address.remove()
            raise PlayerStartFailed(program, error.strerror or str(error)) from error
        started = cls(program, process, address)
        _RUNNING.add(started)
        return started

    async def connect(
        self, timeout: float = START_TIMEOUT
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """Wait until mpv listens, then open the stream; stops mpv if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return await open_ipc(self.address.path)
            except OSError:
                pass
            status = self.process.poll()
            if status is not None:
                self.address.remove()
                raise PlayerStartFailed(self.program, f"it exited with status {status}")
            if time.monotonic() > deadline:
                await self.stop(0.0)
                raise PlayerStartFailed(
                    self.program, f"it did not open its control connection in {timeout:g} s"
                )
            await asyncio.sleep(0.01)

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    async def stop(self, timeout: float = QUIT_TIMEOUT) -> int:
        """Wait up to ``timeout`` for mpv to exit (after ``quit``), then end it; clean up."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        for end in (self.process.terminate, self.process.kill):
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                end()
            for _ in range(100):
                if self.process.poll() is not None:
                    break
                await asyncio.sleep(0.01)
        self.address.remove()
        _RUNNING.discard(self)
        return self.process.wait()
