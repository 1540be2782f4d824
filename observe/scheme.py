"""Coding schemes: which infant cues and caregiver responses an observer codes (DESIGN §2).

A scheme is immutable. A session stores a full snapshot of its scheme plus the
snapshot's digest, so editing a scheme file never changes a recorded session.

Schemes are TOML files: the shipped ones in the ``coding_schemes`` package, a user's own in
``<archive>/schemes/``. :func:`parse_scheme` checks a file completely before building a
:class:`Scheme` (see :mod:`observe.scheme_validation`) and reports every problem at once.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from attrs import field, frozen

from observe.errors import ObserveError, SchemeError
from observe.locations import schemes_dir
from observe.scheme_validation import RESERVED_KEYS, validate_data
from observe.scheme_validation import SLUG as SLUG_PATTERN

__all__ = [
    "DEFAULT_SCHEME_ID",
    "RESERVED_KEYS",
    "CodeKind",
    "Cue",
    "InstalledScheme",
    "Rating",
    "Response",
    "Scheme",
    "SchemeCatalogue",
    "SchemeNotFound",
    "find_scheme",
    "installed_schemes",
    "load_scheme",
    "parse_scheme",
    "scheme_catalogue",
    "shipped_scheme_paths",
    "user_schemes_dir",
]

#: The scheme a new session uses unless the observer picks another.
DEFAULT_SCHEME_ID = "infant-cues"

CodeKind = Literal["point", "state"]


def _tuple_of_str(value: object) -> tuple[str, ...]:
    return tuple(value)  # type: ignore[arg-type]


@frozen
class Cue:
    """Infant behaviour that calls for a response."""

    id: str
    label: str
    key: str
    matches: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    window: float | None = None  # per-cue response window (s); None: the scheme's
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""


@frozen
class Response:
    """Caregiver behaviour."""

    id: str
    label: str
    key: str
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""


@frozen
class Rating:
    """A global rating entered at the end of a session."""

    id: str
    label: str
    min: int = 1
    max: int = 5
    description: str = ""


@frozen
class Scheme:
    id: str
    name: str
    version: str
    response_window: float
    repair_window: float
    cues: tuple[Cue, ...] = field(converter=tuple)
    responses: tuple[Response, ...] = field(converter=tuple)
    ratings: tuple[Rating, ...] = field(default=(), converter=tuple)
    description: str = ""
    intensity_levels: int = 0

    # -- lookups -----------------------------------------------------------------------

    def cue(self, code: str) -> Cue | None:
        return next((c for c in self.cues if c.id == code), None)

    def response(self, code: str) -> Response | None:
        return next((r for r in self.responses if r.id == code), None)

    def code(self, code: str) -> Cue | Response | None:
        return self.cue(code) or self.response(code)

    def is_cue(self, code: str) -> bool:
        return self.cue(code) is not None

    def is_response(self, code: str) -> bool:
        return self.response(code) is not None

    def by_key(self, key: str) -> Cue | Response | None:
        for code in (*self.cues, *self.responses):
            if code.key == key:
                return code
        return None

    def window_for(self, cue_id: str) -> float:
        """The response window of a cue: its own, else the scheme's."""
        cue = self.cue(cue_id)
        if cue is not None and cue.window is not None:
            return cue.window
        return self.response_window

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON of this scheme: the identity of a snapshot."""
        from observe.convert import converter

        canonical = json.dumps(
            converter.unstructure(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @classmethod
    def from_toml(cls, text: str | bytes, source: str = "<text>") -> Scheme:
        """The scheme in TOML ``text``; raises :class:`SchemeError` listing every problem."""
        return parse_scheme(text, source)


class SchemeNotFound(ObserveError):
    """No scheme has the id asked for, or a scheme file cannot be read."""


# -- parsing ---------------------------------------------------------------------------

# tomllib ends its messages with "(at line L, column C)" or "(at end of document)".
_TOML_POSITION = re.compile(
    r"^(?P<what>.*) \((?:at line (?P<line>\d+), column (?P<col>\d+)|at end of document)\)$",
    re.S,
)


def parse_scheme(text: str | bytes, source: str) -> Scheme:
    """The scheme in TOML ``text`` (read from ``source``, used in messages).

    Raises :class:`SchemeError` with every problem found; never any other exception.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SchemeError(
                source,
                [f"the file is not UTF-8 text (byte {error.start + 1}); save it as UTF-8"],
            ) from None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SchemeError(
            source, ["the text contains characters that cannot be saved as UTF-8"]
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemeError(source, [_toml_problem(str(error))]) from None
    except RecursionError:
        raise SchemeError(source, ["the TOML is nested too deeply to read"]) from None
    problems = validate_data(data, text)
    if problems:
        raise SchemeError(source, problems)
    return _build(data)


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in the TOML file at ``path``."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise SchemeNotFound(f"there is no coding scheme file at {path}; check the path") from None
    except IsADirectoryError:
        raise SchemeNotFound(
            f"{path} is a folder, not a coding scheme file; give the path to a .toml file"
        ) from None
    except ValueError:  # a NUL in the path
        raise SchemeNotFound(f"{path!r} is not a usable file name; check the path") from None
    except OSError as error:
        raise SchemeNotFound(
            f"the coding scheme file {path} cannot be read ({error.strerror}); "
            "check that it exists and that you may read it"
        ) from None
    return parse_scheme(content, str(path))


def _toml_problem(message: str) -> str:
    match = _TOML_POSITION.match(message)
    if match is None:
        return f"this is not valid TOML: {message}"
    what = match["what"][:1].lower() + match["what"][1:]
    if match["line"]:
        where = f"line {match['line']}, column {match['col']}"
    else:
        where = "at the end of the file"
    return f"{where}: this is not valid TOML: {what}"


def _build(data: dict[str, Any]) -> Scheme:
    """A Scheme from data that :func:`validate_data` found valid."""
    table = data["scheme"]
    cues = [
        Cue(
            id=c["id"],
            label=c["label"],
            key=c["key"],
            matches=c["matches"],
            window=float(c["window"]) if "window" in c else None,
            group=c.get("group"),
            kind=c.get("kind", "point"),
            description=c.get("description", ""),
        )
        for c in data["cues"]
    ]
    responses = [
        Response(
            id=r["id"],
            label=r["label"],
            key=r["key"],
            group=r.get("group"),
            kind=r.get("kind", "point"),
            description=r.get("description", ""),
        )
        for r in data["responses"]
    ]
    ratings = [
        Rating(
            id=r["id"],
            label=r["label"],
            min=r.get("min", 1),
            max=r.get("max", 5),
            description=r.get("description", ""),
        )
        for r in data.get("ratings", [])
    ]
    return Scheme(
        id=table["id"],
        name=table["name"],
        version=table["version"],
        response_window=float(table["response_window"]),
        repair_window=float(table["repair_window"]),
        cues=cues,
        responses=responses,
        ratings=ratings,
        description=table.get("description", ""),
        intensity_levels=table.get("intensity_levels", 0),
    )


# -- installed schemes -----------------------------------------------------------------


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
    folder = importlib.resources.files("coding_schemes")
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
    try:
        user_paths = sorted(p for p in user_dir.glob("*.toml") if p.is_file())
    except OSError:
        user_paths = []
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
    if SLUG_PATTERN.match(id_or_path) and _is_file(own_file):
        # The user's file was left out of the catalogue: say exactly why.
        load_scheme(own_file)  # raises SchemeError listing its problems
        reason = next((p for p in catalogue.problems if str(own_file) in p), None)
        if reason is not None:
            raise SchemeNotFound(reason)
    raise SchemeNotFound(
        f'there is no coding scheme "{id_or_path}"; the installed schemes are '
        f"{', '.join(catalogue.ids) or 'none'} (or give the path to a .toml file)"
    )


def _is_file(path: Path) -> bool:
    """``path.is_file()`` for any string a user may type (too long, NUL, ...)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
