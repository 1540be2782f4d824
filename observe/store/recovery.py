"""What opening an archive repairs after a crash.

- leftover temporary files of interrupted atomic writes are removed (the file they were
  replacing is intact, by construction);
- leftover journals are folded into their session file; an ended session's journal is
  then removed (the crash came between saving the session and removing its journal);
  a live or paused one stays, ready to resume where it stopped; one that cannot be read
  at all, or whose changes make a session no way into the archive accepts (a time of
  1e300 s, a code not in the scheme), is kept aside (see :meth:`ArchiveFiles.restore
  <observe.store.files.ArchiveFiles.restore>`), never removed; an empty one (a crash as
  it was being created, before anything was recorded in it) is removed without a word;
- journals kept aside on an earlier opening, and session files or journals that are
  symbolic links, are named in ``problems`` every time, until the user deals with them;
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
from observe.store.journal import EMPTY_JOURNAL, header_problem
from observe.store.listing import Listing, list_folder
from observe.store.perms import fsync_dir, link_refused
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
    _name_what_is_kept(files, listing)
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
    _name_what_is_kept(files, listing)
    for session_id in sorted(listing.journals):
        # Only the first line is read: a live session's journal may be long, and the
        # holder's last line mid-write; a header is written once and never changes.
        path = files.journal_path(session_id)
        try:
            reason = header_problem(path)
        except OSError:
            continue  # named when the session is loaded
        if reason is not None and reason != EMPTY_JOURNAL:
            # (An empty journal holds nothing that was recorded: a writer tidies it.)
            saved = files.session_path(session_id)
            events = _saved_events(files, session_id) if saved.exists() else None
            files.unreadable_journal(session_id, reason, events)
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


def _saved_events(files: ArchiveFiles, session_id: str) -> int | None:
    document = files.indexed(session_id)
    return None if document is None else int(document.get("events", 0))


def _name_what_is_kept(files: ArchiveFiles, listing: Listing) -> None:
    """Journals kept aside earlier, and links where session files or journals should be:
    named on every opening until the user moves them."""
    for kept in listing.kept:
        session_id = kept.name.split(".", 1)[0]
        has_file = files.session_path(session_id).exists()
        files.note(messages.kept_journal(kept, has_file))
    for link in listing.links:
        files.note(link_refused(link, folder=False).sentence)


def _remove_temporary_files(leftovers: Iterable[Path]) -> None:
    for entry in leftovers:
        # Deleting one loses nothing: a temporary file is swapped in only once it is
        # complete and fsync'd, so one left over belongs to a write that never returned
        # (nothing was said to be saved from it), and the file it would have replaced is
        # intact.
        try:
            entry.unlink()
        except OSError:
            pass  # harmless; tried again next time


def _settle_journal(files: ArchiveFiles, session_id: str) -> None:
    journal_path = files.journal_path(session_id)
    session_path = files.session_path(session_id)
    if files.tidy_empty_journal(session_id):
        # A crash as the journal was being created: nothing was recorded in it. The
        # session is its file, if it had one already (resumed after it had ended).
        if session_path.exists() or session_path.is_symlink():
            if session_id not in files.indexed_ids():
                _index_unlisted(files, session_id)
        elif session_id in files.indexed_ids():
            files.unindex(session_id)
        return
    try:
        restored = files.restore(session_id)
    except ArchiveError:
        return  # named in problems; the files are left untouched
    journal = restored.journal
    session = restored.session
    if journal is None:
        # It could not be read and was kept aside (named in problems): the session is its
        # file, listed as its last fold wrote it (a live session's folds leave the index).
        if restored.file is not None:
            try:
                files.index_session(session, file_digest(session_path))
            except ArchiveError as error:
                files.note(str(error))
        return
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
            # Deleting it loses nothing: every line of it that can be read is in the
            # session file now (its generation and line count are recorded there), and a
            # torn last line is an append that never returned (DESIGN §3).
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
