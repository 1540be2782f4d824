"""One fold policy for every screen that changes a session (live coding and review).

If these failed, a screen would rewrite the whole session file on every key (slow on a
long visit) or almost never (a long journal to replay after a crash), or two screens would
save a session by different rules again.
"""

from __future__ import annotations

from observe.changes import EventRecorded, SessionPaused
from observe.live import FOLD_EVERY_CHANGES, FoldPolicy, Saved, SessionSaver
from observe.model import Event
from observe.scheme import Scheme

from .recorders import MemoryRecorder, live_session


def test_the_policy_folds_after_its_changes_the_timer_and_a_pause() -> None:
    policy = FoldPolicy(every_changes=3, every_seconds=30.0)
    assert not policy.timer(), "nothing changed: the timer does not fold"
    assert [policy.changed(saved=True) for _ in range(3)] == [False, False, True]
    assert policy.unfolded == 0, "a fold starts the count again"
    policy.changed(saved=True)
    assert policy.timer() and not policy.timer()
    assert policy.paused(), "a pause folds whatever the count"


def test_the_policy_waits_for_the_disk_before_folding() -> None:
    """A fold while changes wait would write a session file behind what the screen shows;
    the retry that writes them folds instead."""
    policy = FoldPolicy(every_changes=2)
    assert not policy.changed(saved=False)
    assert not policy.changed(saved=False)
    assert policy.written(saved=True)


def test_the_shipped_policy_is_fifty_changes_or_thirty_seconds() -> None:
    policy = FoldPolicy()
    assert (policy.every_changes, policy.every_seconds) == (FOLD_EVERY_CHANGES, 30.0) == (50, 30.0)


def test_the_saver_writes_through_the_queue_and_says_when_to_fold(tiny_scheme: Scheme) -> None:
    recorder = MemoryRecorder(live_session(tiny_scheme))
    saver = SessionSaver(recorder, FoldPolicy(every_changes=2))
    first = EventRecorded(Event("a", "hungry", 1.0))
    assert saver.submit(first) == Saved(saved=True, fold_now=False)
    recorder.refusing = "the disk is full"
    second = EventRecorded(Event("b", "feed", 2.0))
    assert saver.submit(second) == Saved(saved=False, fold_now=False)
    assert saver.waiting == 1 and [e.id for e in saver.session.events] == ["a", "b"]
    recorder.refusing = None
    assert saver.retry() == Saved(saved=True, fold_now=True)
    assert recorder.changes == [first, second] and saver.waiting == 0
    pause = SessionPaused(t=2.0, wall="2026-03-02T10:00:00+00:00")
    assert saver.submit(pause, pause=True).fold_now
    saver.fold()
    assert recorder.folds == 1
