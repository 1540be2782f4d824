"""The big session clock (mm:ss.t) at the top of the coding screen."""

from __future__ import annotations

from textual.widgets import Digits

from observe.display import clock_tenths

#: The coding screen's clock format, under the name the screens use.
format_clock = clock_tenths


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
