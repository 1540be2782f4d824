"""The one connection to mpv: replies matched by id, events between them, death, timeouts.

If one of these failed, a position read at a key press could be the answer to another
request, an event could be lost between two replies, or the coding screen could hang
waiting for a player that is gone.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from observe.media import MediaClock, Player, PlayerGone, PlayerNotResponding

from .conftest import FakeTime, barrier
from .fake_mpv import FakeMpv


async def test_replies_that_come_back_out_of_order_reach_the_request_they_answer(
    player: Player, fake: FakeMpv
) -> None:
    await player.seek_to(4.0)
    fake.hold_replies()
    waiting = [
        asyncio.ensure_future(player.get(name))
        for name in ("time-pos", "duration", "speed", "container-fps")
    ]
    while len(fake._held or []) < 4:
        await asyncio.sleep(0)
    await fake.release_replies(reverse=True)
    assert await asyncio.gather(*waiting) == [4.0, 30.0, 1.0, 25.0]


async def test_events_between_replies_are_all_seen_and_the_replies_still_match(
    player: Player, fake: FakeMpv
) -> None:
    seen: list[str] = []
    player.connection.on_event(None, lambda event, _stamp: seen.append(event["event"]))
    fake.chatty = True
    assert await player.seek_to(10.0) == 10.0
    assert await player.step_forward() == 10.04
    assert await player.read_duration() == 30.0
    assert seen.count("audio-reconfig") == seen.count("video-reconfig") >= 3
    assert "seek" in seen and "playback-restart" in seen


async def test_an_event_callback_that_fails_does_not_stop_the_connection(
    player: Player, fake: FakeMpv
) -> None:
    errors: list[dict] = []
    asyncio.get_running_loop().set_exception_handler(lambda _loop, context: errors.append(context))

    def broken(_event: dict, _stamp: float) -> None:
        raise RuntimeError("a listener with a bug")

    player.connection.on_event("seek", broken)
    assert await player.seek_to(3.0) == 3.0
    assert await player.seek_to(5.0) == 5.0
    assert len(errors) == 2 and "seek" in errors[0]["message"]


async def test_end_of_file_is_reported_and_the_player_stays_paused_on_the_last_frame(
    player: Player, fake: FakeMpv
) -> None:
    ended: list[dict] = []
    player.connection.on_event("property-change", lambda event, _: ended.append(event))
    await player.seek_to(29.8)
    await player.play()
    await barrier(player)
    await fake.play_frames(10)
    await barrier(player)
    assert player.eof_reached and player.paused
    assert player.position == 29.96
    assert {"name": "eof-reached", "data": True} in [
        {"name": event["name"], "data": event.get("data")} for event in ended
    ]


async def test_a_player_that_dies_mid_request_fails_the_request_at_once(
    player: Player, fake: FakeMpv
) -> None:
    """A long timeout proves the point: the error is "gone", not a wait that ran out."""
    player.connection.timeout = 60.0
    fake.die_on = "seek"
    heard: list[str] = []
    player.add_listener(lambda name, _stamp: heard.append(name))
    expected = re.escape("(mpv) is gone before it answered `seek 10.0 absolute+exact`")
    with pytest.raises(PlayerGone, match=expected):
        await player.seek_to(10.0)
    assert player.closed
    assert heard[-1] == "closed"
    with pytest.raises(PlayerGone, match="start it again"):
        await player.time_pos()


async def test_every_waiting_request_fails_when_the_player_dies(
    player: Player, fake: FakeMpv
) -> None:
    player.connection.timeout = 60.0
    fake.silent.update({"get_property", "loadfile"})
    before = len(fake.received)
    waiting = [asyncio.ensure_future(player.get("time-pos")) for _ in range(3)]
    load = asyncio.ensure_future(player.load(Path(fake.loaded or "")))
    while len(fake.received) < before + 4:
        await asyncio.sleep(0)
    await fake.die()
    results = await asyncio.gather(*waiting, load, return_exceptions=True)
    assert all(isinstance(result, PlayerGone) for result in results), results


async def test_a_request_mpv_does_not_answer_times_out_and_the_connection_goes_on(
    player: Player, fake: FakeMpv
) -> None:
    player.connection.timeout = 0.2
    fake.silent.add("screenshot-to-file")
    with pytest.raises(PlayerNotResponding, match="did not answer `screenshot-to-file"):
        await player.connection.request("screenshot-to-file", "/nonexistent/x.png", "video")
    assert not player.closed
    assert await player.seek_to(2.0) == 2.0


async def test_a_seek_whose_frame_never_comes_times_out_instead_of_hanging(
    player: Player, fake: FakeMpv
) -> None:
    player.connection.timeout = 0.2

    async def seek_without_restart(request_id: int, target: float, flags: str) -> None:
        await fake._reply(request_id, data=None)

    fake._seek = seek_without_restart  # type: ignore[method-assign]
    with pytest.raises(PlayerNotResponding, match=re.escape("seek 3.0 absolute+exact")):
        await player.seek_to(3.0)


async def test_after_the_player_dies_a_restarted_one_carries_the_clock_on(
    player: Player, fake: FakeMpv, fake_time: FakeTime, socket_dir: Path, recording: Path
) -> None:
    clock = MediaClock(player)
    await player.seek_to(8.0)
    await player.play()
    await barrier(player)
    assert clock.running
    await fake.die()
    await player.connection.wait_closed()
    fake_time.now += 5.0
    assert not clock.running
    assert clock.now() == 8.0  # stands at the last position known, does not run on

    second = await FakeMpv(str(socket_dir / "again.sock")).start()
    try:
        restarted = await Player.connect(second.address, monotonic=fake_time, timeout=2.0)
        await restarted.load(recording)
        await restarted.seek_to(clock.now())
        clock.attach(restarted)
        assert clock.now() == 8.0 and clock.paused
        clock.resume()
        await barrier(restarted)
        await second.play_frames(25)
        await barrier(restarted)
        assert clock.now() == 9.0
        await restarted.close()
    finally:
        await second.stop()
