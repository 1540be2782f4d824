"""The caseload PDF for a supervision meeting. If these failed, the page on the table
would show other figures than the analysis, other due dates than the caseload, or a file
others can read."""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, date, datetime

from observe.reports import default_caseload_path, write_caseload_report
from pypdf import PdfReader

from observe.analysis import analyze_dyad
from observe.caseload import build_caseload
from observe.store.settings import read_settings, write_settings
from observe.workspace import open_archive

GENERATED = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


def pdf_text(path) -> str:
    pages = PdfReader(str(path)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def rates(values: list[float | None]) -> str:
    return "→".join("–" if v is None else str(round(v * 100)) for v in values) + "%"


def test_the_pdf_shows_the_analysis_figures_and_the_due_dates(tmp_path, cli_archive) -> None:
    assert cli_archive.run("demo").exit_code == 0  # DEMO-01 … DEMO-05, one visit coded twice
    archive_dir = cli_archive.path
    with open_archive(archive_dir) as archive:
        sessions = [archive.load(s.id) for s in archive.list_sessions()]
        write_settings(archive.path, {"caseload.schedule": "quarterly"})
        caseload = build_caseload(archive, read_settings(archive.path), date(2026, 6, 1))
    path = default_caseload_path(archive_dir, caseload)
    assert path.name == "caseload_2026-06-01.pdf"
    written = write_caseload_report(caseload, path, generated=GENERATED)
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    text = pdf_text(written)
    for title in ("Visitors and reliability checks", "Families, soonest due first",
                  "What changed at the latest visits", "What the caseload counts"):  # fmt: skip
        assert title in text
    assert "every 3 months (caseload.schedule)" in text
    assert len(caseload.families) == 5
    for family in caseload.families:
        trend = analyze_dyad([s for s in sessions if s.dyad == family.dyad])
        last = trend.sessions[-3:]
        assert family.visits == len(trend.sessions)  # DEMO-05's double-coded visit: once
        answered = rates([p.summary.response_rate for p in last])
        fitting = rates([p.summary.match_rate for p in last])
        row = f"{family.dyad} {family.visits} {family.last_observation} {family.next_due}"
        assert row in text
        assert f"{answered} {fitting}" in text, (family.dyad, answered, fitting)
        for flag in family.flags:
            if flag.kind != "note":
                assert flag.text.split(" (")[0] in text
    again = write_caseload_report(caseload, tmp_path / "again.pdf", generated=GENERATED)
    assert again.read_bytes() == written.read_bytes()  # the same caseload, the same file


def test_the_command_writes_the_pdf_and_says_where(cli_archive, visit) -> None:
    cli_archive.store(visit("2026-03-01", observer="ANN"))
    result = cli_archive.run("caseload", "--today", "2026-06-01", "--pdf", str(cli_archive.path))
    assert result.exit_code == 0, result.output
    written = cli_archive.path / "caseload_2026-06-01.pdf"
    assert result.output.strip() == str(written.resolve())
    assert "D001 1 2026-03-01 2026-05-30 overdue by 2 days ANN 75% 50% 1.5 s" in pdf_text(written)
