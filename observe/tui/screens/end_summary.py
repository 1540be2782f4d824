"""What the observer sees once a session has ended: its figures, then back to the sessions."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from observe.analysis.results import SessionAnalysis
from observe.display import MISSING, clock_tenths
from observe.model import Session
from observe.tui.dialogs.frame import dialog_css
from observe.tui.widgets.figures_panel import LatencyCaveat, figures_table


class EndSummary(ModalScreen[None]):
    DEFAULT_CSS = (
        dialog_css("EndSummary", width=76)
        + """
    EndSummary .hint { color: $text-muted; margin-top: 1; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Back to sessions"),
        Binding("escape", "close", "Back to sessions", show=False),
    ]

    def __init__(self, session: Session, analysis: SessionAnalysis) -> None:
        super().__init__()
        self.session = session
        self.analysis = analysis

    def compose(self) -> ComposeResult:
        session = self.session
        with Vertical():
            yield Static(
                f"Session ended · {session.dyad} · visit {session.visit or MISSING} · "
                f"{clock_tenths(session.duration)} observed · {len(session.events)} events",
                classes="title",
            )
            yield Static(figures_table(self.analysis), id="end-figures")
            yield LatencyCaveat(id="end-caveat")
            yield Static("Saved. Enter returns to the sessions.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
