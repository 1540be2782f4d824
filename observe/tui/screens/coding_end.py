"""Ending a live session on screen: confirm, end, ratings, summary, back home.

The end itself (open states stopped, nothing more coded) is the live core's
:meth:`~observe.live.LiveSession.end`; this is the sequence of dialogs around it. Nothing is
left behind: the coding screen only leaves once every change is in the journal (a refused
write keeps it open, retrying), and its last fold finishes the session file.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual import events
from textual.app import App

from observe.analysis import analyze_session
from observe.live import LiveSession, Outcome
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.ratings import RatingsDialog, RatingsResult
from observe.tui.screens.end_summary import EndSummary
from observe.tui.widgets.clock_display import format_clock


class CodingView(Protocol):
    """What the end sequence needs from the coding screen."""

    @property
    def app(self) -> App[Any]: ...

    @property
    def live(self) -> LiveSession: ...

    def show(self, outcome: Outcome) -> None: ...

    def show_write_state(self) -> None: ...

    def leave(self) -> None: ...

    def take_code_key(self, event: events.Key) -> bool: ...


class EndOfSession:
    def __init__(self, view: CodingView) -> None:
        self.view = view
        self.leave_when_saved = False

    def request_at(self, key_time: float | None) -> None:
        """The end key, read at ``key_time`` (None: now): ask, then end there."""
        live = self.view.live
        end_at = live.end_time(key_time)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.finish(end_at)

        self.view.app.push_screen(
            ConfirmDialog(
                f"End this session at {format_clock(end_at)}? Open states stop there; "
                "you cannot code more events afterwards.",
                yes="End session",
                no="Keep coding",
                danger=True,
                code_keys=self.view.take_code_key,
            ),
            answered,
        )

    def finish(self, end_at: float) -> None:
        """End the session, then ratings, summary, home."""
        live = self.view.live
        self.view.show(live.end(end_at))
        scheme = live.scheme
        if scheme.ratings:
            session = live.session
            self.view.app.push_screen(
                RatingsDialog(
                    scheme.ratings,
                    values=session.ratings,
                    notes=session.notes,
                    about=f"The session ended at {format_clock(end_at)}: keys now fill in "
                    "the ratings and notes, not codes.",
                ),
                self._ratings_entered,
            )
        else:
            self._show_summary()

    def _ratings_entered(self, result: RatingsResult | None) -> None:
        if result is not None:
            ratings, notes = result
            self.view.show(self.view.live.annotate(ratings, notes))
        self._show_summary()

    def _show_summary(self) -> None:
        session = self.view.live.session
        self.view.app.push_screen(
            EndSummary(session, analyze_session(session)), self._summary_closed
        )

    def _summary_closed(self, _result: None) -> None:
        if self.view.live.retry().saved:
            self.view.leave()
        else:
            self.leave_when_saved = True
            self.view.show_write_state()

    def saved(self) -> None:
        """Every change is in the journal now (a retry succeeded): leave if the end waited."""
        if self.leave_when_saved:
            self.leave_when_saved = False
            self.view.leave()
