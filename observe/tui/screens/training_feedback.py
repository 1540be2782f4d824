"""One submitted attempt's feedback: the decision and its figures, and the list of
disagreements with the master coding. Enter on a disagreement plays it in the recording
(when the screen knows the video file and mpv can play it): the player seeks to a little
before it and loops to a little after it (mpv's A–B loop)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from observe.errors import ObserveError
from observe.training.feedback import disagreement_row, feedback_text

if TYPE_CHECKING:
    from observe.media import VideoLink
    from observe.training.pack import Pack
    from observe.training.record import Attempt
    from observe.training.scoring import Score

#: Seconds played before a disagreement, and after it, in its loop.
BEFORE = 3.0
AFTER = 2.0


def loop_of(start: float, end: float) -> tuple[float, float]:
    """The stretch of the recording a disagreement from ``start`` to ``end`` plays."""
    return max(0.0, start - BEFORE), end + AFTER


class FeedbackScreen(Screen[None]):
    BINDINGS = [Binding("escape", "leave", "Back")]

    def __init__(
        self, pack: Pack, attempt: Attempt, result: Score, *, video: Path | None = None
    ) -> None:
        super().__init__()
        self.pack = pack
        self.attempt = attempt
        self.result = result
        self.video = video
        self.link: VideoLink | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        text = feedback_text(self.pack, self.result, practice=self.attempt.practice_reason)
        yield Static(text.split("\nPer code")[0], id="feedback-summary")
        table: DataTable[str] = DataTable(cursor_type="row", id="disagreements")
        for column in ("What", "You", "At", "Master", "At "):
            table.add_column(column)
        for item in self.result.disagreements:
            table.add_row(*disagreement_row(item))
        yield table
        hint = (
            "Enter plays the highlighted disagreement in the recording, looped."
            if self.video is not None
            else "Times are positions in the recording (minutes:seconds)."
        )
        yield Static(hint, id="feedback-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Feedback · {self.pack.name}"
        self.sub_title = self.attempt.observer
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#disagreements")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if self.video is None or not self.result.disagreements:
            return
        item = self.result.disagreements[event.cursor_row]
        self.play(*loop_of(item.t, item.end))

    @work(exclusive=True, group="feedback-video")
    async def play(self, start: float, end: float) -> None:
        from observe.media import VideoLink

        try:
            if self.link is None or self.link.closed:
                assert self.video is not None
                self.link = await VideoLink.open(self.video, self.app.start_player)  # type: ignore[attr-defined]
            await self.link.player.set_loop(start, end)
            await self.link.player.play()
        except ObserveError as error:
            self.notify(str(error), title="Cannot play it", severity="warning", timeout=15)

    async def action_leave(self) -> None:
        if self.link is not None:
            await self.link.close()
            self.link = None
        self.dismiss(None)
