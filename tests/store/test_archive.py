"""Storing, listing, finding and deleting sessions; damaged files never spread."""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve

from observe.errors import ArchiveError, UnknownSession
from observe.store import Archive


def test_added_sessions_list_newest_first_and_load_unchanged(
    archive: Archive, make_session
) -> None:
    old = make_session([(1.0, "hungry"), (2.0, "feed")], started_at="2026-03-01T09:00:00+01:00")
    new = make_session([(1.0, "tired")], started_at="2026-03-01T08:30:00+00:00")
    archive.add(old)
    archive.add(new)
    assert [s.id for s in archive.list_sessions()] == [new.id, old.id]
    assert archive.load(old.id) == old
    summary = archive.list_sessions()[1]
    assert (summary.dyad, summary.events, summary.status, summary.scheme_id) == (
        "D001",
        2,
        "ended",
        "tiny",
    )


def test_sessions_of_a_dyad_come_oldest_first(archive: Archive, make_session) -> None:
    visits = [
        make_session(dyad="D7", visit=str(n), started_at=f"2026-0{n}-01T10:00:00+00:00")
        for n in (3, 1, 2)
    ]
    archive.add_many([*visits, make_session(dyad="D8")])
    assert [s.visit for s in archive.sessions("D7")] == ["1", "2", "3"]
    assert {s.dyad for s in archive.list_sessions("D8")} == {"D8"}


def test_the_figures_hook_fills_the_index(archive_dir: Path, make_session) -> None:
    session = make_session([(1.0, "hungry"), (2.0, "feed")])
    with Archive.open(archive_dir, figures=lambda s: {"cues": len(s.events) - 1}) as archive:
        archive.add(session)
        assert archive.list_sessions()[0].figures == {"cues": 1}


def test_a_unique_prefix_of_four_characters_finds_a_session(archive: Archive, make_session) -> None:
    session = make_session()
    archive.add(session)
    assert archive.resolve(session.id[:4].upper()) == session.id
    assert archive.load(session.id[:6]).id == session.id


def test_unknown_short_and_ambiguous_ids_say_what_to_do(archive: Archive, make_session) -> None:
    first = make_session()
    second = evolve(make_session(), id=first.id[:5] + "f" * 27)
    archive.add_many([first, second])
    with pytest.raises(
        UnknownSession, match='no session matches "abcd9"; run "observe session list"'
    ):
        archive.resolve("abcd9")
    with pytest.raises(UnknownSession, match="at least 4 characters"):
        archive.resolve(first.id[:3])
    with pytest.raises(UnknownSession, match="matches 2 sessions") as raised:
        archive.resolve(first.id[:5])
    assert first.id[:12] in str(raised.value) and second.id[:12] in str(raised.value)


def test_deleting_a_session_removes_its_files_and_entry(archive: Archive, make_session) -> None:
    keep, gone = make_session(), make_session()
    archive.add_many([keep, gone])
    archive.delete(gone.id[:8])
    assert [s.id for s in archive.list_sessions()] == [keep.id]
    assert not archive.session_path(gone.id).exists()
    with pytest.raises(UnknownSession):
        archive.load(gone.id)


def test_a_garbage_session_file_is_named_untouched_and_the_rest_still_opens(
    archive_dir: Path, make_session
) -> None:
    good, bad = make_session(dyad="D1"), make_session(dyad="D2")
    with Archive.open(archive_dir) as archive:
        archive.add_many([good, bad])
        bad_path = archive.session_path(bad.id)
    garbage = bad_path.read_bytes()[:200]  # truncated mid-write by something else
    bad_path.write_bytes(garbage)
    with Archive.open(archive_dir) as archive:
        assert {s.id for s in archive.list_sessions()} == {good.id, bad.id}
        assert archive.load(good.id) == good
        with pytest.raises(ArchiveError) as raised:
            archive.load(bad.id)
        assert str(bad_path) in str(raised.value) and "damaged" in str(raised.value)
        assert any(str(bad_path) in problem for problem in archive.problems)
        with pytest.raises(ArchiveError):
            archive.add(bad)  # even a complete copy does not silently replace it
        assert archive.rebuild_index() == 1
        assert [s.id for s in archive.list_sessions()] == [good.id]
    assert bad_path.read_bytes() == garbage


def test_a_garbage_index_is_kept_aside_and_rebuilt(archive_dir: Path, make_session) -> None:
    sessions = [make_session(dyad=f"D{n}") for n in range(3)]
    with Archive.open(archive_dir) as archive:
        archive.add_many(sessions)
    (archive_dir / "index.json").write_bytes(b"\x00\x00not json")
    with Archive.open(archive_dir) as archive:
        assert {s.id for s in archive.list_sessions()} == {s.id for s in sessions}
        assert len(archive.problems) == 1 and "was rebuilt from 3 sessions" in archive.problems[0]
    kept = list(archive_dir.glob("index.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00\x00not json"


def test_a_read_only_archive_with_a_garbage_index_lists_from_memory(
    archive_dir: Path, make_session
) -> None:
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    (archive_dir / "index.json").write_bytes(b"{broken")
    with Archive.open(archive_dir, readonly=True) as archive:
        assert len(archive.list_sessions()) == 1
        assert "rebuilt in memory" in archive.problems[0]
    assert (archive_dir / "index.json").read_bytes() == b"{broken"


def test_a_session_file_missing_from_the_index_is_listed_on_opening(
    archive_dir: Path, make_session
) -> None:
    """A crash between saving a session and indexing it loses nothing."""
    first, second = make_session(), make_session()
    with Archive.open(archive_dir) as archive:
        archive.add(first)
        index_before = (archive_dir / "index.json").read_bytes()
        archive.add(second)
    (archive_dir / "index.json").write_bytes(index_before)
    with Archive.open(archive_dir) as archive:
        assert {s.id for s in archive.list_sessions()} == {first.id, second.id}


def test_an_entry_whose_file_is_gone_is_dropped_with_a_sentence(
    archive_dir: Path, make_session
) -> None:
    session = make_session(dyad="D42")
    with Archive.open(archive_dir) as archive:
        archive.add(session)
        archive.session_path(session.id).unlink()
    with Archive.open(archive_dir) as archive:
        assert archive.list_sessions() == []
        assert "D42" in archive.problems[0] and "removed from the list" in archive.problems[0]


def test_read_only_archives_refuse_every_write(
    archive_dir: Path, make_session, live_session
) -> None:
    with Archive.open(archive_dir, readonly=True) as archive:
        for write in (
            lambda: archive.add(make_session()),
            lambda: archive.recorder(live_session),
            lambda: archive.rebuild_index(),
        ):
            with pytest.raises(ArchiveError, match="read-only"):
                write()


def test_leftover_temporary_files_are_cleaned_up(archive_dir: Path, make_session) -> None:
    with Archive.open(archive_dir) as archive:
        archive.add(make_session())
    leftover = archive_dir / "sessions" / ".abc.json.0123456789ab.tmp"
    leftover.write_bytes(b"half a file")
    with Archive.open(archive_dir):
        assert not leftover.exists()


def test_a_failing_figures_hook_never_costs_the_session(archive_dir: Path, make_session) -> None:
    def broken(session):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("division by zero")

    session = make_session([(1.0, "hungry")])
    with Archive.open(archive_dir, figures=broken) as archive:
        archive.add(session)
        assert archive.load(session.id) == session
        assert archive.list_sessions()[0].figures == {}
        assert "could not be computed" in archive.problems[0]


def test_a_file_where_the_archive_should_be_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ArchiveError, match="is a file, not an archive folder"):
        Archive.open(tmp_path / "notes.txt")


def test_a_full_disk_while_importing_lists_what_was_saved(
    archive: Archive, make_session, monkeypatch
) -> None:
    """The disk fails while the written files are swapped in: the one swapped in before
    the failure is listed, the other is not on disk."""
    import errno

    from observe.store import atomic

    first, second = make_session(dyad="D1"), make_session(dyad="D2")
    real_replace = atomic.replace
    calls: list[Path] = []

    def full_on_second(source: Path, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(atomic, "replace", full_on_second)
    with pytest.raises(ArchiveError, match="the disk is full"):
        archive.add_many([first, second])
    assert [s.id for s in archive.list_sessions()] == [first.id]
    assert not archive.session_path(second.id).exists()
    assert not [p for p in archive.sessions_dir.iterdir() if p.name.startswith(".")]


def test_a_full_disk_while_writing_an_import_stores_none_of_it(
    archive: Archive, make_session, monkeypatch
) -> None:
    """The disk fills while the second of two sessions is written: neither is swapped in
    or listed, no temporary file is left, and importing again later stores both."""
    import errno

    from observe.store import atomic

    first, second = make_session(dyad="D1"), make_session(dyad="D2")
    real_fsync = atomic.durable_fsync
    calls: list[int] = []

    def full_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(atomic, "durable_fsync", full_on_second)
    with pytest.raises(ArchiveError, match="the disk is full"):
        archive.add_many([first, second])
    assert archive.list_sessions() == []
    assert list(archive.sessions_dir.iterdir()) == []
    monkeypatch.setattr(atomic, "durable_fsync", real_fsync)
    archive.add_many([first, second])
    assert {s.dyad for s in archive.list_sessions()} == {"D1", "D2"}


def test_the_index_stays_a_tinydb_file_and_a_reader_sees_what_the_writer_adds(
    archive_dir: Path, make_session
) -> None:
    """A second observe (read-only, e.g. `observe session list` while the coding screen
    records) sees sessions added after it opened; and the index opens in TinyDB itself."""
    from tinydb import TinyDB

    first, second = make_session(dyad="D1"), make_session(dyad="D2")
    with Archive.open(archive_dir) as writer:
        writer.add(first)
        reader = Archive.open(archive_dir, readonly=True)
        assert [s.dyad for s in reader.list_sessions()] == ["D1"]
        writer.add(second)
        assert {s.dyad for s in reader.list_sessions()} == {"D1", "D2"}
        writer.delete(first.id)
        assert [s.dyad for s in reader.list_sessions()] == ["D2"]
        reader.close()
    with TinyDB(archive_dir / "index.json") as db:
        assert [d["id"] for d in db.table("sessions").all()] == [second.id]
