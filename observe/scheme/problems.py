"""Where a problem in a coding-scheme file is, and the list of problems found.

tomllib reports positions only for syntax errors, so a :class:`Locator` finds the line
of a table or field by scanning the text, and :class:`Problems` puts each message in the
form a programme lead can act on: ``line 12: cues[3].matches: "fed" is not a response
id; did you mean "feed"?``, in file order.
"""

from __future__ import annotations

import difflib
import math
import re

from attrs import frozen

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """``("cues", 3, "matches")`` -> ``cues[3].matches``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def describe_type(value: object) -> str:
    """How a TOML value's type reads to someone editing the file."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int):
        return f"a whole number ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{value}")' if len(value) <= 30 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a date or time ({value})"


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class Locator:
    """Finds the line of a table or field in TOML text, for messages a user can act on.

    tomllib does not report positions of values, so this scans the text for table headers
    (``[scheme]``, ``[[cues]]``, ``[ratings.anchors]``) and ``key =`` lines (dotted keys
    such as ``matches.bid = […]`` too). It is a best effort: a field it cannot
    find simply has no line number in the message.
    """

    _ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _TABLE_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*=")

    def __init__(self, text: str) -> None:
        self._lines: dict[Path_, int] = {}
        counts: dict[str, int] = {}
        table: Path_ = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if match := self._ARRAY_HEADER.match(line):
                name = match.group(1)
                index = counts.get(name, 0)
                counts[name] = index + 1
                table = (name, index)
                self._lines.setdefault((name,), number)
            elif match := self._TABLE_HEADER.match(line):
                # [cues.x] after [[cues]] is a table inside the last of the cues.
                head, *rest = match.group(1).split(".")
                table = (
                    (head, counts[head] - 1, *rest) if head in counts and rest else (head, *rest)
                )
            elif match := self._KEY.match(line):
                self._lines.setdefault((*table, *match.group(1).split(".")), number)
                for quotes in ('"""', "'''"):
                    if line.count(quotes) % 2 == 1:
                        in_multiline = quotes
                        break
                continue
            else:
                continue
            self._lines.setdefault(table, number)

    def line_of(self, path: Path_) -> int | None:
        """The line of ``path`` or, failing that, of the nearest enclosing table."""
        for end in range(len(path), 0, -1):
            found = self._lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


@frozen
class Problem:
    """One problem: the field it is about (``("cues", 3, "key")``; ``()`` for the file as a
    whole), the line of that field when it can be found, and the message as
    ``observe scheme validate`` prints it (``line 12: cues[3].key: ...``)."""

    path: Path_
    line: int | None
    message: str


class Problems:
    """Collects located problems; ``messages()`` gives them in file order."""

    def __init__(self, locator: Locator) -> None:
        self._locator = locator
        self._found: list[Problem] = []

    def add(self, path: Path_, message: str) -> None:
        line = self._locator.line_of(path) if path else None
        where = format_path(path)
        text = f"{where}: {message}" if where else message
        self._found.append(Problem(tuple(path), line, f"line {line}: {text}" if line else text))

    def located(self) -> list[Problem]:
        """Every problem with the field it is about, in file order (a form shows each one
        beside its field, in the words of ``messages()``)."""
        ordered = sorted(
            enumerate(self._found),
            key=lambda item: (item[1].line is None, item[1].line or 0, item[0]),
        )
        return [problem for _, problem in ordered]

    def messages(self) -> list[str]:
        return [problem.message for problem in self.located()]

    def __bool__(self) -> bool:
        return bool(self._found)


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_positive(value: object) -> bool:
    return is_number(value) and math.isfinite(value) and value > 0  # type: ignore[arg-type]
