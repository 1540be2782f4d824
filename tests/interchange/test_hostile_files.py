"""Every way a file enters observe, fed what an attacker, a careless user or a failing disk
would give it: one sentence each, at once, and nothing else.

The surfaces: ``scheme validate`` and ``--scheme PATH``, ``session import`` (CSV),
``import-bundle``, ``import-boris`` and the archive's ``settings.toml`` (read by every
command that opens the archive; ``settings show`` here). The files: ``/dev/zero`` and a
named pipe (which never end), a 200 MB file, random bytes, NUL bytes, JSON and TOML nested
100,000 deep. If one failed, a user would meet a hang, a traceback ("unexpected problem"),
or bytes from the file (a NUL, an escape sequence) printed to their terminal.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main

HANG = 10.0

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def junk(path: Path) -> None:
    path.write_bytes(random.Random(11).randbytes(5_000))


def nul_bytes(path: Path) -> None:
    path.write_bytes(b"time,code\n1,hun\0gry\n" + b"\0" * 1_000)


def deep_json(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000)


def deep_object(path: Path) -> None:
    path.write_text('{"a":' * 100_000 + "1" + "}" * 100_000)


def deep_toml(path: Path) -> None:
    path.write_text("a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n")


def deep_array_toml(path: Path) -> None:
    path.write_text("a = " + "[" * 20_000 + "]" * 20_000 + "\n")


CONTENTS: dict[str, Callable[[Path], None]] = {
    "random bytes": junk,
    "NUL bytes": nul_bytes,
    "JSON nested 100,000 deep": deep_json,
    "JSON objects nested 100,000 deep": deep_object,
    "TOML tables nested 5,000 deep": deep_toml,
    "TOML arrays nested 20,000 deep": deep_array_toml,
}


def surfaces(target: Path, csv: Path) -> dict[str, list[str]]:
    """The command that reads ``target`` on each surface (settings: the archive's own)."""
    return {
        "scheme validate": ["scheme", "validate", str(target)],
        "--scheme PATH": ["session", "import", str(csv), "--scheme", str(target),
                          "--dyad", "D017", "--observer", "OBS1"],
        "session import": ["session", "import", str(target), "--scheme", "infant-cues",
                           "--dyad", "D017", "--observer", "OBS1"],
        "import-bundle": ["import-bundle", str(target)],
        "import-boris": ["import-boris", str(target), "--dyad", "D017", "--observer", "OBS1"],
        "settings.toml": ["settings", "show"],
    }  # fmt: skip


SURFACES = list(surfaces(Path("x"), Path("y")))


@pytest.fixture
def csv(tmp_path: Path) -> Path:
    path = tmp_path / "good.csv"
    path.write_text("time,code\n1,hungry\n", encoding="utf-8")
    return path


def placed(tmp_path: Path, surface: str) -> tuple[Path, Path]:
    """The archive, and where the hostile file goes for ``surface``."""
    archive = tmp_path / "archive"
    if surface == "settings.toml":
        archive.mkdir(mode=0o700)
        return archive, archive / "settings.toml"
    return archive, tmp_path / "hostile"


def one_sentence(code: int, output: str) -> None:
    """Exit 1, an ``error:`` first line (a scheme or CSV lists its problems under it), no
    traceback, and no byte of the file that would act on a terminal."""
    assert code == 1, output
    assert output.startswith("error: "), output
    assert "Traceback" not in output and "unexpected problem" not in output, output
    assert all(ch.isprintable() or ch == "\n" for ch in output), repr(output[:300])


@contextmanager
def no_hang() -> Iterator[None]:
    """Fail (rather than wait for ever) if the block takes more than :data:`HANG` s."""

    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"still running after {HANG:g} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, HANG)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("content", CONTENTS)
@pytest.mark.parametrize("surface", SURFACES)
def test_a_file_of_hostile_content_is_one_sentence(
    tmp_path: Path, csv: Path, surface: str, content: str
) -> None:
    archive, target = placed(tmp_path, surface)
    CONTENTS[content](target)
    with no_hang():
        result = CliRunner().invoke(
            main, ["--data-dir", str(archive), *surfaces(target, csv)[surface]]
        )
    one_sentence(result.exit_code, result.output)
    assert not (archive / "sessions").exists() or not any((archive / "sessions").iterdir())


def _run(archive: Path, args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "observe.cli", "--data-dir", str(archive), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env={**os.environ, "OBSERVE_DATA_DIR": str(archive)},
    )
    return result, time.monotonic() - started


def _endless(kind: str, target: Path) -> None:
    if kind == "/dev/zero":
        target.symlink_to("/dev/zero")
    elif kind == "a named pipe":
        os.mkfifo(target)
    else:
        with target.open("wb") as handle:
            handle.truncate(200 << 20)  # sparse: no room taken on the disk


#: Surfaces whose /dev/zero, pipe and over-size cases tests/interchange/test_bounded_reads.py
#: does not run already.
NEW_SURFACES = ["import-boris", "settings.toml"]


@needs_fifo
@pytest.mark.parametrize("kind", ["/dev/zero", "a named pipe", "a 200 MB file"])
@pytest.mark.parametrize("surface", NEW_SURFACES)
def test_a_file_that_never_ends_or_is_huge_is_refused_at_once(
    tmp_path: Path, csv: Path, surface: str, kind: str
) -> None:
    """In a process of its own, with a timeout: a hang is what this guards against."""
    archive, target = placed(tmp_path, surface)
    if kind == "/dev/zero" and surface != "settings.toml":
        target = Path("/dev/zero")
    else:
        _endless(kind, target)
    result, elapsed = _run(archive, surfaces(target, csv)[surface])
    one_sentence(result.returncode, result.stderr)
    assert len(result.stderr.splitlines()) == 1 and elapsed < HANG
    expected = {
        "/dev/zero": "is a device" if surface != "settings.toml" else "is a symbolic link",
        "a named pipe": "is a named pipe",
        "a 200 MB file": "is 200 MB, more than the",
    }[kind]
    assert expected in result.stderr
