"""A trainee starts coding a pack from the Training screen (fake players, as the video
coding tests): ``i`` imports the pack file, ``c`` asks for the recording (typed in already
where the pack's video is beside a recording coded before) and the observer code, then the
video coding screen of ``observe code --video``, and the feedback when the session ends.
If these failed, a trainee could start a pack only from the command line, would be shown
the master's codes, or would get no feedback in the app."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from observe.model import Session
from observe.store.recording_paths import remember_recording
from observe.training.record_file import read_record
from observe.tui.app import make_app
from observe.tui.dialogs.recording_picker import RecordingPicker
from observe.tui.dialogs.training import PackImport, TraineeDialog
from observe.tui.screens.training import TrainingScreen
from observe.tui.screens.training_feedback import FeedbackScreen
from tests.conftest import CliArchive
from tests.tui.video_harness import coding_screen, settled
from tests.tui.waiting import wait_until


def _text(app) -> str:
    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        parts += [" ".join(map(str, table.get_row_at(r))) for r in range(table.row_count)]
    return "\n".join(parts)


def _no_master_code(master: Session, shown: str) -> None:
    for event in master.events:
        assert f"{event.t:.3f}" not in shown and f"{event.t:06.1f}" not in shown


async def test_a_trainee_imports_and_codes_a_pack_from_the_training_screen(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, players
) -> None:
    # a recording coded before from another folder's neighbour: the pack's video is there
    remember_recording(demo_archive.path, "earlier", video.parent / "another-visit.mkv")
    app = make_app(demo_archive.path, start_player=players.start)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TrainingScreen), "training")
        training = app.screen
        await pilot.press("c")  # no pack yet: says how to import one
        await pilot.pause()
        assert isinstance(app.screen, TrainingScreen)
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, PackImport), "the import")
        app.screen.query_one("#path", Input).value = str(pack_file.parent / "nothing.obpack")
        await pilot.press("enter")
        await pilot.pause()
        problem = str(app.screen.query_one("#problems", Static).render())
        assert problem.startswith("✗ There is no file ") and "nothing.obpack" in problem
        app.screen.query_one("#path", Input).value = str(pack_file)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is training, "the pack imported")
        assert "feeding01" in _text(app)
        _no_master_code(master, _text(app))
        await pilot.press("c")  # one pack: its recording at once, found beside the earlier
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingPicker), "the picker")
        assert app.screen.query_one("#path", Input).value == str(video)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TraineeDialog), "the observer")
        app.screen.query_one("#observer", Input).value = "  "
        await pilot.press("enter")
        await pilot.pause()
        assert "Enter your observer code" in str(app.screen.query_one("#problems").render())
        app.screen.query_one("#observer", Input).value = "T9"
        await pilot.press("enter")
        coding = await coding_screen(pilot)
        await settled(pilot, coding)
        _no_master_code(master, _text(app))
        assert coding.live.session.training is not None
        assert coding.live.session.observer == "T9"
        hungry = next(c.key for c in master.scheme.cues if c.id == "hungry")
        await pilot.press(hungry)
        await pilot.press("x", "y")
        for _ in range(40):  # the ratings form (Esc skips it), then the summary
            await pilot.pause(0.2)
            if isinstance(app.screen, FeedbackScreen):
                break
            await pilot.press("escape" if "Ratings" in type(app.screen).__name__ else "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "feedback")
        assert "Training pack feeding01" in _text(app) and "missed" in _text(app)
    (attempt,) = read_record(demo_archive.path)
    assert attempt.observer == "T9" and not attempt.practice  # the pack's own video


def test_the_observer_dialog_over_the_training_screen_at_80_by_24(
    snap_compare, isolated_data_dir: Path, make_session
) -> None:
    """The trainee is asked their observer code over the Training screen, which shows the
    pack (name, digest) and nothing of its master coding."""
    from datetime import UTC, datetime

    from attrs import evolve

    from observe.model import Recording
    from observe.training.criteria import Criteria
    from observe.training.pack import make_pack
    from observe.training.record_file import import_pack
    from observe.workspace import open_archive

    coded = make_session([(2.0, "hungry"), (4.0, "feed"), (9.0, "tired")], dyad="D001")
    events = tuple(evolve(e, id=f"{n:032x}") for n, e in enumerate(coded.events))
    master = evolve(coded, id="a" * 32, events=events, observer="MASTER")
    recording = Recording(name="feeding01.mkv", size=1000, sha256="b" * 64)
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    pack = make_pack("feeding01", master, recording, Criteria(0.85, 0.6), created_at=when)
    with open_archive(isolated_data_dir) as archive:
        import_pack(archive, pack)

    async def open_dialog(pilot) -> None:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TrainingScreen), "it")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecordingPicker), "it")
        pilot.app.screen.dismiss(isolated_data_dir / "feeding01.mkv")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TraineeDialog), "it")
        await pilot.pause()

    app = make_app(isolated_data_dir)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_dialog)


async def test_with_several_packs_the_trainee_chooses_one_and_sees_no_master_code(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, tmp_path: Path
) -> None:
    """Two packs: c lists both by name, recording and criteria, nothing of their master
    codings; Enter on the second asks for that pack's recording by its name."""
    from observe.tui.dialogs.training import PackChooser

    other = tmp_path / "play02.obpack"
    made = demo_archive.run(
        "train", "pack", master.id[:8], "--video", str(video),
        "--pass", "kappa>=0.70", "-o", str(other),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert demo_archive.run("train", str(pack_file)).exit_code == 0
    assert demo_archive.run("train", str(other)).exit_code == 0
    app = make_app(demo_archive.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TrainingScreen), "training")
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, PackChooser), "the chooser")
        listed = [
            str(o.prompt)
            for o in app.screen.query_one("#packs").options  # type: ignore[attr-defined]
        ]
        assert len(listed) == 2 and all("recording feeding01.mkv" in o for o in listed)
        assert any("kappa ≥ 0.70" in o for o in listed), listed
        _no_master_code(master, "\n".join(listed))
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingPicker), "the picker")
        assert "feeding01.mkv" in str(app.screen.query_one("#about").render())
