"""The sentences the archive says to a user: what is wrong, where, what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from observe.store.perms import UnsafeLocation


def damaged_file(path: Path, reason: str) -> str:
    return (
        f"the session file {path} is damaged ({reason}); it has been left untouched: "
        f"restore it from a backup, or move it out of {path.parent} to stop this message"
    )


def damaged_journal(path: Path, line: int, reason: str) -> str:
    return (
        f"the journal {path} is damaged at line {line} ({reason}); observe will not guess "
        f"what came after it: keep a copy of the file, then move it out of {path.parent} "
        "to open the session as it was last saved"
    )


def damaged_index(path: Path, reason: str, kept_as: str | None, count: int) -> str:
    if kept_as is None:
        return (
            f"the index {path} is damaged ({reason}); the session list was rebuilt in memory "
            f"from {count} sessions — open the archive for writing to repair it"
        )
    return (
        f"the index {path} was damaged ({reason}); it was kept as {kept_as} and the index "
        f"was rebuilt from {count} sessions"
    )


def disk_problem(error: OSError, path: Path, doing: str) -> str:
    if isinstance(error, UnsafeLocation):
        return error.sentence
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        cause = "the disk is full"
        remedy = "free some disk space"
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        cause = "permission was denied"
        remedy = f"check that you may write to {path.parent}"
    else:
        cause = error.strerror or type(error).__name__
        remedy = "check the disk"
    return (
        f"could not {doing} {path} ({cause}); nothing saved before was lost: "
        f"{remedy}, then try again"
    )


def unreadable_file(error: OSError, path: Path) -> str:
    if isinstance(error, UnsafeLocation):
        return error.sentence
    if error.errno in (errno.EACCES, errno.EPERM):
        cause = "permission was denied"
        remedy = "check that you may read it (it should belong to you, mode 0600)"
    else:
        cause = error.strerror or type(error).__name__
        remedy = "check the disk"
    return (
        f"the file {path} cannot be read ({cause}); it has been left untouched and every "
        f"other session still opens: {remedy}"
    )


def read_only(archive: Path, holder: str | None) -> str:
    if holder is None:
        return f"the archive {archive} was opened read-only; open it again normally to change it"
    return (
        f"the archive {archive} is in use by observe {holder}, so it is read-only here; "
        "close observe there to make changes"
    )


def unreadable_journal(
    path: Path, reason: str, *, kept_as: Path | None, saved_events: int | None
) -> str:
    """A journal with no readable header: set aside as ``kept_as`` (None: left where it is,
    the archive being read-only here); ``saved_events`` is how many events the session's
    file holds (None: it has no file)."""
    session = f"session {path.stem[:8]}"
    if saved_events is None:
        state = f"{session} has no saved file, so it cannot be opened"
        if kept_as is not None:
            state += " and is no longer listed"
    else:
        state = (
            f"{session} opens as its file last saved it ({saved_events} events); events "
            "recorded after that save are not in any readable file"
        )
    if kept_as is None:
        return (
            f"the journal {path} cannot be read ({reason}); it has been left untouched and "
            f"{state}: restore the journal from a backup if there is one (observe sets it "
            "aside, never deletes it, the next time it opens this archive for writing)"
        )
    return (
        f"the journal {path} could not be read ({reason}); it was kept as {kept_as.name} "
        f"and {state}: restore the journal from a backup if there is one, otherwise move "
        f"{kept_as.name} out of {path.parent} once you no longer need it"
    )


def never_started(session_id: str) -> str:
    """A session whose only file is an empty journal: a crash came as it was being started."""
    return (
        f"session {session_id[:8]} was being started when observe stopped, before anything "
        "was recorded in it, so there is nothing of it to open"
    )


def kept_journal(kept: Path, has_file: bool) -> str:
    """A journal kept aside on an earlier opening, named until the user moves it."""
    session = f"session {kept.name[:8]}"
    state = (
        f"{session} opens as its file last saved it"
        if has_file
        else f"{session} had no saved file, so it is not listed"
    )
    return (
        f"{kept.name} in {kept.parent} is a journal observe could not read and kept "
        f"aside; {state}: restore the journal from a backup if there is one, otherwise "
        "move the file out of that folder to stop this message"
    )
