"""A recording being coded: the file, the player showing it, and the clock on it.

:class:`VideoLink` is what the coding screen holds in video mode. It opens the player on
the file (:meth:`VideoLink.open`), keeps one :class:`~observe.media.MediaClock` across
players, and after the player died or was closed starts another one at the position the
clock stood at (:meth:`VideoLink.restart`): the clock, and every time coded on it, go on
from the same frame. Listeners hear every change of the player (``"time-pos"``,
``"closed"``…), of whichever player is current.

:func:`recording_problem` says in one sentence what is wrong with a path given as a
recording before any player is started: missing, a folder, empty or unreadable (a file mpv
cannot play is said by :meth:`~observe.media.Player.load`).
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from observe.media.clock import MediaClock
from observe.media.errors import MediaFileError
from observe.media.observed import Listener
from observe.media.player import Player

#: Starts a player (``Player.start`` for coding; tests connect to a fake).
StartPlayer = Callable[[], Awaitable[Player]]


def recording_problem(path: Path) -> MediaFileError | None:
    """What keeps ``path`` from being a recording to code (None: worth trying in mpv)."""
    try:
        if not path.exists():
            return MediaFileError(path, "there is no such file")
        if path.is_dir():
            return MediaFileError(path, "it is a folder, not a video file")
        if not path.is_file():
            return MediaFileError(path, "it is not a regular file")
        if path.stat().st_size == 0:
            return MediaFileError(path, "the file is empty")
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as error:
        return MediaFileError(path, error.strerror or type(error).__name__, doing="read")
    return None


class VideoLink:
    """The recording at ``path`` shown by ``player``; use :meth:`open`."""

    def __init__(self, player: Player, path: Path, start_player: StartPlayer) -> None:
        self.player = player
        self.path = path
        self.clock = MediaClock(player)
        self._start_player = start_player
        self._listeners: list[Listener] = []
        self._remove = player.add_listener(self._heard)

    @classmethod
    async def open(cls, path: Path, start_player: StartPlayer) -> VideoLink:
        """Start a player and load ``path`` (paused at its start). Raises the media errors
        (:class:`~observe.media.MpvNotFound`, :class:`~observe.media.MediaFileError`…);
        a player started for a file it cannot play is closed again."""
        problem = recording_problem(path)
        if problem is not None:
            raise problem
        player = await _loaded(path, start_player)
        return cls(player, path, start_player)

    @property
    def closed(self) -> bool:
        return self.player.closed

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    async def restart(self) -> float:
        """A new player on the file, at the position the clock stands at (paused), and
        the clock following it; returns that position. The old player is closed."""
        position = self.clock.now()
        player = await _loaded(self.path, self._start_player)
        try:
            if position > 0:
                await player.seek_to(position)
        except BaseException:
            await player.close()
            raise
        old, self.player = self.player, player
        self._remove()
        self._remove = player.add_listener(self._heard)
        self.clock.attach(player)
        await old.close()
        self._heard("restarted", player.monotonic())
        return position

    async def close(self) -> None:
        await self.player.close()

    def _heard(self, name: str, stamp: float) -> None:
        for listener in list(self._listeners):
            listener(name, stamp)


async def _loaded(path: Path, start_player: StartPlayer) -> Player:
    player = await start_player()
    try:
        await player.load(os.fspath(path))
    except BaseException:
        await player.close()
        raise
    return player
