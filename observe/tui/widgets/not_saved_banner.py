"""The NOT SAVED banner of a screen that writes through :class:`PendingWrites`."""

from __future__ import annotations

from textual.widgets import Static

from observe.live import PendingWrites


class NotSavedBanner(Static):
    """Says, in words, how many changes wait for the disk and why; hidden when none do."""

    def show(self, writes: PendingWrites) -> None:
        notice = writes.not_saved_notice()
        if notice is not None:
            self.update(notice)
        self.display = notice is not None
