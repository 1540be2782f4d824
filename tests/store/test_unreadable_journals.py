"""A journal with no readable line is kept, named and never deleted.

A power cut can leave a journal zero-filled on some file systems; a crash can cut it inside
its header line; a careless copy can leave ``null`` in it. observe cannot read a change
from such a file, but it must not pretend it was never there: the journal is set aside
under a name that says what it is and when (``<id>.journal.damaged-<UTC time>``), named
with what to do in ``session list``, ``session show``, the home screen and
``Archive.problems``, and the session's other data, its session file, stays as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.errors import ArchiveError
from observe.model import Session
from observe.store import Archive

from .conftest import die, record

DAMAGE = {
    "zero-filled": lambda data: b"\0" * len(data),
    "cut in its header": lambda data: data[: len(data.split(b"\n")[0]) // 2],
    "null": lambda data: b"null",
}
REASONS = {
    "zero-filled": "only zero bytes",
    "cut in its header": "cut off inside its first line",
    "null": "not a journal header",
}


def observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def damaged_archive(archive_dir: Path, live_session: Session, damage: str, with_file: bool):
    """A session recorded live (three events folded into its file, two more only in its
    journal), then its journal damaged as ``damage`` says; returns the saved file's bytes
    (None without one) and the damaged journal's bytes."""
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(live_session)
    record(recorder, 1.0, 2.0, 3.0)
    recorder.fold()
    record(recorder, 4.0, 5.0)
    die(archive)
    journal = archive.journal_path(live_session.id)
    journal.write_bytes(DAMAGE[damage](journal.read_bytes()))
    session_file = archive.session_path(live_session.id)
    saved = session_file.read_bytes() if with_file else None
    if not with_file:
        session_file.unlink()
    return saved, journal.read_bytes()


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


cases = pytest.mark.parametrize(
    ("damage", "with_file"),
    [(damage, with_file) for damage in DAMAGE for with_file in (True, False)],
)


@cases
def test_opening_for_writing_keeps_the_journal_aside_and_names_it(
    archive_dir: Path, live_session: Session, damage: str, with_file: bool
) -> None:
    """What a user would lose otherwise: the file itself (deleted without a word), and
    with it any chance of finding out what happened."""
    saved, damaged = damaged_archive(archive_dir, live_session, damage, with_file)
    with Archive.open(archive_dir) as archive:
        kept = list(archive.sessions_dir.glob(f"{live_session.id}.journal.damaged-*"))
        assert len(kept) == 1 and kept[0].read_bytes() == damaged
        assert not archive.journal_path(live_session.id).exists()
        (problem,) = [p for p in archive.problems if kept[0].name in p]
        assert str(archive.journal_path(live_session.id)) in problem
        assert REASONS[damage] in problem and "restore the journal from a backup" in problem
        if with_file:
            assert archive.session_path(live_session.id).read_bytes() == saved
            assert len(archive.load(live_session.id).events) == 3
            (listed,) = archive.list_sessions()
            assert listed.id == live_session.id and listed.events == 3
        else:
            assert archive.list_sessions() == []
            with pytest.raises(ArchiveError, match="no saved file"):
                archive.load(live_session.id)
    with Archive.open(archive_dir) as archive:
        assert [p for p in archive.problems if kept[0].name in p], "named on every opening"
        assert kept[0].read_bytes() == damaged, "never deleted"


@cases
def test_a_read_only_open_names_the_journal_and_leaves_it_as_it_is(
    archive_dir: Path, live_session: Session, damage: str, with_file: bool
) -> None:
    damaged_archive(archive_dir, live_session, damage, with_file)
    before = contents(archive_dir / "sessions")
    with Archive.open(archive_dir, readonly=True) as archive:
        (problem,) = [p for p in archive.problems if "journal" in p]
        assert str(archive.journal_path(live_session.id)) in problem
        assert REASONS[damage] in problem and "left untouched" in problem
        if with_file:
            assert len(archive.load(live_session.id).events) == 3
    assert contents(archive_dir / "sessions") == before


@cases
def test_session_list_and_show_name_the_journal_and_keep_it(
    archive_dir: Path, live_session: Session, damage: str, with_file: bool
) -> None:
    """Through the command line, before and after an opening for writing sets it aside."""
    saved, damaged = damaged_archive(archive_dir, live_session, damage, with_file)
    journal = archive_dir / "sessions" / f"{live_session.id}.journal"
    listed = observe(archive_dir, "session", "list")
    assert listed.exit_code == 0, listed.output
    assert f"warning: the journal {journal} cannot be read" in listed.stderr
    shown = observe(archive_dir, "session", "show", live_session.id[:8])
    assert str(journal) in shown.stderr
    if with_file:
        assert shown.exit_code == 0 and "events (3)" in shown.stdout
    else:
        assert shown.exit_code == 1 and "no saved file" in shown.stderr
    assert journal.read_bytes() == damaged
    assert observe(archive_dir, "demo").exit_code == 0  # opens the archive for writing
    (kept,) = (archive_dir / "sessions").glob(f"{live_session.id}.journal.damaged-*")
    assert kept.read_bytes() == damaged
    listed = observe(archive_dir, "session", "list", "--dyad", live_session.dyad)
    assert f"warning: {kept.name} in {kept.parent} is a journal" in listed.stderr
    assert (live_session.id[:8] in listed.stdout) == with_file
    if saved is not None:
        assert (archive_dir / "sessions" / f"{live_session.id}.json").read_bytes() == saved


def test_resuming_keeps_a_journal_found_unreadable_and_records_in_a_new_one(
    archive: Archive, live_session: Session
) -> None:
    """The journal turns unreadable while the archive is open (no opening repaired it):
    resuming the session keeps it aside and records the next key press in a fresh one."""
    recorder = archive.recorder(live_session)
    record(recorder, 1.0)
    recorder.close()
    journal = archive.journal_path(live_session.id)
    journal.write_bytes(b"\0" * 4096)
    resumed = archive.recorder(archive.load(live_session.id))
    (kept,) = archive.sessions_dir.glob(f"{live_session.id}.journal.damaged-*")
    assert kept.read_bytes() == b"\0" * 4096
    record(resumed, 2.0)
    resumed.close()
    assert [e.t for e in archive.load(live_session.id).events] == [1.0, 2.0]
    assert kept.read_bytes() == b"\0" * 4096
    assert [p for p in archive.problems if kept.name in p]


async def test_the_home_screen_names_the_kept_journal(
    archive_dir: Path, live_session: Session
) -> None:
    from observe.tui.app import make_app

    damaged_archive(archive_dir, live_session, "zero-filled", True)
    app = make_app(archive_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (kept,) = (archive_dir / "sessions").glob(f"{live_session.id}.journal.damaged-*")
        shown = [n.message for n in app._notifications]
        assert [m for m in shown if kept.name in m and "only zero bytes" in m], shown


def test_a_journal_kept_aside_is_never_replaced_by_the_next_one(
    archive: Archive, live_session: Session
) -> None:
    """Two journals of one session found unreadable within the same second are both kept."""
    kept: list[bytes] = []
    for filling in (b"\0" * 100, b"null"):
        recorder = archive.recorder(live_session if not kept else archive.load(live_session.id))
        record(recorder, float(len(kept) + 1))
        recorder.close()
        archive.journal_path(live_session.id).write_bytes(filling)
        archive.load(live_session.id)  # found, and kept aside
        kept.append(filling)
    found = sorted(p.read_bytes() for p in archive.sessions_dir.glob("*.journal.damaged-*"))
    assert found == sorted(kept)
