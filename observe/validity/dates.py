"""What a wall-clock time of a session may be: the start, the end, each pause.

A session stores them as ISO 8601 text with the offset from UTC (``2026-03-02T10:15:00+01:00``),
so the same moment reads the same on any laptop; each lies between
:data:`~observe.validity.limits.EARLIEST_WALL_CLOCK` and
:data:`~observe.validity.limits.LATEST_WALL_CLOCK`.
"""

from __future__ import annotations

from datetime import datetime

from observe.validity.limits import EARLIEST_WALL_CLOCK, LATEST_WALL_CLOCK
from observe.validity.text import shown

EXAMPLE = "2026-03-02T10:15:00+01:00"


def wall_clock_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a stored wall-clock time, as words to follow the time
    itself (``"2026-13-45" is not …``); None when nothing is."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return f'"{shown(text)}" is not a date and time (ISO 8601, such as {EXAMPLE})'
    if moment.tzinfo is None:
        return f'"{shown(text)}" has no offset from UTC (write it like {EXAMPLE})'
    return range_problem(moment, text)


def range_problem(moment: datetime, text: str | None = None) -> str | None:
    """``"9999-12-31T23:59:59+14:00" is not between 1900 and 2100``, or None when it is
    (``moment`` has an offset)."""
    if EARLIEST_WALL_CLOCK <= moment < LATEST_WALL_CLOCK:
        return None
    quoted = shown(text) if text is not None else moment.isoformat()
    return (
        f'"{quoted}" is not between {EARLIEST_WALL_CLOCK.year} and {LATEST_WALL_CLOCK.year} '
        "(the years a session may be dated)"
    )
