"""A second observer starting a coding of a visit already coded: the new-session form's
"Pair with" choice marks the new session as that visit's second coding from its start."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from attrs import evolve
from textual.widgets import Select

from observe.tui.app import make_app
from observe.tui.dialogs.new_session import NOT_SECOND, NewSessionDialog
from observe.tui.screens.coding import CodingScreen
from observe.workspace import open_archive

SIZE = (100, 40)
NOW = datetime(2026, 3, 2, 10, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def store_family(data_dir: Path, make_session) -> tuple[str, str, str]:
    """D001: visit 1 (a pair already), visit 2 (coded once); D002: visit 1."""
    one = make_session(visit="1", started_at="2026-03-01T09:00:00+00:00")
    one_again = evolve(
        make_session(visit="1", started_at="2026-03-01T09:00:05+00:00"),
        observer="OBS2",
        second_coding_of=one.id,
        second_coding_at="2026-03-01T12:00:00+00:00",
    )
    two = make_session(visit="2", started_at="2026-03-02T09:00:00+00:00")
    other = make_session(dyad="D002", started_at="2026-03-02T08:00:00+00:00")
    with open_archive(data_dir) as archive:
        archive.add_many([one, one_again, two, other])
    return one.id, two.id, other.id


def choice(app) -> Select:
    return app.screen.query_one("#second-coding-of", Select)


async def test_the_choice_offers_the_dyads_unpaired_sessions_and_none_by_default(
    isolated_data_dir: Path, make_session
) -> None:
    _one, two, other = store_family(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionDialog)
        assert not choice(app).display and choice(app).is_blank()  # no dyad typed yet
        await pilot.press(*"D001")
        await pilot.pause()
        dialog = app.screen
        assert [value for _label, value in dialog.offered] == [two]  # visit 1 is paired
        assert dialog.offered[0][0] == f"visit 2 · 2026-03-02 09:00 · OBS1 ({two[:8]})"
        assert choice(app).display and choice(app).is_blank()
        assert choice(app).prompt == NOT_SECOND
        await pilot.press("backspace", "2")  # D002
        await pilot.pause()
        assert [value for _label, value in dialog.offered] == [other]  # D002's own
        await pilot.press("backspace", "9")  # D009: a new family, nothing to pair with
        await pilot.pause()
        assert dialog.offered == [] and not choice(app).display


async def test_starting_with_a_choice_marks_the_new_session_a_second_coding(
    isolated_data_dir: Path, make_session
) -> None:
    _one, two, _other = store_family(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D001", "tab", *"OBS2", "tab", "2")
        await pilot.pause()
        choice(app).value = two
        await pilot.pause()
        assert f"a second coding of {two[:8]}'s visit" in str(
            app.screen.query_one("#message").render()
        )
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        new = app.screen.recorder.session
        assert new.second_coding_of == two and new.second_coding_at is not None
        listed = {s.id: s for s in app.archive.list_sessions()}
        visit = listed[new.id].coded_visit
        assert visit is not None and visit.codings == (two, new.id)


async def test_starting_without_a_choice_leaves_the_session_unpaired(
    isolated_data_dir: Path, make_session
) -> None:
    store_family(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"D001", "tab", *"OBS2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CodingScreen)
        assert app.screen.recorder.session.second_coding_of is None
