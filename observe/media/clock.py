"""The video's position as a clock, with the session clock's shape.

A live session's clock is the time since the visit began (``observe.tui.clock.SessionClock``);
a session coded from a recording uses the video's position instead. :class:`MediaClock`
answers the same questions with the same names, so the live-coding core can take either:

- ``at(key_time) -> float``: the position, in seconds to the millisecond, of the frame that
  was shown when a key was read at that monotonic moment;
- ``now() -> float``: the same for the current moment;
- ``running`` / ``paused``: whether the video is playing;
- ``start(at=None)`` / ``resume(at=None)``: play the video;
- ``pause(at=None) -> float``: pause it; returns the position at that moment.

It asks mpv nothing per key: the player reports every change of position, pause, speed,
seeking and end-of-file as it happens (:class:`~observe.media.player.Player`), and each
report becomes an *anchor*: at this monotonic moment the video was here, playing or not, at
this speed. ``at(t)`` takes the last anchor reported at or before ``t`` and, while the video
plays, adds the time since then times the speed; while paused, seeking or at the end it is
exactly the anchor's position. Keeping a short history of anchors (rather than only the
last) matters when the event loop was busy: a key read at ``t`` but handled after a later
report still gets the position shown at ``t``.

mpv reports every frame it shows (25 reports a second on a 25 fps file). Running on in a
straight line from a report would put a key between two frames, on average half a frame
after the frame on screen (measured: 19.5 ms late at 25 fps). So while reports come frame
by frame, the time since the last one runs on in whole frames of the spacing the reports
showed: a key gets the position of a frame, the one shown, or the one due when a report is
late. Reports further apart than :data:`FRAME_REPORTS_UP_TO` (an audio file, a player
reporting less often) run on in a straight line.

When the player dies the clock stands still at the last position it knew (``running``
turns false); :meth:`MediaClock.attach` hands it a restarted player.
"""

from __future__ import annotations

import math
from collections import deque

from attrs import frozen

from observe.media.player import Player
from observe.model import to_ms

#: How many reports are kept for keys handled late (mpv reports each frame: ~10 s at 25 fps).
HISTORY = 256
#: Reports at most this far apart (seconds of video) are taken to be one per frame (10 fps).
FRAME_REPORTS_UP_TO = 0.1


@frozen
class Anchor:
    """At monotonic moment ``stamp`` the video was at ``position``, advancing or not.

    ``frame_step``: the video time between the last two frames reported while playing,
    when the reports come frame by frame (``None`` otherwise).
    """

    stamp: float
    position: float
    advancing: bool
    speed: float
    frame_step: float | None = None


class MediaClock:
    """The position of a :class:`Player`'s video as a clock (see the module's docstring)."""

    def __init__(self, player: Player, *, history: int = HISTORY) -> None:
        self._anchors: deque[Anchor] = deque(maxlen=history)
        self._player = player
        self._remove_listener = player.add_listener(self._reported)
        self._anchor(player.monotonic())

    @property
    def player(self) -> Player:
        return self._player

    def attach(self, player: Player) -> None:
        """Follow another player (the one started after the last one died)."""
        self._remove_listener()
        self._player = player
        self._remove_listener = player.add_listener(self._reported)
        self._anchor(player.monotonic())

    # -- the session clock's shape -------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._anchors[-1].advancing

    @property
    def paused(self) -> bool:
        return not self.running

    def at(self, monotonic_time: float) -> float:
        """The video position, in seconds, of the frame shown at this monotonic moment."""
        anchor = self._anchors[0]
        for candidate in reversed(self._anchors):
            if candidate.stamp <= monotonic_time:
                anchor = candidate
                break
        position = anchor.position
        if anchor.advancing:
            elapsed = max(0.0, monotonic_time - anchor.stamp) * anchor.speed
            if anchor.frame_step:
                elapsed = math.floor(elapsed / anchor.frame_step + 1e-9) * anchor.frame_step
            position += elapsed
            duration = self._player.duration
            if duration is not None:
                position = min(position, duration)
        return to_ms(position)

    def now(self) -> float:
        return self.at(self._player.monotonic())

    def start(self, monotonic_time: float | None = None) -> None:
        """Play the video. The clock runs from ``monotonic_time`` until mpv reports."""
        if self._player.closed or self.running:
            return
        moment = self._player.monotonic() if monotonic_time is None else monotonic_time
        self._player.request_pause(False)
        self._anchors.append(Anchor(moment, self.at(moment), True, self._player.speed))

    resume = start

    def pause(self, monotonic_time: float | None = None) -> float:
        """Pause the video; returns the position at ``monotonic_time`` (default: now)."""
        moment = self._player.monotonic() if monotonic_time is None else monotonic_time
        position = self.at(moment)
        if not self._player.closed:
            self._player.request_pause(True)
        self._anchors.append(Anchor(moment, position, False, self._player.speed))
        return position

    # -- inside --------------------------------------------------------------------------

    def _reported(self, _name: str, stamp: float) -> None:
        self._anchor(stamp)

    def _anchor(self, stamp: float) -> None:
        player = self._player
        if player.position is not None:
            position = player.position
        elif self._anchors:
            position = self._anchors[-1].position
        else:
            position = 0.0
        advancing = not (
            player.closed or player.paused or player.seeking or player.eof_reached
        ) and (player.position is not None)
        self._anchors.append(
            Anchor(stamp, position, advancing, player.speed, self._frame_step(position))
        )

    def _frame_step(self, position: float) -> float | None:
        """The spacing of frame reports, if the last report and this one are frames apart."""
        if not self._anchors:
            return None
        last = self._anchors[-1]
        if not last.advancing:
            return None
        if position == last.position:
            return last.frame_step
        step = position - last.position
        return step if 0 < step <= FRAME_REPORTS_UP_TO else None
