"""Live coding at the archive's limits: 24 hours of session clock, 100,000 events, pauses,
not-codable periods and marks (observe/validity/limits.py).

A replayed journal is held to those limits: a session coded past one would have its
journal kept aside at the next opening, and keys the screen acknowledged would be gone.
If these failed, an observer would see a key accepted that the archive later drops, or
could not end a session that reached a limit. Sessions start near the limit (built in
memory, not coded key by key); the clock is the test's.
"""

from __future__ import annotations

from attrs import evolve

from observe.changes import (
    EventRecorded,
    ExclusionsRevised,
    RecordingLinked,
    SessionEnded,
    SessionPaused,
)
from observe.live import LiveSession, RecordingClock
from observe.live.review import review_edit
from observe.model import Event, Interval, Mark, Pause, Session, new_id
from observe.model import Recording as VideoFile
from observe.scheme import Scheme
from observe.validity import session_problems
from observe.validity.limits import MAX_EVENTS, MAX_SESSION_SECONDS

from .recorders import MemoryRecorder, code, coded, coding, live_session
from .test_marks_and_recording_clock import Video

DAY = MAX_SESSION_SECONDS


def kept_on_replay(session: Session) -> bool:
    """Whether a journal that made this session would be kept at the next opening: it is
    measured against its clock, as observe.store measures a replayed journal."""
    return session_problems(evolve(session, duration=session.clock)) == []


def paused_at(scheme: Scheme, clock: float, **fields: object) -> Session:
    """A session paused with its clock at ``clock``, as the home screen resumes one."""
    pause = Pause(at=clock, paused_wall="2026-03-02T10:00:00+00:00")
    defaults: dict[str, object] = {"status": "paused", "duration": clock, "pauses": (pause,)}
    return evolve(live_session(scheme), **{**defaults, **fields})


def full_of_events(scheme: Scheme, count: int, *, until: float = 3600.0) -> tuple[Event, ...]:
    """``count`` point events spread over ``until`` seconds."""
    step = until / count
    return tuple(Event(new_id(), "play", round(i * step, 3)) for i in range(count))


def resumed(scheme: Scheme, session: Session) -> tuple[LiveSession, MemoryRecorder, object]:
    live, recorder, source = coding(scheme, session=session)
    assert live.begin().done
    assert live.toggle_pause(source.now).done, "resumed"
    return live, recorder, source


def test_keys_record_up_to_24_hours_and_are_refused_after_with_what_to_do(
    tiny_scheme: Scheme,
) -> None:
    live, recorder, source = resumed(tiny_scheme, paused_at(tiny_scheme, DAY - 1.0))
    hungry = code(tiny_scheme, "h")
    assert live.record(hungry, source.now + 0.5).done
    assert live.record(hungry, source.now + 1.0).done, "a key at exactly 24 h counts"
    assert live.longest_notice() is None, "the clock has not reached 24 h yet"
    late = live.record(hungry, source.now + 1.001)
    assert late.refused == (
        "24 HOURS: Hungry not coded: a session lasts at most 24 hours; end it (x) and go on "
        "in a new one."
    )
    assert [e.t for e in recorder.session.events] == [DAY - 0.5, DAY]
    source.now += 5.0
    notice = live.longest_notice()
    assert notice is not None and "keys are no longer recorded" in notice and "(x)" in notice
    assert "24 HOURS: No moment marked" in (live.mark_moment(source.now).refused or "")
    assert "24 HOURS: Not codable not started" in (live.toggle_not_codable().refused or "")
    fussing = code(tiny_scheme, "u")
    assert live.record(fussing, source.now).refused is not None, "a state key too"
    assert kept_on_replay(recorder.session)


def test_past_24_hours_a_pause_and_the_end_are_recorded_at_24_hours(
    tiny_scheme: Scheme,
) -> None:
    """The observer can always pause, quit and end: the clock is cut at the limit."""
    live, recorder, source = resumed(tiny_scheme, paused_at(tiny_scheme, DAY - 10.0))
    fussing = code(tiny_scheme, "u")
    assert live.record(fussing, source.now + 5.0).done  # on until the end
    source.now += 60.0
    assert live.toggle_pause(source.now).done
    assert recorder.changes[-1] == SessionPaused(t=DAY, wall=recorder.changes[-1].wall)
    assert live.longest_notice() is None, "paused: nothing is being refused"
    assert kept_on_replay(recorder.session)
    assert live.toggle_pause(source.now).done
    source.now += 3600.0
    assert live.end_time() == DAY
    assert live.end().done
    assert isinstance(recorder.changes[-1], SessionEnded)
    assert recorder.session.duration == DAY
    assert coded(live)[-1] == ("fussing", DAY, "stop", None, None)
    assert kept_on_replay(recorder.session)
    assert live.longest_notice() is None, "ended"


def test_leaving_past_24_hours_records_the_pause_at_24_hours(tiny_scheme: Scheme) -> None:
    live, recorder, source = resumed(tiny_scheme, paused_at(tiny_scheme, DAY - 1.0))
    source.now += 7200.0
    assert live.leave().saved
    assert recorder.session.pauses[-1].at == DAY
    assert kept_on_replay(recorder.session)


def test_the_100000th_event_is_recorded_and_the_next_is_refused(tiny_scheme: Scheme) -> None:
    session = paused_at(
        tiny_scheme, 3600.0, events=full_of_events(tiny_scheme, MAX_EVENTS - 2, until=3600.0)
    )
    live, recorder, source = resumed(tiny_scheme, session)
    hungry = code(tiny_scheme, "h")
    assert live.record(hungry, source.now + 1.0).done
    assert live.record(hungry, source.now + 2.0).done
    assert len(recorder.session.events) == MAX_EVENTS
    full = live.record(hungry, source.now + 3.0)
    assert full.refused == (
        "FULL: Hungry not coded: a session holds at most 100,000 events; end it (x) and go "
        "on in a new one."
    )
    assert len(recorder.session.events) == MAX_EVENTS
    assert live.undo().done and live.redo().done, "undo and redo stay within the limit"
    assert len(recorder.session.events) == MAX_EVENTS
    assert live.end().done
    assert kept_on_replay(recorder.session)


def test_a_state_that_is_on_keeps_room_for_the_stop_the_end_records(tiny_scheme: Scheme) -> None:
    """The end stops every state still on: those stops must fit too, so the end is never
    the change that takes the session past the limit."""
    session = paused_at(tiny_scheme, 3600.0, events=full_of_events(tiny_scheme, MAX_EVENTS - 3))
    live, recorder, source = resumed(tiny_scheme, session)
    fussing, hungry = code(tiny_scheme, "u"), code(tiny_scheme, "h")
    assert live.record(fussing, source.now + 1.0).done  # its stop is still to come
    assert live.record(hungry, source.now + 2.0).done
    refused = live.record(hungry, source.now + 3.0)
    assert refused.refused is not None and refused.refused.startswith("FULL: Hungry not coded")
    assert live.record(fussing, source.now + 4.0).done, "stopping the state takes its room"
    assert len(recorder.session.events) == MAX_EVENTS
    assert live.end().done
    assert len(recorder.session.events) == MAX_EVENTS
    assert kept_on_replay(recorder.session)


def test_the_100000th_mark_and_not_codable_period_are_the_last(tiny_scheme: Scheme) -> None:
    marks = tuple(Mark(i * 0.01) for i in range(MAX_EVENTS))
    periods = tuple(Interval(i * 0.02, i * 0.02 + 0.01) for i in range(MAX_EVENTS))
    live, recorder, source = resumed(
        tiny_scheme, paused_at(tiny_scheme, 3600.0, marks=marks, excluded=periods)
    )
    marked = live.mark_moment(source.now + 1.0)
    assert marked.refused == (
        "FULL: No moment marked: a session holds at most 100,000 marks; end it (x) and go "
        "on in a new one."
    )
    excluded = live.toggle_not_codable(source.now + 1.0)
    assert excluded.refused is not None
    assert excluded.refused.startswith("FULL: Not codable not started: a session holds at most ")
    assert len(recorder.session.marks) == len(recorder.session.excluded) == MAX_EVENTS
    assert live.record(code(tiny_scheme, "h"), source.now + 2.0).done, "codes still record"
    assert kept_on_replay(recorder.session)


def test_a_session_with_100000_pauses_is_not_resumed_but_still_ends(tiny_scheme: Scheme) -> None:
    """Every resume is followed by a pause (the space key's, quitting's, a crash's): the
    last pause a session may hold is never taken by a resume that cannot pause again."""
    pauses = tuple(
        Pause(at=i * 0.01, paused_wall="2026-03-02T10:00:00+00:00") for i in range(MAX_EVENTS - 1)
    )
    live, recorder, source = resumed(tiny_scheme, paused_at(tiny_scheme, 3600.0, pauses=pauses))
    assert live.toggle_pause(source.now + 1.0).done  # the 100,000th pause
    assert len(recorder.session.pauses) == MAX_EVENTS
    again = live.toggle_pause(source.now + 2.0)
    assert again.refused == (
        "FULL: the session cannot resume: a session holds at most 100,000 pauses; end it (x) "
        "and go on in a new one."
    )
    assert live.paused
    assert live.end().done and live.leave().saved
    assert len(recorder.session.pauses) == MAX_EVENTS
    assert kept_on_replay(recorder.session)


def recording_session(scheme: Scheme) -> tuple[LiveSession, MemoryRecorder, Video]:
    video = Video()
    recorder = MemoryRecorder(evolve(live_session(scheme), origin="recording"))
    live = LiveSession(recorder, RecordingClock(video))
    assert live.begin().done
    return live, recorder, video


def test_from_a_recording_no_key_records_past_24_hours_of_video(tiny_scheme: Scheme) -> None:
    live, recorder, video = recording_session(tiny_scheme)
    video.position = DAY + 0.5  # a video longer than a day
    refused = live.record(code(tiny_scheme, "h"), 1.0)
    assert refused.refused is not None and refused.refused.startswith("24 HOURS: Hungry")
    video.position = 30.0
    assert live.record(code(tiny_scheme, "h"), 2.0).done
    video.position = DAY + 10.0
    assert live.leave().saved
    assert recorder.session.pauses[-1].at == DAY
    assert kept_on_replay(recorder.session)


def test_from_a_recording_a_not_codable_period_cannot_open_inside_one_already_closed(
    tiny_scheme: Scheme,
) -> None:
    """Back in the video, inside a period already marked: the periods would overlap (no
    session may hold that), so the key says what to do instead."""
    live, recorder, video = recording_session(tiny_scheme)
    video.position = 30.0
    assert live.toggle_not_codable().done
    video.position = 40.0
    assert live.toggle_not_codable().done
    video.position = 35.0
    inside = live.toggle_not_codable()
    assert inside.refused == (
        "Not codable not started at 00:35.0: the period before it (00:30.0–00:40.0) ends "
        "later; start it after that, or adjust the periods in review."
    )
    video.position = 45.0
    assert live.toggle_not_codable().done
    video.position = 20.0  # closed after a seek back: the period runs 20–45
    assert live.toggle_not_codable().done
    assert recorder.session.excluded == (Interval(20.0, 45.0),)
    assert kept_on_replay(recorder.session)


def test_a_video_whose_name_no_session_may_hold_is_not_linked(tiny_scheme: Scheme) -> None:
    live, recorder, _video = recording_session(tiny_scheme)
    odd = VideoFile(name="visit\n3.mp4", size=10, sha256="0" * 64, duration=60.0)
    linked = live.link_recording(odd)
    assert linked.refused is not None and "is not linked to the session" in linked.refused
    assert "renamed" in linked.refused and "\n" not in linked.refused
    assert recorder.session.recording is None
    fine = evolve(odd, name="visit 3.mp4")
    assert live.link_recording(fine).done and recorder.session.recording == fine
    assert kept_on_replay(recorder.session)


def ended_with(scheme: Scheme, count: int) -> Session:
    events = full_of_events(scheme, count)
    return evolve(live_session(scheme), status="ended", duration=3600.0, events=events)


def test_review_does_not_insert_an_event_past_100000(tiny_scheme: Scheme) -> None:
    session = ended_with(tiny_scheme, MAX_EVENTS)
    inserted = review_edit(session, EventRecorded(Event(new_id(), "feed", 10.0)))
    assert inserted.change is None
    assert inserted.sentence == (
        "Not changed: the session would hold 100,001 events, more than the 100,000 a "
        "session may hold."
    )
    one_less = evolve(session, events=session.events[1:])
    change = EventRecorded(Event(new_id(), "feed", 10.0))
    assert review_edit(one_less, change).change == change


def test_review_keeps_the_periods_and_the_videos_offset_within_the_limits(
    tiny_scheme: Scheme,
) -> None:
    session = ended_with(tiny_scheme, 10)
    many = ExclusionsRevised(
        tuple(Interval(i * 0.02, i * 0.02 + 0.01) for i in range(MAX_EVENTS + 1))
    )
    refused = review_edit(session, many)
    assert refused.change is None and "100,001 not-codable periods" in (refused.sentence or "")
    video = VideoFile(name="visit.mp4", size=10, sha256="0" * 64)
    assert review_edit(session, RecordingLinked(video, DAY + 1.0)).change is None
    assert review_edit(session, RecordingLinked(video, -12.5)).change is not None
