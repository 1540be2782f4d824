"""Coding keys on screen: redo, intensity limits, state toggles, help, folding on pause."""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.model import Event
from observe.scheme import Scheme
from observe.tui.screens.coding import CodingScreen
from observe.tui.widgets.coding_help import CodingHelp

from .coding_harness import CodingApp, FakeMonotonic, live_session, press_at, start_recording


def coded(recorder) -> list[tuple]:
    return [(e.code, e.t, e.kind, e.intensity) for e in recorder.session.events]


async def test_undo_then_redo_restores_the_event_at_its_time(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """An accidental undo is not a lost observation: ctrl+y brings the event back as it was."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "h", 1001.25)
        await pilot.press("3", "backspace")
        assert coded(recorder) == []
        assert "UNDONE (ctrl+y redoes): Hungry 00:01.2" in str(
            pilot.app.screen.query_one("#recent-events").render()
        )
        await pilot.press("ctrl+y")
        assert coded(recorder) == [("hungry", 1.25, "point", 3)]
        await pilot.press("ctrl+y")  # nothing left to redo
        assert coded(recorder) == [("hungry", 1.25, "point", 3)]
    archive.close()


async def test_intensity_outside_the_scheme_levels_is_refused(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """With 3 levels, 5 changes nothing and says why; 0 clears the intensity."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # no event yet: hint only
        assert "No event" in str(pilot.app.screen.query_one("#hint").render())
        await press_at(pilot, "f", 1002.0)
        await pilot.press("5")
        assert coded(recorder) == [("feed", 2.0, "point", None)]
        assert "1 to 3" in str(pilot.app.screen.query_one("#hint").render())
        await pilot.press("3")
        assert coded(recorder) == [("feed", 2.0, "point", 3)]
        await pilot.press("0")
        assert coded(recorder) == [("feed", 2.0, "point", None)]
    archive.close()


async def test_state_key_toggles_start_and_stop(tmp_path: Path, tiny_scheme: Scheme) -> None:
    """Fussing (a state cue) starts on the first press, stops on the second, shows ON meanwhile."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "u", 1001.0)
        screen = pilot.app.screen
        assert "ON Fussing" in str(screen.query_one("#legend").render())
        assert "ONGOING" in str(screen.query_one("#open-cues").render())
        await press_at(pilot, "u", 1004.5)
        assert "ON Fussing" not in str(screen.query_one("#legend").render())
        await press_at(pilot, "z", 1005.0)  # not a key of this scheme: nothing recorded
    assert coded(recorder) == [("fussing", 1.0, "start", None), ("fussing", 4.5, "stop", None)]
    archive.close()


async def test_help_lists_the_coding_keys_and_the_scheme(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        coding = pilot.app.screen
        assert isinstance(coding, CodingScreen), "the help is part of the coding screen"
        shown = coding.query_one(CodingHelp)
        assert shown.display and not coding.query_one("#legend").display
        assert ("backspace", "undo the last event") in shown.rows
        assert shown.scheme == tiny_scheme
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, CodingScreen)
        assert not shown.display and coding.query_one("#legend").display
    archive.close()


async def test_pause_folds_the_journal_in_the_background(
    tmp_path: Path, tiny_scheme: Scheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pausing writes the session file (off the key path), so a later crash has less to replay."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    folds: list[int] = []
    real_fold = recorder.fold
    monkeypatch.setattr(
        recorder,
        "fold",
        lambda **how: (folds.append(len(recorder.session.events)), real_fold(**how))[1],
    )
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "h", 1001.0)
        assert folds == []  # a key press does not fold
        await press_at(pilot, "space", 1002.0, " ")
        await pilot.app.workers.wait_for_complete()
        assert folds == [1]
    archive.close()


async def test_a_key_that_is_no_code_says_so(tmp_path: Path, tiny_scheme: Scheme) -> None:
    """Pressing a letter the scheme does not use shows a hint instead of doing nothing."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "z", 1001.0, "z")
        hint = str(pilot.app.screen.query_one("#hint").render())
        assert "“z” is not a key of this scheme" in hint
    assert coded(recorder) == []
    archive.close()


async def test_a_fresh_cue_counts_as_open_before_its_window_closes(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    """The running figures show a cue at once (as open), not only once its window closed."""
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    clock = FakeMonotonic(1000.0)
    async with CodingApp(recorder, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        figures = pilot.app.screen.query_one("#running-figures")
        await press_at(pilot, "h", 1001.0)
        clock.now = 1002.0
        pilot.app.screen._tick()
        assert str(figures.render()).startswith("Cues 0 (+1 open)")
        assert pilot.app.screen.query_one("#open-panel").border_title == "Open cues · 1 waiting"
        clock.now = 1012.0  # the 10 s window has closed, unanswered
        pilot.app.screen._tick()
        assert str(figures.render()).startswith("Cues 1 · responded 0%")
    archive.close()


async def test_recent_events_say_start_and_stop_before_the_label(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_at(pilot, "u", 1001.0)
        await press_at(pilot, "u", 1002.0)
        await pilot.pause()
        lines = str(pilot.app.screen.query_one("#recent-events").render()).splitlines()
        assert "stop Fussing" in lines[0] and "start Fussing" in lines[1]
    archive.close()


async def test_after_the_end_the_coding_keys_leave_the_footer(
    tmp_path: Path, tiny_scheme: Scheme
) -> None:
    archive, recorder = start_recording(tmp_path, tiny_scheme)
    async with CodingApp(recorder, FakeMonotonic(1000.0)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        coding = pilot.app.screen
        assert coding.check_action("undo", ()) is True
        await press_at(pilot, "x", 1003.0)
        await pilot.press("y")
        for action in ("toggle_pause", "undo", "redo", "note", "end"):
            assert coding.check_action(action, ()) is False, action
        await pilot.press("escape", "enter")  # skip ratings, leave the summary
    archive.close()


def test_coding_help_lists_every_key_binding() -> None:
    from observe.keys import coding_help_rows

    listed = [key for key, _ in coding_help_rows(3)]
    for binding in CodingScreen.BINDINGS:
        assert (binding.key_display or binding.key) in listed, binding.key
    assert "1–3" in listed and "ctrl+q" in listed


def test_a_narrow_figures_line_drops_the_open_count_not_the_median(tiny_scheme: Scheme) -> None:
    from attrs import evolve

    from observe.analysis import live_status
    from observe.tui.widgets.running_figures import figures_line

    session = evolve(
        live_session(tiny_scheme),
        events=(Event(id="e1", code="hungry", t=1.0), Event(id="e2", code="feed", t=2.0)),
    )
    summary = live_status(session, 30.0).summary
    wide = figures_line(summary, 2, width=100)
    narrow = figures_line(summary, 2, width=64)
    median = "median 1.0 s (n\u00a0=\u00a01)"  # with the one response it rests on
    assert "(+2 open)" in wide and wide.endswith(median)
    assert "(+2 open)" not in narrow and narrow.endswith(median) and len(narrow) <= 64


def test_labels_that_would_read_the_same_when_cut_keep_their_ends() -> None:
    """At 80 columns "Needs a break (subtle)" and "(strong)" must not both read
    "Needs a break …"; labels that fit, or differ when cut, are left alone."""
    from observe.scheme import Cue
    from observe.tui.widgets.code_legend import fitted_labels

    codes = [
        Cue("subtle", "Needs a break (subtle)", "d", window=5.0),
        Cue("strong", "Needs a break (strong)", "r", window=5.0),
        Cue("stim", "Reduces or pauses stimulation", "j", window=5.0),
        Cue("hunger", "Hunger cues", "a", window=5.0),
    ]
    labels = fitted_labels(codes, 19)
    assert labels == {
        "subtle": "Needs…(subtle)",
        "strong": "Needs…(strong)",
        "stim": "Reduces or pau…",
        "hunger": "Hunger cues",
    }
    assert fitted_labels(codes, 40)["subtle"] == "Needs a break (subtle)"


def test_no_scheme_can_claim_a_key_the_coding_screen_binds() -> None:
    """A scheme whose cue key is also pause, undo, note or end would do that instead of
    coding the cue, mid-session. Checked against the screen's real bindings, so a new
    binding that is not reserved for it fails here."""
    import json

    from observe.errors import SchemeError
    from observe.scheme import parse_scheme

    def scheme_with_key(key: str) -> str:
        return (
            '[scheme]\nid = "k"\nname = "K"\nversion = "1"\n'
            "response_window = 5\nrepair_window = 30\n"
            f'[[cues]]\nid = "hungry"\nlabel = "Hungry"\nkey = {json.dumps(key)}\n'
            'matches = ["feed"]\n[[responses]]\nid = "feed"\nlabel = "Feeds"\nkey = "f"\n'
        )

    bound = [key for binding in CodingScreen.BINDINGS for key in binding.key.split(",")]
    typeable = {"space": " ", "question_mark": "?"}
    checked = []
    for key in bound:
        written = "backspace" if key == "backspace" else typeable.get(key, key)
        if len(written) != 1 and key != "backspace":
            continue  # ctrl+y and the like: no scheme key is more than one character
        with pytest.raises(SchemeError) as refused:
            parse_scheme(scheme_with_key(written), "k.toml")
        assert any("used by the coding screen" in p for p in refused.value.problems), key
        checked.append(key)
    assert {"space", "backspace", "n", "x", "question_mark"} <= set(checked)
