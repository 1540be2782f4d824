"""Coding from a recording (``observe code --video``): the live coding screen on the video.

The screen is :class:`~observe.tui.screens.coding.CodingScreen` with the session clock
replaced by the position of the frame mpv shows (:class:`~observe.live.RecordingClock` over
the link's :class:`~observe.media.MediaClock`): a code key records at the position of the
frame on screen when the key was read, whether the video plays or not. Pausing the video
is not pausing the session, so space plays and pauses the video here, and the video's own
keys (:data:`observe.keys.VIDEO_KEYS`) seek, step frames, change the speed and go to a time.

- **Out of order**: events are kept in time order wherever the playhead was; undo takes
  back the last event *recorded*; the list of events follows the playhead
  (:class:`~observe.tui.widgets.playhead_events.PlayheadEvents`).
- **The recording's facts** (name, size, SHA-256, duration, frame rate) are read in a
  worker thread once the video shows and journaled with the session
  (:class:`~observe.changes.RecordingLinked`); a resumed session's file is checked against
  them, and a different file is said at once.
- **The player stops** (it crashed, its window was closed, the file could not be played):
  the banner line says so and which key restarts it at the same position; every event is
  kept, code keys are refused (no frame is shown) until it is back, and the session can be
  ended or left to resume later. At the **end of the file** the clock stands at the last
  frame; the session can be ended there.
"""

from __future__ import annotations

import bisect
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import ClassVar

from textual import events
from textual.binding import ActiveBinding, Binding, BindingType
from textual.widgets import Footer, Static

from observe.keys import VIDEO_KEYS, coding_help_rows, coding_key, video_coding_keys
from observe.labels import code_label
from observe.live import RecordingClock, WallClock, code_for_key, local_now
from observe.media import MediaError, Player, PlayerGone, VideoLink, media_facts
from observe.store import Recorder
from observe.tui.dialogs.jump_to import JumpDialog
from observe.tui.screens.coding import CodingScreen
from observe.tui.screens.coding_bindings import coding_bindings
from observe.tui.widgets.clock_display import RECORDING_CLOCK
from observe.tui.widgets.code_legend import CodeLegend
from observe.tui.widgets.playhead_events import PlayheadEvents
from observe.tui.widgets.video_bar import player_banner, speed_words, video_words

#: The actions of the video's keys, which mean nothing once the session has ended.
VIDEO_ACTIONS = frozenset(key.action.partition("(")[0] for key in VIDEO_KEYS) - {"toggle_pause"}
RESTART = next(key for key in VIDEO_KEYS if key.action == "video_restart")
#: Where each key of the video mode stands in its footer: the single keys in the table's
#: order, then the pairs (the compact footer puts no space after a pair's label).
FOOTER_ORDER = {
    key.key: index
    for index, key in enumerate(sorted(video_coding_keys(), key=lambda key: bool(key.group)))
}
#: What the player's reports change that the screen shows beyond the clock.
SHOWN_STATE = frozenset({"pause", "speed", "eof-reached", "duration", "closed", "restarted"})


def video_bindings() -> list[BindingType]:
    """The coding screen's bindings with the video's keys; those win over a focused panel
    (the help scrolls with the arrows otherwise), never over a dialog (another screen)."""
    video = {key.key for key in VIDEO_KEYS if key.action != "toggle_pause"}
    return [
        replace(binding, priority=True)
        if isinstance(binding, Binding) and binding.key in video
        else binding
        for binding in coding_bindings(video_coding_keys())
    ]


def sentence(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


class VideoCodingScreen(CodingScreen):
    """Code the session of ``recorder`` from the recording ``video`` shows. The screen owns
    the recorder and the player from here on, and closes both when it leaves."""

    BINDINGS: ClassVar[list[BindingType]] = video_bindings()
    RECENT_EVENTS = PlayheadEvents
    CLOCK = RECORDING_CLOCK
    STATES_AT_PLAYHEAD = True
    AUTO_FOCUS = ""  # no panel takes the keys: they are the coding screen's

    def __init__(
        self, recorder: Recorder, *, video: VideoLink, wall_clock: WallClock = local_now
    ) -> None:
        super().__init__(recorder, clock=RecordingClock(video.clock), wall_clock=wall_clock)
        self.video = video
        self._playhead_shown: tuple[int, int] | None = None
        self._leaving = False

    @property
    def player(self) -> Player:
        return self.video.player

    def key_rows(self) -> list[tuple[str, str]]:
        return coding_help_rows(self.scheme.intensity_levels, video_coding_keys())

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """In the order of the key table, whatever has the focus (the help, when shown,
        binds the arrows first): the footer shows the same keys in the same places."""
        bindings = super().active_bindings
        return dict(sorted(bindings.items(), key=lambda item: FOOTER_ORDER.get(item[0], 99)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.live.ended and action in VIDEO_ACTIONS:
            return False
        return super().check_action(action, parameters)

    # -- starting and leaving ------------------------------------------------------------

    def on_mount(self) -> None:
        """(Runs before the coding screen's own on_mount, which begins the session.)"""
        self.video.add_listener(self._player_changed)
        # The video's keys and the session's share the footer: compact, every one fits at 80.
        self.query_one(Footer).compact = True
        self.call_after_refresh(self._coding_begun)

    def _coding_begun(self) -> None:
        """A resumed session opens paused: coding from a recording resumes at once (the
        video stays paused where it was); then the recording's facts are read."""
        if self.live.paused and not self.live.ended:
            self.show(self.live.toggle_pause())
        self.run_worker(self._check_recording(), group="facts", exclusive=True)

    async def on_unmount(self) -> None:
        """(Runs before the coding screen's own on_unmount, which saves and folds.)"""
        self._leaving = True
        await self.video.close()

    async def _check_recording(self) -> None:
        """Hash and measure the file (in a worker thread); link it to the session, or say
        at once that it is not the file the session was coded from."""
        try:
            facts = await media_facts(self.player, self.video.path)
        except PlayerGone:
            return  # the banner says it; a restart reads the facts again
        except MediaError as error:
            self.hint.say(sentence(error))
            return
        known = self.live.session.recording
        if known is None:
            self.show(self.live.link_recording(facts))
        elif known.sha256 != facts.sha256:
            self.app.notify(
                f"{self.video.path} is not the recording this session was coded from: its "
                f"contents differ from those of {known.name} ({known.size:,} bytes then, "
                f"{facts.size:,} now). The times coded so far may not match what it shows.",
                title="Another recording",
                severity="warning",
                timeout=30,
            )

    # -- keys ----------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """While the player is stopped no frame is shown: a code key is not recorded."""
        if self._refused_while_stopped(event):
            event.stop()
            event.prevent_default()

    def take_code_key(self, event: events.Key) -> bool:
        """A code key pressed in a question over this screen: refused as here while the
        player is stopped (still the question's safe answer), else recorded here."""
        return self._refused_while_stopped(event) or super().take_code_key(event)

    def _refused_while_stopped(self, event: events.Key) -> bool:
        """Whether ``event`` is a code key refused, with the one sentence every path says,
        because the player is stopped and no frame is shown to code it at."""
        if self.live.ended or not self.video.closed:
            return False
        code = code_for_key(self.scheme, event.character, event.key)
        if code is None:
            return False
        self.hint.say(
            f"Player stopped: {code_label(self.scheme, code.id)} not coded "
            f"({RESTART.shown} restarts it)."
        )
        return True

    def toggle_pause_at(self, key_time: float | None) -> None:
        """Space plays or pauses the video (the session goes on being coded)."""
        if self._stopped():
            return
        clock = self.video.clock
        if clock.running:
            clock.pause(key_time)
        else:
            clock.start(key_time)
        self._refresh_all()

    def action_video_seek(self, seconds: float) -> None:
        self._command(lambda player: player.seek_by(seconds))

    def action_video_frame(self, step: int) -> None:
        self._command(lambda player: player.step_forward() if step > 0 else player.step_back())

    def action_video_speed(self, step: int) -> None:
        async def change(player: Player) -> None:
            speed = await (player.faster() if step > 0 else player.slower())
            self.hint.say(f"Playing at {speed_words(speed)}.")

        self._command(change)

    def action_video_jump(self) -> None:
        if self._stopped():
            return

        def go(seconds: float | None) -> None:
            if seconds is not None:
                self._command(lambda player: player.seek_to(seconds))

        self.app.push_screen(JumpDialog(self.live.now(), self.player.duration), go)

    def action_video_restart(self) -> None:
        if not self.video.closed:
            self.hint.say("The video player is running.")
            return

        async def restart() -> None:
            try:
                position = await self.video.restart()
            except MediaError as error:
                self.hint.say(sentence(error))
                return
            self.hint.say(f"The video player is back, at {video_words(self.player, position)}.")
            if self.live.session.recording is None:
                await self._check_recording()

        self.run_worker(restart(), group="restart", exclusive=True)

    def _stopped(self) -> bool:
        if self.video.closed:
            self.hint.say(f"Player stopped: {RESTART.shown} restarts it.")
        return self.video.closed

    def _command(self, command: Callable[[Player], Awaitable[object]]) -> None:
        """Run a command of the player in a worker: keys are read meanwhile (and timed on
        the frames the player reports), and the player's lock keeps commands in order."""
        if self._stopped():
            return
        player = self.player

        async def run() -> None:
            try:
                await command(player)
            except PlayerGone:
                pass  # the banner says it
            except MediaError as error:
                self.hint.say(sentence(error))
            self._refresh_all()

        self.run_worker(run(), group="video")

    def _player_changed(self, name: str, _stamp: float) -> None:
        if name in SHOWN_STATE and not self._leaving:
            self._refresh_soon()

    # -- display ---------------------------------------------------------------------------

    def status_words(self) -> str:
        session = self.live.session
        count = len(session.events)
        state = "ENDED" if self.live.ended else video_words(self.player, self.live.now())
        visit = f" · visit {session.visit}" if session.visit else ""
        return f"{state} · {session.dyad}{visit} · {count} event{'' if count == 1 else 's'}"

    def _refresh_all(self) -> None:
        super()._refresh_all()
        banner = self.query_one("#paused-banner", Static)
        words = "" if self.live.ended else self._banner_words()
        banner.display = bool(words)
        if words:
            banner.update(words, layout=False)

    def _banner_words(self) -> str:
        return player_banner(self.player, self.live.now(), restart=RESTART, end=coding_key("end"))

    def _tick(self, *, redraw_events: bool = False) -> None:
        """The list of events follows the playhead: redrawn when it moves a tenth."""
        now = self.live.now()
        events_list = self.query_one(PlayheadEvents)
        events_list.position = now
        shown = (
            int(now * 10),
            bisect.bisect_right(self.live.session.events, now, key=lambda event: event.t),
        )
        if shown != self._playhead_shown:
            self._playhead_shown = shown
            redraw_events = True
            self.query_one("#status-line", Static).update(self.status_words(), layout=False)
            self.query_one("#legend", CodeLegend).show_open_states(self.states_on())
            self.show_states()
        super()._tick(redraw_events=redraw_events)
