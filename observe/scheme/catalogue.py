"""The installed coding schemes: those shipped with observe and a user's own.

Shipped schemes are the ``*.toml`` files of the ``observe.coding_schemes`` package (the
repository's ``coding_schemes/`` folder); a user's own are the ``*.toml`` files in
``<archive>/schemes/``. Wherever a scheme is asked for, an installed id or a path to a TOML
file works (:func:`find_scheme`).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from attrs import frozen

from observe.errors import ObserveError, SchemeError
from observe.locations import schemes_dir
from observe.reading import LINK_REFUSED
from observe.scheme.loading import SchemeNotFound, load_scheme
from observe.scheme.model import DEFAULT_SCHEME_ID, Scheme
from observe.scheme.validation import SLUG as SLUG_PATTERN


@frozen
class InstalledScheme:
    """A scheme an observer can pick by id: shipped with observe or in the archive."""

    scheme: Scheme
    path: Path
    shipped: bool


@frozen
class SchemeCatalogue:
    """The installed schemes, and one sentence per scheme file that could not be installed."""

    schemes: tuple[InstalledScheme, ...]
    problems: tuple[str, ...] = ()

    def get(self, scheme_id: str) -> InstalledScheme | None:
        return next((s for s in self.schemes if s.scheme.id == scheme_id), None)

    @property
    def ids(self) -> list[str]:
        return [s.scheme.id for s in self.schemes]


def shipped_scheme_paths() -> list[Path]:
    """The TOML files of the schemes that ship with observe."""
    folder = importlib.resources.files("observe.coding_schemes")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))


def user_schemes_dir(archive_dir: Path) -> Path:
    """Where a user's own schemes live: ``<archive>/schemes``."""
    return schemes_dir(Path(archive_dir))


def scheme_catalogue(archive_dir: Path) -> SchemeCatalogue:
    """Every installed scheme: the default first, then the other shipped ones, then the user's.

    A user file that is invalid, or whose id is already taken (by a shipped scheme or an
    earlier file), is left out and described in ``problems`` -- listing never fails.
    """
    installed: list[InstalledScheme] = []
    problems: list[str] = []
    taken: dict[str, InstalledScheme] = {}
    user_dir = user_schemes_dir(archive_dir)
    user_paths = _own_scheme_files(user_dir, problems)
    for shipped, paths in ((True, shipped_scheme_paths()), (False, user_paths)):
        for path in paths:
            try:
                scheme = load_scheme(path)
            except SchemeError as error:
                count = len(error.problems)
                noun = "problem" if count == 1 else "problems"
                problems.append(
                    f"{path} is left out because it has {count} {noun}; "
                    f"see them with: observe scheme validate {path}"
                )
                continue
            except ObserveError as error:
                problems.append(f"{path} is left out: {error}")
                continue
            if scheme.id in taken:
                first = taken[scheme.id]
                owner = "a shipped scheme" if first.shipped else str(first.path)
                problems.append(
                    f'{path} is left out because its id "{scheme.id}" is already used by {owner}; '
                    f"give it another id in its [scheme] table"
                )
                continue
            taken[scheme.id] = InstalledScheme(scheme=scheme, path=path, shipped=shipped)
            installed.append(taken[scheme.id])
    installed.sort(key=lambda s: (not s.shipped, s.scheme.id != DEFAULT_SCHEME_ID, s.scheme.id))
    return SchemeCatalogue(schemes=tuple(installed), problems=tuple(problems))


def _own_scheme_files(user_dir: Path, problems: list[str]) -> list[Path]:
    """The ``*.toml`` files of ``schemes/`` to load. Like every folder and file of the
    archive, neither the folder nor a file in it is followed when it is a symbolic link
    (each is named in ``problems`` instead): the scheme editor writes there, and what it
    writes belongs in the archive, not wherever a link points."""
    if user_dir.is_symlink():
        problems.append(
            f"the schemes folder {user_dir} {LINK_REFUSED}, so your own schemes are left "
            "out; make it a real folder (move what it points to into its place)"
        )
        return []
    try:
        found = sorted(user_dir.glob("*.toml"))
    except OSError:
        return []
    paths: list[Path] = []
    for path in found:
        if path.is_symlink():
            problems.append(
                f"{path} is left out: it {LINK_REFUSED}; copy the scheme file itself into "
                f"{user_dir}, or give its path to --scheme"
            )
        elif path.is_file():
            paths.append(path)
    return paths


def installed_schemes(archive_dir: Path) -> list[InstalledScheme]:
    """The schemes an observer can pick by id (see :func:`scheme_catalogue`)."""
    return list(scheme_catalogue(archive_dir).schemes)


def find_scheme(id_or_path: str, archive_dir: Path) -> Scheme:
    """An installed scheme by id, or the scheme in a TOML file given by path."""
    catalogue = scheme_catalogue(archive_dir)
    found = catalogue.get(id_or_path)
    if found is not None:
        return found.scheme
    path = Path(id_or_path).expanduser()
    if path.suffix == ".toml" or _is_file(path) or any(sep in id_or_path for sep in "/\\"):
        return load_scheme(path)
    own_file = user_schemes_dir(archive_dir) / f"{id_or_path}.toml"
    linked = SLUG_PATTERN.match(id_or_path) is not None and _is_link(own_file)
    if SLUG_PATTERN.match(id_or_path) and (linked or _is_file(own_file)):
        # The user's file was left out of the catalogue: say exactly why.
        if not linked:
            load_scheme(own_file)  # raises SchemeError listing its problems
        reason = next((p for p in catalogue.problems if str(own_file) in p), None)
        if reason is not None:
            raise SchemeNotFound(reason)
    raise SchemeNotFound(
        f'there is no coding scheme "{id_or_path}"; the installed schemes are '
        f"{', '.join(catalogue.ids) or 'none'} (or give the path to a .toml file)"
    )


def _is_link(path: Path) -> bool:
    """``path.is_symlink()`` for any string a user may type (too long, NUL, ...)."""
    try:
        return path.is_symlink()
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    """``path.is_file()`` for any string a user may type (too long, NUL, ...)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
