"""Recording live sessions: durable on every key press, exact on every replay."""

from __future__ import annotations

import errno
import hashlib
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.changes import (
    EventAmended,
    EventRecorded,
    EventRemoved,
    SessionAnnotated,
    SessionEnded,
    SessionPaused,
    SessionResumed,
)
from observe.errors import ArchiveError
from observe.model import Event, new_id
from observe.store import Archive, journal

from .conftest import die, record


def test_a_key_press_appends_to_the_journal_and_rewrites_nothing(
    archive: Archive, live_session
) -> None:
    recorder = archive.recorder(live_session)
    session_file = archive.session_path(live_session.id)
    index_before = (archive.path / "index.json").read_bytes()
    file_before = session_file.read_bytes()
    journal_path = archive.journal_path(live_session.id)
    size_before = journal_path.stat().st_size
    (event,) = record(recorder, 1.5)
    assert recorder.session.events == (event,)
    assert journal_path.stat().st_size > size_before
    assert session_file.read_bytes() == file_before
    assert (archive.path / "index.json").read_bytes() == index_before


def test_a_resumed_session_continues_where_it_stopped(archive_dir: Path, live_session) -> None:
    """After a crash the home visitor resumes the session and codes on."""
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(live_session)
    first = record(recorder, 1.0, 2.0)
    recorder.apply(SessionPaused(2.5, "2026-03-02T10:00:03+00:00"))
    die(archive)  # no fold, no close: the process dies here
    with Archive.open(archive_dir) as archive:
        (summary,) = archive.list_sessions()
        assert summary.status == "paused" and summary.events == 2
        resumed = archive.recorder(archive.load(live_session.id))
        assert resumed.session.clock == 2.5
        resumed.apply(SessionResumed("2026-03-02T10:01:00+00:00"))
        later = record(resumed, 3.0)
        resumed.apply(SessionEnded(4.0, "2026-03-02T10:01:02+00:00"))
        resumed.close()
    with Archive.open(archive_dir) as archive:
        session = archive.load(live_session.id)
        assert [e.id for e in session.events] == [e.id for e in first + later]
        assert session.status == "ended" and len(session.pauses) == 1
        assert not archive.journal_path(live_session.id).exists()


def test_a_session_killed_after_live_folds_lists_every_event_at_the_next_open(
    archive_dir: Path, live_session
) -> None:
    """While a session is live its folds leave the index alone (it lists the session as
    it started); a kill then loses nothing the list shows: opening the archive folds the
    journal and lists every event, with the figures of the session as it was."""
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(live_session)
    record(recorder, 1.0, 2.0)
    recorder.fold()
    record(recorder, 3.0)
    recorder.fold()
    record(recorder, 4.0)
    die(archive)
    with Archive.open(archive_dir) as archive:
        (summary,) = archive.list_sessions()
        assert summary.events == 4 and summary.status == "live"
        assert [e.t for e in archive.load(live_session.id).events] == [1.0, 2.0, 3.0, 4.0]


def test_finishing_saves_the_file_records_its_digest_then_removes_the_journal(
    archive: Archive, live_session
) -> None:
    recorder = archive.recorder(live_session)
    record(recorder, 1.0, 2.0)
    recorder.apply(SessionEnded(3.0, "2026-03-02T10:00:03+00:00"))
    recorder.fold()
    assert not archive.journal_path(live_session.id).exists()
    document = archive._files.indexed(live_session.id)
    assert document is not None and document["status"] == "ended"
    file_bytes = archive.session_path(live_session.id).read_bytes()
    assert document["digest"] == hashlib.sha256(file_bytes).hexdigest()
    # Ratings entered after the end are journaled again and saved on the next fold.
    recorder.apply(SessionAnnotated({"overall_warmth": 4}, "calm visit"))
    recorder.close()
    assert archive.load(live_session.id).ratings == {"overall_warmth": 4}
    assert not archive.journal_path(live_session.id).exists()


def test_a_leftover_journal_of_an_ended_session_is_not_replayed_twice(
    archive_dir: Path, live_session
) -> None:
    """A crash between saving the ended session and removing its journal: pauses and
    undos (which cannot be applied twice safely) come back exactly once."""
    with Archive.open(archive_dir) as archive:
        recorder = archive.recorder(live_session)
        events = record(recorder, 1.0, 2.0, 3.0)
        recorder.apply(EventRemoved(events[1].id))
        recorder.apply(SessionPaused(3.5, "2026-03-02T10:00:04+00:00"))
        recorder.apply(SessionResumed("2026-03-02T10:00:09+00:00"))
        recorder.apply(SessionEnded(4.0, "2026-03-02T10:00:10+00:00"))
        journal_path = archive.journal_path(live_session.id)
        shutil.copy(journal_path, journal_path.with_suffix(".saved"))
        recorder.close()
        expected = archive.load(live_session.id)
    shutil.move(journal_path.with_suffix(".saved"), journal_path)
    with Archive.open(archive_dir) as archive:
        assert archive.load(live_session.id) == expected
        assert len(expected.pauses) == 1 and len(expected.events) == 2
        assert not journal_path.exists()
        assert archive.problems == []


def test_a_full_disk_fails_the_key_press_cleanly_and_a_retry_succeeds(
    archive: Archive, live_session, monkeypatch
) -> None:
    recorder = archive.recorder(live_session)
    record(recorder, 1.0)
    journal_path = archive.journal_path(live_session.id)
    before_bytes, before_session = journal_path.read_bytes(), recorder.session
    real_write_all = journal.write_all

    def half_then_full(fd: int, data: bytes) -> None:
        real_write_all(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(journal, "write_all", half_then_full)
    change = EventRecorded(Event(new_id(), "feed", 2.0))
    with pytest.raises(ArchiveError, match="the disk is full") as raised:
        recorder.apply(change)
    assert str(journal_path) in str(raised.value)
    assert journal_path.read_bytes() == before_bytes
    assert recorder.session == before_session
    monkeypatch.undo()
    recorder.apply(change)  # the caller kept the change and retries
    assert [e.t for e in archive.load(live_session.id).events] == [1.0, 2.0]
    recorder.close()
    with Archive.open(archive.path, readonly=True) as again:
        assert [e.t for e in again.load(live_session.id).events] == [1.0, 2.0]
        assert again.problems == []


def test_a_failed_fsync_is_a_failed_key_press(archive: Archive, live_session, monkeypatch) -> None:
    recorder = archive.recorder(live_session)
    journal_path = archive.journal_path(live_session.id)
    before = journal_path.read_bytes()

    def denied(fd: int) -> None:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(journal, "durable_fsync", denied)
    with pytest.raises(ArchiveError, match="permission was denied"):
        record(recorder, 1.0)
    monkeypatch.undo()
    assert journal_path.read_bytes() == before and recorder.session.events == ()


def test_folding_on_a_worker_thread_while_coding_loses_nothing(
    archive_dir: Path, live_session
) -> None:
    with Archive.open(archive_dir) as archive:
        recorder = archive.recorder(live_session)
        stop = threading.Event()
        failures: list[BaseException] = []

        def fold_repeatedly() -> None:
            try:
                while not stop.is_set():
                    recorder.fold()
            except BaseException as error:
                failures.append(error)

        worker = threading.Thread(target=fold_repeatedly)
        worker.start()
        events = record(recorder, *[n * 0.1 for n in range(200)])
        stop.set()
        worker.join()
        assert failures == []
        expected = recorder.session
        die(archive)  # without a final fold
    with Archive.open(archive_dir) as archive:
        assert archive.load(live_session.id) == expected
        assert [e.id for e in expected.events] == [e.id for e in events]


def test_one_session_has_one_recorder(archive: Archive, live_session) -> None:
    archive.recorder(live_session)
    with pytest.raises(ArchiveError, match="already being recorded"):
        archive.recorder(live_session)
    with pytest.raises(ArchiveError, match="end it before deleting"):
        archive.delete(live_session.id)


def test_a_closed_recording_frees_its_session_in_the_same_window(
    archive: Archive, live_session
) -> None:
    """Once its recorder closes, the session may be resumed or deleted without reopening
    the archive (otherwise it would stay "being recorded" until observe restarts)."""
    archive.recorder(live_session).close()
    resumed = archive.recorder(live_session)
    record(resumed, 1.0)
    resumed.close()
    archive.delete(live_session.id)
    assert archive.list_sessions() == []


operations = st.lists(
    st.sampled_from(
        ["record", "undo", "redo", "amend", "pause", "resume", "fold", "end", "annotate"]
    ),
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(script=operations)
def test_undo_redo_and_edits_replay_exactly(
    tmp_path_factory, make_session, script: list[str]
) -> None:
    """Whatever mix of coding, undo, redo, edits, pauses and folds, and wherever the
    process stops, reopening the archive gives exactly the session on screen."""
    archive_dir = tmp_path_factory.mktemp("replay")
    with Archive.open(archive_dir) as archive:
        recorder = archive.recorder(make_session(status="live"))
        undone: list[Event] = []
        t = 0.0
        for step in script:
            session = recorder.session
            if step == "record":
                t += 1.0
                record(recorder, t)
            elif step == "undo" and session.events:
                undone.append(session.events[-1])
                recorder.apply(EventRemoved(session.events[-1].id))
            elif step == "redo" and undone:
                recorder.apply(EventRecorded(undone.pop()))
            elif step == "amend" and session.events:
                first = session.events[0]
                recorder.apply(EventAmended(Event(first.id, "tired", first.t + 0.25, intensity=2)))
            elif step == "pause":
                recorder.apply(SessionPaused(t, "2026-03-02T10:00:00+00:00"))
            elif step == "resume":
                recorder.apply(SessionResumed("2026-03-02T10:00:05+00:00"))
            elif step == "annotate":
                recorder.apply(SessionAnnotated({"overall_warmth": 3}, f"note {t}"))
            elif step == "end":
                recorder.apply(SessionEnded(t, "2026-03-02T10:10:00+00:00"))
            elif step == "fold":
                recorder.fold()
        expected = recorder.session
        die(archive)  # stop without a final fold
    with Archive.open(archive_dir) as archive:
        assert archive.load(expected.id) == expected
