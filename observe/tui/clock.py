"""The session clock: observed time, in seconds, that stands still while a session is paused.

Headless on purpose (no Textual here): the coding screen feeds it the monotonic timestamps
Textual stamps on each key event (``event.time``), so an event's time is the moment the key
was read, not the moment a handler happened to run. The monotonic source is injected, so
tests and snapshots can drive the clock exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from observe.model import to_ms

MonotonicSource = Callable[[], float]
WallClock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, as an aware datetime in the observer's time zone (stored with its offset)."""
    return datetime.now().astimezone()


class SessionClock:
    """Maps monotonic timestamps to session-clock seconds.

    The clock starts stopped at ``start_at`` (0 for a new session, the session's clock for a
    resumed one). :meth:`start` or :meth:`resume` sets it running from a monotonic moment;
    :meth:`pause` freezes it. A timestamp earlier than the moment the clock (re)started maps
    to the time it (re)started at: the clock never runs backwards.
    """

    def __init__(
        self, monotonic: MonotonicSource = time.monotonic, *, start_at: float = 0.0
    ) -> None:
        if start_at < 0:
            raise ValueError(f"a session clock cannot start before 0 s, not at {start_at}")
        self._monotonic = monotonic
        self._frozen_at = float(start_at)
        self._running_since: float | None = None  # monotonic moment the clock last started

    @property
    def running(self) -> bool:
        return self._running_since is not None

    @property
    def paused(self) -> bool:
        return self._running_since is None

    def at(self, monotonic_time: float) -> float:
        """Session-clock seconds (to the millisecond) at this monotonic moment."""
        if self._running_since is None:
            return to_ms(self._frozen_at)
        return to_ms(self._frozen_at + max(0.0, monotonic_time - self._running_since))

    def now(self) -> float:
        """Session-clock seconds at the injected source's current moment."""
        return self.at(self._monotonic())

    def start(self, monotonic_time: float | None = None) -> None:
        """Set the clock running from ``monotonic_time`` (default: now). No-op if running."""
        if self._running_since is not None:
            return
        self._running_since = self._monotonic() if monotonic_time is None else monotonic_time

    resume = start

    def pause(self, monotonic_time: float | None = None) -> float:
        """Freeze the clock at ``monotonic_time`` (default: now); returns where it stopped."""
        moment = self._monotonic() if monotonic_time is None else monotonic_time
        self._frozen_at = self.at(moment)
        self._running_since = None
        return self._frozen_at
