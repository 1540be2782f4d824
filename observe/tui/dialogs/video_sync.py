"""The sync dialog: play the video to the frame where the chosen event happens, press Enter.

The player moves by these keys (mpv's own are off): space play/pause, ← → one second,
shift+← → five seconds, , . one frame. Enter returns the position shown (seconds); Esc,
None. The review screen turns the position into the session's offset in the video.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from observe.display import clock_tenths
from observe.media import MediaError, Player
from observe.tui.dialogs.frame import dialog_css

KEYS = "space play/pause · ← → 1 s · shift+← → 5 s · , . one frame · Enter: this is the moment"


class VideoSyncDialog(ModalScreen[float | None]):
    DEFAULT_CSS = (
        dialog_css("VideoSyncDialog", width=76, padding="1 2")
        + """
    VideoSyncDialog .hint { color: $text-muted; }
    VideoSyncDialog #sync-position { text-style: bold; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle", "Play/pause"),
        Binding("left", "seek(-1)", "−1 s", show=False),
        Binding("right", "seek(1)", "+1 s", show=False),
        Binding("shift+left", "seek(-5)", "−5 s", show=False),
        Binding("shift+right", "seek(5)", "+5 s", show=False),
        Binding("comma", "frame(-1)", "Frame back", show=False),
        Binding("full_stop", "frame(1)", "Frame on", show=False),
        Binding("enter", "chosen", "Sync here"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, player: Player, about: str, problem: Callable[[str], None]) -> None:
        super().__init__()
        self.player = player
        self.about = about
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Sync with the video", classes="title")
            yield Static(
                f"Play the video to the frame where {self.about} happens, then press Enter: "
                "the session's clock is set so that this event is at that frame."
            )
            yield Static(id="sync-position")
            yield Static(KEYS, classes="hint")

    def on_mount(self) -> None:
        self._show()
        self.set_interval(0.1, self._show)

    def _show(self) -> None:
        position = self.player.position
        shown = "–" if position is None else clock_tenths(position)
        state = "paused" if self.player.paused else "playing"
        self.query_one("#sync-position", Static).update(f"Video at {shown} ({state})")

    async def _run(self, step: Callable[[], Awaitable[object]]) -> None:
        try:
            await step()
        except MediaError as error:
            self.problem(str(error))
            self.dismiss(None)
            return
        self._show()

    async def action_toggle(self) -> None:
        await self._run(self.player.toggle_pause)

    async def action_seek(self, seconds: float) -> None:
        await self._run(lambda: self.player.seek_by(seconds))

    async def action_frame(self, step: int) -> None:
        await self._run(self.player.step_forward if step > 0 else self.player.step_back)

    async def action_chosen(self) -> None:
        try:
            await self.player.pause()
            position = await self.player.time_pos()
        except MediaError as error:
            self.problem(str(error))
            self.dismiss(None)
            return
        self.dismiss(position)

    def action_cancel(self) -> None:
        self.dismiss(None)
