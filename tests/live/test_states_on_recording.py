"""State keys on a recording coded out of order: decided at the playhead, not at the end.

If these failed, an observer who seeks back in a video and presses a state key would see
it stop a state that is not on there (or start one that is), a coded run would get a
second end, or an exclusive group would show two states on at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve

from observe.changes import EventsRecorded
from observe.live import LiveSession, RecordingClock
from observe.live.states import overlaps, states_on_at
from observe.scheme import Scheme, load_scheme

from .recorders import MemoryRecorder, code, live_session

ROOT = Path(__file__).resolve().parents[2]


class Video:
    """A media clock stand-in: the playhead stands where the test puts it."""

    def __init__(self) -> None:
        self.position = 0.0

    def at(self, monotonic_time: float) -> float:
        return self.position

    def now(self) -> float:
        return self.position

    def pause(self, monotonic_time: float | None = None) -> float:
        return self.position


def on_recording(scheme: Scheme) -> tuple[LiveSession, MemoryRecorder, Video]:
    video = Video()
    recorder = MemoryRecorder(live_session(scheme))
    live = LiveSession(recorder, RecordingClock(video))
    live.begin()
    return live, recorder, video


def press(live: LiveSession, video: Video, key: str, at: float):
    video.position = at
    return live.record(code(live.scheme, key), key_time=0.0)


def runs(live: LiveSession) -> list[tuple[str, float, str]]:
    return [(e.code, e.t, e.kind) for e in live.session.events]


@pytest.fixture
def home_visit() -> Scheme:
    return load_scheme(ROOT / "coding_schemes" / "home-visit.toml")


@pytest.fixture
def no_initial_state(home_visit: Scheme) -> Scheme:
    """The home visit's infant state as an exclusive group that need not always be on."""
    group = evolve(home_visit.state_groups[0], exhaustive=False, initial=None)
    return evolve(home_visit, state_groups=(group,))


def test_a_state_key_before_a_started_run_starts_it_there(tiny_scheme: Scheme) -> None:
    """Fussing started at 10 s and is still on at the end; seeking back to 5 s and pressing
    its key starts it at 5 s (it is off there) instead of stopping it."""
    live, _recorder, video = on_recording(tiny_scheme)
    press(live, video, "u", 10.0)
    assert states_on_at(live.session, 5.0) == ()
    assert press(live, video, "u", 5.0).done
    assert press(live, video, "u", 7.0).done
    assert runs(live) == [
        ("fussing", 5.0, "start"),
        ("fussing", 7.0, "stop"),
        ("fussing", 10.0, "start"),
    ]
    assert states_on_at(live.session, 8.0) == () and live.session.open_states == ("fussing",)


def test_a_state_key_inside_a_coded_run_is_refused_with_a_sentence(tiny_scheme: Scheme) -> None:
    """Fussing coded from 10 s to 20 s: its key at 15 s would end the run a second time,
    so nothing is recorded and a sentence says where the run is and what to do."""
    live, recorder, video = on_recording(tiny_scheme)
    press(live, video, "u", 10.0)
    press(live, video, "u", 20.0)
    changes = len(recorder.changes)
    outcome = press(live, video, "u", 15.0)
    assert outcome.refused == (
        "Not coded: Fussing is on here from 00:10.0 to 00:20.0, coded already. Code Fussing "
        "from 00:20.0 on, or change that run in review."
    )
    assert len(recorder.changes) == changes
    assert press(live, video, "u", 25.0).done, "after the run its key starts it again"
    assert runs(live)[-1] == ("fussing", 25.0, "start")


def test_another_state_inside_a_coded_run_of_its_group_is_refused(home_visit: Scheme) -> None:
    """Alert from 0 s, fussing from 20 s: crying pressed at 10 s would stop alert there
    while alert's stop at 20 s stays: refused, and alert stays the one state on."""
    live, _recorder, video = on_recording(home_visit)
    press(live, video, "f", 20.0)
    before = runs(live)
    outcome = press(live, video, "c", 10.0)
    assert outcome.refused is not None and "Alert is on here from 00:00.0 to 00:20.0" in (
        outcome.refused
    )
    assert runs(live) == before and overlaps(live.session) == []
    assert states_on_at(live.session, 10.0) == ("alert",)
    assert states_on_at(live.session, 25.0) == ("fussing",)


def test_the_state_on_at_the_playhead_switches_there(home_visit: Scheme) -> None:
    """Fussing from 20 s (still on at the end), played back to 15 s, crying is refused
    inside alert's run; at 30 s (after the last change) crying stops fussing there."""
    live, _recorder, video = on_recording(home_visit)
    press(live, video, "f", 20.0)
    assert press(live, video, "c", 30.0).done
    assert runs(live)[-2:] == [("fussing", 30.0, "stop"), ("crying", 30.0, "start")]
    assert press(live, video, "a", 25.0).refused is not None, "fussing is coded to 30 s"
    assert overlaps(live.session) == []


def test_an_earlier_state_of_an_exclusive_group_runs_until_the_next_one(
    no_initial_state: Scheme,
) -> None:
    """Fussing coded from 20 s; back at 5 s crying starts and stops at 20 s, where fussing
    starts (one change, one undo): the group never has two states on at once."""
    live, recorder, video = on_recording(no_initial_state)
    press(live, video, "f", 20.0)
    outcome = press(live, video, "c", 5.0)
    assert outcome.done and outcome.event is not None and outcome.event.code == "crying"
    assert isinstance(recorder.changes[-1], EventsRecorded)
    assert runs(live) == [
        ("crying", 5.0, "start"),
        ("fussing", 20.0, "start"),
        ("crying", 20.0, "stop"),
    ]
    assert overlaps(live.session) == []
    live.undo()
    assert runs(live) == [("fussing", 20.0, "start")]
