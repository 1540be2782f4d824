"""An imported BORIS project stored: the scheme file and the sessions together, or neither.

The scheme goes to the archive's ``schemes/`` folder as ``<id>.toml`` (written whole and
private, as every file of the archive), the sessions are merged into the archive as a
bundle's are (:meth:`observe.store.Archive.merge`: all their files or none, and a session
already there with the same content is not written again). The scheme is written first;
if the sessions then cannot be stored, the scheme file is taken back (removed, or the file
it replaced put back), so a refused import leaves the archive as it was. A crash between
the two leaves the scheme alone, and importing the project again adds the sessions.

A scheme already installed under the same id is used as it is when it is the same scheme;
one that differs is refused (``--scheme-id`` imports under another id, ``--replace``
writes over a user's own scheme; a scheme that ships with observe is never written over).
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from observe.errors import ArchiveError, InterchangeError
from observe.interchange.boris import Imported
from observe.scheme.catalogue import scheme_catalogue, user_schemes_dir
from observe.store import Archive, messages
from observe.store.atomic import atomic_write
from observe.store.merge import Merged
from observe.store.perms import fsync_dir


@frozen
class Installed:
    scheme_path: Path
    scheme_written: bool
    merged: Merged


@frozen
class _Target:
    path: Path
    write: bool
    previous: bytes | None  # the bytes of the file written over, to put back
    new_folder: bool = False  # schemes/ is made for it


def install(archive: Archive, imported: Imported, *, replace: bool) -> Installed:
    """Store the scheme and the sessions of ``imported`` in ``archive`` (see above)."""
    archive.require_writable()
    target = _target(archive.path, imported, replace)
    if target.write:
        _write(target.path, imported.scheme_text.encode("utf-8"))
    try:
        merged = archive.merge(imported.sessions, replace=replace)
    except BaseException:
        if target.write:
            _take_back(target)
        raise
    return Installed(target.path, target.write, merged)


def _target(archive_dir: Path, imported: Imported, replace: bool) -> _Target:
    scheme = imported.scheme
    source = imported.report.source
    found = scheme_catalogue(archive_dir).get(scheme.id)
    if found is not None and found.scheme.digest == scheme.digest:
        return _Target(found.path, False, None)
    if found is not None and found.shipped:
        raise InterchangeError(
            f'the scheme made from {source} has the id "{scheme.id}" of a scheme that ships '
            "with observe, and differs from it; give --scheme-id ID to import it under an id "
            "of its own"
        )
    if found is not None:
        if not replace:
            raise InterchangeError(
                f'{found.path} already holds a scheme "{scheme.id}" that differs from the one '
                f"made from {source}; give --scheme-id ID to import it under another id, or "
                "--replace to write over that file"
            )
        try:
            return _Target(found.path, True, found.path.read_bytes())
        except OSError as error:
            raise ArchiveError(messages.disk_problem(error, found.path, "read")) from error
    path = user_schemes_dir(archive_dir) / f"{scheme.id}.toml"
    if path.exists() or path.is_symlink():
        raise InterchangeError(
            f"{path} is there already but does not load as a scheme (observe scheme validate "
            f"{path} says why); move it away, or give --scheme-id ID, and import again"
        )
    return _Target(path, True, None, new_folder=not path.parent.exists())


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except OSError as error:
        raise ArchiveError(messages.disk_problem(error, path, "write")) from error


def _take_back(target: _Target) -> None:
    """Undo the scheme file's write: the sessions that go with it were not stored."""
    try:
        if target.previous is None:
            target.path.unlink(missing_ok=True)
            if target.new_folder:
                target.path.parent.rmdir()
                fsync_dir(target.path.parent.parent)
            else:
                fsync_dir(target.path.parent)
        else:
            atomic_write(target.path, target.previous)
    except OSError:
        pass  # the sessions' own error is the one to report; the scheme file is whole
