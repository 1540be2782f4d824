"""A live session put on its visit's video: the offset found from a coding of the video, and
reliability between the two once both are linked to it.

If one of these failed, review would show a different moment of the video than the event
chosen, the moments played with a family would start beside the cue, or agreement between
a live coding and a coding of its video would be computed on misaligned clocks.
"""

from __future__ import annotations

import pytest
from attrs import evolve

from observe.analysis.reliability import compare_sessions
from observe.analysis.replay import video_position
from observe.analysis.sync import SyncNotFound, offset_from_coding
from observe.interchange.second_observer import second_observer
from observe.model import Recording

FRAME = 1 / 25
VIDEO = Recording(name="visit.mp4", size=1000, sha256="b" * 64, duration=3400.0, frame_rate=25.0)


def coded_from_video(live, offset: float, *, seed: int = 3, jitter: float = 0.15):
    """The same visit coded afterwards from its video, which started ``offset`` s before
    the live session's clock: every code ``offset`` s later, pressed up to ``jitter`` s
    early or late, with misses, confusions and extra codes."""
    coding = second_observer(live, seed=seed, clock_offset=-offset, jitter=jitter)
    return evolve(coding, origin="recording", recording=VIDEO, recording_offset=0.0)


def test_a_live_session_and_its_recording_coded_with_a_4_3_s_offset_sync_within_a_frame(
    visit,
) -> None:
    """The proof of issue 14: 4.3 s is recovered within one frame (1/25 s), whichever
    misses, confusions and key timings the second coding has."""
    for seed in range(1, 6):
        estimate = offset_from_coding(visit, coded_from_video(visit, 4.3, seed=seed))
        assert estimate.offset == pytest.approx(4.3, abs=FRAME)
    assert estimate.offset == pytest.approx(4.3, abs=FRAME)
    assert estimate.searched == pytest.approx(4.3, abs=0.1 + 1e-9)
    assert estimate.agreements > 200


@pytest.mark.parametrize("offset", [-17.66, 0.02, 4.33, 26.14])
def test_offsets_between_the_search_steps_are_found_within_a_frame(visit, offset) -> None:
    """The search steps 0.1 s; the agreeing pairs refine it, either way round."""
    estimate = offset_from_coding(visit, coded_from_video(visit, offset, seed=8))
    assert estimate.offset == pytest.approx(offset, abs=FRAME)


def test_once_synced_an_event_is_at_its_frame_of_the_video(visit) -> None:
    """Review seeks to an event's video position: the live event's time plus the offset
    lands on the recording coding's time of the same code, within a frame."""
    coding = coded_from_video(visit, 4.3, jitter=0.0)
    synced = evolve(
        visit, recording=VIDEO, recording_offset=offset_from_coding(visit, coding).offset
    )
    first = next(e for e in visit.events if e.kind != "stop")
    same = next(e for e in coding.events if e.code == first.code and e.kind == first.kind)
    assert video_position(synced, first.t) == pytest.approx(same.t, abs=FRAME)


def test_codings_of_different_visits_do_not_sync(make_session) -> None:
    """Nothing in common at any offset: one sentence, no made-up offset."""
    live = make_session([(10.0, "hungry"), (30.0, "feed")])
    other = make_session([(300.0, "tired"), (400.0, "settle")])
    with pytest.raises(SyncNotFound, match="no offset can be estimated"):
        offset_from_coding(live, other)


def test_reliability_uses_the_offset_known_from_the_sync(visit) -> None:
    """Both codings linked to the same video: the offset is the difference of their
    offsets (no search), and the result says which video it came from."""
    coding = coded_from_video(visit, 12.34)
    live = evolve(visit, recording=VIDEO, recording_offset=12.34)
    result = compare_sessions(coding, live)
    assert result.offset.seconds == 12.34
    assert (result.offset.estimated, result.offset.recording) == (False, "visit.mp4")
    assert result.percent_agreement is not None and result.percent_agreement > 0.8
    estimated = compare_sessions(coding, visit)
    assert estimated.offset.estimated and estimated.offset.recording is None
    assert estimated.offset.seconds == pytest.approx(12.3, abs=0.1 + 1e-9)


def test_sessions_linked_to_different_videos_are_estimated_as_before(visit) -> None:
    coding = coded_from_video(visit, 4.3)
    other_video = evolve(VIDEO, sha256="c" * 64)
    live = evolve(visit, recording=other_video, recording_offset=99.0)
    assert compare_sessions(coding, live).offset.estimated is True
