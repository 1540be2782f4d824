"""Pair or unpair the selected session (home screen, ``m``): make it and another session of
its dyad the two codings of one visit, or no coding of a double-coded visit any more.

The rules are :mod:`observe.pairing`'s and the writing the archive's
(:meth:`~observe.store.Archive.pair`, :meth:`~observe.store.Archive.unpair`), as for
``observe session pair A B`` and ``observe session unpair ID``: this dialog only chooses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from attrs import frozen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Select, Static

from observe.display import when
from observe.pairing import pair_candidates
from observe.tui.dialogs.frame import button_row, dialog_css

if TYPE_CHECKING:
    from observe.pairing import Mark
    from observe.store import Archive, SessionSummary


def session_label(summary: SessionSummary) -> str:
    """A session as a choice of codings offers it: ``visit 2 · 2026-03-02 09:00 · OBS1
    (4ae4766e)``."""
    visit = f"visit {summary.visit}" if summary.visit else "no visit label"
    observer = f" · {summary.observer}" if summary.observer else ""
    return f"{visit} · {when(summary.started_at)}{observer} ({summary.id[:8]})"


@frozen
class PairChoice:
    """What the user chose: ``pair`` (``second`` becomes a second coding of ``primary``'s
    visit; a pair already, the other way round, swaps which one is primary) or ``unpair``
    (``primary`` is the session to take out of its visit)."""

    action: Literal["pair", "unpair"]
    primary: str
    second: str | None = None


def apply_choice(archive: Archive, choice: PairChoice) -> str:
    """Write the choice; one sentence saying what changed (an ObserveError says why not)."""
    if choice.action == "unpair":
        marks: tuple[Mark, ...] = archive.unpair(choice.primary)
        if not marks:
            return f"{choice.primary[:8]} is a coding of no double-coded visit; nothing changed."
        return f"Unpaired: {choice.primary[:8]} counts as a visit of its own again in trends."
    assert choice.second is not None
    marks = archive.pair(choice.primary, choice.second)
    if not marks:
        return f"{choice.second[:8]} is already the second coding of {choice.primary[:8]}."
    return (
        f"Paired: {choice.second[:8]} is the second coding of {choice.primary[:8]}'s visit; "
        f"trends count the visit once, from {choice.primary[:8]}."
    )


class PairDialog(ModalScreen[PairChoice | None]):
    """For a session of a double-coded visit: unpair it, or make it the visit's primary.
    For any other: choose the session of its dyad it is a coding of the same visit with."""

    DEFAULT_CSS = (
        dialog_css("PairDialog", width=72, padding="1 2")
        + """
    PairDialog #pair-about { margin-bottom: 1; }
    PairDialog #pair-with { margin-bottom: 1; }
    PairDialog Checkbox { margin-bottom: 1; }
    """
    )

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, selected: SessionSummary, family: Sequence[SessionSummary]) -> None:
        """``family``: the archive's sessions of the selected session's dyad (as listed)."""
        super().__init__()
        self.selected = selected
        self.family = list(family)
        self.visit = selected.coded_visit
        self.candidates = [] if self.visit else pair_candidates(self.family, selected.id)

    def compose(self) -> ComposeResult:
        selected = self.selected
        by_id = {s.id: s for s in self.family}
        with Vertical():
            yield Static(
                f"Double coding · {selected.dyad} · {session_label(selected)}", classes="title"
            )
            if self.visit is not None:
                others = ", ".join(
                    session_label(by_id[i]) if i in by_id else i[:8]
                    for i in self.visit.others(selected.id)
                )
                primary = self.visit.primary == selected.id
                role = "the primary coding (the one trends count)" if primary else "a second coding"
                yield Static(
                    f"This session is {role} of a visit coded more than once, with {others}. "
                    "Unpair it to count it as a visit of its own.",
                    id="pair-about",
                )
                buttons = [Button("Unpair", id="unpair", variant="primary")]
                if not primary:
                    buttons.append(Button("Make primary", id="make-primary"))
            elif self.candidates:
                yield Static(
                    "Which session of this dyad is a coding of the same visit by another "
                    "observer? Trends then count the visit once, from its primary coding.",
                    id="pair-about",
                )
                yield Select(
                    [(session_label(s), s.id) for s in self.candidates],
                    prompt="choose the other coding",
                    id="pair-with",
                )
                yield Checkbox("This session is the visit's primary coding", id="primary")
                buttons = [Button("Pair", id="pair", variant="primary")]
            else:
                yield Static(
                    f"No other session of dyad {selected.dyad} can be paired with this one "
                    "(sessions already paired are not offered; unpair them first).",
                    id="pair-about",
                )
                buttons = []
            yield Static("", id="problems")
            yield button_row(*buttons, Button("Cancel", id="cancel"))

    def on_mount(self) -> None:
        self.query("#pair-with, #unpair, #cancel").first().focus()

    @on(Button.Pressed, "#unpair")
    def _unpair(self) -> None:
        self.dismiss(PairChoice("unpair", self.selected.id))

    @on(Button.Pressed, "#make-primary")
    def _make_primary(self) -> None:
        assert self.visit is not None
        self.dismiss(PairChoice("pair", self.selected.id, self.visit.primary))

    @on(Button.Pressed, "#pair")
    def _pair(self) -> None:
        chosen = self.query_one("#pair-with", Select).value
        if not isinstance(chosen, str):
            self.query_one("#problems", Static).update("✗ Choose the other coding first.")
            self.query_one("#pair-with", Select).focus()
            return
        if self.query_one("#primary", Checkbox).value:
            self.dismiss(PairChoice("pair", self.selected.id, chosen))
        else:
            self.dismiss(PairChoice("pair", chosen, self.selected.id))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
