"""The question observe asks at start when a session was not ended: resume it, start a new
one, or not now.

A session left with ctrl+q is *paused* (the observer meant to come back); one whose program
died (a crash, a closed lid, kill) is *interrupted*. Each answer has its own key, and ``n``
is the home screen's "new session" here too, so a visitor who presses ``n`` to start a new
session gets the new-session form, not a silent "no".
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from observe.display import when
from observe.tui.dialogs.frame import button_row, dialog_css

ResumeAnswer = Literal["resume", "new"]


class ResumeOffer(ModalScreen[ResumeAnswer | None]):
    """Returns "resume", "new" (the new-session form), or None (not now)."""

    DEFAULT_CSS = (
        dialog_css("ResumeOffer", width=64, padding="1 2")
        + """
    ResumeOffer #question { margin-bottom: 1; }
    ResumeOffer #keys { color: $text-muted; margin-bottom: 1; }
    """
    )

    BINDINGS = [
        Binding("r", "answer('resume')", "Resume", show=False),
        Binding("n", "answer('new')", "New session", show=False),
        Binding("escape", "answer(None)", "Not now", show=False),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question")
            yield Static("r or Enter: Resume · n: New session · Esc: Not now", id="keys")
            yield button_row(
                Button("Resume", id="resume", variant="primary"),
                Button("New session", id="new"),
                Button("Not now", id="later"),
            )

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        answer = event.button.id
        self.dismiss("resume" if answer == "resume" else "new" if answer == "new" else None)

    def action_answer(self, answer: ResumeAnswer | None) -> None:
        self.dismiss(answer)


def resume_question(description: str, *, left_at: str | None) -> str:
    """What the offer says: paused (left with ctrl+q at ``left_at``) or interrupted."""
    if left_at is not None:
        return (
            f"The session {description} is paused: you left it with ctrl+q on "
            f"{when(left_at)}. "
            "Resume it now? Every recorded event is kept."
        )
    return (
        f"The session {description} was interrupted: observe stopped while it was being "
        "coded (a crash, a closed lid or a killed program). Resume it now? Every recorded "
        "event is kept."
    )
