"""What mpv has reported: the properties a clock needs, kept current from its events.

:class:`Observed` holds the last value mpv reported for each property of
:data:`OBSERVED`, tells listeners of every change (with the monotonic moment the report
was read), and lets a command wait for a condition on them (a frame step waits until the
position has moved and the player is paused again) without asking mpv anything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from observe.media.errors import PlayerGone
from observe.media.ipc import consume

#: The properties kept current from mpv's events (observe_property ids 1, 2, …).
OBSERVED = ("time-pos", "pause", "speed", "eof-reached", "seeking", "duration")
#: Listeners hear ``(name, stamp)``: a property of OBSERVED changed, or "closed".
Listener = Callable[[str, float], None]


class Observed:
    """The player's state as last reported; the base of :class:`~observe.media.Player`."""

    def __init__(self) -> None:
        self.position: float | None = None
        self.paused = True
        self.speed = 1.0
        self.eof_reached = False
        self.seeking = False
        self.duration: float | None = None
        self._gone: str | None = None
        self._listeners: list[Listener] = []
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Hear every change of an observed property, and the end of the connection."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def update(self, name: str, value: Any, stamp: float) -> None:
        """Take mpv's report that ``name`` is now ``value`` (``None``: unavailable)."""
        if name == "time-pos":
            self.position = None if value is None else float(value)
        elif name == "pause":
            self.paused = True if value is None else bool(value)
        elif name == "speed":
            self.speed = 1.0 if value is None else float(value)
        elif name == "eof-reached":
            self.eof_reached = bool(value)
        elif name == "seeking":
            self.seeking = bool(value)
        elif name == "duration":
            self.duration = None if value is None else float(value)
        else:
            return
        self._notify(name, stamp)

    def gone(self, reason: str, stamp: float) -> None:
        """The player is gone: listeners hear "closed", every waiting condition fails."""
        self._gone = reason
        self._notify("closed", stamp)

    def until(self, condition: Callable[[], bool]) -> asyncio.Future[None]:
        """A future that resolves once ``condition()`` holds after a report."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if condition():
            future.set_result(None)
            return future
        return self.waiting(future, condition)

    def waiting(
        self, future: asyncio.Future[None], condition: Callable[[], bool] = lambda: False
    ) -> asyncio.Future[None]:
        """Keep ``future`` until ``condition`` holds (or it is settled elsewhere); fail it
        with :class:`PlayerGone` if the player goes first."""
        entry = (condition, future)
        self._waiters.append(entry)
        future.add_done_callback(lambda _: self._waiters.remove(entry))
        if self._gone is not None:
            self._fail(future)
        return future

    def _notify(self, name: str, stamp: float) -> None:
        for listener in list(self._listeners):
            listener(name, stamp)
        for condition, future in list(self._waiters):
            if future.done():
                continue
            if self._gone is not None:
                self._fail(future)
            elif condition():
                future.set_result(None)

    def _fail(self, future: asyncio.Future[None]) -> None:
        if not future.done():
            future.set_exception(PlayerGone(None, self._gone or "it stopped"))
            future.add_done_callback(consume)
