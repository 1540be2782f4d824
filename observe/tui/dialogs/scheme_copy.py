"""Copy a scheme to edit: the id of the copy, checked as it is typed. Returns the id, or
None when cancelled."""

from __future__ import annotations

from collections.abc import Collection

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from observe.scheme.validation import SLUG, SLUG_HINT
from observe.tui.dialogs.frame import button_row, dialog_css


def id_problem(typed: str, taken: Collection[str]) -> str | None:
    """Why ``typed`` cannot be the copy's id, or None."""
    if not typed:
        return "Type an id for your copy."
    if not SLUG.match(typed):
        return f"An id uses {SLUG_HINT}."
    if typed in taken:
        return f'There is already a scheme "{typed}"; choose another id.'
    return None


class CopySchemeDialog(ModalScreen[str | None]):
    DEFAULT_CSS = (
        dialog_css("CopySchemeDialog", width=72, padding="1 2")
        + """
    CopySchemeDialog #about { margin-bottom: 1; }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, source: str, name: str, *, shipped: bool, taken: Collection[str]) -> None:
        super().__init__()
        self.source = source
        self.name_of_source = name
        self.shipped = shipped
        self.taken = taken

    def compose(self) -> ComposeResult:
        why = f"{self.source} ships with observe and is not changed here. " if self.shipped else ""
        suggestion = (
            f"my-{self.source}" if not self.source.startswith("my-") else f"{self.source}-2"
        )
        with Vertical():
            yield Static(f"Copy {self.name_of_source} to edit", classes="title")
            yield Static(
                f"{why}The copy goes in your archive's schemes folder; sessions you code "
                "with it name it by this id.",
                id="about",
            )
            yield Input(suggestion, placeholder="the copy's id, e.g. my-feeding", id="copy-id")
            yield Static(id="problems")
            yield button_row(
                Button("Copy", id="copy", variant="primary", compact=True),
                Button("Cancel", id="cancel", compact=True),
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._check()

    @on(Input.Changed)
    def _check(self) -> None:
        problem = id_problem(self.query_one(Input).value.strip(), self.taken)
        self.query_one("#problems", Static).update(problem or "")
        self.query_one("#copy", Button).disabled = problem is not None

    @on(Input.Submitted)
    @on(Button.Pressed, "#copy")
    def _copy(self) -> None:
        typed = self.query_one(Input).value.strip()
        if id_problem(typed, self.taken) is None:
            self.dismiss(typed)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
