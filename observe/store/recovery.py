"""What opening an archive repairs after a crash.

- leftover temporary files of interrupted atomic writes are removed (the file they were
  replacing is intact, by construction);
- leftover journals are folded into their session file; an ended session's journal is
  then removed (the crash came between saving the session and removing its journal);
  a live or paused one stays, ready to resume where it stopped;
- session files missing from the index are indexed; index entries whose files are gone
  are dropped, with a sentence saying so;
- a read-only open repairs nothing on disk, but lists from the files in memory the
  sessions the index is missing.

A damaged index is repaired by :meth:`ArchiveFiles.repair_index
<observe.store.files.ArchiveFiles.repair_index>`, which opening calls first.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from observe.errors import ArchiveError
from observe.store import messages
from observe.store.atomic import DamagedFile, file_digest
from observe.store.files import ArchiveFiles
from observe.store.listing import list_folder
from observe.store.perms import fsync_dir
from observe.store.sessionfile import read_session_file, write_session_file


def recover(files: ArchiveFiles) -> None:
    """Repair what a crash left, reading only the files that need it.

    One listing of ``sessions/`` is compared with the index's ids: a session file is read
    only when it has a journal to settle or is missing from the index. A damaged file
    that needs neither is named when it is loaded (review, report, analysis), where the
    user meets it.
    """
    try:
        listing = list_folder(files.sessions_dir)
        top_level = list_folder(files.path)
    except OSError as error:
        raise ArchiveError(messages.disk_problem(error, files.sessions_dir, "read")) from error
    _remove_temporary_files(listing.temporary + top_level.temporary)
    indexed = files.indexed_ids()
    for session_id in sorted(listing.journals):
        _settle_journal(files, session_id)
    for session_id in sorted(listing.files - listing.journals - indexed):
        _index_unlisted(files, session_id)
    for session_id in sorted(indexed - listing.ids):
        document = files.indexed(session_id) or {}
        files.unindex(session_id)
        files.note(
            f"session {session_id[:8]} (dyad {document.get('dyad', '?')}, started "
            f"{document.get('started_at', '?')}) was listed but its file "
            f"{files.session_path(session_id)} is gone; it was removed from the list"
        )


def survey_read_only(files: ArchiveFiles) -> None:
    """A read-only open cannot repair the index, but must not hide sessions from it.

    When ``sessions/`` holds sessions the index does not list (the index was deleted, or a
    crash came before a session was indexed), the list is rebuilt in memory from the files,
    and a sentence says so; the index on disk is left to the next writable open.
    """
    try:
        listing = list_folder(files.sessions_dir)
    except FileNotFoundError:
        return  # an archive with no sessions yet
    except OSError as error:
        raise ArchiveError(messages.disk_problem(error, files.sessions_dir, "read")) from error
    unlisted = listing.ids - files.indexed_ids()
    if not unlisted:
        return
    files.rebuild_in_memory()
    count = len(unlisted)
    files.note(
        f"{count} session{'s' if count != 1 else ''} in {files.sessions_dir} "
        f"{'were' if count != 1 else 'was'} not in the index {files.index_path}; they are "
        "listed from their files here, and the index is brought up to date the next time "
        "observe opens this archive for writing"
    )


def _remove_temporary_files(leftovers: Iterable[Path]) -> None:
    for entry in leftovers:
        try:
            entry.unlink()
        except OSError:
            pass  # harmless; tried again next time


def _settle_journal(files: ArchiveFiles, session_id: str) -> None:
    journal_path = files.journal_path(session_id)
    session_path = files.session_path(session_id)
    try:
        restored = files.restore(session_id)
    except ArchiveError:
        return  # named in problems; the files are left untouched
    journal = restored.journal
    assert journal is not None
    if journal.generation is None:
        # Not even the header was saved: this journal holds nothing that was recorded.
        journal_path.unlink(missing_ok=True)
        fsync_dir(files.sessions_dir)
        if not session_path.exists():
            files.unindex(session_id)
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
        files.index_session(session, digest)
        if session.status == "ended":
            journal_path.unlink()
            fsync_dir(files.sessions_dir)
    except OSError as error:
        files.note(messages.disk_problem(error, session_path, "save the recovered session"))


def _index_unlisted(files: ArchiveFiles, session_id: str) -> None:
    path = files.session_path(session_id)
    try:
        session = read_session_file(path).session
        digest = file_digest(path)
    except DamagedFile as damage:
        files.note(messages.damaged_file(damage.path, damage.reason))
        return
    except OSError as error:
        files.note(messages.unreadable_file(error, path))
        return
    files.index_session(session, digest)
