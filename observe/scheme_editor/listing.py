"""The schemes a programme lead can look at, copy and edit, with the sessions of each.

The shipped schemes are read-only (they come with observe, and an update would replace
them): they can be copied to edit. A user's own, in the archive's ``schemes/``, are
editable; so is one that validation leaves out of the catalogue for its problems, as long
as its TOML can be read: the editor shows those problems and fixes them in forms.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from observe.scheme import scheme_catalogue, user_schemes_dir
from observe.scheme_editor.usage import SchemeUsage


@frozen
class SchemeRow:
    """One scheme of the list."""

    id: str
    name: str
    version: str
    path: Path
    shipped: bool
    #: Sessions coded with this version, and with each version (the most used first).
    sessions: int
    by_version: tuple[tuple[str, int], ...]
    #: Why the catalogue leaves this file out (its problems), or None.
    problem: str | None = None

    @property
    def editable(self) -> bool:
        return not self.shipped


def scheme_rows(archive_dir: Path, usage: SchemeUsage) -> list[SchemeRow]:
    """The installed schemes (default first, then shipped, then the user's), then the
    user's files that are left out for their problems."""
    catalogue = scheme_catalogue(archive_dir)
    rows = [
        SchemeRow(
            id=item.scheme.id,
            name=item.scheme.name,
            version=item.scheme.version,
            path=item.path,
            shipped=item.shipped,
            sessions=usage.sessions(item.scheme.id, item.scheme.version),
            by_version=tuple(usage.versions(item.scheme.id)),
        )
        for item in catalogue.schemes
    ]
    listed = {row.path for row in rows}
    for problem in catalogue.problems:
        path = _own_file_named_in(problem, archive_dir)
        if path is None or path in listed:
            continue
        listed.add(path)
        rows.append(
            SchemeRow(
                id=path.stem,
                name="(left out: has problems)",
                version="",
                path=path,
                shipped=False,
                sessions=0,
                by_version=tuple(usage.versions(path.stem)),
                problem=problem,
            )
        )
    return rows


def _own_file_named_in(problem: str, archive_dir: Path) -> Path | None:
    """The user's scheme file a catalogue problem is about (it starts with its path)."""
    folder = user_schemes_dir(archive_dir)
    try:
        paths = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return None
    return next((path for path in paths if problem.startswith(f"{path} ")), None)
