"""The ``observe`` command itself: errors are one sentence, pipes may close early."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from observe.cli import main


def test_a_file_given_as_the_archive_is_one_sentence(tmp_path: Path) -> None:
    """Pointing --data-dir at a file says so, instead of a usage error or a traceback."""
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    result = CliRunner().invoke(main, ["--data-dir", str(not_a_folder), "session", "list"])
    assert result.exit_code == 1
    assert "is a file, not an archive folder" in result.output
    assert "Traceback" not in result.output


def test_output_piped_into_a_reader_that_left_ends_quietly(tmp_path: Path) -> None:
    """`observe scheme list | head -1` must not end with an 'unexpected problem' message.

    The reading end of the pipe is closed before observe writes anything, so its first
    write meets a closed pipe, as it does when `head` has already exited.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)
    command = [sys.executable, "-m", "observe.cli", "--data-dir", str(tmp_path), "scheme", "list"]
    try:
        finished = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert finished.returncode == 0, finished.stderr.decode()
    assert finished.stderr == b""


def test_version_names_the_program() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("observe, version ")
