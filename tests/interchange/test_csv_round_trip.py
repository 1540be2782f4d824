"""A session exported as CSV imports again as the same session.

If these failed, a researcher who exported a visit to clean it in a spreadsheet (or a
programme moving data between laptops by CSV) could not bring it back, or would get it
back with its events, times or metadata changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve
from click.testing import CliRunner, Result

from observe.cli import main
from observe.errors import InterchangeError
from observe.interchange.csv_export import sessions_to_csv
from observe.interchange.csv_session import session_from_csv
from observe.interchange.simulate import simulate_session
from observe.model import Session
from observe.scheme import Scheme, find_scheme, installed_schemes
from observe.store import Archive


def _observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def _event_facts(session: Session) -> list[tuple]:
    return [(e.t, e.code, e.kind, e.intensity, e.note) for e in session.events]


def _metadata(session: Session) -> tuple:
    return (
        session.dyad,
        session.observer,
        session.visit,
        session.context,
        session.started_at,
        session.duration,
        session.scheme.id,
    )


def _simulated(scheme: Scheme, seed: int, **changes) -> Session:
    session = simulate_session(
        scheme,
        seed=seed,
        dyad=f"D{seed:03d}",
        visit=str(seed % 5 + 1),
        started_at="2026-03-02T10:15:00+01:00",
        duration=240.0,
        skill=(seed % 10) / 10,
    )
    return evolve(session, **changes)


@pytest.mark.parametrize(
    "installed", installed_schemes(Path("/nonexistent")), ids=lambda installed: installed.scheme.id
)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_exported_session_reads_back_with_the_same_events_and_metadata(
    installed, seed: int
) -> None:
    scheme = installed.scheme
    original = _simulated(scheme, seed, context="play", notes="Sibling present.")
    text = sessions_to_csv([original])
    imported = session_from_csv(text, scheme, "export.csv", dyad=None, observer=None)
    assert _event_facts(imported.session) == _event_facts(original)
    assert _metadata(imported.session) == _metadata(original)
    assert imported.session.id != original.id and imported.session.origin == "import"
    assert imported.notes and "taken from the file" in imported.notes[0]


def test_export_then_import_on_the_command_line_gives_the_same_session(tmp_path: Path) -> None:
    archive_dir = tmp_path / "archive"
    original = _simulated(find_scheme("infant-cues", archive_dir), 4, context="feeding")
    with Archive.open(archive_dir) as archive:
        archive.add(original)
    exported = tmp_path / "visit.csv"
    result = _observe(
        archive_dir, "export", original.id[:8], "--format", "csv", "-o", str(exported)
    )
    assert result.exit_code == 0, result.output
    result = _observe(archive_dir, "session", "import", str(exported), "--scheme", "infant-cues")
    assert result.exit_code == 0, result.output
    assert "note: " in result.stderr and "taken from the file" in result.stderr
    new_id = result.stdout.strip().splitlines()[-1]
    with Archive.open(archive_dir, readonly=True) as archive:
        again = archive.load(new_id)
    assert _event_facts(again) == _event_facts(original)
    assert _metadata(again) == _metadata(original)


def test_options_given_on_the_command_line_win_over_the_file(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    original = _simulated(scheme, 5)
    imported = session_from_csv(
        sessions_to_csv([original]), scheme, "export.csv", dyad="D900", observer=None, visit="7"
    ).session
    assert (imported.dyad, imported.visit) == ("D900", "7")
    assert imported.observer == original.observer and imported.duration == original.duration


def test_an_exported_session_without_events_imports_with_its_duration(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    empty = _simulated(scheme, 6, events=(), duration=95.5)
    imported = session_from_csv(
        sessions_to_csv([empty]), scheme, "empty.csv", dyad=None, observer=None
    ).session
    assert imported.events == () and imported.duration == 95.5


def test_an_export_of_several_sessions_is_refused_with_how_to_cut_it(tmp_path: Path) -> None:
    archive_dir = tmp_path / "archive"
    scheme = find_scheme("infant-cues", archive_dir)
    path = tmp_path / "dyad.csv"
    path.write_text(sessions_to_csv([_simulated(scheme, 7), _simulated(scheme, 8)]))
    result = _observe(archive_dir, "session", "import", str(path), "--scheme", "infant-cues")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.count("\n") == 0 and "Traceback" not in result.output
    assert "holds the rows of 2 sessions" in message and "session_id" in message
    assert not (archive_dir / "index.json").exists() or _observe(
        archive_dir, "session", "list"
    ).output.startswith("no sessions")


def test_an_export_imported_with_another_scheme_names_the_right_one(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    text = sessions_to_csv([_simulated(scheme, 9)])
    with pytest.raises(InterchangeError, match="exported from scheme infant-cues") as raised:
        session_from_csv(text, find_scheme("feeding", tmp_path), "x.csv", dyad=None, observer=None)
    assert "--scheme infant-cues" in str(raised.value)


def test_a_plain_events_file_still_needs_a_dyad_code(tmp_path: Path) -> None:
    scheme = find_scheme("infant-cues", tmp_path)
    with pytest.raises(InterchangeError, match=r"the dyad code is empty; give .* --dyad"):
        session_from_csv("time,code\n1,hungry\n", scheme, "x.csv", dyad=None, observer="O")
