"""A program in a real pseudo-terminal, driven and read the way a terminal emulator does.

Used by ``bench/tui_pty.py``. The program gets a pty of a fixed size as its controlling
terminal (``TERM=xterm-256color``); key presses are bytes written to the pty; what the
program draws is read back from it and, while ``parse`` is on, fed to a ``pyte`` screen so
the benchmark can wait for something to be shown. The terminal answers the one query a
Textual app sends at start (synchronized output, DEC mode 2026) as modern terminals do, so
the app brackets every frame with ``ESC[?2026h`` … ``ESC[?2026l``: a frame's arrival time is
the moment its closing bracket was read.

Times are ``time.perf_counter()`` seconds, taken right after ``os.read`` returned (so the
time spent parsing a frame is not charged to the program) and right before ``os.write``.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence

import pyte

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_SUPPORTED = b"\x1b[?2026;2$y"  # "recognised, currently reset"
FRAME_END = b"\x1b[?2026l"

KEYS = {
    "enter": b"\r",
    "tab": b"\t",
    "down": b"\x1b[B",
    "ctrl+q": b"\x11",
}


class Timeout(Exception):
    """The program did not show what was waited for in time."""


class Terminal:
    """One program in its own pty; use :meth:`spawn`."""

    def __init__(self, process: subprocess.Popen[bytes], master: int, size: tuple[int, int]):
        self.process = process
        self.master = master
        self.columns, self.lines = size
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.parse = True
        self.received = 0  # bytes read from the program
        self.frames = 0  # frames seen (closing brackets)
        self.last_frame_at = 0.0
        self._tail = b""  # the end of the last chunk, for markers split across reads
        self.closed = False

    @classmethod
    def spawn(
        cls, argv: Sequence[str], size: tuple[int, int], env: dict[str, str] | None = None
    ) -> tuple[Terminal, float]:
        """Start ``argv`` in a new pty; returns the terminal and the time just before the
        fork (the start of any start-up measurement)."""
        master, slave = os.openpty()
        columns, lines = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        environment = dict(os.environ if env is None else env)
        environment.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(lines))
        environment.pop("COLORTERM", None)
        environment.pop("NO_COLOR", None)
        # As on a user's machine, modules load from their bytecode caches after the first run.
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        started = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,  # its own session, so the pty can be its terminal
            preexec_fn=_take_controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        os.set_blocking(master, False)
        return cls(process, master, size), started

    # -- reading ---------------------------------------------------------------------------

    def pump(self, timeout: float, also: Sequence[int] = ()) -> tuple[float | None, list[int]]:
        """Wait up to ``timeout`` s for output (or for one of the ``also`` descriptors);
        read what is there. Returns the arrival time of the last frame completed in this
        read (None if none) and which of ``also`` are readable."""
        ready, _, _ = select.select([self.master, *also], [], [], max(0.0, timeout))
        frame_at = None
        if self.master in ready:
            frame_at = self._read()
        return frame_at, [fd for fd in ready if fd != self.master]

    def _read(self) -> float | None:
        frame_at = None
        while True:
            try:
                chunk = os.read(self.master, 1 << 16)
            except BlockingIOError:
                return frame_at
            except OSError:  # the program has gone (EIO on Linux)
                return frame_at
            if not chunk:
                return frame_at
            now = time.perf_counter()
            self.received += len(chunk)
            window = self._tail + chunk
            if SYNC_QUERY in window and SYNC_QUERY not in self._tail:
                os.write(self.master, SYNC_SUPPORTED)
            ends = window.count(FRAME_END) - self._tail.count(FRAME_END)
            if ends:
                self.frames += ends
                self.last_frame_at = frame_at = now
            elif self.frames == 0:
                frame_at = now  # no frame brackets (yet): every read may complete a frame
            self._tail = window[-16:]
            if self.parse:
                self.stream.feed(chunk)

    def wait_for(self, shown: Callable[[Terminal], bool], timeout: float = 30.0) -> float:
        """Read until ``shown(self)`` is true after a whole frame; returns that frame's
        arrival time."""
        self.parse = True
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise Timeout(f"not shown within {timeout:.0f} s:\n" + self.text())
            frame_at, _ = self.pump(remaining)
            if frame_at is not None and shown(self):
                return frame_at
            if self.process.poll() is not None and frame_at is None:
                raise Timeout(f"the program exited ({self.process.returncode}):\n" + self.text())

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def contains(self, *words: str) -> bool:
        text = self.text()
        return all(word in text for word in words)

    def row_background(self, row: int) -> str:
        """The background colour most of a screen row is drawn in."""
        cells = self.screen.buffer[row]
        colours = [cells[x].bg for x in range(self.columns)]
        return max(set(colours), key=colours.count)

    # -- writing ---------------------------------------------------------------------------

    def send(self, data: bytes | str) -> float:
        """Write key bytes to the program; returns the time just before the write."""
        raw = KEYS.get(data, data.encode()) if isinstance(data, str) else data
        now = time.perf_counter()
        os.write(self.master, raw)
        return now

    def type(self, text: str, pause: float = 0.03) -> None:
        """Type ``text`` a character at a time, reading the output in between."""
        for character in text:
            self.send(character)
            self.pump(pause)

    # -- ending ----------------------------------------------------------------------------

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self, quit_key: bytes = KEYS["ctrl+q"], wait: float = 15.0) -> int | None:
        """Quit the program with its quit key (reading its output meanwhile); a program
        that does not exit in ``wait`` s is terminated, then killed, by its own id.
        Closing twice does nothing more."""
        if self.closed:
            return self.process.returncode
        self.closed = True
        self.parse = False
        if self.process.poll() is None:
            try:
                os.write(self.master, quit_key)
            except OSError:
                pass
        deadline = time.perf_counter() + wait
        while self.process.poll() is None and time.perf_counter() < deadline:
            self.pump(0.05)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                break
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        os.close(self.master)
        return self.process.returncode


def _take_controlling_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
