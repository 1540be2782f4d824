"""Changes the disk refuses wait in memory, in order, and are written when it takes them."""

from __future__ import annotations

from observe.changes import EventRecorded, EventRemoved
from observe.errors import ArchiveError
from observe.live import PendingWrites
from observe.model import Event
from observe.scheme import Scheme

from .recorders import live_session


class FlakyRecorder:
    def __init__(self, tiny_scheme: Scheme, fail: int) -> None:
        self.changes: list[object] = []
        self.fail = fail
        self.session = live_session(tiny_scheme)

    def apply(self, change):
        if self.fail:
            self.fail -= 1
            raise ArchiveError("the disk is full")
        self.changes.append(change)
        return self.session

    def fold(self) -> None:
        pass


def test_waiting_changes_are_written_in_order(tiny_scheme: Scheme) -> None:
    """Changes refused by the disk are kept and written later in the order they were made."""
    recorder = FlakyRecorder(tiny_scheme, fail=2)
    writes = PendingWrites(recorder)
    first = EventRecorded(Event("a", "hungry", 1.0))
    second = EventRemoved("a")
    assert not writes.submit(first)
    assert not writes.submit(second)
    assert writes.last_error == "the disk is full"
    assert writes.unsaved_event_ids == {"a"}
    assert [e.code for e in writes.session.events] == []  # recorded then removed, in memory
    assert writes.retry()
    assert recorder.changes == [first, second]
    assert writes.waiting == [] and writes.last_error is None


def test_the_not_saved_notice_counts_the_waiting_changes_and_says_why(
    tiny_scheme: Scheme,
) -> None:
    """The banner's sentence: how many changes wait, how often they are retried, and the
    disk's own reason; none once everything is written."""
    recorder = FlakyRecorder(tiny_scheme, fail=2)
    writes = PendingWrites(recorder)
    assert writes.not_saved_notice() is None
    writes.submit(EventRecorded(Event("a", "hungry", 1.0)))
    assert writes.not_saved_notice() == (
        "NOT SAVED: 1 change kept in memory, retrying every 2 s. Keep working; do not close "
        "observe. the disk is full"
    )
    writes.submit(EventRecorded(Event("b", "feed", 2.0)))
    assert "NOT SAVED: 2 changes" in (writes.not_saved_notice() or "")
    assert writes.retry() and writes.not_saved_notice() is None
