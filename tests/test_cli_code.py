"""``observe code``: what is wrong with the recording or the player is one sentence before
the terminal UI opens, and nothing is made."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from observe.cli import main
from observe.commands.code import CONTEXTS
from observe.model import VISIT_CONTEXTS


def code(data_dir: Path, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(
        main,
        ["--data-dir", str(data_dir), "code", "--dyad", "D014", "--observer", "AB", *args],
        env=env,
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda folder: folder / "gone.mp4", "there is no such file"),
        (lambda folder: folder, "it is a folder, not a video file"),
        (lambda folder: (folder / "empty.mp4").write_bytes(b"") or folder / "empty.mp4", "empty"),
    ],
)
def test_a_recording_that_is_no_video_file_is_one_sentence(
    tmp_path: Path, make, reason: str
) -> None:
    videos = tmp_path / "videos"
    videos.mkdir()
    result = code(tmp_path / "archive", "--video", str(make(videos)))
    assert result.exit_code == 1
    assert result.output.startswith("error: the recording ") and reason in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert not (tmp_path / "archive" / "sessions").exists(), "no session was made"


def test_no_mpv_says_how_to_get_it(tmp_path: Path) -> None:
    video = tmp_path / "visit.mp4"
    video.write_bytes(b"x" * 100)
    result = code(
        tmp_path / "archive", "--video", str(video), env={"OBSERVE_MPV": str(tmp_path / "none")}
    )
    assert result.exit_code == 1 and result.output.startswith("error: ")
    assert "mpv" in result.output and result.output.count("\n") == 1


def test_a_dyad_code_over_lines_is_refused(tmp_path: Path) -> None:
    result = code(tmp_path / "archive", "--visit", "1\n2")
    assert result.exit_code == 1 and "--visit must be one line" in result.output


def test_the_contexts_are_the_forms() -> None:
    """observe code offers what the new-session form offers (written out for --help)."""
    assert CONTEXTS == VISIT_CONTEXTS
