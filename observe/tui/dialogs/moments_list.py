"""The session's moments to revisit, chosen one at a time to loop in the video.

Enter plays the highlighted moment (looped, with its caption) and the list stays open, so
the next one is one key away; Esc stops the loop and closes the list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from observe.analysis.replay import ReplayMoment
from observe.display import clock_tenths
from observe.tui.dialogs.frame import dialog_css


def moment_line(moment: ReplayMoment) -> str:
    where = "not in the video" if not moment.in_video else f"video {clock_tenths(moment.start)}"
    return f"{moment.number:>2}  {clock_tenths(moment.t)}  {moment.title} ({where})"


class MomentsDialog(ModalScreen[None]):
    DEFAULT_CSS = (
        dialog_css("MomentsDialog", width=76, padding="1 2")
        + """
    MomentsDialog OptionList { height: auto; max-height: 14; }
    MomentsDialog .hint { color: $text-muted; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(
        self,
        moments: Sequence[ReplayMoment],
        play: Callable[[ReplayMoment], Awaitable[None]],
        stop: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__()
        self.moments = list(moments)
        self.play = play
        self.stop = stop

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Moments to revisit", classes="title")
            yield OptionList(
                *[
                    Option(moment_line(m), id=str(m.number), disabled=not m.in_video)
                    for m in self.moments
                ],
                id="moments",
            )
            yield Static("Enter plays the moment, looped · Esc stops and closes", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        number = int(event.option.id or 0)
        moment = next(m for m in self.moments if m.number == number)
        await self.play(moment)

    async def action_close(self) -> None:
        await self.stop()
        self.dismiss(None)
