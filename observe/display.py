"""Figures as people read them: the one plain-text style of the CLI, the TUI and the PDFs.

Rates are whole percentages with no space (``80%``), times in seconds carry their unit
(``1.8 s``), session-clock times read like a clock (``4:05``, ``1:02:09``), lengths in
words (``14 min 28 s``). A figure that cannot be computed is always :data:`MISSING`,
never ``0%``, ``-``, ``None`` or ``nan``: a reader must not mistake "no data" for a value.
Everything rounds to the nearest unit, so one figure reads the same everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Literal

MISSING = "–"


def _known(value: object) -> float | None:
    """``value`` as a float, or None when it is no number (None, nan, a stray string)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) else float(value)


def percent(rate: object) -> str:
    """A rate (0–1) as a whole percentage: ``0.8`` → ``80%``."""
    known = _known(rate)
    return MISSING if known is None else f"{round(known * 100)}%"


def seconds(value: object, decimals: int = 1) -> str:
    """A time in seconds with its unit: ``1.84`` → ``1.8 s``."""
    known = _known(value)
    return MISSING if known is None else f"{known:.{decimals}f} s"


def median_text(value: float | None, n: int, *, tight: bool = False) -> str:
    """A median in seconds with how many values it rests on: ``2.0 s (n = 29)``, so that a
    median of one response does not read like a firm one. The bracket is held together
    (no-break spaces), so a narrow cell wraps before it; ``tight``: ``2.0 s (n=29)``, for
    a line with no room to spare."""
    if value is None:
        return MISSING
    equals = "=" if tight else "\u00a0=\u00a0"
    return f"{seconds(value)} (n{equals}{n})"


#: Said beside latency figures (the reports' key figures and charts, the TUI's figures): a
#: quick response is not the goal in itself.
LATENCY_CAVEAT = (
    "Faster is not always better: what matters is a quick response that fits the cue, and "
    "for some cues, such as a baby's signal that they need a break, giving space is the "
    "fitting response."
)


def number(value: object, decimals: int = 2) -> str:
    """A plain figure such as Yule's Q or kappa: ``0.617`` → ``0.62``."""
    known = _known(value)
    return MISSING if known is None else f"{known:.{decimals}f}"


def clock(t: float) -> str:
    """Session-clock time (or a length) to the nearest second: ``m:ss``, ``h:mm:ss`` past an
    hour."""
    hours, rest = divmod(round(t), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_seconds(t: float) -> str:
    """The running session clock of live coding: ``mm:ss``, :func:`clock_tenths` without
    its tenth (cut the same way). The clock then changes once a second, so the coding
    screen draws it once a second rather than ten times, and a key press waits behind
    none of the other nine frames; each event's moment is still shown to the tenth."""
    minutes, secs = divmod(clock_second(t), 60)
    return f"{minutes:02d}:{secs:02d}"


def clock_second(t: float) -> int:
    """The second the live clock reads at ``t`` (cut, as :func:`clock_tenths` cuts)."""
    return int(max(0.0, t) * 10 + 1e-6) // 10


def clock_tenths(t: float) -> str:
    """Session-clock time to the tenth, as the coding screen's clock shows it: ``mm:ss.t``
    (minutes keep counting past 59: a long visit reads ``75:03.2``). Tenths are cut, not
    rounded, like a stopwatch: a moment never reads later than it happened."""
    tenths = int(max(0.0, t) * 10 + 1e-6)
    minutes, tenths_in_minute = divmod(tenths, 600)
    return f"{minutes:02d}:{tenths_in_minute // 10:02d}.{tenths_in_minute % 10}"


def when(started_at: str, form: Literal["minute", "day", "words"] = "minute") -> str:
    """When a session started, on the clock it was recorded by (the observer's local time):
    ``2026-03-02 10:15`` (``minute``), ``2026-03-02`` (``day``), or ``2 March 2026, 10:15``
    (``words``, as a report says it). A time that is no ISO date is shown as it was
    stored, cut to the length of the short forms."""
    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return started_at if form == "words" else started_at[: 16 if form == "minute" else 10]
    if form == "words":
        return f"{moment.day} {moment:%B %Y, %H:%M}"
    return moment.strftime("%Y-%m-%d %H:%M" if form == "minute" else "%Y-%m-%d")


def duration_words(value: float) -> str:
    """A length in words to the nearest second: ``14 min 28 s``, ``1 h 5 min``, ``40 s``."""
    hours, rest = divmod(round(value), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


def shorten(text: str, limit: int = 40) -> str:
    """Text quoted in a message, on one line and cut short with ``…`` (a pasted paragraph
    makes no sentence), any control character shown as ``�``: a NUL or an escape sequence
    from a file would otherwise reach the terminal the message is printed on."""
    flat = "".join(ch if ch.isprintable() or ch == " " else "�" for ch in " ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    right: Collection[int] | None = None,
    gap: int = 2,
    width: int | None = None,
) -> list[str]:
    """A plain-text table, one string per line (header first), trailing spaces trimmed.

    ``right`` names the right-aligned columns (figures); by default every column but the
    first (a label column). The first column is followed by two spaces and the others are
    ``gap`` spaces apart. With ``width``, a long first column is cut with ``…`` so that the
    table fits (never narrower than its heading).
    """
    aligned_right = set(range(1, len(header))) if right is None else set(right)
    widths = [max(len(cells[i]) for cells in (header, *rows)) for i in range(len(header))]
    if width is not None and len(widths) > 1:
        rest = sum(widths[1:]) + gap * (len(widths) - 2) + 2
        widths[0] = max(min(widths[0], width - rest), len(header[0]))

    def cell(text: str, column: int) -> str:
        size = widths[column]
        if len(text) > size:
            text = text[: size - 1] + "…"
        return text.rjust(size) if column in aligned_right else text.ljust(size)

    def line(cells: Sequence[str]) -> str:
        first, *others = (cell(text, i) for i, text in enumerate(cells))
        if not others:
            return first.rstrip()
        return f"{first}  {(' ' * gap).join(others)}".rstrip()

    return [line(header), *(line(cells) for cells in rows)]
