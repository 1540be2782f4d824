"""Recording goes on through a full disk and a damaged neighbour (DESIGN §3: never lose
an observation).

If these failed, a home visitor's laptop filling up while the session is saved, or one
damaged file of another family's visit, could cost events of the visit being coded now.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from observe.changes import SessionEnded
from observe.errors import ArchiveError
from observe.model import new_id
from observe.store import Archive, atomic

from .conftest import record


def test_a_full_disk_while_saving_the_session_file_loses_no_event(
    archive: Archive, live_session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fold fails with a sentence; key presses keep being journaled; the next fold
    succeeds and every event is there after reopening."""
    recorder = archive.recorder(live_session)
    record(recorder, 1.0, 2.0)
    recorder.fold()
    session_path = archive.session_path(live_session.id)
    saved = session_path.read_bytes()

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "write_all", full)
    record(recorder, 3.0)
    with pytest.raises(ArchiveError, match="the disk is full") as raised:
        recorder.fold()
    assert str(session_path) in str(raised.value) and "nothing saved before was lost" in str(
        raised.value
    )
    assert session_path.read_bytes() == saved, "the old session file is kept whole"
    assert not [p for p in session_path.parent.iterdir() if p.name.endswith(".tmp")]
    record(recorder, 4.0)  # coding goes on while the disk is full for the session file
    monkeypatch.undo()
    recorder.apply(SessionEnded(5.0, "2026-03-02T10:00:05+00:00"))
    recorder.fold()
    assert not archive.journal_path(live_session.id).exists(), "finished once it could save"
    recorder.close()
    with Archive.open(archive.path, readonly=True) as again:
        restored = again.load(live_session.id)
        assert [e.t for e in restored.events] == [1.0, 2.0, 3.0, 4.0]
        assert restored.status == "ended" and again.problems == []


def test_a_damaged_neighbour_stops_neither_recording_nor_listing(
    archive_dir: Path, make_session
) -> None:
    """Another session's file turning to garbage, and a stray file dropped into
    ``sessions/``, while a session is recorded: it records, folds and ends as usual, the
    others still list, and the damaged file is named and left as it was."""
    neighbour, other = make_session(dyad="D002"), make_session(dyad="D003")
    live = make_session(dyad="D001", status="live")
    with Archive.open(archive_dir) as archive:
        archive.add_many([neighbour, other])
        recorder = archive.recorder(live)
        record(recorder, 1.0)
        damaged = archive.session_path(neighbour.id)
        damaged.write_bytes(b'{"session": {"1": {"format": 1, "sess')
        (archive.sessions_dir / "copy of visit.json").write_text("not a session")
        (archive.sessions_dir / f"{new_id()}.journal").write_bytes(b"\x00garbage")
        record(recorder, 2.0, 3.0)
        recorder.fold()
        assert {s.dyad for s in archive.list_sessions()} == {"D001", "D002", "D003"}
        assert archive.load(other.id) == other
        with pytest.raises(ArchiveError, match="is damaged"):
            archive.load(neighbour.id)
        record(recorder, 4.0)
        recorder.apply(SessionEnded(5.0, "2026-03-02T10:00:05+00:00"))
        recorder.fold()
        recorder.close()
    with Archive.open(archive_dir) as reopened:  # recovery runs over the damaged files
        ended = reopened.load(live.id)
        assert [e.t for e in ended.events] == [1.0, 2.0, 3.0, 4.0]
        assert ended.status == "ended"
        assert {s.dyad for s in reopened.list_sessions()} >= {"D001", "D003"}
        with pytest.raises(ArchiveError, match="is damaged") as raised:
            reopened.load(neighbour.id)  # named when opened (listing reads only the index)
        assert str(damaged) in str(raised.value)
        assert any("copy of visit.json" in problem for problem in reopened.problems)
    assert damaged.read_bytes() == b'{"session": {"1": {"format": 1, "sess'
