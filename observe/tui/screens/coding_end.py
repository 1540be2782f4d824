"""Ending a live session: confirm, stop open states, end, ratings, summary, back home.

A mixin of :class:`~observe.tui.screens.coding.CodingScreen`, kept apart because the end is
its own sequence of dialogs. Nothing is left behind: the screen only leaves once every change
is in the journal (a refused write keeps it open, retrying), and the last fold finishes the
session file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from observe.analysis import analyze_session
from observe.model import Event, EventRecorded, SessionAnnotated, SessionEnded, new_id
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.ratings import RatingsDialog, RatingsResult
from observe.tui.screens.end_summary import EndSummary
from observe.tui.widgets.clock_display import format_clock

if TYPE_CHECKING:
    from observe.tui.screens.coding import CodingScreen

    _Base = CodingScreen
else:
    _Base = object


class SessionEnding(_Base):
    def request_end_at(self, key_time: float) -> None:
        end_at = max(self.clock.at(key_time), self.writes.session.clock)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.finish(end_at)

        self.app.push_screen(
            ConfirmDialog(
                f"End this session at {format_clock(end_at)}? Open states stop there; "
                "you cannot code more events afterwards.",
                yes="End session",
                no="Keep coding",
                danger=True,
            ),
            answered,
        )

    def finish(self, end_at: float) -> None:
        """Stop open states at the end, end the session, then ratings, summary, home."""
        self._ended = True
        if self.clock.running:
            self.clock.pause(self.clock_source())
        session = self.writes.session
        for state in session.open_states:
            self._submit(EventRecorded(Event(id=new_id(), code=state, t=end_at, kind="stop")))
        self._submit(SessionEnded(duration=end_at, wall=self.wall()))
        self._refresh_all()
        if self.scheme.ratings:
            self.app.push_screen(
                RatingsDialog(self.scheme.ratings, values=session.ratings, notes=session.notes),
                self._ratings_entered,
            )
        else:
            self._show_summary()

    def _ratings_entered(self, result: RatingsResult | None) -> None:
        if result is not None:
            ratings, notes = result
            self._submit(SessionAnnotated(ratings=ratings, notes=notes))
        self._show_summary()

    def _show_summary(self) -> None:
        session = self.writes.session
        self.app.push_screen(EndSummary(session, analyze_session(session)), self._summary_closed)

    def _summary_closed(self, _result: None) -> None:
        self._leave()

    def _leave(self) -> None:
        if not self.writes.retry():
            self._leave_when_saved = True
            self._show_write_state()
            return
        self._final_fold()
        self.app.pop_screen()
