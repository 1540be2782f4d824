"""Review with the session's video: watch an event, sync the clock, play the moments.

Keys the review screen adds (rows of :data:`~.review_actions.REVIEW_ACTIONS`):

- ``v``: the video at the selected event (mpv opens on demand, in its own window, and
  seeks there exactly; the event's label shows on the video for two seconds);
- ``s``: sync — the video plays in the sync dialog until the frame where the selected
  event happens, and Enter sets the session's offset in the video so that the event is at
  that frame (a journaled ``RecordingLinked`` change, like every review edit). A session
  linked to no video asks for the file first;
- ``m``: the moments to revisit (and the marks), each looped with its caption.

``v`` and ``m`` are shown in the footer only for a session linked to a video. A missing
mpv, a video not on this laptop, or a player that died is one sentence on the screen;
the review goes on. The player closes with the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from observe.analysis import analyze_session
from observe.analysis.replay import offset_at, replay_moments, video_position
from observe.changes import Change, RecordingLinked
from observe.display import clock_tenths
from observe.errors import ObserveError
from observe.labels import code_label
from observe.media import MediaError, Player, media_facts
from observe.media.linked_file import linked_file
from observe.media.moments import play_moment, stop_moment
from observe.model import Event, Recording, Session
from observe.store.recording_paths import remember_recording
from observe.tui.dialogs.moments_list import MomentsDialog
from observe.tui.dialogs.recording_picker import RecordingPicker
from observe.tui.dialogs.video_sync import VideoSyncDialog

if TYPE_CHECKING:
    from observe.store import Archive


#: Players being closed after their screen left (kept so the tasks are not collected).
_CLOSING: set[asyncio.Task[None]] = set()


async def start_player() -> Player:
    """mpv in its own window (the tests give a fake one here)."""
    return await Player.start()


class ReviewVideo:
    """The video half of the review screen (mixed into it; it keeps the names below)."""

    archive: Archive
    session: Session
    _player: Player | None = None
    _player_file: Path | None = None

    if TYPE_CHECKING:

        def _selected(self) -> Event | None: ...
        def _apply(self, change: Change, *, select: str | None = None) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def refresh_bindings(self) -> None: ...
        @property
        def app(self) -> Any: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``v`` and ``m`` are there (and in the footer) for a session linked to a video."""
        if action in ("video", "moments"):
            return self.session.recording is not None
        return True

    # -- the player ----------------------------------------------------------------------

    async def _video(self) -> Player | None:
        """The player with the session's video loaded, or None once the reason is shown."""
        try:
            path = linked_file(self.archive.path, self.session)
        except ObserveError as error:
            self.notify(str(error), severity="warning")
            return None
        return await self._player_with(path)

    async def _player_with(self, path: Path) -> Player | None:
        player = self._player
        try:
            if player is None or player.closed:
                player = self._player = await start_player()
                self._player_file = None
            if self._player_file != path:
                await player.load(path)
                self._player_file = path
        except MediaError as error:
            self.notify(str(error), severity="error")
            return None
        return player

    def close_video(self) -> None:
        """Quit the player (the screen is leaving): mpv is told at once, and the connection
        and process are cleaned up on the event loop."""
        player, self._player = self._player, None
        if player is None or player.closed:
            return
        with contextlib.suppress(Exception):
            player.connection.post("quit")
        closing = asyncio.get_running_loop().create_task(player.close())
        _CLOSING.add(closing)
        closing.add_done_callback(_CLOSING.discard)

    # -- v: the video at the event -------------------------------------------------------

    async def action_video(self) -> None:
        event = self._selected()
        if event is None:
            return
        player = await self._video()
        if player is None:
            return
        label = code_label(self.session.scheme, event.code)
        try:
            await player.seek_to(video_position(self.session, event.t))
            await player.show_text(f"{label} at {clock_tenths(event.t)}")
        except MediaError as error:
            self.notify(str(error), severity="error")

    # -- s: sync -------------------------------------------------------------------------

    async def action_sync(self) -> None:
        event = self._selected()
        if event is None:
            return
        if self.session.recording is None:

            async def chosen(path: Path | None) -> None:
                if path is not None:
                    await self._link_then_sync(path, event)

            self.app.push_screen(
                RecordingPicker(
                    Path.cwd(),
                    about=f"Session {self.session.id[:8]} is linked to no video yet. Which "
                    "file is the video of this visit?",
                ),
                chosen,
            )
            return
        player = await self._video()
        if player is not None:
            await self._sync_dialog(player, event, self.session.recording)

    async def _link_then_sync(self, path: Path, event: Event) -> None:
        player = await self._player_with(path)
        if player is None:
            return
        try:
            recording = await media_facts(player, path)
        except MediaError as error:
            self.notify(str(error), severity="error")
            return
        await self._sync_dialog(player, event, recording, path)

    async def _sync_dialog(
        self, player: Player, event: Event, recording: Recording, path: Path | None = None
    ) -> None:
        """The sync dialog, the video at the event as the session's offset has it now."""
        label = code_label(self.session.scheme, event.code)
        try:
            await player.seek_to(video_position(self.session, event.t))
        except MediaError as error:
            self.notify(str(error), severity="error")
            return

        def synced(position: float | None) -> None:
            if position is None:
                return
            offset = offset_at(self.session, event.t, position)
            self._apply(RecordingLinked(recording, offset), select=event.id)
            if self.session.recording != recording or self.session.recording_offset != offset:
                return  # not applied (a read-only archive): _apply said why
            if path is not None:
                remember_recording(self.archive.path, self.session.id, path)
            self.refresh_bindings()
            self.notify(
                f"Synced: {label} at {clock_tenths(event.t)} is at {clock_tenths(position)} "
                f"of {recording.name} (offset {offset:+.3f} s)."
            )

        self.app.push_screen(
            VideoSyncDialog(
                player,
                f"{label} at {clock_tenths(event.t)}",
                lambda text: self.notify(text, severity="error"),
            ),
            synced,
        )

    # -- m: the moments ------------------------------------------------------------------

    async def action_moments(self) -> None:
        moments = replay_moments(self.session, analyze_session(self.session))
        if not moments:
            self.notify("This session has no moments to revisit and no marks.")
            return
        player = await self._video()
        if player is None:
            return

        async def play(moment: Any) -> None:
            try:
                await play_moment(player, moment)
            except MediaError as error:
                self.notify(str(error), severity="error")

        async def stop() -> None:
            if not player.closed:
                try:
                    await stop_moment(player)
                except MediaError:
                    pass

        self.app.push_screen(MomentsDialog(moments, play, stop))
