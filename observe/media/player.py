"""The video player as the coding screen uses it: mpv over one IPC connection.

:class:`Player` keeps the properties a media clock needs (position, pause, speed,
end-of-file, seeking, duration) current from mpv's property-change events, so reading the
position at a key press costs no request. Commands that move the playhead (seeks, frame
steps) return once mpv has shown the new frame, so the next command starts from it:
mpv drops a frame step sent while the previous one, or a seek, is still under way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from observe.media.errors import (
    FrameNotWritten,
    MediaFileError,
    PlayerCommandFailed,
    PlayerGone,
    PlayerNotResponding,
    command_text,
)
from observe.media.ipc import DEFAULT_TIMEOUT, Event, Monotonic, MpvConnection
from observe.media.launch import START_TIMEOUT, MpvProcess, open_ipc
from observe.media.locate import find_mpv
from observe.media.observed import OBSERVED, Observed

#: The playback speeds the coding screen steps through (slower / faster).
SPEEDS = (0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def next_speed(current: float, step: int) -> float:
    """The speed ``step`` places up (+1) or down (-1) from ``current`` in :data:`SPEEDS`."""
    if step > 0:
        return next((speed for speed in SPEEDS if speed > current + 1e-9), SPEEDS[-1])
    return next((speed for speed in reversed(SPEEDS) if speed < current - 1e-9), SPEEDS[0])


def ass_text(text: str) -> str:
    """Plain text for an ASS overlay: braces and backslashes shown, not interpreted."""
    return text.replace("\\", "\\\u2060").replace("{", "\\{").replace("\n", "\\N")


class Player(Observed):
    """One mpv, driven over its JSON IPC. Make one with :meth:`start` or :meth:`connect`."""

    def __init__(
        self,
        connection: MpvConnection,
        *,
        process: MpvProcess | None = None,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__()
        self.connection = connection
        self.process = process
        self.monotonic = monotonic
        self._motion = asyncio.Lock()
        connection.on_event("property-change", self._property_changed)
        connection.on_close(self._connection_closed)

    # -- making one ----------------------------------------------------------------------

    @classmethod
    async def start(
        cls,
        *,
        headless: bool = False,
        program: str | None = None,
        monotonic: Monotonic = time.monotonic,
        timeout: float = DEFAULT_TIMEOUT,
        start_timeout: float = START_TIMEOUT,
    ) -> Player:
        """Start mpv for coding (its own window; none when ``headless``) and connect to it.

        Raises :class:`~observe.media.errors.MpvNotFound` when mpv is not installed and
        :class:`~observe.media.errors.PlayerStartFailed` when it does not come up.
        """
        process = MpvProcess.start(program or find_mpv(), headless=headless)
        reader, writer = await process.connect(start_timeout)
        connection = MpvConnection(reader, writer, monotonic=monotonic, timeout=timeout)
        player = cls(connection, process=process, monotonic=monotonic)
        try:
            await player._observe_properties()
        except BaseException:
            await player.close()
            raise
        return player

    @classmethod
    async def connect(
        cls,
        address: str,
        *,
        monotonic: Monotonic = time.monotonic,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Player:
        """Connect to an mpv already listening on ``address`` (one observe did not start)."""
        reader, writer = await open_ipc(address)
        player = cls(
            MpvConnection(reader, writer, monotonic=monotonic, timeout=timeout),
            monotonic=monotonic,
        )
        await player._observe_properties()
        return player

    async def _observe_properties(self) -> None:
        for number, name in enumerate(OBSERVED, start=1):
            await self.connection.request("observe_property", number, name)

    # -- what is known without asking ----------------------------------------------------

    @property
    def closed(self) -> bool:
        return self.connection.closed

    @property
    def closed_reason(self) -> str | None:
        return self.connection.closed_reason

    # -- reading -------------------------------------------------------------------------

    async def get(self, name: str) -> Any:
        """A property's value; ``None`` when mpv has none for now (no file, no video)."""
        try:
            return await self.connection.request("get_property", name)
        except PlayerCommandFailed as error:
            if error.error == "property unavailable":
                return None
            raise

    async def time_pos(self) -> float | None:
        """The position of the frame shown, in seconds, read from mpv now."""
        value = await self.get("time-pos")
        self.update("time-pos", value, self.monotonic())
        return self.position

    async def read_duration(self) -> float | None:
        value = await self.get("duration")
        return None if value is None else float(value)

    async def container_fps(self) -> float | None:
        """The frame rate the file declares (an average for some formats)."""
        value = await self.get("container-fps")
        return None if value is None else float(value)

    async def estimated_fps(self) -> float | None:
        """The frame rate measured on the last frames decoded (after playback began)."""
        value = await self.get("estimated-vf-fps")
        return None if value is None else float(value)

    async def frame_rate(self) -> float | None:
        """The declared frame rate, or the measured one when the file declares none."""
        declared = await self.container_fps()
        return declared if declared is not None else await self.estimated_fps()

    # -- loading -------------------------------------------------------------------------

    async def load(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> None:
        """Open a recording (paused, at its start); returns once mpv has loaded it."""
        path = Path(path)
        if not path.is_file():
            raise MediaFileError(path, "there is no such file")
        limit = self.connection.timeout if timeout is None else timeout
        # Loaded means the first frame is shown: mpv's playback-restart after file-loaded.
        # Returning at file-loaded would leave that restart to be taken for the next seek's.
        loaded = self._after("file-loaded", "playback-restart")
        failed = self.connection.expect("end-file", lambda event: event.get("reason") == "error")
        try:
            await self.connection.request("loadfile", str(path), "replace")
            done, _ = await asyncio.wait(
                [loaded, failed],
                timeout=limit,
                return_when=asyncio.FIRST_COMPLETED,
            )
            if not done:
                raise PlayerNotResponding(["loadfile", str(path)], limit)
            if failed in done:
                reason = failed.result().get("file_error") or "mpv could not open it"
                raise MediaFileError(path, f"mpv says: {reason}")
            loaded.result()
        finally:
            for future in (loaded, failed):
                future.cancel()

    # -- playing -------------------------------------------------------------------------

    async def play(self) -> None:
        await self.connection.request("set_property", "pause", False)

    async def pause(self) -> None:
        await self.connection.request("set_property", "pause", True)

    async def toggle_pause(self) -> None:
        await self.connection.request("set_property", "pause", not self.paused)

    def request_pause(self, paused: bool) -> None:
        """Ask mpv to pause or play without waiting (for synchronous callers)."""
        self.connection.post("set_property", "pause", paused)

    async def set_speed(self, speed: float) -> None:
        if not SPEEDS[0] <= speed <= SPEEDS[-1]:
            raise ValueError(f"speed must be between {SPEEDS[0]} and {SPEEDS[-1]}, not {speed}")
        await self.connection.request("set_property", "speed", speed)

    async def slower(self) -> float:
        """One step down :data:`SPEEDS`; returns the new speed."""
        speed = next_speed(self.speed, -1)
        await self.set_speed(speed)
        return speed

    async def faster(self) -> float:
        speed = next_speed(self.speed, +1)
        await self.set_speed(speed)
        return speed

    # -- moving the playhead (always exact) ----------------------------------------------

    async def seek_to(self, seconds: float) -> float | None:
        """Show the frame at ``seconds`` exactly; returns the new position."""
        # mpv reads a negative absolute time as "from the end"; a position is never that.
        return await self._seek(max(0.0, float(seconds)), "absolute+exact")

    async def seek_by(self, seconds: float) -> float | None:
        """Move ``seconds`` forward (negative: back), exactly, not to the nearest keyframe."""
        return await self._seek(float(seconds), "relative+exact")

    async def _seek(self, target: float, flags: str) -> float | None:
        async with self._motion:
            restarted = self._seek_done()
            try:
                await self.connection.request("seek", target, flags)
                await self._within(restarted, ["seek", target, flags])
            finally:
                restarted.cancel()
            return await self.time_pos()

    async def step_forward(self) -> float | None:
        """Show the next frame and stay paused there; returns the new position."""
        async with self._motion:
            if not self.eof_reached:
                before = self.position
                await self.connection.request("frame-step")
                # mpv unpauses for one frame, reports it, and pauses again (or, on the last
                # frame, reports the end): the step is done when it is paused elsewhere.
                stepped = self.until(
                    lambda: (self.position != before or self.eof_reached) and self.paused
                )
                await self._within(stepped, ["frame-step"])
            return await self.time_pos()

    async def step_back(self) -> float | None:
        """Show the previous frame (paused); returns the new position."""
        async with self._motion:
            restarted = self._seek_done()
            try:
                await self.connection.request("frame-back-step")
                await self._within(restarted, ["frame-back-step"])
            finally:
                restarted.cancel()
            return await self.time_pos()

    # -- moments -------------------------------------------------------------------------

    async def set_loop(self, start: float, end: float) -> None:
        """Loop the stretch from ``start`` to ``end`` (mpv's A–B loop), from its start."""
        if not 0 <= start < end:
            raise ValueError(f"a loop runs forward from 0 s or later, not {start}–{end}")
        await self.connection.request("set_property", "ab-loop-a", float(start))
        await self.connection.request("set_property", "ab-loop-b", float(end))
        await self.seek_to(start)

    async def clear_loop(self) -> None:
        await self.connection.request("set_property", "ab-loop-a", "no")
        await self.connection.request("set_property", "ab-loop-b", "no")

    async def show_text(self, text: str, seconds: float = 2.0) -> None:
        """A message on mpv's on-screen display for ``seconds``."""
        # show-text expands ${property}; "$$" is a literal "$".
        literal = text.replace("$", "$$")
        await self.connection.request("show-text", literal, round(seconds * 1000))

    async def set_caption(self, text: str | None) -> None:
        """A caption that stays on screen (a moment's) until replaced or cleared (None)."""
        if text is None:
            await self.connection.request("osd-overlay", 1, "none", "")
        else:
            # Bottom centre ({\an2}), clear of mpv's own messages at the top left.
            await self.connection.request(
                "osd-overlay", 1, "ass-events", "{\\an2}" + ass_text(text)
            )

    async def screenshot(self, path: str | os.PathLike[str]) -> Path:
        """Write the frame shown (the video only, no captions) to ``path`` (PNG or JPEG by
        its extension), readable by its owner only: a still of a family is theirs."""
        target = Path(path)
        try:
            # A private folder beside the target: the frame is never readable by others,
            # and moving it into place is one rename on the same disk.
            folder = Path(tempfile.mkdtemp(prefix=".observe-frame-", dir=target.parent))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise FrameNotWritten(target, reason) from error
        try:
            written = folder / f"frame{target.suffix}"
            await self.connection.request("screenshot-to-file", str(written), "video")
            if not written.is_file():
                raise FrameNotWritten(target, "mpv wrote no frame")
            os.chmod(written, 0o600)
            os.replace(written, target)
        finally:
            with contextlib.suppress(OSError):
                for leftover in folder.iterdir():
                    leftover.unlink()
                folder.rmdir()
        return target

    # -- ending --------------------------------------------------------------------------

    async def close(self) -> None:
        """Quit mpv (if observe started it) and close the connection."""
        if not self.connection.closed:
            with contextlib.suppress(Exception):
                self.connection.post("quit")
                # Give mpv a moment to read its last command before the stream closes.
                await asyncio.wait_for(self.connection.wait_closed(), 1.0)
        await self.connection.close()
        if self.process is not None:
            await self.process.stop()

    # -- inside --------------------------------------------------------------------------

    def _property_changed(self, event: Event, stamp: float) -> None:
        name = event.get("name")
        if name in OBSERVED:
            self.update(str(name), event.get("data"), stamp)

    def _connection_closed(self, reason: str) -> None:
        self.gone(reason, self.monotonic())

    def _seek_done(self) -> asyncio.Future[None]:
        """Resolves when a seek started from now has shown its frame."""
        return self._after("seek", "playback-restart")

    def _after(self, first: str, then: str) -> asyncio.Future[None]:
        """Resolves at the first event ``then`` that follows an event ``first``.

        Register it before sending the command: a ``playback-restart`` that was already on
        its way (from loading the file, or an A–B loop going round) comes before the
        command's own ``seek`` event, so it is not taken for the command's.
        """
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        seen_first = False

        def heard(event: Event, _stamp: float) -> None:
            nonlocal seen_first
            if event.get("event") == first:
                seen_first = True
            elif seen_first and not future.done():
                future.set_result(None)

        removers = [self.connection.on_event(name, heard) for name in (first, then)]
        future.add_done_callback(lambda _: [remove() for remove in removers])
        return self.waiting(future)

    async def _within(self, future: asyncio.Future[Any], command: list[Any]) -> None:
        """Wait for ``future`` within the connection's timeout; fail if mpv went away."""
        try:
            await asyncio.wait_for(asyncio.shield(future), self.connection.timeout)
        except TimeoutError:
            future.cancel()
            raise PlayerNotResponding(command, self.connection.timeout) from None
        except PlayerGone:
            raise PlayerGone(command_text(command), self.closed_reason or "it stopped") from None
