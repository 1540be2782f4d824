"""What the home screen and the new-session form look like at 80×24 (SVG snapshots)."""

from __future__ import annotations

from pathlib import Path

from observe.tui.app import make_app
from observe.workspace import open_archive

SIZE = (80, 24)


def seeded_app(data_dir: Path, make_session):
    sessions = [
        make_session(
            [(1.0, "hungry"), (3.5, "feed"), (20.0, "tired")],
            dyad="D001",
            visit="1",
            started_at="2026-03-02T10:00:00+00:00",
            duration=600.0,
        ),
        make_session(
            [(2.0, "over"), (3.0, "reduce")],
            dyad="D002",
            visit="1",
            started_at="2026-03-03T14:30:00+00:00",
            duration=905.0,
        ),
        make_session(
            [(1.0, "hungry"), (4.0, "calm")],
            dyad="D001",
            visit="2",
            started_at="2026-03-09T10:05:00+00:00",
            duration=1200.0,
        ),
        make_session(
            [(5.0, "tired")],
            dyad="D003",
            visit="1",
            started_at="2026-03-10T09:15:00+00:00",
            duration=95.0,
            status="live",
        ),
    ]
    with open_archive(data_dir) as archive:
        for session in sessions:
            archive.add(session)
    return make_app(data_dir, clock_source=lambda: 1000.0)


def test_home_screen(snap_compare, isolated_data_dir: Path, make_session) -> None:
    app = seeded_app(isolated_data_dir, make_session)
    # The start-up offer to resume D003 is dismissed ("Not now") to show the list itself.
    assert snap_compare(app, terminal_size=SIZE, press=["escape"])


def test_resume_offer_after_a_crash(snap_compare, isolated_data_dir: Path, make_session) -> None:
    app = seeded_app(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE)


def test_new_session_form_with_a_name_warning(
    snap_compare, isolated_data_dir: Path, make_session
) -> None:
    app = seeded_app(isolated_data_dir, make_session)
    assert snap_compare(app, terminal_size=SIZE, press=["escape", "n", *"Anna Smith"])
