"""A user's scheme file open in the editor, and saving it back.

Saving writes the document's TOML over the file in the archive's ``schemes/`` folder, in
one atomic write (a crash leaves the old file or the new one; the file stays private),
and only:

- when the document has no problems (the same check as ``observe scheme validate``):
  otherwise it says which remain;
- when the file on disk is still the one the editor opened (or last saved): edits made
  to it by hand meanwhile are never overwritten;
- with a new version when a recorded session was coded with the version the scheme has
  and the scheme changed (``1.0`` → ``1.1``). Those sessions keep their own snapshot of
  the scheme either way; the new version tells the two apart in the session list,
  exports and analyses. No session coded with it: the version stays.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from observe.errors import ObserveError, SchemeError
from observe.scheme import Scheme, parse_scheme
from observe.scheme.loading import read_scheme_file
from observe.scheme_editor.document import SchemeDocument
from observe.scheme_editor.usage import SchemeUsage
from observe.scheme_editor.versions import next_version
from observe.store.atomic import atomic_write


class NotSaved(ObserveError):
    """The scheme was not saved; the sentence says why and what to do."""


@frozen
class Saved:
    """What saving did."""

    path: Path
    version: str
    #: The version the scheme had, when saving gave it a new one.
    previous_version: str | None = None
    #: The sessions coded with ``previous_version`` (they keep their own snapshot).
    sessions_on_previous: int = 0

    def sentence(self) -> str:
        said = f"Saved {self.path} (version {self.version})."
        if self.previous_version is None:
            return said
        sessions = (
            "1 session was"
            if self.sessions_on_previous == 1
            else (f"{self.sessions_on_previous} sessions were")
        )
        return (
            f"{said} {sessions} coded with version {self.previous_version}, so the changed "
            f"scheme is version {self.version}; recorded sessions keep their own copy."
        )


class EditedFile:
    """A scheme file of the archive being edited: its document and what is on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document = SchemeDocument.read(path)
        self.saved_text = self.document.text

    @property
    def unsaved(self) -> bool:
        return self.document.text != self.saved_text

    def save(self, usage: SchemeUsage) -> Saved:
        """Write the document over the file (see the module's docstring)."""
        document = self.document
        problems = document.problems
        if problems:
            count = len(problems)
            listed = "\n".join(f"  {problem.message}" for problem in problems)
            raise NotSaved(
                f"{self.path.name} is not saved: it has {count} "
                f"{'problem' if count == 1 else 'problems'} to fix first:\n{listed}"
            )
        self._refuse_if_changed_on_disk()
        scheme = document.scheme()
        previous = _scheme_or_none(self.saved_text, str(self.path))
        used = usage.sessions(scheme.id, scheme.version)
        if used and (previous is None or previous.digest != scheme.digest):
            old_version = scheme.version
            taken = [version for version, _ in usage.versions(scheme.id)]
            document.set(("scheme", "version"), next_version(old_version, taken))
            scheme = document.scheme()
            saved = Saved(self.path, scheme.version, old_version, used)
        else:
            saved = Saved(self.path, scheme.version)
        text = document.text
        try:
            atomic_write(self.path, text.encode("utf-8"))
        except OSError as error:
            raise NotSaved(
                f"{self.path} could not be written ({error.strerror or error}); nothing was "
                "changed: free some disk space or check the folder, then save again"
            ) from None
        self.saved_text = text
        return saved

    def _refuse_if_changed_on_disk(self) -> None:
        try:
            on_disk = read_scheme_file(self.path).decode("utf-8-sig")
        except (ObserveError, UnicodeDecodeError):
            on_disk = None
        if on_disk is not None and on_disk != self.saved_text:
            raise NotSaved(
                f"{self.path} was changed on disk since it was opened here (by hand, or by "
                "another observe), and saving would overwrite that: leave the editor and "
                "open the scheme again to edit it as it is now"
            )


def _scheme_or_none(text: str, source: str) -> Scheme | None:
    try:
        return parse_scheme(text, source)
    except SchemeError:
        return None
