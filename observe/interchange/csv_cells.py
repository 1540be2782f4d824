"""Reading the cells of one row of an events CSV: a time, a code, a kind, an intensity.

The cells are read here (a number of seconds, a kind word, a whole number); whether the
event they make is one the scheme allows is :mod:`observe.validity`'s rule, worded here for
a spreadsheet: what is wrong with the cell and what to type instead.
"""

from __future__ import annotations

import math
import re

from attrs import frozen

from observe.display import shorten
from observe.model import to_ms
from observe.scheme import Scheme
from observe.validity import Problem, Rule, event_problems
from observe.validity.events import code_definition

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_CLOCK_TIME = re.compile(r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:\.\d+)?)")
#: The columns of a row in the order their problems are listed.
_COLUMN_ORDER = ("t", "code", "kind", "intensity", "note")


@frozen
class RowEvent:
    """A row's event as read: its time (to the millisecond) and cells."""

    t: float
    code: str
    kind: str  # point | start | stop | "" (toggle a state code)
    intensity: int | None
    note: str | None


def read_row(
    *,
    time_text: str,
    code: str,
    kind_text: str,
    intensity_text: str,
    note_text: str = "",
    scheme: Scheme,
    duration: float | None,
) -> tuple[RowEvent | None, list[str]]:
    """The row's event, or None and what is wrong with its cells (in column order)."""
    found: list[tuple[str, str]] = []  # (field, what is wrong)
    t = _read_time(time_text, found)
    kind = _read_kind(kind_text, found)
    intensity = _read_intensity(intensity_text)
    note = note_text or None
    problems = event_problems(
        scheme,
        code=code,
        t=t,
        kind=kind or None,
        intensity=intensity,
        duration=duration,
        note=note,
    )
    found += [(problem.field, _worded(problem, intensity_text, scheme)) for problem in problems]
    if found:
        found.sort(key=lambda item: _COLUMN_ORDER.index(item[0]))
        return None, [text for _field, text in found]
    assert t is not None and kind is not None
    definition = code_definition(scheme, code)
    if definition is not None and definition.kind == "point":
        kind = "point"
    level = None if intensity is None else int(intensity)
    return RowEvent(t=to_ms(t), code=code, kind=kind, intensity=level, note=note), []


def _worded(problem: Problem, intensity_text: str, scheme: Scheme) -> str:
    """A problem said for a spreadsheet row: the cell as typed, and what to type instead."""
    match problem.rule:
        case Rule.TIME_BEFORE_START:
            return f"{problem.sentence}; times are seconds from the start"
        case Rule.TIME_PAST_LONGEST:
            return (
                f"{problem.sentence}; times are seconds: if the file has milliseconds, "
                "divide them by 1000"
            )
        case Rule.POINT_CODE_KIND:
            return f"{problem.sentence}: make the kind point or leave it empty"
        case Rule.STATE_CODE_KIND:
            return f"{problem.sentence} (or empty to toggle)"
        case Rule.NO_INTENSITY:
            return (
                f'intensity "{shorten(intensity_text)}" given, but scheme {scheme.id} does not '
                "code intensity; leave the intensity empty"
            )
        case Rule.INTENSITY_OUTSIDE:
            return (
                f'intensity "{shorten(intensity_text)}" is not a whole number from 1 to '
                f"{scheme.intensity_levels}"
            )
    return problem.sentence


def _read_time(text: str, found: list[tuple[str, str]]) -> float | None:
    """Seconds as written (``12.5``, or ``12,5`` with a decimal comma); None if the cell
    is no number of seconds."""
    if not text:
        found.append(("t", "the time is empty (seconds from the start, e.g. 12.5)"))
        return None
    candidate = text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text
    clock = _CLOCK_TIME.fullmatch(text)
    if clock is not None:
        hours, minutes, seconds = clock["h"] or "0", clock["m"], clock["s"]
        total = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
        found.append(
            (
                "t",
                f'time "{text}" is a clock time, not seconds; write it as seconds '
                f"({text} is {total:g} if it means {'hours:' if clock['h'] else ''}"
                "minutes:seconds)",
            )
        )
        return None
    if not _NUMBER.fullmatch(candidate):
        found.append(("t", f'time "{shorten(text)}" is not a number of seconds (e.g. 12.5)'))
        return None
    value = float(candidate)
    if not math.isfinite(value):
        found.append(("t", f'time "{shorten(text)}" is too large to be a number of seconds'))
        return None
    return value


def _read_kind(kind_text: str, found: list[tuple[str, str]]) -> str | None:
    """``point``, ``start``, ``stop``, or "" (not given); None if the cell is none of them."""
    kind = kind_text.lower()
    if kind not in ("", "point", "start", "stop"):
        found.append(("kind", f'kind "{shorten(kind_text)}" is not point, start or stop'))
        return None
    return kind


def _read_intensity(text: str) -> float | None:
    """The intensity as a number (``nan`` for text that is none); None when empty."""
    if not text:
        return None
    if _NUMBER.fullmatch(text) and len(text) < 20:
        return float(text)
    return math.nan
