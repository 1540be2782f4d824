"""``import-bundle`` does work in proportion to what it adds.

A programme archive grows to thousands of sessions and takes in bundles from several
laptops: importing one must not rewrite the whole index once per session (500 sessions
once cost 2,003 fsyncs and 125,751 JSON encodes), and importing the same bundle again
must write nothing. The counts here are the promise of ``observe.store.merge``: N session
files cost N + 3 fsyncs (each file once, ``sessions/`` once, the index and the archive
folder once each), plus two for the lock's note of who holds it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC
from hashlib import sha256
from pathlib import Path

import pytest
from attrs import evolve
from click.testing import CliRunner, Result

from observe.changes import SessionEnded, SessionPaused
from observe.cli import main
from observe.interchange.bundle import bundle_text
from observe.model import Session
from observe.store import Archive, atomic, sessionfile
from observe.store.sessionfile import read_session_file, session_file_bytes

from .conftest import record

LOCK_NOTE_FSYNCS = 2  # archive.lock.owner: the file and the archive folder


def observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    calls: list[int] = []
    real = os.fsync

    def counting(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", counting)
    yield calls


@pytest.fixture
def encodes(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    real = json.dumps

    def counting(value: object, **kwargs: object) -> str:
        calls.append(value)
        return real(value, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(json, "dumps", counting)
    return calls


def sessions(make_session, count: int, first: int = 0) -> list[Session]:
    return [
        make_session([(1.0, "hungry"), (2.0, "feed")], dyad=f"D{number:03d}")
        for number in range(first, first + count)
    ]


def written(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of the archive with its inode, size and change time."""
    return {
        str(path.relative_to(folder)): (s.st_ino, s.st_size, s.st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and not path.name.startswith("archive.lock")
        for s in [path.stat()]
    }


@pytest.fixture
def big_archive(tmp_path: Path, make_session) -> Path:
    path = tmp_path / "archive"
    with Archive.open(path) as archive:
        archive.add_many(sessions(make_session, 60, first=1000))
    return path


def test_an_import_writes_each_file_once_and_the_index_once(
    big_archive: Path, tmp_path: Path, make_session, fsyncs: list[int], encodes: list[object]
) -> None:
    """20 new sessions into an archive of 60: 20 + 3 fsyncs (and the lock's note), and the
    index encodes the 20 new documents only, not the 60 already there."""
    bundle = tmp_path / "bundle.json"
    bundle.write_text(bundle_text(sessions(make_session, 20)))
    fsyncs.clear(), encodes.clear()
    result = observe(big_archive, "import-bundle", str(bundle))
    assert result.exit_code == 0 and "imported 20 new sessions" in result.output
    assert len(fsyncs) == 20 + 3 + LOCK_NOTE_FSYNCS
    documents = [value for value in encodes if isinstance(value, dict) and "digest" in value]
    assert len(documents) == 20
    with Archive.open(big_archive, readonly=True) as archive:
        assert len(archive.list_sessions()) == 80


def test_importing_the_same_bundle_again_writes_nothing(
    big_archive: Path, tmp_path: Path, make_session, fsyncs: list[int], monkeypatch
) -> None:
    """Nothing in the archive changes, nothing is fsync'd but the lock's note, and no
    stored session is read: not by the same file, nor by another export of the same
    sessions (a new file, which is read and compared by digest)."""
    incoming = sessions(make_session, 20)
    bundle, again = tmp_path / "bundle.json", tmp_path / "exported-again.json"
    bundle.write_text(bundle_text(incoming))
    observe(big_archive, "import-bundle", str(bundle))
    again.write_text(bundle_text(incoming).replace('"exported_at": "', '"exported_at": "x'))
    reads: list[Path] = []
    real_read = sessionfile.read_session_file
    monkeypatch.setattr(
        "observe.store.replay.read_session_file", lambda p: reads.append(p) or real_read(p)
    )
    for file in (bundle, again, bundle):
        before = written(big_archive)
        fsyncs.clear()
        result = observe(big_archive, "import-bundle", str(file))
        assert result.exit_code == 0, result.output
        assert "imported 0 new sessions" in result.output
        assert "20 sessions already in the archive, unchanged" in result.output
        assert written(big_archive) == before
        assert len(fsyncs) == LOCK_NOTE_FSYNCS
    assert reads == []


def test_a_bundle_exported_again_builds_only_the_sessions_the_archive_lacks(
    big_archive: Path, tmp_path: Path, make_session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another file holding the same sessions (exported again later, in another order, with
    two more): the twenty stored as they are are recognised from their JSON before they
    are built or checked (building and checking is most of an import's cost), the two
    new ones are built, checked and stored; and that file imported once more is recognised
    whole, unread."""
    from observe.interchange import bundle as bundle_module

    incoming = sessions(make_session, 20)
    first = tmp_path / "bundle.json"
    first.write_text(bundle_text(incoming))
    observe(big_archive, "import-bundle", str(first))
    built: list[object] = []
    real_structure = bundle_module.structure_exactly
    monkeypatch.setattr(
        bundle_module,
        "structure_exactly",
        lambda item, kind: built.append(item) or real_structure(item, kind),
    )
    more = sessions(make_session, 2, first=500)
    again = tmp_path / "exported-again.json"
    again.write_text(bundle_text([*more, *reversed(incoming)]))
    result = observe(big_archive, "import-bundle", str(again))
    assert result.exit_code == 0, result.output
    assert "imported 2 new sessions" in result.output
    assert "20 sessions already in the archive, unchanged" in result.output
    assert [item["id"] for item in built] == [s.id for s in more]  # type: ignore[index]
    built.clear()
    before = written(big_archive)
    result = observe(big_archive, "import-bundle", str(again))
    assert "22 sessions already in the archive, unchanged" in result.output
    assert built == [] and written(big_archive) == before
    with Archive.open(big_archive, readonly=True) as archive:
        assert len(archive.list_sessions()) == 82
        assert archive.load(more[0].id) == more[0]


def test_the_same_sessions_exported_again_are_recognised_without_being_read(
    big_archive: Path, tmp_path: Path, make_session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``observe export`` run again another day (by another version of observe, even)
    writes another file: only when and by what it was exported differ, so it is known as
    the bundle imported before, unparsed; a change to one byte of a session is not."""
    from datetime import datetime, timedelta

    from observe.interchange import bundle as bundle_module
    from observe.interchange.bundle import bundle_identity

    incoming = sessions(make_session, 5)
    monday = datetime(2026, 3, 2, 10, tzinfo=UTC)
    first = tmp_path / "monday.json"
    first.write_text(bundle_text(incoming, exported_at=monday))
    observe(big_archive, "import-bundle", str(first))
    again = tmp_path / "friday.json"
    later = bundle_text(incoming, exported_at=monday + timedelta(days=4))
    again.write_text(later.replace('"generator": "observe ', '"generator": "observe 9.'))
    assert again.read_bytes() != first.read_bytes()
    assert bundle_identity(again.read_bytes()) == bundle_identity(first.read_bytes())
    read: list[str] = []
    real_read = bundle_module.read_bundle
    monkeypatch.setattr(
        bundle_module, "read_bundle", lambda *a, **k: read.append(a[1]) or real_read(*a, **k)
    )
    result = observe(big_archive, "import-bundle", str(again))
    assert "5 sessions already in the archive, unchanged" in result.output
    assert read == []
    changed = later.replace('"dyad": "D001"', '"dyad": "D00X"')
    assert bundle_identity(changed.encode()) != bundle_identity(first.read_bytes())


@pytest.mark.parametrize("change", ["a time out of range", "the same id twice"])
def test_a_stored_session_changed_in_the_bundle_is_built_and_checked(
    big_archive: Path, tmp_path: Path, make_session, change: str
) -> None:
    """Only JSON that makes the stored file byte for byte is taken as the stored session:
    one changed value makes it a session like any other, checked and refused here (and a
    bundle holding a session both as stored and changed is refused: which is right cannot
    be known). The archive is unchanged."""
    incoming = sessions(make_session, 3)
    first = tmp_path / "bundle.json"
    first.write_text(bundle_text(incoming))
    observe(big_archive, "import-bundle", str(first))
    data = json.loads(bundle_text(incoming))
    if change == "a time out of range":
        data["sessions"][1]["events"][0]["t"] = 1e300
        expected = "time 1e+300 s is after the end of the session"
    else:
        twin = json.loads(json.dumps(data["sessions"][1]))
        twin["notes"] = "changed"
        data["sessions"].append(twin)
        expected = f"holds session {incoming[1].id[:8]} twice with different content"
    again = tmp_path / "exported-again.json"
    again.write_text(json.dumps(data))
    before = written(big_archive)
    result = observe(big_archive, "import-bundle", str(again))
    assert result.exit_code == 1 and expected in result.output, result.output
    assert written(big_archive) == before


def test_a_bundle_is_read_again_once_a_session_of_it_changed_or_was_deleted(
    big_archive: Path, tmp_path: Path, make_session
) -> None:
    """Recognising a bundle imported before never hides what importing it would do."""
    incoming = sessions(make_session, 3)
    bundle = tmp_path / "bundle.json"
    bundle.write_text(bundle_text(incoming))
    observe(big_archive, "import-bundle", str(bundle))
    with Archive.open(big_archive) as archive:
        archive.add(evolve(incoming[0], notes="edited here"))
        archive.delete(incoming[1].id)
    result = observe(big_archive, "import-bundle", str(bundle))
    assert "imported 1 new session " in result.output
    assert "1 session already in the archive, unchanged" in result.output
    assert "left as they are (1)" in result.stderr
    replaced = observe(big_archive, "import-bundle", "--replace", str(bundle))
    assert "1 session replaced by the bundle's version" in replaced.output
    with Archive.open(big_archive, readonly=True) as archive:
        assert archive.load(incoming[0].id) == incoming[0]
        assert archive.load(incoming[1].id) == incoming[1]
    quiet = observe(big_archive, "import-bundle", str(bundle))
    assert "3 sessions already in the archive, unchanged" in quiet.output and not quiet.stderr


def test_a_session_recorded_here_is_compared_as_a_session(
    big_archive: Path, tmp_path: Path, live_session: Session
) -> None:
    """Its file carries its journal's bookkeeping, so its digest differs from the one a
    bundle would write: it is read and found the same, not taken for a different one."""
    with Archive.open(big_archive) as archive:
        recorder = archive.recorder(live_session)
        record(recorder, 1.0)
        recorder.apply(SessionEnded(duration=2.0, wall="2026-03-02T10:05:00+00:00"))
        recorder.close()
        stored = archive.load(live_session.id)
        assert stored.status == "ended"
        document = archive._files.indexed(live_session.id)
    assert document is not None
    assert document["digest"] != sha256(session_file_bytes(stored, None, 0)).hexdigest()
    bundle = tmp_path / "bundle.json"
    bundle.write_text(bundle_text([stored]))
    result = observe(big_archive, "import-bundle", str(bundle))
    assert "1 session already in the archive, unchanged" in result.output, result.output
    assert not result.stderr


def test_a_live_fold_leaves_the_index_and_a_pause_encodes_only_its_own_document(
    big_archive: Path, live_session: Session, encodes: list[object]
) -> None:
    """The coding screen folds every few seconds while the observer codes: those folds
    must not rewrite the archive's index (for a year's archive a megabyte written and
    fsync'd beside the key presses); a pause lists the session's events, and that index
    write encodes no other session again."""
    index = big_archive / "index.json"
    with Archive.open(big_archive) as archive:
        recorder = archive.recorder(live_session)
        record(recorder, 1.0, 2.0)
        before = index.read_bytes()
        encodes.clear()
        recorder.fold()
        assert index.read_bytes() == before, "a live session's fold rewrote the index"
        assert not [value for value in encodes if isinstance(value, dict) and "digest" in value]
        saved = read_session_file(archive.session_path(live_session.id)).session
        assert len(saved.events) == 2, "the fold wrote the session file"
        recorder.apply(SessionPaused(t=3.0, wall="2026-03-01T10:00:03+00:00"))
        encodes.clear()
        recorder.fold()
        documents = [value for value in encodes if isinstance(value, dict) and "digest" in value]
        assert [d["id"] for d in documents] == [live_session.id]
        recorder.close()
    with Archive.open(big_archive, readonly=True) as archive:
        (listed,) = [s for s in archive.list_sessions() if s.id == live_session.id]
        assert listed.events == 2 and listed.status == "paused"
        assert len(archive.list_sessions()) == 61


def test_an_index_in_another_layout_is_read_and_rewritten_in_this_one(
    big_archive: Path, make_session
) -> None:
    """An index written by an older observe (all on one line) still lists every session,
    and the next write lays it out one document a line."""
    index = big_archive / "index.json"
    table = json.loads(index.read_text())
    index.write_text(json.dumps(table))
    with Archive.open(big_archive) as archive:
        assert len(archive.list_sessions()) == 60
        archive.add(make_session(dyad="NEW"))
    assert index.read_text().count("\n") == 61 + 1
    with Archive.open(big_archive, readonly=True) as archive:
        assert len(archive.list_sessions()) == 61


def test_the_batch_leaves_no_temporary_file_when_the_disk_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    batch = atomic.Batch()
    batch.add(tmp_path / "a.json", b"{}")
    monkeypatch.setattr(atomic, "write_all", lambda fd, data: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))  # fmt: skip
    with pytest.raises(OSError):
        batch.add(tmp_path / "b.json", b"{}")
    assert list(tmp_path.iterdir()) == []
