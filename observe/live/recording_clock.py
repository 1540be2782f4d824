"""The clock of a session coded from a recording: the video's position, never paused.

A session coded from a video takes its times from the frame the player shows
(:class:`observe.media.MediaClock`: ``at(key_time)`` is the position of the frame on screen
when the key was read). Pausing the video is not pausing the session: the observer pauses,
steps frame by frame to the exact onset and presses the code key there, so the session
stays "running" (code keys record) whatever the video does. :class:`RecordingClock` gives
the coding core that clock: the positions are the video's, ``running`` is the session's.

Headless (no Textual, no mpv here): the video clock is anything with ``at``, ``now`` and
``pause`` of the media clock's meaning.
"""

from __future__ import annotations

from typing import Protocol


class VideoPosition(Protocol):
    """What :class:`RecordingClock` needs of a media clock."""

    def at(self, monotonic_time: float) -> float: ...

    def now(self) -> float: ...

    def pause(self, monotonic_time: float | None = None) -> float: ...


class RecordingClock:
    """The :class:`~observe.live.clock.LiveClock` of a session coded from ``video``."""

    def __init__(self, video: VideoPosition) -> None:
        self.video = video
        self._running = False

    @property
    def running(self) -> bool:
        """Whether the session is being coded (the video may be paused meanwhile)."""
        return self._running

    @property
    def paused(self) -> bool:
        return not self._running

    def at(self, key_time: float) -> float:
        """The position of the frame shown when the key was read (seconds, to the ms)."""
        return self.video.at(key_time)

    def now(self) -> float:
        return self.video.now()

    def start(self, at: float | None = None) -> None:
        """Code from now on; the video stays as it is (the observer plays it)."""
        self._running = True

    resume = start

    def pause(self, at: float | None = None) -> float:
        """The session stops being coded (it is left or ended): the video pauses too, and
        the session's pause is at the position of the frame then shown."""
        self._running = False
        return self.video.pause(at)
