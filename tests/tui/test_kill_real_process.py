"""Kill -9 in the middle of coding loses nothing that was acknowledged.

A real ``observe`` process runs in a pseudo-terminal and is driven with key bytes, as a
home visitor would drive it. After each code key the test waits until the event is on
disk (a new line in the session's journal), then kills the process without warning and
checks the archive: every acknowledged event is there, with its code, in order.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from observe.workspace import open_archive

pytestmark = pytest.mark.slow

# (key, code) pairs of the shipped infant-cues scheme: cue, response, cue, response, ...
CODED = [
    ("a", "hungry"),
    ("o", "feed"),
    ("t", "tired"),
    ("l", "settle"),
    ("e", "engage"),
    ("i", "serve_return"),
]
COLUMNS, LINES = 100, 30


class Terminal:
    """An ``observe`` process on a pseudo-terminal; everything it prints is kept."""

    def __init__(
        self, data_dir: Path, *args: str, environment: dict[str, str] | None = None
    ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        env.pop("TEXTUAL", None)
        env.update(environment or {})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "observe.cli", "--data-dir", str(data_dir), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def send(self, data: str) -> None:
        os.write(self.master, data.encode())

    def wait_for_text(self, text: str, timeout: float = 60.0) -> None:
        wait_until(lambda: text.encode() in self.output, timeout, f"{text!r} on the screen")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def journal_lines(data_dir: Path) -> int:
    journals = list((data_dir / "sessions").glob("*.journal"))
    if len(journals) != 1:
        return -1
    return journals[0].read_bytes().count(b"\n")


def test_every_acknowledged_key_survives_kill_9(tmp_path: Path) -> None:
    data_dir = tmp_path / "archive"
    terminal = Terminal(data_dir)
    try:
        terminal.wait_for_text("No sessions yet")
        terminal.send("n")
        terminal.wait_for_text("New session")
        terminal.send("D014\tOBS1\r")
        wait_until(lambda: journal_lines(data_dir) >= 0, 60, "the session journal")
        terminal.wait_for_text("No events yet")  # the coding screen is up and takes keys
        for key, _code in CODED:
            before = journal_lines(data_dir)
            terminal.send(key)
            wait_until(
                lambda before=before: journal_lines(data_dir) > before, 30, f"key {key!r} on disk"
            )
    finally:
        terminal.kill()

    with open_archive(data_dir) as archive:
        [summary] = archive.list_sessions()
        session = archive.load(summary.id)
    assert session.dyad == "D014"
    assert session.status in ("live", "paused")
    assert [event.code for event in session.events] == [code for _key, code in CODED]
    times = [event.t for event in session.events]
    # Keys sent within the same millisecond may share a time; their order is still kept.
    assert times == sorted(times)

    # Start again: observe offers to resume; the session goes on where it stopped.
    restarted = Terminal(data_dir)
    try:
        restarted.wait_for_text("interrupted")
        before = journal_lines(data_dir)
        restarted.send("\r")  # "Resume" has the focus
        wait_until(
            lambda: journal_lines(data_dir) > before, 30, "the resumed session's pause on disk"
        )
        restarted.wait_for_text("the clock is stopped")  # the coding screen is up, paused
        for key in (" ", "a"):  # resume the clock, then one more hunger cue
            before = journal_lines(data_dir)
            restarted.send(key)
            wait_until(
                lambda before=before: journal_lines(data_dir) > before, 30, f"key {key!r} on disk"
            )
    finally:
        restarted.kill()

    with open_archive(data_dir) as archive:
        resumed = archive.load(session.id)
    assert [e.code for e in resumed.events] == [code for _key, code in CODED] + ["hungry"]
    assert resumed.events[:-1] == session.events, "nothing recorded before the kill changed"
    assert resumed.events[-1].t >= session.events[-1].t, "the clock went on from where it stopped"


def test_ctrl_q_is_offered_as_paused_and_kill_as_interrupted(tmp_path: Path) -> None:
    """Through a real terminal: a session left with ctrl+q is "paused" at the next start; the
    same session resumed and then killed is "interrupted"."""
    data_dir = tmp_path / "archive"
    terminal = Terminal(data_dir)
    try:
        terminal.wait_for_text("No sessions yet")
        terminal.send("n")
        terminal.wait_for_text("New session")
        terminal.send("D014\tOBS1\r")
        terminal.wait_for_text("No events yet")
        before = journal_lines(data_dir)
        terminal.send("a")
        wait_until(lambda: journal_lines(data_dir) > before, 30, "the cue on disk")
        terminal.send("\x11")  # ctrl+q
        terminal.process.wait(timeout=60)
    finally:
        if terminal.process.poll() is None:
            terminal.kill()
        else:
            os.close(terminal.master)

    restarted = Terminal(data_dir)
    try:
        restarted.wait_for_text("is paused")
        assert b"interrupted" not in restarted.output
        restarted.send("r")
        restarted.wait_for_text("the clock is stopped")
        before = journal_lines(data_dir)
        restarted.send(" ")  # resume the clock: from here on a crash is an interruption
        wait_until(lambda: journal_lines(data_dir) > before, 30, "the resume on disk")
    finally:
        restarted.kill()

    again = Terminal(data_dir)
    try:
        again.wait_for_text("interrupted")
    finally:
        again.kill()
