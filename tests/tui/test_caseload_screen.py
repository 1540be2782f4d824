"""The Caseload screen (c on the home screen, or Caseload in the command palette). If these
failed, a supervisor would open the app and find no caseload, see the families in another
order than due, read another family's flags, or wait on a frozen screen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from attrs import evolve
from textual.widgets import DataTable

from observe.tui.app import make_app
from observe.tui.screens.caseload import CaseloadScreen
from observe.tui.screens.home import HomeScreen
from observe.workspace import open_archive

from .waiting import offered, wait_until

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def families(data_dir: Path, make_session) -> None:
    """D001 overdue (a drop at its latest visit), D002 due in 29 days (a rise), D003 seen
    once, by two visitors."""

    def visit(dyad: str, day: str, answered: int, observer: str = "ANN"):
        events: list[tuple] = []
        for number in range(20):
            events.append((30.0 * number + 1, "hungry"))
            if number < answered:
                events.append((30.0 * number + 2.5, "feed"))
        session = make_session(events, dyad=dyad, started_at=f"{day}T10:00:00+01:00")
        return evolve(session, observer=observer)

    with open_archive(data_dir) as archive:
        for session in (
            visit("D001", "2026-01-10", 16),
            visit("D001", "2026-03-01", 10),
            visit("D002", "2026-02-01", 8, "BEA"),
            visit("D002", "2026-04-01", 14, "BEA"),
            visit("D003", "2026-05-20", 12),
        ):
            archive.add(session)


async def _loaded(pilot, app) -> CaseloadScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen), "the caseload")
    screen = app.screen
    assert isinstance(screen, CaseloadScreen)
    await wait_until(pilot, lambda: screen.caseload is not None, "the caseload to be read")
    await pilot.pause()
    return screen


def rows(screen: CaseloadScreen) -> list[str]:
    table = screen.query_one("#caseload-families", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_c_opens_the_caseload_soonest_due_first_and_s_sorts(
    isolated_data_dir: Path, make_session
) -> None:
    families(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        screen = await _loaded(pilot, app)
        assert rows(screen) == ["D001", "D002", "D003"]  # overdue, in 29 days, in 78 days
        table = screen.query_one("#caseload-families", DataTable)
        assert table.get_row_at(0)[1] == "overdue 2 d"
        flags = str(screen.query_one("#caseload-flags").render())
        assert "D001: ? Fewer cues answered than at the visit before — worth a look" in flags
        await pilot.press("down")
        flags = str(screen.query_one("#caseload-flags").render())
        assert "D002: + Answers more of the baby's cues than at the visit before" in flags
        await pilot.press("s")  # by dyad
        await pilot.press("s")  # longest unseen first
        assert rows(screen) == ["D001", "D002", "D003"]
        await pilot.press("s")  # most visits
        assert rows(screen)[-1] == "D003"
        people = screen.query_one("#caseload-visitors", DataTable)
        assert [people.get_row_at(i)[0] for i in range(people.row_count)] == ["ANN", "BEA"]
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_offers_the_caseload(isolated_data_dir: Path, make_session):
    families(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"caseload")
        await wait_until(pilot, lambda: offered(app, "Caseload"), "the palette to offer it")
        await pilot.press("enter")
        await _loaded(pilot, app)


async def test_a_broken_schedule_is_one_sentence_on_the_screen(
    isolated_data_dir: Path, make_session
) -> None:
    families(isolated_data_dir, make_session)
    (isolated_data_dir / "settings.toml").write_text('[caseload]\nschedule = "weakly"\n')
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CaseloadScreen), "the screen")
        summary = app.screen.query_one("#caseload-summary")
        await wait_until(pilot, lambda: "⚠" in str(summary.render()), "the sentence")
        assert 'caseload.schedule = "weakly" cannot be read at character 1' in str(summary.render())


def test_the_caseload_screen_at_80_by_24(snap_compare, isolated_data_dir: Path, make_session):
    families(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, clock_source=lambda: 1000.0, wall_clock=lambda: NOW)

    async def read(pilot) -> None:
        await pilot.press("c")
        await _loaded(pilot, app)

    assert snap_compare(app, terminal_size=(80, 24), run_before=read)


def test_the_caseload_screen_at_120_by_40(snap_compare, isolated_data_dir: Path, make_session):
    families(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, clock_source=lambda: 1000.0, wall_clock=lambda: NOW)

    async def read(pilot) -> None:
        await pilot.press("c")
        await _loaded(pilot, app)

    assert snap_compare(app, terminal_size=(120, 40), run_before=read)


async def test_p_writes_the_caseload_pdf_into_the_archive_reports(
    isolated_data_dir: Path, make_session
) -> None:
    families(isolated_data_dir, make_session)
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        await _loaded(pilot, app)
        await pilot.press("p")
        written = isolated_data_dir / "reports" / "caseload_2026-06-01.pdf"
        await wait_until(
            pilot,
            lambda: any("Caseload PDF written" in n.message for n in app._notifications),
            "the PDF",
        )
        assert written.read_bytes().startswith(b"%PDF")


async def test_a_visitors_row_shows_when_the_next_check_is_due_first_and_the_certificate(
    isolated_data_dir: Path, make_session
) -> None:
    """ANN passed a training pack on 1 May 2026 (certified for 3 months, to 1 August): her
    next check is due then, sooner than 6 months after the attempt; the row's first cells
    after her name say so at 80 columns."""
    from observe.training.record import Attempt
    from observe.training.record_file import add_entries

    families(isolated_data_dir, make_session)
    attempt = Attempt(
        id="a1",
        observer="ANN",
        at="2026-05-01T10:00:00+01:00",
        pack="0" * 64,
        pack_name="feeding01",
        session="S1",
        passed=True,
        practice=False,
        agreement=0.9,
        kappa=0.8,
        consecutive=1,
        valid_months=3,
    )
    with open_archive(isolated_data_dir) as archive:
        add_entries(archive, [attempt])
    app = make_app(isolated_data_dir, wall_clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        screen = await _loaded(pilot, app)
        people = screen.query_one("#caseload-visitors", DataTable)
        ann = [str(cell) for cell in people.get_row("ANN")]
        assert ann[:5] == ["ANN", "in 61 d", "2026-08-01", "2026-05-01", "pack"]
        assert ann[8] == "2026-08-01"  # certified to
