"""The observer sees what came of each cue as it is decided, and one truthful message when
the disk is full.

If these failed, a miss would never be seen turning into a rupture or a repair, the
running figures would leave repair out, or a full disk would be reported both as "every
event is safe" and as "32 changes not saved".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from observe.errors import ArchiveError
from observe.scheme import find_scheme

from .coding_harness import CodingApp, FakeMonotonic, press_at, start_recording
from .test_coding_layout import coded_a_minute


async def test_recent_events_open_cues_and_figures_say_each_outcome(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)
    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(120, 40)) as pilot:
        await coded_a_minute(pilot)
        screen = app.screen
        recent = str(screen.query_one("#recent-events").render())
        for line in (
            "Hunger cues · ✓ matched",
            "Tired cues · ↻ repaired",
            "Overstimulated · ✗ mismatched",
            "Fullness cues · ✗ missed",
            "Engagement bid · … waiting",
        ):
            assert line in recent, line
        figures = str(screen.query_one("#running-figures").render())
        # (The line says "repair" for "repaired" when the median's n takes the room.)
        repair = re.search(r"\brepair(?:ed)? (\S+)", figures)
        assert repair and repair[1] == "50%", "1 repaired of 2 whose first response did not fit"
        assert figures.endswith("median 1.0 s (n\u00a0=\u00a03)"), "of the 3 answered cues"
        await press_at(pilot, "i", 1060.0, "i")  # engages: the bid is matched
        app.clock.now = 1061.0
        screen._tick()
        assert "Engagement bid · ✓ matched" in str(screen.query_one("#recent-events").render())
        assert "✓ MATCHED  Engagement bid" in str(screen.query_one("#open-cues").render())
    archive.close()


async def test_a_full_disk_at_a_pause_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pause's fold fails while changes wait: the NOT SAVED line is the message, and
    nothing says every event is safe."""
    scheme = find_scheme("infant-cues", tmp_path)
    archive, recorder = start_recording(tmp_path, scheme)

    def full(*_args):
        raise ArchiveError("the disk is full: sessions/x.journal; free some space")

    app = CodingApp(recorder, FakeMonotonic(1000.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(recorder, "apply", full)
        monkeypatch.setattr(recorder, "fold", full)
        for n in range(31):
            await press_at(pilot, "a", 1001.0 + n, "a")
        await press_at(pilot, "space", 1040.0, " ")
        await app.workers.wait_for_complete()
        await pilot.pause()
        banner = str(app.screen.query_one("#write-error").render())
        assert "NOT SAVED: 32 changes" in banner
        said = [n.message for n in app._notifications]
        assert not any("safe in the journal" in message for message in said), said
        monkeypatch.undo()
        app.screen._retry_writes()
        await pilot.pause()
        assert not app.screen.writes.waiting
    archive.close()
