"""The big session clock (mm:ss.t) at the top of the coding screen."""

from __future__ import annotations

from textual.widgets import Digits


def format_clock(seconds: float) -> str:
    """``mm:ss.t`` (minutes keep counting past 59: a long visit reads 75:03.2)."""
    tenths = int(max(0.0, seconds) * 10 + 1e-6)
    minutes, tenths_in_minute = divmod(tenths, 600)
    return f"{minutes:02d}:{tenths_in_minute // 10:02d}.{tenths_in_minute % 10}"


class ClockDisplay(Digits):
    """Large digits; the PAUSED state is said in words next to it, not by colour alone."""

    DEFAULT_CSS = """
    ClockDisplay {
        width: auto;
        padding: 0 1;
    }
    ClockDisplay.-paused {
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(format_clock(0.0), id=id)

    def show(self, seconds: float, *, paused: bool) -> None:
        text = format_clock(seconds)
        if text != self.value:
            self.update(text)
        self.set_class(paused, "-paused")
