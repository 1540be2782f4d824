"""What review adds for schemes for real instruments (DESIGN §12), kept apart from the
review screen (:mod:`observe.tui.screens.review` mixes this in): the not-codable periods
(shown under the title, edited with ``c`` in :class:`ExclusionsDialog`), and the state
groups kept exclusive whatever is edited and the archive's limits kept
(:func:`observe.live.review.review_edit`: an edit is written, fixed with a sentence, or
refused with one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from observe.changes import Change, EventsRemoved, ExclusionsRevised
from observe.display import clock_tenths
from observe.live.review import review_edit
from observe.live.states import Reviewed, deleted_switch_sentence, key_press_of
from observe.model import Event, Interval, Session
from observe.tui.dialogs.exclusions import ExclusionsDialog

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


def excluded_words(periods: tuple[Interval, ...]) -> str:
    """``Not codable: 03:12.0–04:05.5, …`` ("" when there are none)."""
    if not periods:
        return ""
    spans = ", ".join(
        f"{clock_tenths(p.start)}–{'open' if p.end is None else clock_tenths(p.end)}"
        for p in periods
    )
    return f"Not codable: {spans} (c edits them)"


class ReviewPeriods(_Base):
    """The not-codable periods and state-group checks of the review screen."""

    session: Session
    if TYPE_CHECKING:

        def _apply(self, change: Change, *, select: str | None = None) -> None: ...

    def reviewed(self, change: Change) -> Change | None:
        """The change to write for an edit (the same, or fixed), or None (refused); a
        fix or a refusal is said in a sentence."""
        outcome: Reviewed = review_edit(self.session, change)
        if outcome.sentence is not None and not isinstance(outcome.change, EventsRemoved):
            severity = "warning" if outcome.change is None else "information"
            self.notify(outcome.sentence, severity=severity, timeout=8)
        return outcome.change

    def delete_question(self, event: Event, label: str) -> str:
        """Delete this event? (A state switch's start goes with its stops: said here.)"""
        question = f"Delete {label} at {clock_tenths(event.t)}?"
        press = key_press_of(self.session, event)
        if len(press) > 1:
            question += " " + deleted_switch_sentence(self.session.scheme, press)
        return question

    def show_excluded(self) -> None:
        line = self.query_one("#review-excluded", Static)
        words = excluded_words(self.session.excluded)
        line.update(words)
        line.display = bool(words)

    def action_not_codable(self) -> None:
        if getattr(self, "recorder", None) is None:
            return

        def revised(periods: tuple[Interval, ...] | None) -> None:
            if periods is not None and periods != self.session.excluded:
                self._apply(ExclusionsRevised(periods))

        self.app.push_screen(
            ExclusionsDialog(self.session.excluded, self.session.duration), revised
        )
