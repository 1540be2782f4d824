"""The Training entry of the terminal app: packs and attempts, and an attempt's feedback."""

from __future__ import annotations

from pathlib import Path

from observe.model import Session
from observe.tui.app import make_app
from observe.tui.screens.training import TrainingScreen
from observe.tui.screens.training_feedback import FeedbackScreen
from tests.conftest import CliArchive


def _screen_text(app) -> str:
    from textual.widgets import DataTable, Static

    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        for row in range(table.row_count):
            parts.append(" ".join(str(c) for c in table.get_row_at(row)))
    return "\n".join(parts)


async def test_training_lists_attempts_and_shows_feedback_after_submit(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """The home screen's t would not open training, an attempt would not be listed, or its
    feedback would not list its disagreements."""
    listed = demo_archive.run("train", str(pack_file))
    assert listed.exit_code == 0
    app = make_app(demo_archive.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        before = _screen_text(app)
        assert "feeding01" in before and "No attempts yet." in before
        for event in master.events:  # nothing of the master coding before a submit
            assert f"{event.t:.3f}" not in before
        await pilot.press("escape")
    trainee, changed = scripted_trainee(master)
    demo_archive.store(trainee)
    demo_archive.run("train", "submit", str(pack_file), trainee.id[:8], "--video", str(video))
    app = make_app(demo_archive.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert "T1" in _screen_text(app) and "pass" in _screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        shown = _screen_text(app)
        assert "onset 3.0 s late" in shown and "substituted" in shown and "missed" in shown
        assert changed["missed"].code in shown
