"""When the home screen reads its list again: only while it is the screen the user sees.

While another screen is on top (coding, review, a dialog) the home screen does nothing at
all: its index poll is paused, and a change to the sessions only marks the list stale. It
reads the list again once it is the top screen again (after it has been drawn, so a dialog
whose answer opens the next screen — the new-session form, then the coding screen — does
not make it rebuild on the way). A fold's index write during coding therefore never makes
the hidden list of a year's sessions rebuild while the observer is pressing keys.

On top, it polls the index file once a second (a stat): a session folded after the coding
screen closed, or — read-only — the sessions another observe is recording.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen
from textual.timer import Timer

INDEX_POLL_SECONDS = 1.0


class IndexFollower:
    def __init__(self, screen: Screen, index: Callable[[], Path], reload: Callable[[], None]):
        self.screen = screen
        self.index = index
        self._reload = reload
        self._seen: tuple[int, int] | None = None
        self._stale = False
        self._poll: Timer | None = None
        #: How often the list was read and shown again (a test counts them).
        self.rebuilds = 0

    @property
    def on_top(self) -> bool:
        """Whether the screen is the one the user sees. (``Screen.is_current`` is also true
        for the screen under the top one.)"""
        screen = self.screen
        return screen.is_mounted and screen.app.screen is screen

    def start(self) -> None:
        self._poll = self.screen.set_interval(INDEX_POLL_SECONDS, self.reload_if_changed)

    def reloaded(self) -> None:
        """The list was just read: remember the index it was read from."""
        self.rebuilds += 1
        self._stale = False
        self._seen = self._signature()

    def suspended(self) -> None:
        if self._poll is not None:
            self._poll.pause()

    def resumed(self) -> None:
        self.screen.call_after_refresh(self._back_on_top)

    def changed(self) -> None:
        """Sessions were added, ended or deleted: read now if seen, else once on top."""
        if self.on_top:
            self._reload()
        else:
            self._stale = True

    def reload_if_changed(self) -> None:
        if self.on_top and self._signature() != self._seen:
            self._reload()

    def _back_on_top(self) -> None:
        if not self.on_top:
            return
        if self._poll is not None:
            self._poll.resume()
        if self._stale:
            self._reload()
        else:
            self.reload_if_changed()

    def _signature(self) -> tuple[int, int] | None:
        try:
            stat = self.index().stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)
