"""The session clock at the top of the coding screen: three lines high, or five in big
digits when the terminal has the room. It runs in the screen's own format: whole seconds
while coding live (``mm:ss``), tenths where a recording's position is found (``mm:ss.t``)."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen
from textual.widgets import Digits, Static

from observe.display import clock_seconds, clock_tenths

#: A moment on the session clock (an event, a pause, the end), under the name the screens use.
format_clock = clock_tenths


@frozen
class ClockFace:
    """How a running clock reads, and how often what it reads changes (s)."""

    text: Callable[[float], str]
    step: float

    def next_step(self, t: float) -> float:
        """The first time after ``t`` at which the clock reads otherwise."""
        return (int(t / self.step + 1e-6) + 1) * self.step


#: Live coding's clock: whole seconds (see :func:`observe.display.clock_seconds`).
LIVE_CLOCK = ClockFace(clock_seconds, 1.0)
#: A recording's position, found and stepped by the tenth.
RECORDING_CLOCK = ClockFace(clock_tenths, 0.1)

#: A 3×5 font; each "#" is drawn two cells wide.
_GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    ".": (".", ".", ".", ".", "#"),
}


def big_digits(text: str) -> str:
    """``text`` (digits, ``:`` and ``.``) in five lines of block characters."""
    rows = []
    for row in range(5):
        glyphs = (_GLYPHS.get(ch, ("...",) * 5)[row] for ch in text)
        rows.append(" ".join(g.replace("#", "██").replace(".", "  ") for g in glyphs))
    return "\n".join(rows)


class ClockDisplay(Digits):
    """Large digits; the PAUSED state is said in words next to it, not by colour alone."""

    DEFAULT_CSS = """
    ClockDisplay {
        width: auto;
        padding: 0 0 0 1;
    }
    ClockDisplay.-paused {
        color: $text-muted;
    }
    """

    def __init__(self, face: ClockFace = LIVE_CLOCK, *, id: str | None = None) -> None:
        super().__init__(face.text(0.0), id=id)
        self._text = face.text

    def show(self, seconds: float, *, paused: bool) -> None:
        text = self._text(seconds)
        if text != self.value:
            self.update(text)
        self.set_class(paused, "-paused")


class BigClock(Static):
    """The same clock in five-line digits, for a tall terminal."""

    DEFAULT_CSS = """
    BigClock {
        width: auto;
        height: 5;
        padding: 0 1;
    }
    BigClock.-paused {
        color: $text-muted;
    }
    """

    _shown: str | None = None

    def __init__(self, face: ClockFace = LIVE_CLOCK, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = face.text

    def show(self, seconds: float, *, paused: bool) -> None:
        text = self._text(seconds)
        if text != self._shown:
            wider = self._shown is None or len(text) != len(self._shown)
            self._shown = text
            self.update(big_digits(text), layout=wider)
        self.set_class(paused, "-paused")
