"""Saving a live session: every change through :class:`PendingWrites`, folds in a worker.

A mixin of :class:`~observe.tui.screens.coding.CodingScreen`, kept apart because saving is
its own concern: the only I/O on a key press is the journal append inside
``recorder.apply``; a change the disk refuses waits in memory, in order, and is retried on a
timer and before the next change; folding the journal into the session file runs in a
worker thread, and the last fold (when the screen leaves) finishes the session file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from observe.errors import ObserveError
from observe.model import Change
from observe.tui.pending import RETRY_EVERY_SECONDS
from observe.tui.widgets.not_saved_banner import NotSavedBanner

if TYPE_CHECKING:
    from observe.tui.screens.coding import CodingScreen

    _Base = CodingScreen
else:
    _Base = object

#: Fold the journal into the session file this often (s) and after this many changes.
FOLD_EVERY_SECONDS = 30.0
FOLD_EVERY_CHANGES = 50


class SessionSaving(_Base):
    def start_saving(self) -> None:
        """The timers of saving; called when the screen is mounted."""
        self._changes_since_fold = 0
        self._leave_when_saved = False
        self.set_interval(FOLD_EVERY_SECONDS, self._periodic_fold)
        self.set_interval(RETRY_EVERY_SECONDS, self._retry_writes)

    def _submit(self, change: Change) -> bool:
        saved = self.writes.submit(change)
        self._changes_since_fold += 1
        if saved and self._changes_since_fold >= FOLD_EVERY_CHANGES:
            self._fold_in_background()
        self._show_write_state()
        return saved

    def _retry_writes(self) -> None:
        if not self.writes.waiting:
            return
        saved = self.writes.retry()
        self._show_write_state()
        self._refresh_all()
        if saved and self._leave_when_saved:
            self._leave_when_saved = False
            self._final_fold()
            self.app.pop_screen()

    def _periodic_fold(self) -> None:
        if self._changes_since_fold and not self._ended:
            self._fold_in_background()

    def _fold_in_background(self) -> None:
        self._changes_since_fold = 0
        self._fold_worker()

    @work(thread=True, exclusive=True, group="fold")
    def _fold_worker(self) -> None:
        try:
            self.recorder.fold()
        except (ObserveError, OSError) as error:
            self.app.call_from_thread(
                self.app.notify,
                f"The session file could not be updated ({error}); every event is still "
                "safe in the journal.",
                severity="warning",
            )

    def _final_fold(self) -> None:
        try:
            self.recorder.fold()
        except ObserveError as error:  # the journal still holds every change
            self.app.notify(str(error), severity="error", timeout=10)
        except OSError as error:
            self.app.notify(
                f"The session file could not be written ({error}); its journal keeps every "
                "event and the session is recovered when observe next opens.",
                severity="error",
                timeout=10,
            )
        finally:
            try:
                self.recorder.close()
            except ObserveError as error:
                self.app.notify(str(error), severity="error", timeout=10)

    def _show_write_state(self) -> None:
        self.query_one("#write-error", NotSavedBanner).show(self.writes)
