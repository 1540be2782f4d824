"""`observe report`: a PDF where the user expects it, or one sentence saying why not."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from observe.cli import main
from observe.workspace import open_archive


@pytest.fixture
def archive_dir(isolated_data_dir, demo):
    with open_archive(isolated_data_dir) as archive:
        for session in demo:
            if session.dyad == "DEMO-02":
                archive.add(session)
    return isolated_data_dir


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_session_report_goes_to_the_archive_reports_folder(archive_dir, demo):
    session = next(s for s in demo if s.dyad == "DEMO-02" and s.visit == "2")
    result = run("report", session.id[:6], "--paper", "letter")
    assert result.exit_code == 0, result.output
    name = f"DEMO-02_visit-2_{session.started_at[:10]}_{session.id[:8]}.pdf"
    path = archive_dir / "reports" / name
    assert result.output.strip() == str(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    reader = PdfReader(str(path))
    assert round(float(reader.pages[0].mediabox.height)) == 792
    assert "Dyad DEMO-02" in " ".join(reader.pages[0].extract_text().split())


def test_trend_report_to_a_chosen_file(archive_dir, tmp_path):
    target = tmp_path / "out" / "trend.pdf"
    result = run("report", "--dyad", "DEMO-02", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(target)
    assert "Visits 4" in " ".join(PdfReader(str(target)).pages[0].extract_text().split())


def test_an_output_folder_gets_the_usual_file_name(archive_dir, demo, tmp_path):
    session = next(s for s in demo if s.dyad == "DEMO-02" and s.visit == "3")
    result = run("report", session.id[:8], "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    expected = tmp_path / f"DEMO-02_visit-3_{session.started_at[:10]}_{session.id[:8]}.pdf"
    assert result.output.strip() == str(expected)
    assert expected.is_file()


def test_a_relative_output_is_printed_as_a_full_path(archive_dir, tmp_path, monkeypatch):
    """The user can open the printed path from anywhere."""
    monkeypatch.chdir(tmp_path)
    result = run("report", "--dyad", "DEMO-02", "-o", "trend.pdf")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str((tmp_path / "trend.pdf").resolve())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "ffffffff"), "ffffffff"),
        (("report", "--dyad", "NOBODY"), "no sessions of dyad 'NOBODY'"),
        (("report",), "name what to report: a session or a dyad"),
        (("report", "abcd", "--dyad", "DEMO-02"), "give a session id or --dyad, not both"),
        (("report", "--dyad", "DEMO-02", "-o", "/proc/no/such/place.pdf"), "cannot write"),
    ],
)
def test_problems_are_one_sentence(archive_dir, args, message):
    """A mistyped report command says what is wrong in one line, never a traceback."""
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
