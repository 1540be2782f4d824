"""The clocks a session is coded on: what an event's time is, asked at the key's own moment.

The coding core asks its clock one question per key, ``at(key_time)``: the session seconds
for a key read at that monotonic moment (Textual stamps each key event with it, so an
event's time is the moment the key was read, not the moment a handler happened to run).
:class:`LiveClock` is that interface; :class:`SessionClock` is the clock of live coding,
observed time that stands still while the observer has paused the session. A recording's
clock (the position of the frame a player shows) goes behind the same interface.

Headless on purpose (no Textual here), and every source is injected, so tests and
snapshots drive the clocks exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from observe.model import Session, to_ms

MonotonicSource = Callable[[], float]
WallClock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, as an aware datetime in the observer's time zone (stored with its offset)."""
    return datetime.now().astimezone()


class LiveClock(Protocol):
    """What the coding core needs from a clock. Moments are monotonic seconds on the source
    key events are stamped with; ``None`` means "now"."""

    @property
    def running(self) -> bool:
        """Whether the session is being coded (not paused by the observer). A clock that
        follows a recording stays running while the video is paused: pausing the video is
        not pausing the session."""
        ...

    def at(self, key_time: float) -> float:
        """Session seconds (to the millisecond) for a key read at monotonic ``key_time``."""
        ...

    def now(self) -> float:
        """Session seconds at this moment (what the screen's clock shows)."""
        ...

    def start(self, at: float | None = None) -> None:
        """The session is coded from monotonic moment ``at`` on."""
        ...

    def resume(self, at: float | None = None) -> None:
        """The observer resumes the session at ``at``."""
        ...

    def pause(self, at: float | None = None) -> float:
        """The observer pauses the session at ``at``; returns the session time it paused at."""
        ...


class SessionClock:
    """Live coding's clock: maps monotonic timestamps to session-clock seconds.

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

    @classmethod
    def continuing(cls, session: Session, monotonic: MonotonicSource) -> SessionClock:
        """The clock of ``session``, standing where it stopped (0 for a new session)."""
        return cls(monotonic, start_at=session.clock)

    @property
    def running(self) -> bool:
        return self._running_since is not None

    @property
    def paused(self) -> bool:
        return self._running_since is None

    def at(self, key_time: float) -> float:
        """Session-clock seconds (to the millisecond) at this monotonic moment."""
        if self._running_since is None:
            return to_ms(self._frozen_at)
        return to_ms(self._frozen_at + max(0.0, key_time - self._running_since))

    def now(self) -> float:
        """Session-clock seconds at the injected source's current moment."""
        return self.at(self._monotonic())

    def start(self, at: float | None = None) -> None:
        """Set the clock running from ``at`` (default: now). No-op if running."""
        if self._running_since is not None:
            return
        self._running_since = self._monotonic() if at is None else at

    resume = start

    def pause(self, at: float | None = None) -> float:
        """Freeze the clock at ``at`` (default: now); returns where it stopped."""
        moment = self._monotonic() if at is None else at
        self._frozen_at = self.at(moment)
        self._running_since = None
        return self._frozen_at
