"""The errors a user can act on.

Every error observe raises on bad input is an :class:`ObserveError` whose message is one
clear sentence: what is wrong, where, and what to do. The command line prints it without
a traceback; the terminal UI shows it in a notification or dialog.
"""

from __future__ import annotations


class ObserveError(Exception):
    """Base class: ``str(error)`` is the sentence shown to the user."""


class SchemeError(ObserveError):
    """A coding scheme file is invalid. ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = list(problems)
        lines = "\n".join(f"  {source}: {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"the coding scheme {source} has {count} {noun}; fix the file and try again:\n{lines}"
        )


class ArchiveError(ObserveError):
    """The archive cannot do what was asked (damaged file, unknown session, locked, disk)."""


class UnknownSession(ArchiveError):
    """No session (or more than one) matches the id or prefix given."""


class InterchangeError(ObserveError):
    """A file to import is malformed (CSV row, bundle, ...)."""
