"""A file that never ends, or is larger than any plausible input, is refused before it is read.

If these failed, ``observe session import /dev/zero`` (or a named pipe, or a 10 GB file given
by mistake) would hang or fill the memory of a visitor's laptop instead of saying what is
wrong. Each command runs in its own process with a timeout: a hang is what is guarded
against, so the bound is generous (10 s); the time these take is a fraction of a second.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from observe.reading import InputRefused, read_bounded
from observe.scheme.loading import MAX_SCHEME_FILE_BYTES
from observe.validity.limits import MAX_BUNDLE_BYTES, MAX_CSV_BYTES

HANG = 10.0

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


def _observe(archive: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "observe.cli", "--data-dir", str(archive), *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env={**os.environ, "OBSERVE_DATA_DIR": str(archive)},
    )
    return result, time.monotonic() - started


def _sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on the disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _commands(target: Path, good_csv: Path) -> dict[str, list[str]]:
    return {
        "session import": ["session", "import", str(target), "--scheme", "infant-cues",
                           "--dyad", "D017", "--observer", "OBS1"],
        "import-bundle": ["import-bundle", str(target)],
        "scheme validate": ["scheme", "validate", str(target)],
        "--scheme PATH": ["session", "import", str(good_csv), "--scheme", str(target),
                          "--dyad", "D017", "--observer", "OBS1"],
    }  # fmt: skip


LIMITS = {
    "session import": (MAX_CSV_BYTES, "events.csv", "64 MB a CSV file of events may be"),
    "import-bundle": (MAX_BUNDLE_BYTES, "visits.json", "128 MB a bundle may be"),
    "scheme validate": (MAX_SCHEME_FILE_BYTES, "scheme.toml", "1 MB a coding scheme file may"),
    "--scheme PATH": (MAX_SCHEME_FILE_BYTES, "scheme.toml", "1 MB a coding scheme file may"),
}


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    path = tmp_path / "good.csv"
    path.write_text("time,code\n1,hungry\n", encoding="utf-8")
    return path


def _refused(result: subprocess.CompletedProcess[str], elapsed: float, words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert words in lines[0]
    assert elapsed < HANG


@needs_dev_zero
@pytest.mark.parametrize("command", list(LIMITS))
def test_dev_zero_is_refused_at_once(tmp_path: Path, good_csv: Path, command: str) -> None:
    archive = tmp_path / "archive"
    result, elapsed = _observe(archive, *_commands(Path("/dev/zero"), good_csv)[command])
    _refused(result, elapsed, "/dev/zero is a device, not ")
    assert not archive.exists(), "nothing was written"


@needs_fifo
@pytest.mark.parametrize("command", list(LIMITS))
def test_a_named_pipe_nobody_writes_to_is_refused_at_once(
    tmp_path: Path, good_csv: Path, command: str
) -> None:
    pipe = _fifo(tmp_path / ("scheme.toml" if "scheme" in command else "input"))
    archive = tmp_path / "archive"
    result, elapsed = _observe(archive, *_commands(pipe, good_csv)[command])
    _refused(result, elapsed, f"{pipe} is a named pipe, not ")
    assert not archive.exists()


@pytest.mark.parametrize("command", list(LIMITS))
def test_a_file_over_its_limit_is_refused_unread(
    tmp_path: Path, good_csv: Path, command: str
) -> None:
    limit, name, words = LIMITS[command]
    big = _sparse(tmp_path / name, limit + 1)
    archive = tmp_path / "archive"
    result, elapsed = _observe(archive, *_commands(big, good_csv)[command])
    _refused(result, elapsed, words)
    assert str(big) in result.stderr
    assert not archive.exists()


def test_a_file_at_its_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.bin"
    path.write_bytes(b"x" * 1000)
    assert read_bounded(path, 1000, what="a test file") == b"x" * 1000
    with pytest.raises(InputRefused) as refused:
        read_bounded(path, 999, what="a test file")
    assert refused.value.too_large
    assert refused.value.reason == "is 1000 bytes, more than the 999 bytes a test file may be"


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="no /proc here")
def test_a_file_that_grows_while_it_is_read_is_cut_at_its_limit() -> None:
    """A file whose size on disk says nothing (as in /proc, or one still being written) is
    read only to one byte past the limit, then refused."""
    with pytest.raises(InputRefused) as refused:
        read_bounded(Path("/proc/self/maps"), 64, what="a test file")
    assert refused.value.too_large


def test_a_folder_is_still_said_to_be_a_folder(tmp_path: Path, good_csv: Path) -> None:
    result, _elapsed = _observe(tmp_path / "archive", "import-bundle", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder, not a bundle" in result.stderr
