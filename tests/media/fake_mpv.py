"""A scripted mpv for tests: an asyncio socket server speaking mpv's JSON IPC.

It answers the commands observe sends the way mpv 0.35.1 does (the event orders below
were recorded from the real player headless): replies carry the request's
``request_id``; ``seek`` is answered, then ``seek``, a ``time-pos`` change,
``seeking`` true, ``playback-restart`` and ``seeking`` false follow; ``frame-step``
unpauses for one frame and pauses again; a negative absolute seek counts from the end;
``loadfile`` of a missing file ends in ``end-file`` with ``reason: error``; an exact seek
shows the first frame that starts at or after the target (less 5 ms: on a 25 fps file
12.49 s and 12.5 s show 12.52, 12.481 s shows 12.48).

Time does not pass by itself: a test moves the playhead with :meth:`FakeMpv.play_frames`.
It can also hold replies and send them in another order, answer nothing (for timeouts),
be chatty (events between replies), and die on cue.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from pathlib import Path
from typing import Any

UNAVAILABLE = "property unavailable"


class FakeMpv:
    """One fake player listening on a Unix socket at ``address``."""

    def __init__(
        self, address: str, *, duration: float = 30.0, fps: float = 25.0, fps_declared=True
    ) -> None:
        self.address = address
        self.fps = fps
        self.file_duration = duration
        self.fps_declared = fps_declared
        self.loaded: str | None = None
        self.properties: dict[str, Any] = {
            "pause": True,
            "speed": 1.0,
            "seeking": False,
            "ab-loop-a": "no",
            "ab-loop-b": "no",
            "mpv-version": "mpv 0.35.1 (fake)",
        }
        self.received: list[list[Any]] = []
        self.osd: list[tuple[str, ...]] = []
        self.silent: set[str] = set()
        self.die_on: str | None = None
        self.chatty = False
        self._held: list[bytes] | None = None
        self._observers: dict[int, str] = {}
        self._writer: asyncio.StreamWriter | None = None
        self._server: asyncio.AbstractServer | None = None
        self._connected = asyncio.Event()
        self._entry = 0

    # -- running -------------------------------------------------------------------------

    async def start(self) -> FakeMpv:
        self._server = await asyncio.start_unix_server(self._serve, path=self.address)
        return self

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.close()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def die(self) -> None:
        """Vanish as a crashed mpv does: the connection drops, no answer is sent."""
        if self._writer is not None:
            self._writer.transport.abort()
        if self._server is not None:
            self._server.close()
        Path(self.address).unlink(missing_ok=True)

    # -- scripting -----------------------------------------------------------------------

    @property
    def position(self) -> float | None:
        return self.properties.get("time-pos")

    def hold_replies(self) -> None:
        """Keep replies back until :meth:`release_replies`."""
        self._held = []

    async def release_replies(self, *, reverse: bool = True) -> None:
        held, self._held = self._held or [], None
        for line in reversed(held) if reverse else held:
            await self._write_line(line)

    async def play_frames(self, count: int) -> None:
        """Let ``count`` frames of playback pass (nothing moves while paused)."""
        for _ in range(count):
            if self.properties["pause"] or self.loaded is None:
                return
            last = self._last_frame()
            target = self._frame(self.position + 1 / self.fps)
            if target > last + 1e-9:
                await self._set("eof-reached", True)
                await self._set("pause", True)
                return
            await self._set("time-pos", target)

    async def emit(self, message: dict[str, Any]) -> None:
        await self._write(message)

    # -- inside --------------------------------------------------------------------------

    def _frame(self, seconds: float) -> float:
        return round(round(seconds * self.fps) / self.fps, 6)

    def _frame_from(self, seconds: float) -> float:
        """The first frame starting at or after ``seconds`` (5 ms either way)."""
        return round(math.ceil((seconds - 0.005) * self.fps) / self.fps, 6)

    def _last_frame(self) -> float:
        return self._frame(self.file_duration - 1 / self.fps)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writer = writer
        self._connected.set()
        with contextlib.suppress(ConnectionError, OSError):
            while line := await reader.readline():
                message = json.loads(line)
                command = message["command"]
                self.received.append(command)
                if command[0] == self.die_on:
                    await self.die()
                    return
                if command[0] in self.silent:
                    continue
                if command[0] == "quit":
                    writer.close()
                    return
                await self._handle(command, message.get("request_id", 0))

    async def _reply(self, request_id: int, error: str = "success", data: Any = None) -> None:
        reply: dict[str, Any] = {"request_id": request_id, "error": error}
        if data is not None:
            reply["data"] = data
        line = (json.dumps(reply) + "\n").encode()
        if self.chatty:
            await self._write({"event": "audio-reconfig"})
        if self._held is not None:
            self._held.append(line)
        else:
            await self._write_line(line)
        if self.chatty:
            await self._write({"event": "video-reconfig"})

    async def _write(self, message: dict[str, Any]) -> None:
        await self._write_line((json.dumps(message) + "\n").encode())

    async def _write_line(self, line: bytes) -> None:
        if self._writer is None or self._writer.is_closing():
            return
        self._writer.write(line)
        with contextlib.suppress(ConnectionError):
            await self._writer.drain()

    def _value(self, name: str) -> Any:
        if name == "duration":
            return self.file_duration if self.loaded else None
        if name == "container-fps":
            return self.fps if self.loaded and self.fps_declared else None
        if name == "estimated-vf-fps":
            return self.fps if self.loaded else None
        return self.properties.get(name)

    async def _set(self, name: str, value: Any) -> None:
        changed = self.properties.get(name) != value
        self.properties[name] = value
        if changed:
            await self._changed(name)

    async def _changed(self, name: str) -> None:
        for number, observed in self._observers.items():
            if observed == name:
                event = {"event": "property-change", "id": number, "name": name}
                value = self._value(name)
                if value is not None:
                    event["data"] = value
                await self._write(event)

    async def _handle(self, command: list[Any], request_id: int) -> None:
        name, *args = command
        if name == "observe_property":
            self._observers[args[0]] = args[1]
            await self._reply(request_id)
            await self._changed(args[1])
        elif name == "get_property":
            known = args[0] in self.properties or args[0] in (
                "duration",
                "container-fps",
                "estimated-vf-fps",
                "time-pos",
                "eof-reached",
            )
            value = self._value(args[0])
            if not known:
                await self._reply(request_id, "property not found")
            elif value is None:
                await self._reply(request_id, UNAVAILABLE)
            else:
                await self._reply(request_id, data=value)
        elif name == "set_property":
            await self._reply(request_id)
            await self._set(args[0], args[1])
        elif name == "seek":
            await self._seek(request_id, float(args[0]), str(args[1]))
        elif name == "frame-step":
            await self._reply(request_id, data=None)
            if self._frame(self.position) >= self._last_frame():
                await self._set("eof-reached", True)
                return
            await self._set("pause", False)
            await self._set("time-pos", self._frame(self.position + 1 / self.fps))
            await self._set("pause", True)
        elif name == "frame-back-step":
            await self._reply(request_id, data=None)
            await self._restart(max(0.0, self._frame(self.position - 1 / self.fps)))
            await self._set("pause", True)
        elif name == "loadfile":
            await self._load(request_id, args[0])
        elif name == "screenshot-to-file":
            Path(args[0]).write_bytes(b"\x89PNG\r\n\x1a\n fake frame")
            await self._reply(request_id)
        elif name in ("show-text", "osd-overlay"):
            self.osd.append(tuple(str(part) for part in command))
            await self._reply(request_id)
        else:
            await self._reply(request_id, "invalid parameter")

    async def _seek(self, request_id: int, target: float, flags: str) -> None:
        if self.loaded is None:
            await self._reply(request_id, "error running command")
            return
        await self._reply(request_id, data=None)
        if "relative" in flags:
            target = self.position + target
        elif target < 0:
            target = self.file_duration + target
        await self._restart(min(max(0.0, self._frame_from(target)), self._last_frame()))

    async def _restart(self, position: float) -> None:
        await self.emit({"event": "seek"})
        await self._set("eof-reached", False)
        await self._set("time-pos", position)
        await self._set("seeking", True)
        await self.emit({"event": "playback-restart"})
        await self._set("seeking", False)

    async def _load(self, request_id: int, path: str) -> None:
        self._entry += 1
        await self._reply(request_id, data={"playlist_entry_id": self._entry})
        await self.emit({"event": "start-file", "playlist_entry_id": self._entry})
        if not Path(path).is_file():
            await self.emit(
                {
                    "event": "end-file",
                    "reason": "error",
                    "playlist_entry_id": self._entry,
                    "file_error": "loading failed",
                }
            )
            await self.emit({"event": "idle"})
            return
        self.loaded = path
        await self.emit({"event": "file-loaded"})
        await self._changed("duration")
        await self._set("time-pos", 0.0)
        await self._set("eof-reached", False)
        await self.emit({"event": "playback-restart"})
