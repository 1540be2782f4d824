"""What a reading command works on: the archive opened read-only, and a session ID or a
dyad's sessions (``ID`` or ``--dyad D``, never both)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.errors import ObserveError, UnknownSession

if TYPE_CHECKING:
    from observe.model import Session
    from observe.store import Archive


def require_one_target(command: str, session_id: str | None, dyad: str | None, usage: str) -> None:
    """One sentence when neither or both of ``ID`` and ``--dyad`` are given; ``usage`` is
    the rest of the command line in the examples (``" [--json]"``)."""
    examples = f"`observe {command} ID{usage}` or `observe {command} --dyad D{usage}`"
    if session_id is None and dyad is None:
        raise ObserveError(
            f"name what to {command}: a session or a dyad ({examples}); "
            "`observe session list` shows the ids and dyads."
        )
    if session_id is not None and dyad is not None:
        raise ObserveError(f"give a session id or --dyad, not both: {examples}.")


def dyad_sessions(archive: Archive, dyad: str) -> list[Session]:
    """Every session of ``dyad``, oldest first; none is an error naming the archive."""
    sessions = archive.sessions(dyad)
    if not sessions:
        raise UnknownSession(
            f"the archive {archive.path} has no sessions of dyad {dyad!r}; "
            "see the dyad codes with `observe session list`."
        )
    return sessions


def warn_problems(archive: Archive, *, except_for: str | None = None) -> None:
    """Damaged files found in the archive, one warning line each on stderr."""
    for problem in archive.problems:
        if problem != except_for:  # the error itself is said once, as the error
            click.echo(f"warning: {problem}", err=True)


@contextmanager
def reading_archive() -> Iterator[Archive]:
    """The archive opened read-only (never waiting for, or blocking, a coding session);
    damaged files met on the way are warned about when done, also when an error ends the
    command."""
    from observe.workspace import open_archive  # the store loads only when a command runs

    with open_archive(cli_context().data_dir, readonly=True) as archive:
        try:
            yield archive
        except ObserveError as error:
            warn_problems(archive, except_for=str(error))
            raise
        warn_problems(archive)
