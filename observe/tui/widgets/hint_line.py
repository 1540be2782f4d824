"""The coding screen's hint line: what a key came to when it did nothing ("PAUSED: Hungry
not coded") or is worth a word ("is Caps Lock on?"), shown for a few seconds."""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widgets import Static

#: How long a hint stays (s).
HINT_SECONDS = 4.0


class HintLine(Static):
    def __init__(self, *, id: str, changed: Callable[[], None]) -> None:
        super().__init__(id=id)
        self.text = ""
        self._changed = changed  # told whenever the hint changes (the too-small notice)
        self._timer: Timer | None = None

    def say(self, text: str) -> None:
        self._stop()
        self._show(text)
        self._timer = self.set_timer(HINT_SECONDS, self.clear)

    def clear(self) -> None:
        self._stop()
        self._show("")

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _show(self, text: str) -> None:
        self.text = text
        self.update(text, layout=False)  # one line, always
        self._changed()
