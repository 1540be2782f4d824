"""One persistent connection to mpv's JSON IPC, on the running asyncio event loop.

mpv speaks JSON lines in both directions. Each command observe sends carries a
``request_id``; mpv's reply carries the same id, and replies may come in any order.
Events (``{"event": "seek"}``, ``{"event": "property-change", ...}``) arrive on the same
connection, between replies. One reader task reads line by line, settles the waiting
request a reply belongs to, and hands every event to the callbacks registered for it.
Nothing here blocks and no thread is used: Textual's own loop runs it.

Every line read is stamped with the injected monotonic source at the moment it was read,
so a clock built on the events (:class:`observe.media.clock.MediaClock`) can tell when the
player reported what. When the connection ends (mpv quit, crashed or was killed), every
waiting request fails at once with :class:`~observe.media.errors.PlayerGone`: nothing waits
for an answer that cannot come.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any

from observe.media.errors import (
    PlayerCommandFailed,
    PlayerGone,
    PlayerNotResponding,
    command_text,
)

#: A request mpv has not answered in this many seconds fails (mpv answers in well under 1 ms).
DEFAULT_TIMEOUT = 5.0
#: The longest line read from mpv (a track list or a long file name fits many times over).
LINE_LIMIT = 1 << 20

Event = dict[str, Any]
#: Called with the event and the monotonic moment its line was read.
EventCallback = Callable[[Event, float], None]
#: Called once when the connection ends, with the reason in a few words.
CloseCallback = Callable[[str], None]
Monotonic = Callable[[], float]


class MpvConnection:
    """A JSON IPC connection to one mpv, over a stream reader and writer already open."""

    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        *,
        monotonic: Monotonic = time.monotonic,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._reader = reader
        self._writer = writer
        self._monotonic = monotonic
        self.timeout = timeout
        self._next_id = 0
        self._pending: dict[int, tuple[list[Any], asyncio.Future[Any]]] = {}
        self._callbacks: dict[str | None, list[EventCallback]] = {}
        self._close_callbacks: list[CloseCallback] = []
        self._closed_reason: str | None = None
        self._closed = asyncio.get_running_loop().create_future()
        self._reading = asyncio.create_task(self._read_lines(), name="mpv-ipc-reader")

    # -- state ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed_reason is not None

    @property
    def closed_reason(self) -> str | None:
        """Why the connection ended (``None`` while it is open)."""
        return self._closed_reason

    async def wait_closed(self) -> str:
        """Wait until the connection ends; returns why."""
        return await asyncio.shield(self._closed)

    # -- commands ------------------------------------------------------------------------

    def send(self, *command: Any) -> asyncio.Future[Any]:
        """Send a command now and return the future of its reply's ``data``.

        The line is written before this returns, so commands sent one after another reach
        mpv in that order. The future fails with :class:`PlayerCommandFailed` when mpv
        answers with an error, and with :class:`PlayerGone` when the connection ends first.
        Raises :class:`PlayerGone` at once when the connection has already ended.
        """
        if self._closed_reason is not None:
            raise PlayerGone(command_text(command), self._closed_reason)
        self._next_id += 1
        request_id = self._next_id
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = (list(command), future)
        line = json.dumps({"command": list(command), "request_id": request_id})
        try:
            self._writer.write(line.encode("utf-8") + b"\n")
        except (OSError, RuntimeError) as error:
            self._close(f"writing to it failed: {error}")
        return future

    async def request(self, *command: Any, timeout: float | None = None) -> Any:
        """Send a command and wait for mpv's answer; returns the reply's ``data``."""
        future = self.send(*command)
        limit = self.timeout if timeout is None else timeout
        try:
            return await asyncio.wait_for(asyncio.shield(future), limit)
        except TimeoutError:
            self._forget(future)
            raise PlayerNotResponding(command, limit) from None

    def post(self, *command: Any) -> None:
        """Send a command without waiting for its answer (an error reply is dropped).

        For requests whose outcome the caller learns from events anyway, such as pausing
        from a synchronous clock method.
        """
        future = self.send(*command)
        future.add_done_callback(consume)

    # -- events --------------------------------------------------------------------------

    def on_event(self, name: str | None, callback: EventCallback) -> Callable[[], None]:
        """Call ``callback(event, stamp)`` for every event called ``name`` (``None``: all).

        Returns a function that removes the callback again.
        """
        self._callbacks.setdefault(name, []).append(callback)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._callbacks.get(name, []).remove(callback)

        return remove

    def on_close(self, callback: CloseCallback) -> None:
        """Call ``callback(reason)`` once when the connection ends (at once if it has)."""
        if self._closed_reason is not None:
            callback(self._closed_reason)
        else:
            self._close_callbacks.append(callback)

    def expect(
        self, name: str, matches: Callable[[Event], bool] | None = None
    ) -> asyncio.Future[Event]:
        """A future of the next event called ``name`` (that ``matches``, when given).

        Register it *before* sending the command that causes the event, so an event that
        arrives with or before the command's reply is not missed. The future fails with
        :class:`PlayerGone` if the connection ends first.
        """
        future: asyncio.Future[Event] = asyncio.get_running_loop().create_future()
        if self._closed_reason is not None:
            future.set_exception(PlayerGone(None, self._closed_reason))
            future.add_done_callback(consume)
            return future

        def check(event: Event, _stamp: float) -> None:
            if not future.done() and (matches is None or matches(event)):
                future.set_result(event)

        remove = self.on_event(name, check)
        future.add_done_callback(lambda _: remove())

        def fail(reason: str) -> None:
            if not future.done():
                future.set_exception(PlayerGone(None, reason))
                future.add_done_callback(consume)

        self.on_close(fail)
        return future

    # -- closing -------------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection from this side (mpv keeps running; ``quit`` stops it)."""
        self._close("observe closed the connection")
        self._reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reading
        self._writer.close()
        with contextlib.suppress(OSError, RuntimeError):
            await self._writer.wait_closed()

    # -- inside --------------------------------------------------------------------------

    async def _read_lines(self) -> None:
        reason = "mpv closed the connection"
        try:
            while True:
                try:
                    line = await self._reader.readline()
                except ValueError:
                    reason = f"mpv sent a line longer than {LINE_LIMIT} bytes"
                    break
                if not line:
                    break
                stamp = self._monotonic()
                if not line.strip():
                    continue
                try:
                    message = json.loads(line.decode("utf-8", errors="replace"))
                except ValueError:
                    reason = f"mpv sent a line that is not JSON: {line[:80]!r}"
                    break
                if isinstance(message, dict):
                    self._dispatch(message, stamp)
        except (OSError, asyncio.IncompleteReadError) as error:
            reason = f"the connection broke: {error}"
        self._close(reason)
        self._writer.close()

    def _dispatch(self, message: dict[str, Any], stamp: float) -> None:
        if "event" in message:
            name = message["event"]
            for callback in [*self._callbacks.get(name, ()), *self._callbacks.get(None, ())]:
                try:
                    callback(message, stamp)
                except Exception as error:  # one broken listener must not stop the reader
                    asyncio.get_running_loop().call_exception_handler(
                        {"message": f"mpv event callback failed on {name}", "exception": error}
                    )
            return
        request_id = message.get("request_id")
        if not isinstance(request_id, int) or request_id not in self._pending:
            return  # the answer to a request that timed out, or to another client's
        command, future = self._pending.pop(request_id)
        if future.done():
            return
        error = message.get("error", "success")
        if error == "success":
            future.set_result(message.get("data"))
        else:
            future.set_exception(PlayerCommandFailed(command, str(error)))
            future.add_done_callback(consume)

    def _forget(self, future: asyncio.Future[Any]) -> None:
        for request_id, (_, waiting) in list(self._pending.items()):
            if waiting is future:
                del self._pending[request_id]
        future.cancel()

    def _close(self, reason: str) -> None:
        if self._closed_reason is not None:
            return
        self._closed_reason = reason
        pending, self._pending = self._pending, {}
        for command, future in pending.values():
            if not future.done():
                future.set_exception(PlayerGone(command_text(command), reason))
                future.add_done_callback(consume)
        self._closed.set_result(reason)
        callbacks, self._close_callbacks = self._close_callbacks, []
        for callback in callbacks:
            callback(reason)


def consume(future: asyncio.Future[Any]) -> None:
    """Mark a future's exception as seen: its failure is reported another way."""
    if not future.cancelled():
        future.exception()
