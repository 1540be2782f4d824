"""The coding screen at the longest session observe keeps (24 hours of session clock).

If this failed, an observer coding past 24 hours would press keys that look accepted but
are not (the archive keeps no event past a day), with nothing on the screen saying why or
what to do.
"""

from __future__ import annotations

from pathlib import Path

from attrs import evolve

from observe.scheme import Scheme
from observe.store import Archive
from observe.validity.limits import MAX_SESSION_SECONDS

from ..live.recorders import live_session
from .coding_harness import CodingApp, FakeMonotonic, press_at
from .waiting import wait_until


async def test_the_screen_says_the_clock_has_reached_24_hours_and_refuses_keys(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    session = evolve(live_session(tiny_scheme), status="paused", duration=MAX_SESSION_SECONDS - 1)
    archive = Archive.open(tmp_path)
    recorder = archive.recorder(session)
    source = FakeMonotonic(1000.0)
    app = CodingApp(recorder, source)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press_at(pilot, "space", 1000.0, " ")  # resume
        await press_at(pilot, "h", 1000.5, "h")
        assert [e.t for e in recorder.session.events] == [MAX_SESSION_SECONDS - 0.5]
        await press_at(pilot, "h", 1002.0, "h")
        hint = app.screen.query_one("#hint")
        assert str(hint.render()).startswith("24 HOURS: Hungry not coded")
        assert len(recorder.session.events) == 1
        source.now = 1003.0  # the clock has passed 24 hours
        await wait_until(
            pilot,
            lambda: "the session clock has reached 24 hours" in str(hint.render()),
            "the notice that keys are no longer recorded",
        )
        assert "end the session (x)" in str(hint.render())
    archive.close()
