"""``observe export`` and ``observe import-bundle`` on real archives."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.store import Archive


def _observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def _sessions(archive_dir: Path) -> dict[str, object]:
    with Archive.open(archive_dir, readonly=True) as archive:
        return {s.id: archive.load(s.id) for s in archive.list_sessions()}


def _notes(archive_dir: Path, session_id: str) -> str:
    with Archive.open(archive_dir, readonly=True) as archive:
        return archive.load(session_id).notes


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """An archive holding the demo sessions."""
    path = tmp_path / "laptop"
    assert _observe(path, "demo").exit_code == 0
    return path


def test_a_bundle_moves_sessions_to_another_archive_exactly(laptop: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "visits.json"
    result = _observe(laptop, "export", "--dyad", "DEMO-01", "--dyad", "DEMO-02",
                      "--format", "json", "-o", str(bundle))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "exported 10 sessions" in result.output
    office = tmp_path / "office"
    imported = _observe(office, "import-bundle", str(bundle))
    assert imported.exit_code == 0, imported.output
    assert "imported 10 new sessions" in imported.output
    originals = _sessions(laptop)
    copies = _sessions(office)
    assert len(copies) == 10
    assert all(copies[i] == originals[i] for i in copies)


def test_importing_a_bundle_twice_adds_nothing_the_second_time(
    laptop: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "all.json"
    _observe(laptop, "export", "--dyad", "DEMO-03", "--format", "json", "-o", str(bundle))
    office = tmp_path / "office"
    _observe(office, "import-bundle", str(bundle))
    before = _sessions(office)
    again = _observe(office, "import-bundle", str(bundle))
    assert again.exit_code == 0, again.output
    assert "imported 0 new sessions" in again.output
    assert "already in the archive, unchanged" in again.output
    assert _sessions(office) == before


def test_a_session_changed_in_the_archive_is_kept_unless_replace_is_given(
    laptop: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "one.json"
    session_id = next(iter(_sessions(laptop)))
    _observe(laptop, "export", session_id[:8], "--format", "json", "-o", str(bundle))
    data = json.loads(bundle.read_text())
    data["sessions"][0]["notes"] = "reviewed on another laptop"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data))
    kept = _observe(laptop, "import-bundle", str(edited))
    assert kept.exit_code == 0
    assert "differ from the archive's copy" in kept.stderr and "--replace" in kept.stderr
    assert _notes(laptop, session_id) != "reviewed on another laptop"
    replaced = _observe(laptop, "import-bundle", str(edited), "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert _notes(laptop, session_id) == "reviewed on another laptop"


def test_a_bundle_too_large_to_import_is_written_with_a_warning_saying_what_to_do(
    laptop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Otherwise the home visitor finds out only on the office laptop, where import-bundle
    refuses the file, and has to come back to export it again. (The limit is lowered here:
    a bundle over the real 128 MB would take minutes to build.)"""
    from observe.validity import limits

    bundle = tmp_path / "all.json"
    small = _observe(laptop, "export", "--dyad", "DEMO-01", "--format", "json", "-o", str(bundle))
    assert small.exit_code == 0 and "warning" not in small.stderr
    monkeypatch.setattr(limits, "MAX_BUNDLE_BYTES", bundle.stat().st_size - 1)
    result = _observe(laptop, "export", "--dyad", "DEMO-01", "--format", "json", "-o", str(bundle))
    assert result.exit_code == 0 and "exported 6 sessions" in result.output
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"warning: {bundle} is more than the ")
    assert "more than the" in warning and "observe import-bundle reads" in warning
    assert "export one bundle per dyad instead (observe export --format json --dyad D" in warning
    refused = _observe(tmp_path / "office", "import-bundle", str(bundle))
    assert refused.exit_code == 1 and "export fewer sessions to each bundle" in refused.output
    to_screen = _observe(laptop, "export", "--dyad", "DEMO-01", "--format", "json")
    assert "warning: this bundle is more than the " in to_screen.stderr
    monkeypatch.setattr(limits, "MAX_BUNDLE_BYTES", bundle.stat().st_size // 2)
    halved = _observe(laptop, "export", "--dyad", "DEMO-01", "--format", "json", "-o", str(bundle))
    assert " KB, more than the " in halved.stderr


def test_a_damaged_bundle_adds_nothing(laptop: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "b.json"
    _observe(laptop, "export", "--dyad", "DEMO-04", "--format", "json", "-o", str(bundle))
    data = json.loads(bundle.read_text())
    data["sessions"][-1]["id"] = "../escape"
    bundle.write_text(json.dumps(data))
    office = tmp_path / "office"
    result = _observe(office, "import-bundle", str(bundle))
    assert result.exit_code == 1
    assert "is not a session id" in result.stderr and "Traceback" not in result.output
    assert not (office / "index.json").exists() or _sessions(office) == {}


def test_exported_files_are_readable_by_the_owner_only(laptop: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "json", "sdis"):
        target = tmp_path / f"out.{fmt}"
        result = _observe(laptop, "export", "--dyad", "DEMO-01", "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        if os.name == "posix":
            assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_export_to_the_screen_lists_every_event(laptop: Path) -> None:
    session_id = next(iter(_sessions(laptop)))
    result = _observe(laptop, "export", session_id, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(_sessions(laptop)[session_id].events)  # type: ignore[attr-defined]


def test_sdis_export_has_a_block_per_session(laptop: Path) -> None:
    result = _observe(laptop, "export", "--dyad", "DEMO-02", "--format", "sdis")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Timed ")
    assert result.stdout.count("<DEMO_02_v") == 4


def test_export_without_sessions_named_says_how_to_name_them(laptop: Path) -> None:
    result = _observe(laptop, "export", "--format", "csv")
    assert result.exit_code == 1 and "name the sessions to export" in result.stderr


def test_export_of_an_unknown_dyad_or_id_is_one_sentence(laptop: Path) -> None:
    result = _observe(laptop, "export", "--dyad", "NOPE", "--format", "csv")
    assert result.exit_code == 1 and 'no sessions of dyad "NOPE"' in result.stderr
    result = _observe(laptop, "export", "ffffffff", "--format", "csv")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_import_of_a_file_that_is_not_a_bundle_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("time,code\n1,hungry\n")
    result = _observe(tmp_path / "archive", "import-bundle", str(path))
    assert result.exit_code == 1
    assert "is not JSON" in result.stderr
