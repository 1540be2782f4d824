"""Review of a session coded with state groups and not-codable periods: the periods are
shown, added, adjusted and removed; a state edit that would put two states on at once is
fixed or refused with a sentence.

If these failed, an observer could not correct a not-codable period left open too long
(the cues heard after it would stay out of the figures), or a correction would leave the
infant in two states at once.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Select, TextArea

from observe.changes import EventRecorded, ExclusionsRevised, apply_change
from observe.model import Event, Interval
from observe.scheme import find_scheme
from observe.store import Archive
from observe.tui.dialogs.event_editor import EventEditor
from observe.tui.dialogs.exclusions import ExclusionsDialog, parse_periods, periods_text
from observe.tui.screens.review import ReviewScreen

from ..live.recorders import live_session
from .test_review import ReviewApp, replace_input


def stored(tmp_path: Path) -> str:
    """An ended home-visit session: alert from 0 s, fussing from 10 s, hunger cues at 40 s,
    not codable from 30 s to 60 s; 120 s long."""
    session = live_session(find_scheme("home-visit", tmp_path))
    for change in [
        EventRecorded(Event("a0", "alert", 0.0, "start")),
        EventRecorded(Event("a1", "alert", 10.0, "stop")),
        EventRecorded(Event("f0", "fussing", 10.0, "start")),
        EventRecorded(Event("h0", "hungry", 40.0)),
        ExclusionsRevised((Interval(30.0, 60.0),)),
    ]:
        session = apply_change(session, change)
    from attrs import evolve

    session = evolve(session, status="ended", duration=120.0, ended_at=session.started_at)
    with Archive.open(tmp_path) as archive:
        archive.add(session)
    return session.id


async def test_periods_are_shown_and_shortened_in_review(tmp_path: Path) -> None:
    """A period left open too long is cut to 30–35 s: the cue at 40 s counts again."""
    session_id = stored(tmp_path)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        line = str(screen.query_one("#review-excluded").render())
        assert line == "Not codable: 00:30.0–01:00.0 (c edits them)"
        assert "not codable" in str(screen.query_one(DataTable).get_row("h0"))
        await pilot.press("c")
        dialog = app.screen
        assert isinstance(dialog, ExclusionsDialog)
        area = dialog.query_one(TextArea)
        assert area.text == "00:30.0 - 01:00.0"
        area.text = "00:30.0 - 00:35\n5 - 3"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExclusionsDialog), "a bad line keeps the form open"
        assert "Line 2" in str(app.screen.query_one("#problems").render())
        area.text = "00:30.0 - 00:35\n100 - 110"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert "not codable" not in str(screen.query_one(DataTable).get_row("h0"))
        await pilot.press("escape")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert session.excluded == (Interval(30.0, 35.0), Interval(100.0, 110.0))


async def test_a_deleted_switch_and_an_inserted_state_keep_one_state_on(tmp_path: Path) -> None:
    session_id = stored(tmp_path)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # Deleting fussing's start takes alert's stop with it (asked first).
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("f0"))
        await pilot.press("d")
        assert "are one switch: both go, so Alert stays on" in str(
            app.screen.query_one("#question").render()
        )
        await pilot.press("y")
        await pilot.press("i")
        editor = app.screen
        assert isinstance(editor, EventEditor)
        await replace_input(pilot, "#time", "80")
        editor.query_one("#code", Select).value = "crying"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        said = [n.message for n in app._notifications]
        assert "Alert stops at 01:20.0 as Crying starts: one state at a time." in said
        await pilot.press("escape")
        await pilot.pause()
    archive.close()
    with Archive.open(tmp_path) as reopened:
        session = reopened.load(session_id)
    assert [(e.code, e.t, e.kind) for e in session.events] == [
        ("alert", 0.0, "start"),
        ("hungry", 40.0, "point"),
        ("alert", 80.0, "stop"),
        ("crying", 80.0, "start"),
    ]


def test_periods_are_read_one_a_line_and_each_bad_line_is_named() -> None:
    periods, problems = parse_periods("03:12.0 - 04:05.5\n\n10 – 20\n", 600.0)
    assert [(p.start, p.end) for p in periods] == [(192.0, 245.5), (10.0, 20.0)]
    assert problems == []
    assert periods_text(periods) == "03:12.0 - 04:05.5\n00:10.0 - 00:20.0"
    _periods, problems = parse_periods("1:00\n5 - 3\n9:00 - 11:00\nlater - 1", 600.0)
    assert problems == [
        "Line 1: “1:00” is not a period; write a period as start - end, e.g. 03:12.0 - 04:05.5.",
        "Line 2: a period must start before it ends, within the session (00:00.0 to 10:00.0).",
        "Line 3: a period must start before it ends, within the session (00:00.0 to 10:00.0).",
        "Line 4: “later - 1” has no time there; write a period as start - end, e.g. 03:12.0 "
        "- 04:05.5.",
    ]
