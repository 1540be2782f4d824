"""The review screen with the session's video (a fake mpv): v seeks to the event, s syncs the
clock at an event, m loops a moment; a missing player or file is one sentence.

If one of these failed, a reviewer pressing v would see another moment of the visit than
the event chosen, the sync key would set a wrong offset (or none, or one not journaled),
the moments would not play from review, or a missing mpv would crash the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve
from textual.widgets import Input, OptionList

from observe.analysis.replay import LEAD
from observe.media import MpvNotFound, Player
from observe.model import Recording
from observe.store import Archive
from observe.store.recording_paths import remember_recording
from observe.tui.dialogs.moments_list import MomentsDialog
from observe.tui.dialogs.recording_picker import RecordingPicker
from observe.tui.dialogs.video_sync import VideoSyncDialog
from observe.tui.screens import review_video
from observe.tui.screens.review import ReviewScreen

from ..tui.test_review import ReviewApp
from ..tui.waiting import wait_until as waited
from .fake_mpv import FakeMpv


@pytest.fixture
def connect_fake(fake: FakeMpv, monkeypatch: pytest.MonkeyPatch) -> FakeMpv:
    async def started() -> Player:
        return await Player.connect(fake.address, timeout=2.0)

    monkeypatch.setattr(review_video, "start_player", started)
    return fake


def store(tmp_path: Path, make_session, recording: Path | None, offset: float = 0.0) -> str:
    """hungry 1 s, feed 2.5 s, tired 10 s (unanswered), play 20 s; linked to ``recording``
    at ``offset`` when one is given."""
    session = make_session(
        [(1.0, "hungry"), (2.5, "feed", "point", 2), (10.0, "tired"), (20.0, "play")], duration=30.0
    )
    archive_dir = tmp_path / "archive"
    with Archive.open(archive_dir) as archive:
        if recording is not None:
            facts = Recording(
                name=recording.name, size=recording.stat().st_size, sha256="e" * 64, duration=30.0
            )
            session = evolve(session, recording=facts, recording_offset=offset)
            remember_recording(archive_dir, session.id, recording)
        archive.add(session)
    return session.id


async def wait_until(pilot, condition) -> None:
    await waited(pilot, condition, "the review screen and the player to get there")


def seeks(fake: FakeMpv) -> list[float]:
    return [command[1] for command in fake.received if command[0] == "seek"]


async def test_v_seeks_the_video_to_the_selected_event(
    tmp_path: Path, make_session, recording: Path, connect_fake: FakeMpv
) -> None:
    session_id = store(tmp_path, make_session, recording, offset=4.3)
    app = ReviewApp(Archive.open(tmp_path / "archive"), session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "v")  # tired at 10 s
        await wait_until(pilot, lambda: seeks(connect_fake) == [14.3])
        assert connect_fake.loaded == str(recording)
        await wait_until(pilot, lambda: any("Tired at 00:10.0" in p[1] for p in connect_fake.osd))
        await pilot.press("up", "v")  # feed at 2.5 s: the player is already open
        await wait_until(pilot, lambda: seeks(connect_fake) == [14.3, 6.8])
        assert [c for c in connect_fake.received if c[0] == "loadfile"].__len__() == 1


async def test_the_sync_key_sets_the_offset_at_the_frame_shown(
    tmp_path: Path, make_session, recording: Path, connect_fake: FakeMpv
) -> None:
    """The reviewer selects tired (10 s), moves the video to 17.2 s with the dialog's keys,
    presses Enter: the offset is 7.2 s, journaled and in the reloaded session."""
    session_id = store(tmp_path, make_session, recording)
    archive = Archive.open(tmp_path / "archive")
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "s")
        await wait_until(pilot, lambda: isinstance(app.screen, VideoSyncDialog))
        await wait_until(pilot, lambda: connect_fake.position == 10.0)  # where it is now
        for key in ("shift+right", "right", "right"):
            await pilot.press(key)  # 15 s, then 17 s
        await wait_until(pilot, lambda: connect_fake.position == 17.0)
        for _ in range(5):
            await pilot.press("full_stop")  # five frames on: 17.2 s
        await wait_until(pilot, lambda: connect_fake.position == 17.2)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.screen.session.recording_offset == 7.2
        await pilot.press("escape")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path / "archive") as reopened:
        assert reopened.load(session_id).recording_offset == 7.2


async def test_a_session_without_a_video_asks_for_the_file_then_syncs(
    tmp_path: Path, make_session, recording: Path, connect_fake: FakeMpv
) -> None:
    session_id = store(tmp_path, make_session, None)
    archive = Archive.open(tmp_path / "archive")
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")  # not there for a session without a video: nothing happens
        await pilot.pause()
        assert not connect_fake.received
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordingPicker))
        app.screen.query_one("#path", Input).value = str(recording)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, VideoSyncDialog))
        await wait_until(pilot, lambda: connect_fake.position == 1.0)
        await pilot.press("right", "right", "enter")  # hungry at 1 s is at 3 s of the video
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        session = app.screen.session
        assert session.recording is not None and session.recording.name == recording.name
        assert session.recording_offset == 2.0
        await pilot.press("escape")
        await pilot.pause()
    archive.close()


async def test_m_loops_the_chosen_moment(
    tmp_path: Path, make_session, recording: Path, connect_fake: FakeMpv
) -> None:
    """tired at 10 s went unanswered: moment 1 loops from 8 s (+ the 2 s offset)."""
    session_id = store(tmp_path, make_session, recording, offset=2.0)
    app = ReviewApp(Archive.open(tmp_path / "archive"), session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, MomentsDialog))
        assert app.screen.query_one(OptionList).option_count == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: connect_fake.properties["ab-loop-a"] == 10.0 - LEAD + 2)
        assert connect_fake.properties["pause"] is False
        await pilot.press("escape")
        await wait_until(pilot, lambda: connect_fake.properties["ab-loop-a"] == "no")
        assert isinstance(app.screen, ReviewScreen)


async def test_no_mpv_or_no_file_is_one_sentence(
    tmp_path: Path, make_session, recording: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def missing() -> Player:
        raise MpvNotFound()

    monkeypatch.setattr(review_video, "start_player", missing)
    session_id = store(tmp_path, make_session, recording)
    app = ReviewApp(Archive.open(tmp_path / "archive"), session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await wait_until(pilot, lambda: bool(app._notifications))
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "mpv" in said[0]
        recording.unlink()
        app.clear_notifications()
        await pilot.press("v")
        await wait_until(pilot, lambda: bool(app._notifications))
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "is not where it was linked from" in said[0]
        assert isinstance(app.screen, ReviewScreen)
