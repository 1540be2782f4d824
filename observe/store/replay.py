"""A session as it stands on disk: its snapshot plus the journal lines not yet in it."""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from observe.model import Session, apply_changes
from observe.store.atomic import DamagedFile
from observe.store.journal import JournalContents, read_journal
from observe.store.sessionfile import SessionFile, read_session_file


@frozen
class Restored:
    session: Session
    file: SessionFile | None
    journal: JournalContents | None
    folded: int  # journal lines (header included) already in the snapshot
    notes: tuple[str, ...]  # things worth telling the user (a dropped torn line)


def torn_note(journal: JournalContents) -> str:
    return (
        f"the last line of {journal.path} was incomplete ({journal.torn}) and was left out: "
        "it was being written when observe stopped, so no change that had been saved is lost"
    )


def restore(session_path: Path, journal_path: Path) -> Restored:
    """Raises ``FileNotFoundError`` if the session has neither file,
    :class:`~observe.store.atomic.DamagedFile` for an unreadable snapshot or journal
    header, :class:`~observe.store.journal.JournalDamaged` for a bad middle line."""
    file = read_session_file(session_path) if session_path.exists() else None
    journal = read_journal(journal_path) if journal_path.exists() else None
    if journal is None or journal.generation is None:
        if file is None:
            if journal is None:
                raise FileNotFoundError(session_path)
            raise DamagedFile(journal_path, "it was cut off before the session was saved")
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
    session = apply_changes(base, journal.changes[folded - 1 :])
    return Restored(session, file, journal, folded, notes)
