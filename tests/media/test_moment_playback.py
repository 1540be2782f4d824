"""Moments to revisit played in the player: the loop bounds and captions mpv is sent, the
viewer moving from moment to moment, and the still frames for the report.

If one of these failed, ``observe moments play`` would loop the wrong stretch of the
video (or none), show no caption or another moment's, not move on when asked, or the
session report would show the wrong frame of a moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from attrs import evolve

from observe.analysis import analyze_session
from observe.analysis.replay import replay_moments
from observe.media import Player
from observe.media.moment_reel import play_reel
from observe.media.moments import write_stills
from observe.model import Event, Mark, Recording, Session, new_id
from observe.scheme import find_scheme

from .conftest import barrier
from .fake_mpv import FakeMpv

VIDEO = Recording(name="visit.mp4", size=59, sha256="d" * 64, duration=30.0, frame_rate=25.0)


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """A live visit on infant-cues: hungry at 5 s met by a mismatched response 2 s later,
    tired at 15 s unanswered; its clock starts 1.5 s into the video; one mark at 24 s."""
    scheme = find_scheme("infant-cues", tmp_path)
    cue = scheme.cues[0]
    unsuited = next(r for r in scheme.responses if r.id not in cue.matches)
    other = scheme.cues[1]
    events = [
        Event(id=new_id(), code=cue.id, t=5.0),
        Event(id=new_id(), code=unsuited.id, t=7.0),
        Event(id=new_id(), code=other.id, t=15.0),
    ]
    return Session(
        id=new_id(),
        dyad="D-1",
        observer="OB",
        started_at="2026-04-01T09:30:00+02:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        duration=28.0,
        status="ended",
        events=events,
        recording=VIDEO,
        recording_offset=1.5,
        marks=(Mark(24.0, "a shared laugh"),),
    )


def loops_sent(fake: FakeMpv) -> list[tuple[float, float]]:
    """Each (ab-loop-a, ab-loop-b) pair sent to mpv, in order."""
    sent = [c for c in fake.received if c[0] == "set_property" and c[1].startswith("ab-loop")]
    values = {"a": [], "b": []}
    for command in sent:
        if command[2] != "no":
            values[command[1][-1]].append(command[2])
    return list(zip(values["a"], values["b"], strict=True))


class Script:
    """The viewer's answers, one per prompt, each given once the moment is playing."""

    def __init__(self, answers: list[str]) -> None:
        self.answers: Iterator[str] = iter(answers)
        self.prompts: list[str] = []

    async def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        await asyncio.sleep(0)
        return next(self.answers)


async def test_the_loop_bounds_sent_to_mpv_for_each_moment(
    fake: FakeMpv, player: Player, session: Session
) -> None:
    """Moment 1: 5 s − 2 s to 7 s + 2 s of the clock, + 1.5 s: 4.5–10.5 s of the video;
    moment 2 (no response in the 5 s window... or the cue's own): from 14.5 s; moment 3,
    the mark: 23.5–30 s (held at the video's end). Enter moves on; each plays looped from
    its start with its caption."""
    moments = replay_moments(session, analyze_session(session))
    said: list[str] = []
    await play_reel(player, moments, Script(["", "", ""]), said.append)
    await barrier(player)
    window = session.scheme.window_for(session.scheme.cues[1].id)
    assert loops_sent(fake) == [
        (4.5, 10.5),
        (14.5, 15.0 + window + 2.0 + 1.5),
        (23.5, 30.0),
    ]
    captions = [part[3] for part in fake.osd if part[0] == "osd-overlay" and part[2] != "none"]
    assert len(captions) == 3
    assert "Moment 1 of 3" in captions[0] and "00:05.0" in captions[0]
    assert "a shared laugh" in captions[2]
    seeks = [c[1] for c in fake.received if c[0] == "seek"]
    assert seeks == [4.5, 14.5, 23.5]  # each loop starts from its beginning
    assert fake.properties["ab-loop-a"] == "no"  # the loop is cleared at the end
    assert len(said) == 3 and said[0].startswith("Moment 1: Cue:")


async def test_back_a_number_and_stop(fake: FakeMpv, player: Player, session: Session) -> None:
    """p replays the moment before, a number jumps to that moment, an unknown one says so,
    q stops at once."""
    moments = replay_moments(session, analyze_session(session))
    said: list[str] = []
    await play_reel(player, moments, Script(["", "p", "3", "9", "q"]), said.append)
    starts = [a for a, _ in loops_sent(fake)]
    assert starts == [4.5, 14.5, 4.5, 23.5, 23.5]
    assert any("There is no moment 9" in line for line in said)


async def test_closing_the_player_stops_the_moments(
    fake: FakeMpv, player: Player, session: Session
) -> None:
    """The viewer shuts mpv's window while a moment loops: play_reel returns, no hang."""
    moments = replay_moments(session, analyze_session(session))
    never: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def waits(_prompt: str) -> str:
        await fake.die()
        return await never

    await asyncio.wait_for(play_reel(player, moments, waits, lambda _line: None), 5.0)
    assert player.closed


async def test_each_moment_gets_its_still_frame(
    fake: FakeMpv, player: Player, session: Session, tmp_path: Path
) -> None:
    """The still of a cue is the frame at the cue (5 s + 1.5 s), of a mark at the mark."""
    moments = replay_moments(session, analyze_session(session))
    stills = await write_stills(player, moments, tmp_path)
    assert sorted(stills) == [1, 2, 3]
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in stills.values())
    seeks = [c[1] for c in fake.received if c[0] == "seek"]
    assert seeks == [6.5, 16.5, 25.5]


async def test_a_moment_loops_in_the_real_player(real_player: Player, tmp_path: Path) -> None:
    """The real mpv, headless: the loop's bounds are mpv's own ab-loop properties, playback
    starts at the loop's start and comes back to it after its end."""
    from observe.media.moments import play_moment

    scheme = find_scheme("infant-cues", tmp_path)
    cue = scheme.cues[0]
    session = Session(
        id=new_id(),
        dyad="D-1",
        observer="OB",
        started_at="2026-04-01T09:30:00+02:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        duration=20.0,
        status="ended",
        events=[Event(id=new_id(), code=cue.id, t=10.0)],
        recording=evolve(VIDEO, duration=29.96),
        marks=(Mark(6.0),),
    )
    mark = replay_moments(session, analyze_session(session))[-1]
    assert (mark.start, mark.end) == (4.0, 12.0)
    short = evolve(mark, end=5.0)  # a one-second loop, to see it go round
    await play_moment(real_player, short)
    assert await real_player.get("ab-loop-a") == 4.0
    assert await real_player.get("ab-loop-b") == 5.0
    seen: list[float] = []
    for _ in range(150):
        await asyncio.sleep(0.02)
        if real_player.position is not None:
            seen.append(real_player.position)
        if len(seen) > 2 and seen[-1] < seen[-2]:
            break
    assert seen and min(seen) >= 4.0 - 1e-6 and max(seen) <= 5.0 + 0.05
    assert seen[-1] < seen[-2], "playback never went back to the loop's start"
