"""Opening an archive reads only what needs repair, and still repairs all of it.

Opening lists ``sessions/`` once and compares it with the index: the home screen of an
archive of 2,000 sessions must not wait for 2,000 files to be read. These tests pin down
that nothing a crash leaves behind is missed because of that.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.errors import ArchiveError
from observe.store import Archive, recovery, replay

from .conftest import die, record


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every session file read: to replay a journal, or to index an unlisted file."""
    seen: list[Path] = []
    original = replay.read_session_file

    def counting(path: Path):  # type: ignore[no-untyped-def]
        seen.append(path)
        return original(path)

    monkeypatch.setattr(replay, "read_session_file", counting)
    monkeypatch.setattr(recovery, "read_session_file", counting)
    return seen


def test_opening_reads_only_the_session_that_has_a_journal(
    archive_dir: Path, make_session, live_session, reads: list[Path]
) -> None:
    """Saved sessions are not read on opening; the interrupted one is replayed."""
    saved = [make_session(dyad=f"D{n}") for n in range(5)]
    archive = Archive.open(archive_dir)
    archive.add_many(saved)
    events = record(archive.recorder(live_session), 1.0, 2.0)
    die(archive)
    reads.clear()
    with Archive.open(archive_dir) as archive:
        assert reads == [archive.session_path(live_session.id)]
        assert archive.problems == []
        assert len(archive.list_sessions()) == 6
        assert archive.load(live_session.id).events == tuple(events)


def test_a_leftover_journal_is_folded_into_its_file_on_opening(
    archive_dir: Path, make_session, live_session
) -> None:
    """Events only in the journal reach the session file and the index on a writable
    open; the journal of a session still live stays, ready to resume."""
    archive = Archive.open(archive_dir)
    archive.add_many([make_session(dyad=f"D{n}") for n in range(3)])
    recorder = archive.recorder(live_session)
    recorder.fold()
    events = record(recorder, 1.0, 2.0, 3.0)  # after the last fold: journal only
    die(archive)
    session_path = archive_dir / "sessions" / f"{live_session.id}.json"
    before = session_path.read_bytes()
    with Archive.open(archive_dir) as archive:
        assert session_path.read_bytes() != before
        (summary,) = [s for s in archive.list_sessions() if s.id == live_session.id]
        assert summary.events == 3 and summary.status == "live"
        assert archive.load(live_session.id).events == tuple(events)
        assert archive.journal_path(live_session.id).exists()


def test_a_read_only_open_replays_a_journal_without_writing(
    archive_dir: Path, live_session
) -> None:
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(live_session)
    recorder.fold()
    events = record(recorder, 1.0, 2.0)
    die(archive)
    folder = archive_dir / "sessions"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    with Archive.open(archive_dir, readonly=True) as archive:
        assert archive.load(live_session.id).events == tuple(events)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_unlisted_sessions_are_indexed_among_many_listed_ones(
    archive_dir: Path, make_session
) -> None:
    """Sessions copied into ``sessions/`` by hand (or saved just before a crash, before
    their index entry) are listed on the next open."""
    listed = [make_session(dyad=f"L{n}") for n in range(4)]
    copied = [make_session(dyad=f"C{n}") for n in range(2)]
    elsewhere = archive_dir.parent / "elsewhere"
    with Archive.open(elsewhere) as other:
        other.add_many(copied)
    with Archive.open(archive_dir) as archive:
        archive.add_many(listed)
    for session in copied:
        name = f"{session.id}.json"
        (archive_dir / "sessions" / name).write_bytes((elsewhere / "sessions" / name).read_bytes())
    with Archive.open(archive_dir) as archive:
        assert {s.dyad for s in archive.list_sessions()} == {"L0", "L1", "L2", "L3", "C0", "C1"}
        assert archive.load(copied[1].id) == copied[1]
        assert archive.problems == []


def test_a_damaged_unlisted_file_is_named_on_opening(archive_dir: Path, make_session) -> None:
    """A damaged file the index does not list is read on opening, so it is named there."""
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    stray = archive_dir / "sessions" / "0123456789abcdef0123456789abcdef.json"
    stray.write_bytes(b'{"half a sess')
    with Archive.open(archive_dir) as archive:
        assert len(archive.list_sessions()) == 1
        assert any(str(stray) in p and "damaged" in p for p in archive.problems)
    assert stray.read_bytes() == b'{"half a sess'


def test_a_damaged_listed_file_is_named_when_it_is_loaded(archive_dir: Path, make_session) -> None:
    """A listed file is not read on opening: its damage is named the moment someone
    opens that session, and it stays listed (so it can be found and deleted)."""
    good, bad = make_session(dyad="D1"), make_session(dyad="D2")
    with Archive.open(archive_dir) as archive:
        archive.add_many([good, bad])
        bad_path = archive.session_path(bad.id)
    bad_path.write_bytes(b"\x00garbage")
    with Archive.open(archive_dir) as archive:
        assert archive.problems == []
        assert {s.dyad for s in archive.list_sessions()} == {"D1", "D2"}
        with pytest.raises(ArchiveError, match="damaged"):
            archive.load(bad.id)
        assert any(str(bad_path) in p for p in archive.problems)


def test_folders_and_other_files_in_sessions_are_left_alone(
    archive_dir: Path, make_session
) -> None:
    session = make_session()
    with Archive.open(archive_dir) as archive:
        archive.add(session)
    folder = archive_dir / "sessions"
    (folder / "notes.json").mkdir()
    (folder / "README.txt").write_text("copied from the laptop")
    with Archive.open(archive_dir) as archive:
        assert [s.id for s in archive.list_sessions()] == [session.id]
        assert archive.stored_ids() == [session.id]
        assert archive.problems == []
    assert (folder / "notes.json").is_dir() and (folder / "README.txt").exists()


def test_leftover_temporary_files_next_to_the_index_are_cleaned_up(
    archive_dir: Path, make_session
) -> None:
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    leftover = archive_dir / ".index.json.0123456789ab.tmp"
    leftover.write_bytes(b"half an index")
    with Archive.open(archive_dir) as archive:
        assert not leftover.exists()
        assert len(archive.list_sessions()) == 1


def test_a_read_only_open_lists_sessions_the_index_does_not(
    archive_dir: Path, make_session
) -> None:
    """With index.json gone, `observe session list` (read-only) still shows every session
    and says why, instead of reporting an empty archive; it writes nothing."""
    stored = [make_session(dyad=f"D{n}") for n in range(3)]
    with Archive.open(archive_dir) as archive:
        archive.add_many(stored)
    (archive_dir / "index.json").unlink()
    with Archive.open(archive_dir, readonly=True) as reader:
        assert {s.id for s in reader.list_sessions()} == {s.id for s in stored}
        assert any("were not in the index" in problem for problem in reader.problems)
    assert not (archive_dir / "index.json").exists(), "a read-only open writes nothing"
    with Archive.open(archive_dir) as writer:
        assert len(writer.list_sessions()) == 3
        assert writer.problems == []
    assert (archive_dir / "index.json").exists(), "the writable open repairs the index"
