"""Saving from a screen, for the coding and the review screen alike.

When to fold is decided by the live core (:class:`observe.live.FoldPolicy`, through the
``fold_now`` of what it returns); these run the decision: the fold on a worker thread, so
no key press waits for it, and the last fold when the screen leaves, which finishes the
session file and stops recording. A failure is said in a notification; the journal still
holds every change, and opening the archive again recovers it.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from observe.errors import ObserveError
from observe.live import PendingWrites
from observe.store import Recorder


def fold_in_background(screen: Screen, fold: Callable[[], None], writes: PendingWrites) -> None:
    """Run ``fold`` on the screen's worker thread (one at a time). A failure is said on the
    main thread, in the words of ``writes`` (the session's queue): "every change is safe in
    the journal" only when that is true, else nothing beside the NOT SAVED line."""
    app = screen.app

    def failed(error: Exception) -> None:
        notice = writes.fold_failed_notice(str(error))
        if notice is not None:
            app.notify(notice, severity="warning", timeout=10)

    def run() -> None:
        try:
            fold()
        except (ObserveError, OSError) as error:
            app.call_from_thread(failed, error)

    screen.run_worker(run, thread=True, exclusive=True, group="fold")


def close_recording(screen: Screen, recorder: Recorder) -> None:
    """The last fold (it finishes an ended session's file), then stop recording."""
    app = screen.app
    try:
        recorder.close()
    except ObserveError as error:  # the journal still holds every change
        app.notify(str(error), severity="error", timeout=10)
    except OSError as error:
        app.notify(
            f"The session file could not be written ({error}); its journal keeps every "
            "event and the session is recovered when observe next opens.",
            severity="error",
            timeout=10,
        )
