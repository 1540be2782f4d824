"""Reading typed values out of a parsed JSON file from outside, each refusal one sentence
naming the file and the place (the BORIS project reader's footing)."""

from __future__ import annotations

import math
from typing import Any

from observe.errors import InterchangeError
from observe.validity.exact import json_value
from observe.validity.text import shown

_AGAIN = "open the project in BORIS, correct it there and save it, then import it again"


def _numbered_order(item: tuple[str, object]) -> tuple[int, int, str]:
    key = item[0]
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


class Reader:
    """Reads the parts of one file, naming the file in every sentence."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, what: str) -> InterchangeError:
        return InterchangeError(f"{self.source}: {where} {what}; {_AGAIN}")

    def table(self, value: object, where: str) -> list[tuple[str, dict[str, Any]]]:
        if not isinstance(value, dict):
            raise self.fail(where, f"is {json_value(value)}, not a table")
        for key, item in value.items():
            if not isinstance(item, dict):
                raise self.fail(f'{where} "{shown(key)}"', f"is {json_value(item)}, not a table")
        return list(value.items())

    def numbered(self, value: object, where: str) -> list[tuple[str, dict[str, Any]]]:
        """A table keyed "0", "1", ... in the order of its numbers (as BORIS sorts them)."""
        return sorted(self.table(value, where), key=_numbered_order)

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"is {json_value(value)}, not text")
        return value

    def list_of_text(self, value: object, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"is {json_value(value)}, not a list of names")
        return list(value)

    def number(self, value: object, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"is {json_value(value)}, not a number of seconds")
        if not math.isfinite(value):
            raise self.fail(where, "is not a finite number of seconds")
        return float(value)
