"""Where a live session's clock stands in the video of the same visit.

A live session's video position is its (interaction) time plus ``recording_offset``
(:func:`observe.analysis.replay.video_position`). The offset is set by the sync key (the
observer shows the frame of one event: :func:`observe.analysis.replay.offset_at`), given
as a number, or estimated here from a second coding made from the recording:

1. the reliability comparison's offset search (:mod:`observe.analysis.offset`: every shift
   from −30 s to +30 s in 0.1 s steps, the one that makes the two codings agree best) puts
   the live coding on the recording coding's clock, to the nearest 0.1 s;
2. the mean time difference of the agreeing pairs at that shift, over the middle half of
   them (the interquartile mean: a pair matched by coincidence at the tolerance's edge
   does not pull it), refines it to the millisecond. Its error is about the spread of the
   observers' key presses over the square root of the pairs: with keys within ~0.15 s
   and a hundred or more agreements, a video at 25 frames a second is synced within a
   frame;
3. plus the recording coding's own offset (0 for a session coded from the recording).

Two codings linked to the same recording (the same SHA-256) need no search at all: the
offset between them is the difference of their offsets
(:func:`observe.analysis.replay.linked_offset`).
"""

from __future__ import annotations

from statistics import fmean

from attrs import evolve, frozen

from observe.analysis.reliability import DEFAULT_TOLERANCE, compare_sessions, session_pairs
from observe.errors import ObserveError
from observe.model import Session


class SyncNotFound(ObserveError):
    """The two codings share no moment to sync on."""


@frozen
class SyncEstimate:
    """The offset found for the live session (seconds: its video position of an event is
    the event's interaction time plus this), and what it rests on."""

    offset: float
    agreements: int  # same-code pairs of the two codings at that offset
    searched: float  # the search's own estimate (0.1 s steps), before the refinement
    warnings: tuple[str, ...]


def offset_from_coding(
    live: Session, coded: Session, *, tolerance: float = DEFAULT_TOLERANCE
) -> SyncEstimate:
    """The offset of ``live`` in the video that ``coded`` (a coding of the same visit made
    from its recording, or synced with it) is on."""
    live = evolve(live, recording=None)  # searched for, whatever it was linked at before
    result = compare_sessions(coded, live, tolerance=tolerance)
    agreeing = sorted(
        pair.t_a - pair.t_b
        for pair in session_pairs(coded, live, result)
        if pair.code_a is not None
        and pair.code_a == pair.code_b
        and pair.t_a is not None
        and pair.t_b is not None
    )
    if not agreeing:
        raise SyncNotFound(
            f"sessions {live.id[:8]} and {coded.id[:8]} have no code in common within "
            f"{tolerance:g} s at any offset from -30 s to +30 s, so no offset can be "
            "estimated; check that both are codings of the same visit, or sync with the "
            "sync key in review (or give --offset SECONDS)."
        )
    searched = result.offset.seconds
    quarter = len(agreeing) // 4
    middle = agreeing[quarter : len(agreeing) - quarter]
    refined = searched + fmean(middle) + coded.recording_offset
    return SyncEstimate(
        offset=round(refined, 3),
        agreements=len(agreeing),
        searched=searched,
        warnings=tuple(result.warnings),
    )
