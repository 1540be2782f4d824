"""What opening an archive for writing repairs after a crash.

- leftover temporary files of interrupted atomic writes are removed (the file they were
  replacing is intact, by construction);
- leftover journals are folded into their session file; an ended session's journal is
  then removed (the crash came between saving the session and removing its journal);
  a live or paused one stays, ready to resume where it stopped;
- session files missing from the index are indexed; index entries whose files are gone
  are dropped, with a sentence saying so;
- a damaged index is kept aside and rebuilt from ``sessions/`` (in memory only when the
  archive is read-only here).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from observe.errors import ArchiveError
from observe.store import messages
from observe.store.atomic import DamagedFile, file_digest
from observe.store.index import Index, summary_document
from observe.store.listing import list_folder
from observe.store.perms import fsync_dir
from observe.store.sessionfile import read_session_file, write_session_file

if TYPE_CHECKING:
    from observe.store.archive import Archive


def recover(archive: Archive) -> None:
    """Repair what a crash left, reading only the files that need it.

    One listing of ``sessions/`` is compared with the index's ids: a session file is read
    only when it has a journal to settle or is missing from the index. A damaged file
    that needs neither is named when it is loaded (review, report, analysis), where the
    user meets it.
    """
    try:
        listing = list_folder(archive.sessions_dir)
        top_level = list_folder(archive.path)
    except OSError as error:
        raise ArchiveError(messages.disk_problem(error, archive.sessions_dir, "read")) from error
    _remove_temporary_files(archive, listing.temporary + top_level.temporary)
    indexed = archive.indexed_ids()
    for session_id in sorted(listing.journals):
        _settle_journal(archive, session_id)
    for session_id in sorted(listing.files - listing.journals - indexed):
        _index_unlisted(archive, session_id)
    for session_id in sorted(indexed - listing.ids):
        document = archive._index.get(session_id) or {}
        archive._write_index(lambda index, sid=session_id: index.remove(sid))
        archive.note(
            f"session {session_id[:8]} (dyad {document.get('dyad', '?')}, started "
            f"{document.get('started_at', '?')}) was listed but its file "
            f"{archive.session_path(session_id)} is gone; it was removed from the list"
        )


def survey_read_only(archive: Archive) -> None:
    """A read-only open cannot repair the index, but must not hide sessions from it.

    When ``sessions/`` holds sessions the index does not list (the index was deleted, or a
    crash came before a session was indexed), the list is rebuilt in memory from the files,
    and a sentence says so; the index on disk is left to the next writable open.
    """
    try:
        listing = list_folder(archive.sessions_dir)
    except FileNotFoundError:
        return  # an archive with no sessions yet
    except OSError as error:
        raise ArchiveError(messages.disk_problem(error, archive.sessions_dir, "read")) from error
    unlisted = listing.ids - archive.indexed_ids()
    if not unlisted:
        return
    with archive._mutex:
        archive._index = Index(archive._index.path, in_memory=True)
        rebuild(archive, archive._index)
    count = len(unlisted)
    archive.note(
        f"{count} session{'s' if count != 1 else ''} in {archive.sessions_dir} "
        f"{'were' if count != 1 else 'was'} not in the index {archive._index.path}; they are "
        "listed from their files here, and the index is brought up to date the next time "
        "observe opens this archive for writing"
    )


def _remove_temporary_files(archive: Archive, leftovers: Iterable[Path]) -> None:
    for entry in leftovers:
        try:
            entry.unlink()
        except OSError:
            pass  # harmless; tried again next time


def _settle_journal(archive: Archive, session_id: str) -> None:
    journal_path = archive.journal_path(session_id)
    session_path = archive.session_path(session_id)
    try:
        restored = archive._restore(session_id)
    except ArchiveError:
        return  # named in problems; the files are left untouched
    journal = restored.journal
    assert journal is not None
    if journal.generation is None:
        # Not even the header was saved: this journal holds nothing that was recorded.
        journal_path.unlink(missing_ok=True)
        fsync_dir(archive.sessions_dir)
        if not session_path.exists():
            archive._write_index(lambda index: index.remove(session_id))
        return
    session = restored.session
    file = restored.file
    up_to_date = (
        file is not None
        and file.journal == journal.generation
        and file.folded >= journal.good_lines
    )
    try:
        if not up_to_date:
            digest = write_session_file(
                session_path, session, journal.generation, journal.good_lines
            )
        else:
            digest = file_digest(session_path)
        archive.index_session(session, digest)
        if session.status == "ended":
            journal_path.unlink()
            fsync_dir(archive.sessions_dir)
    except OSError as error:
        archive.note(messages.disk_problem(error, session_path, "save the recovered session"))


def _index_unlisted(archive: Archive, session_id: str) -> None:
    path = archive.session_path(session_id)
    try:
        session = read_session_file(path).session
        digest = file_digest(path)
    except DamagedFile as damage:
        archive.note(messages.damaged_file(damage.path, damage.reason))
        return
    except OSError as error:
        archive.note(messages.unreadable_file(error, path))
        return
    archive.index_session(session, digest)


def repair_index(archive: Archive) -> None:
    """Move a damaged index aside and rebuild it (in memory when read-only)."""
    with archive._mutex:
        try:
            archive._index.check()
            return
        except DamagedFile as damage:
            reason = damage.reason
        index_path = archive._index.path
        if archive.readonly:
            archive._index = Index(index_path, in_memory=True)
            count = rebuild(archive, archive._index)
            archive.note(messages.damaged_index(index_path, reason, None, count))
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = index_path.with_name(f"{index_path.name}.damaged-{stamp}")
        try:
            index_path.replace(aside)
            fsync_dir(archive.path)
        except OSError as error:
            raise ArchiveError(
                messages.disk_problem(error, index_path, "move aside the damaged index")
            ) from error
        archive._index = Index(index_path)
        count = rebuild(archive, archive._index)
        archive.note(messages.damaged_index(index_path, reason, aside.name, count))


def rebuild(archive: Archive, index: Index) -> int:
    """Fill ``index`` from the session files and journals; returns how many it lists."""
    documents = []
    for session_id in archive.stored_ids():
        try:
            restored = archive._restore(session_id)
        except ArchiveError:
            continue  # named in problems; every other session still lists
        path = archive.session_path(session_id)
        digest = file_digest(path) if path.exists() else None
        session = restored.session
        documents.append(summary_document(session, digest, archive.figures_of(session)))
    with archive._mutex:
        try:
            index.replace_all(documents)
        except OSError as error:
            raise ArchiveError(
                messages.disk_problem(error, index.path, "write the index")
            ) from error
    return len(documents)
