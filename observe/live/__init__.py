"""The headless live-coding core (DESIGN §1, §4): a session being coded, as plain Python.

:class:`LiveSession` records codes at their keys' moments on an injected :class:`LiveClock`
(:class:`SessionClock` for live coding, :class:`RecordingClock` for coding from a video:
the position of the frame shown, the video paused or not), marks moments, toggles states,
sets intensities and notes, undoes and redoes, pauses, resumes, opens and closes not-codable
periods and ends, and reports each action as an :class:`Outcome`. What a state key does in a
scheme with state groups, and how review keeps them exclusive, is
:mod:`observe.live.states`; what a key comes to at the archive's limits (24 hours, 100,000
events), :mod:`observe.live.limits`; the one check of a review edit, :mod:`observe.live.review`.
Every change is written through a :class:`SessionSaver` (the :class:`PendingWrites` queue
and the one :class:`FoldPolicy`), which the review screen uses too. No Textual here.
"""

from observe.live.clock import LiveClock, MonotonicSource, SessionClock, WallClock, local_now
from observe.live.code_keys import code_for_key
from observe.live.pending import RETRY_EVERY_SECONDS, ChangeRecorder, PendingWrites
from observe.live.recording_clock import RecordingClock
from observe.live.saving import (
    FOLD_EVERY_CHANGES,
    FOLD_EVERY_SECONDS,
    FoldPolicy,
    Saved,
    SessionSaver,
)
from observe.live.session import LiveSession, Outcome

__all__ = [
    "FOLD_EVERY_CHANGES",
    "FOLD_EVERY_SECONDS",
    "RETRY_EVERY_SECONDS",
    "ChangeRecorder",
    "FoldPolicy",
    "LiveClock",
    "LiveSession",
    "MonotonicSource",
    "Outcome",
    "PendingWrites",
    "RecordingClock",
    "Saved",
    "SessionClock",
    "SessionSaver",
    "WallClock",
    "code_for_key",
    "local_now",
]
