"""Reading one cell of an events CSV: a time, a kind, an intensity.

Each reader returns the value, or appends to ``found`` what is wrong with the cell (said
so that a user knows what to type instead) and returns None.
"""

from __future__ import annotations

import difflib
import math
import re

from observe.model import to_ms
from observe.scheme import Scheme

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_CLOCK_TIME = re.compile(r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:\.\d+)?)")


def read_time(text: str, found: list[str]) -> float | None:
    if not text:
        found.append("the time is empty (seconds from the start, e.g. 12.5)")
        return None
    candidate = text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text
    clock = _CLOCK_TIME.fullmatch(text)
    if clock is not None:
        hours, minutes, seconds = clock["h"] or "0", clock["m"], clock["s"]
        total = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
        found.append(
            f'time "{text}" is a clock time, not seconds; write it as seconds '
            f"({text} is {total:g} if it means {'hours:' if clock['h'] else ''}minutes:seconds)"
        )
        return None
    if not _NUMBER.fullmatch(candidate):
        found.append(f'time "{shorten(text)}" is not a number of seconds (e.g. 12.5)')
        return None
    value = float(candidate)
    if not math.isfinite(value):
        found.append(f'time "{shorten(text)}" is too large to be a number of seconds')
        return None
    if value < 0:
        found.append(f"time {value:g} is negative; times are seconds from the start")
        return None
    return to_ms(value)


def read_kind(code: str, kind_text: str, scheme: Scheme, found: list[str]) -> str:
    kind = kind_text.lower()
    if kind not in ("", "point", "start", "stop"):
        found.append(f'kind "{shorten(kind_text)}" is not point, start or stop')
        return ""
    if not code:
        found.append("the code is empty")
        return kind
    definition = scheme.code(code)
    if definition is None:
        found.append(unknown_code(code, scheme))
        return kind
    if definition.kind == "point" and kind in ("start", "stop"):
        found.append(
            f'"{code}" is a point code, so it cannot {kind}: make the kind point or leave it empty'
        )
    elif definition.kind == "state" and kind == "point":
        found.append(f'"{code}" is a state code, so its kind is start or stop (or empty to toggle)')
    if definition.kind == "point":
        return "point"
    return kind


def unknown_code(code: str, scheme: Scheme) -> str:
    ids = [c.id for c in (*scheme.cues, *scheme.responses)]
    by_lower = {i.lower(): i for i in ids}
    suggestions = [by_lower[code.lower()]] if code.lower() in by_lower else []
    keyed = scheme.by_key(code) if len(code) == 1 else None
    if keyed is not None and keyed.id not in suggestions:
        suggestions.append(keyed.id)
    for close in difflib.get_close_matches(code, ids, n=3, cutoff=0.6):
        if close not in suggestions:
            suggestions.append(close)
    hint = ""
    if suggestions:
        hint = " (did you mean " + " or ".join(f'"{s}"' for s in suggestions[:3]) + "?)"
    return f'"{shorten(code)}" is not a code in scheme {scheme.id}{hint}'


def read_intensity(text: str, scheme: Scheme, found: list[str]) -> int | None:
    if not text:
        return None
    levels = scheme.intensity_levels
    if levels <= 0:
        found.append(
            f'intensity "{shorten(text)}" given, but scheme {scheme.id} does not code intensity; '
            "leave the intensity empty"
        )
        return None
    value: float | None = None
    if _NUMBER.fullmatch(text) and len(text) < 20:
        value = float(text)
    if value is None or not value.is_integer() or not 1 <= value <= levels:
        found.append(f'intensity "{shorten(text)}" is not a whole number from 1 to {levels}')
        return None
    return int(value)


def shorten(text: str, limit: int = 40) -> str:
    """A cell quoted in a message, cut short (a pasted paragraph makes no sentence)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
