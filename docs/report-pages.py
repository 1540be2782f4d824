"""Regenerate docs/session-report.png and docs/trend-report.png: page 1 of each report.

.venv/bin/python docs/report-pages.py        (needs pdftoppm, from poppler-utils)

The pages are of the demo family DEMO-01 (``observe demo``'s sessions): the session report
of its visit 4 and the trend report over its visits, on A4, generated "2026-03-30 09:00
UTC", rendered at 90 dpi (745 × 1053 pixels).
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from observe.reports import write_session_report, write_trend_report

from observe.interchange.simulate import demo_sessions
from observe.scheme import DEFAULT_SCHEME_ID, find_scheme

DOCS = Path(__file__).parent
GENERATED = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
DPI = "90"


def first_page_png(pdf: Path, png: Path) -> None:
    """Page 1 of ``pdf`` as ``png`` (pdftoppm adds the suffix itself)."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(png.with_suffix(""))],
        check=True,
    )  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        scheme = find_scheme(DEFAULT_SCHEME_ID, work)
        family = [s for s in demo_sessions(scheme) if s.dyad == "DEMO-01"]
        visit = next(s for s in family if s.visit == "4")
        session_pdf = write_session_report(
            visit, work / "session.pdf", pagesize="a4", generated=GENERATED
        )
        trend_pdf = write_trend_report(
            family, work / "trend.pdf", pagesize="a4", generated=GENERATED
        )
        first_page_png(session_pdf, DOCS / "session-report.png")
        first_page_png(trend_pdf, DOCS / "trend-report.png")
    print(f"wrote {DOCS / 'session-report.png'} and {DOCS / 'trend-report.png'}")


if __name__ == "__main__":
    main()
