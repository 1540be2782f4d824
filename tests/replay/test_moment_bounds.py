"""The stretch of video each moment to revisit loops over, worked by hand.

If one of these failed, a home visitor replaying a moment with the family would see the
wrong stretch: starting after the baby's cue, stopping before the caregiver's response,
or on the wrong part of the video once the live session's clock is put on it.
"""

from __future__ import annotations

import pytest
from attrs import evolve

from observe.analysis import analyze_session
from observe.analysis.replay import (
    LEAD,
    MARK_AFTER,
    TAIL,
    loop_bounds,
    offset_at,
    replay_moments,
    video_position,
)
from observe.model import Mark, Pause, Recording

VIDEO = Recording(name="visit.mp4", size=1000, sha256="a" * 64, duration=600.0, frame_rate=25.0)


def linked(session, offset=0.0, recording=VIDEO):
    return evolve(session, recording=recording, recording_offset=offset)


def test_each_moment_loops_from_before_the_cue_to_after_the_response(make_session) -> None:
    """hungry at 20 s answered by play (no match) 3 s later: moment 1, loop 18–25 s of
    the session's clock, plus the offset 4.3 s: 22.3–29.3 s of the video. tired at 60 s with
    no response in its 5 s window: moment 2, 58–67 s, so 62.3–71.3 s. The matched cue at
    100 s is no moment."""
    session = linked(
        make_session(
            [(20.0, "hungry"), (23.0, "play"), (60.0, "tired"), (100.0, "hungry"), (101, "feed")],
            duration=200.0,
        ),
        offset=4.3,
    )
    moments = replay_moments(session, analyze_session(session))
    assert [(m.number, m.kind, m.t) for m in moments] == [(1, "cue", 20.0), (2, "cue", 60.0)]
    first, second = moments
    assert (first.start, first.end) == (20.0 + 4.3 - LEAD, 23.0 + 4.3 + TAIL)
    assert (second.start, second.end) == (60.0 + 4.3 - LEAD, 65.0 + 4.3 + TAIL)
    assert first.still_at == 24.3
    assert "Hungry at 00:20.0" in first.caption and "Increases play at 00:23.0" in first.caption
    assert first.caption.startswith("Moment 1 of 2 · ")
    assert "no response within 5 s" in second.caption


def test_the_observers_marks_follow_the_report_moments(make_session) -> None:
    """Marks are numbered after the cues, each looping from 2 s before to 6 s after it,
    its note in the caption."""
    session = evolve(
        linked(make_session([(30.0, "tired")], duration=120.0)),
        marks=(Mark(10.0, "lovely smile"), Mark(80.0)),
    )
    moments = replay_moments(session, analyze_session(session))
    assert [(m.number, m.kind) for m in moments] == [(1, "cue"), (2, "mark"), (3, "mark")]
    assert (moments[1].start, moments[1].end) == (10.0 - LEAD, 10.0 + MARK_AFTER)
    assert "Marked at 00:10.0: lovely smile" in moments[1].caption
    assert moments[2].caption.endswith("Marked at 01:20.0")


def test_a_loop_stays_inside_the_video(make_session) -> None:
    """A cue 1 s into the video starts its loop at 0, not before; one near the video's end
    stops at the end; a loop is never shorter than a second."""
    short = evolve(VIDEO, duration=30.0)
    session = linked(make_session([(1.0, "tired"), (28.0, "tired")], duration=30.0), 0.0, short)
    first, last = replay_moments(session, analyze_session(session))
    assert first.start == 0.0
    assert last.end == 30.0 and last.start == 26.0
    assert loop_bounds(29.8, 40.0, 30.0) == (29.0, 30.0)
    assert loop_bounds(-3.0, -1.0, None) == (0.0, 1.0)


def test_a_paused_live_session_is_on_the_video_with_its_pauses(make_session) -> None:
    """The camera kept recording through a 40 s pause at 50 s of the clock: an event at
    60 s of the clock is at 60 + 40 + offset in the video, one before the pause at t +
    offset; the sync key's offset is the inverse."""
    session = evolve(
        linked(make_session([(10.0, "tired"), (60.0, "tired")], duration=120.0), 4.3),
        pauses=(
            Pause(
                at=50.0,
                paused_wall="2026-03-02T10:00:50+00:00",
                resumed_wall="2026-03-02T10:01:30+00:00",
            ),
        ),
    )
    assert video_position(session, 10.0) == 14.3
    assert video_position(session, 60.0) == pytest.approx(104.3)
    assert offset_at(session, 60.0, 104.3) == 4.3
    coded_from_video = evolve(session, origin="recording")
    assert video_position(coded_from_video, 60.0) == 64.3


def test_moments_outside_the_video_keep_their_numbers_but_are_not_in_it(make_session) -> None:
    """The camera started 10 s after the session's clock (offset −10 s) and ran 30 s: the
    cue at 5 s is before the video, the one at 50 s after it; both keep their numbers."""
    short = evolve(VIDEO, duration=30.0)
    session = linked(
        make_session([(5.0, "tired"), (20.0, "tired"), (50.0, "tired")], duration=60.0),
        -10.0,
        short,
    )
    moments = replay_moments(session, analyze_session(session))
    assert [(m.number, m.in_video) for m in moments] == [(1, False), (2, True), (3, False)]
