"""A session as it stands on disk: its snapshot plus the journal lines not yet in it."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from observe.changes import apply_change, apply_changes
from observe.model import Session
from observe.store.journal import JournalContents, JournalDamaged, JournalUnreadable, read_journal
from observe.store.sessionfile import SessionFile, read_session_file


@frozen
class Restored:
    session: Session
    file: SessionFile | None
    journal: JournalContents | None
    folded: int  # journal lines (header included) already in the snapshot
    notes: tuple[str, ...]  # things worth telling the user (a dropped torn line)


def _exists(path: Path) -> bool:
    """There is something by that name (a link counts: reading it names the problem)."""
    return path.is_symlink() or path.exists()


def torn_note(journal: JournalContents) -> str:
    return (
        f"the last line of {journal.path} was incomplete ({journal.torn}) and was left out: "
        "it was being written when observe stopped, so no change that had been saved is lost"
    )


def restore(session_path: Path, journal_path: Path) -> Restored:
    """Raises ``FileNotFoundError`` if the session has neither file,
    :class:`~observe.store.atomic.DamagedFile` for an unreadable snapshot,
    :class:`~observe.store.journal.JournalDamaged` for a bad middle line of the journal
    and :class:`~observe.store.journal.JournalUnreadable` for a journal with no readable
    header and no session file beside it. A journal with no readable header beside a
    session file is returned (``journal.unreadable`` says why), the session as its file
    has it: the caller keeps the journal aside and says so."""
    file = read_session_file(session_path) if _exists(session_path) else None
    journal = read_journal(journal_path) if _exists(journal_path) else None
    if journal is None or journal.generation is None:
        if file is None:
            if journal is None:
                raise FileNotFoundError(session_path)
            raise JournalUnreadable(journal_path, journal.unreadable or "it cannot be read")
        return Restored(file.session, file, journal, 0, ())
    notes = (torn_note(journal),) if journal.torn else ()
    if file is not None and file.journal == journal.generation:
        base, folded = file.session, file.folded
    elif file is not None:
        # A journal started after this snapshot was written: its header is the snapshot.
        base, folded = file.session, 1
    else:
        assert journal.started is not None
        base, folded = journal.started, 1
    if folded > journal.good_lines:
        # The snapshot already holds more than the journal now has (it lost its tail
        # after a fold): nothing left to replay, and nothing lost.
        return Restored(base, file, journal, journal.good_lines, notes)
    changes = journal.changes[folded - 1 :]
    try:
        session = apply_changes(base, changes)
    except Exception:
        session = _one_by_one(journal, base, folded)
    return Restored(session, file, journal, folded, notes)


def _one_by_one(journal: JournalContents, base: Session, folded: int) -> Session:
    """The changes after ``folded`` lines applied one at a time, to name the line of the
    first that cannot be applied (:class:`JournalDamaged`): a line written by hand or
    damaged into such a change is named like a line that cannot be read, and nothing after
    it is guessed at."""
    session = base
    for line, change in enumerate(journal.changes[folded - 1 :], start=folded + 1):
        try:
            session = apply_change(session, change)
        except Exception as error:
            raise JournalDamaged(
                journal.path, line, f"its change cannot be applied to the session: {error}"
            ) from None
    return session
