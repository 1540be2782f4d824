"""``observe train PACK --video FILE --observer O`` in the terminal app, with a real mpv
(headless): the trainee codes the recording on the video coding screen, sees nothing of
the master coding while coding, and gets the feedback when the session ends."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from observe.media import Player
from observe.media.facts import read_facts
from observe.model import Session
from observe.training.criteria import Criteria
from observe.training.pack import make_pack
from observe.training.record_file import import_pack, read_record
from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NewSessionRequest
from observe.tui.screens.training_feedback import FeedbackScreen, loop_of
from observe.workspace import open_archive
from tests.conftest import CliArchive

pytestmark = pytest.mark.skipif(shutil.which("mpv") is None, reason="mpv is not installed")


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("video") / "feeding01.mkv"
    subprocess.run(
        [
            "mpv", "--no-config", "av://lavfi:testsrc=duration=20:size=160x120:rate=25",
            f"--o={path}", "--ovc=mpeg4", "--ovcopts=g=25",
        ],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return path


def _text(app) -> str:
    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        parts += [" ".join(map(str, table.get_row_at(r))) for r in range(table.row_count)]
    return "\n".join(parts)


async def _until(pilot, check, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the app did not get there in time"
        await pilot.pause(0.1)


@pytest.mark.slow
async def test_a_trainee_codes_the_pack_and_sees_feedback_after_the_end(
    demo_archive: CliArchive, master: Session, clip: Path
) -> None:
    """The trainee could not code a pack in the app, would see the master's codes while
    coding, or would get no feedback when the session ends."""
    pack = make_pack("feeding01", master, read_facts(clip, duration=None), Criteria(0.85, 0.6))
    with open_archive(demo_archive.path) as archive:
        import_pack(archive, pack)
    request = NewSessionRequest(
        dyad=master.dyad,
        observer="T1",
        visit="training feeding01",
        context=master.context,
        scheme=master.scheme,
        recording=clip,
        training=pack.digest,
    )

    async def headless() -> Player:
        return await Player.start(headless=True)

    app = make_app(demo_archive.path, first=request, start_player=headless)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: type(app.screen).__name__ == "VideoCodingScreen")
        coding = _text(app)
        for event in master.events:
            assert f"{event.t:.3f}" not in coding and f"{event.t:06.1f}" not in coding
        hungry = next(c.key for c in master.scheme.cues if c.id == "hungry")
        await pilot.press(hungry)
        await pilot.press("x", "y")
        for _ in range(20):  # the ratings form (Esc skips it), then the summary
            await pilot.pause(0.2)
            if isinstance(app.screen, FeedbackScreen):
                break
            await pilot.press("escape" if "Ratings" in type(app.screen).__name__ else "enter")
        await _until(pilot, lambda: isinstance(app.screen, FeedbackScreen))
        shown = _text(app)
        assert "Training pack feeding01" in shown and "missed" in shown
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        first = feedback.result.disagreements[0]
        await pilot.press("enter")  # plays it: a loop from a little before to after
        await _until(pilot, lambda: feedback.link is not None, seconds=30)
        assert feedback.link is not None
        player = feedback.link.player
        start, end = loop_of(first.t, first.end)
        deadline = time.monotonic() + 10
        loop = None
        while time.monotonic() < deadline:  # set once the player has loaded the file
            loop = (await player.get("ab-loop-a"), await player.get("ab-loop-b"))
            if loop != ("no", "no"):
                break
            await pilot.pause(0.1)
        assert loop == (pytest.approx(start, abs=0.01), pytest.approx(end, abs=0.01))
        await pilot.press("escape")  # closes the player
        await pilot.pause(0.5)
        assert player.closed
    (attempt,) = read_record(demo_archive.path)
    assert attempt.observer == "T1" and not attempt.practice


def test_a_disagreement_plays_from_a_little_before_to_a_little_after() -> None:
    """Enter on a disagreement would start the loop after it, or run past the video's start."""
    assert loop_of(10.0, 13.0) == (7.0, 15.0)
    assert loop_of(1.0, 1.0) == (0.0, 3.0)
