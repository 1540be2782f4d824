"""Reading a coding scheme from TOML: every problem in the file at once, or a Scheme.

:func:`parse_scheme` checks the whole file first (:mod:`observe.scheme.validation`) and only
then builds the :class:`~observe.scheme.model.Scheme`, so a file either loads completely
or raises one :class:`~observe.errors.SchemeError` listing all its problems.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from observe.convert import structure
from observe.errors import ObserveError, SchemeError
from observe.reading import InputRefused, read_bounded
from observe.scheme.model import Scheme
from observe.scheme.validation import validate_data

#: A scheme file is refused, unread, above this size. The shipped schemes are 4 to 6 KB; a
#: scheme with a code for every key of the keyboard and a paragraph on each is under 100 KB.
MAX_SCHEME_FILE_BYTES = 1 << 20


class SchemeNotFound(ObserveError):
    """No scheme has the id asked for, or a scheme file cannot be read."""


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
    return scheme_from_data(data)


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in the TOML file at ``path``."""
    return parse_scheme(read_scheme_file(path), str(path))


def read_scheme_file(path: str | Path) -> bytes:
    """The bytes of the scheme file at ``path``; one sentence (:class:`SchemeNotFound`)
    when it cannot be read or is too large to be one."""
    path = Path(path)
    try:
        content = read_bounded(path, MAX_SCHEME_FILE_BYTES, what="a coding scheme file")
    except InputRefused as refused:
        advice = (
            "check that this is the scheme's .toml file"
            if refused.too_large
            else "give the path to a .toml file"
        )
        raise SchemeNotFound(f"{path} {refused.reason}; {advice}") from None
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
    return content


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


def scheme_from_data(data: dict[str, Any]) -> Scheme:
    """A Scheme from data that :func:`validate_data` found valid; whatever the file leaves
    out takes the defaults the scheme types declare."""
    return structure(
        {
            **data["scheme"],
            "cues": data["cues"],
            "responses": data["responses"],
            "ratings": data.get("ratings", []),
            "actors": data.get("actors", []),
            "contingencies": data.get("contingencies", []),
            "state_groups": data.get("state_groups", []),
        },
        Scheme,
    )
