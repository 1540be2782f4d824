"""The trend report shows each visit's figures exactly as analyze_dyad computes them."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from observe.reports import ReportError, write_trend_report
from pypdf import PdfReader

from observe.analysis import analyze_dyad

#: Written out rather than imported from the report, so that a section dropped from the
#: report (title and all) fails this test instead of silently shrinking it.
SECTION_TITLES = (
    "Figures per visit",
    "Responding to cues over the visits",
    "Response latency over the visits",
    "What the figures count",
)


def shown_rate(rate: float | None) -> str:
    return "–" if rate is None else f"{round(rate * 100)}%"


def shown_median(value: float | None, n: int) -> str:
    """A median as the report shows it: with the number of values it rests on."""
    return "–" if value is None else f"{value:.1f} s (n = {n})"


@pytest.fixture
def dyad(demo):
    return [s for s in demo if s.dyad == "DEMO-01"]


def test_every_visit_row_is_the_analysis_row(dyad, tmp_path, generated, read_text):
    """Visit, date, cues and each figure in the table equal analyze_dyad's, oldest first."""
    trend = analyze_dyad(dyad)
    text = read_text(write_trend_report(dyad, tmp_path / "t.pdf", generated=generated))
    table = text.split(SECTION_TITLES[0])[1]
    last = -1
    for point in trend.sessions:
        summary = point.summary
        q = summary.contingency.yules_q
        row = " ".join(
            [
                point.visit,
                datetime.fromisoformat(point.started_at).strftime("%Y-%m-%d"),
            ]
        )
        figures = " ".join(
            [
                str(summary.cues),
                shown_rate(summary.response_rate),
                shown_rate(summary.match_rate),
                shown_rate(summary.attuned_rate),
                shown_rate(summary.repair_rate),
                shown_median(summary.latency.median, summary.latency.n),
                "–" if q is None else f"{q:.2f}",
            ]
        )
        start = table.index(row)
        assert table.index(figures, start) > start, figures
        assert start > last  # oldest first
        last = start


def test_sections_pages_and_dyad_are_shown(dyad, tmp_path, generated):
    path = write_trend_report(dyad, tmp_path / "t.pdf", generated=generated)
    pages = PdfReader(str(path)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    for title in ("Trend report", *SECTION_TITLES):
        assert title in text
    assert "Dyad DEMO-01" in text and f"Visits {len(dyad)}" in text
    for number in range(1, len(pages) + 1):
        assert f"Page {number} of {len(pages)}" in pages[number - 1].extract_text()


def test_same_sessions_and_date_give_identical_bytes(dyad, tmp_path, generated):
    first = write_trend_report(dyad, tmp_path / "a.pdf", generated=generated).read_bytes()
    again = write_trend_report(list(reversed(dyad)), tmp_path / "b.pdf", generated=generated)
    assert again.read_bytes() == first


def test_fifty_visits_and_a_visit_without_cues_stay_on_the_page(
    simulate, make_session, tmp_path, generated, outside_page, read_text
):
    sessions = [
        simulate(
            visit=str(n + 1),
            duration=120.0 + 10 * n,
            skill=n / 50,
            started_at=f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}T09:00:00+00:00",
        )
        for n in range(50)
    ]
    path = write_trend_report(sessions, tmp_path / "t.pdf", pagesize="letter", generated=generated)
    assert outside_page(path) == []
    assert "Visits 50" in read_text(path)
    quiet = make_session([], duration=60.0, dyad="D-Q")
    text = read_text(write_trend_report([quiet], tmp_path / "q.pdf", generated=generated))
    assert "Visits 1" in text


def test_sessions_of_two_dyads_are_refused(demo, tmp_path):
    with pytest.raises(ReportError, match="covers one dyad"):
        write_trend_report(demo, tmp_path / "t.pdf")


def test_no_sessions_is_one_sentence(tmp_path):
    with pytest.raises(ReportError, match="no sessions to report on"):
        write_trend_report([], tmp_path / "t.pdf")


def test_a_single_visit_has_its_table_but_no_trend_charts(simulate, tmp_path, generated):
    """One visit is not a trend: the reader gets its figures and a sentence, on one page."""
    path = write_trend_report([simulate()], tmp_path / "t.pdf", generated=generated)
    pages = PdfReader(str(path)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert len(pages) == 1
    assert "Only one visit has been recorded for this dyad" in text
    assert SECTION_TITLES[0] in text and SECTION_TITLES[1] not in text


def test_visits_without_latencies_say_so_instead_of_an_empty_chart(
    make_session, tmp_path, generated, read_text
):
    quiet = [
        make_session([(1.0, "hungry")], duration=60.0, started_at=f"2026-03-0{n}T10:00:00+00:00")
        for n in (1, 2)
    ]
    text = read_text(write_trend_report(quiet, tmp_path / "t.pdf", generated=generated))
    assert "no latencies to draw" in text
    assert not re.search(r"\b(None|nan)\b", text)


def test_a_session_still_running_is_marked_in_the_table(make_session, tmp_path, generated):
    sessions = [
        make_session([(1.0, "hungry")], visit="1", started_at="2026-03-01T10:00:00+00:00"),
        make_session(
            [(1.0, "hungry")], visit="2", started_at="2026-03-08T10:00:00+00:00", status="live"
        ),
    ]
    path = write_trend_report(sessions, tmp_path / "t.pdf", generated=generated)
    text = " ".join(PdfReader(str(path)).pages[0].extract_text().split())
    assert "1 2026-03-01" in text and "2 * 2026-03-08" in text
    assert "had not ended when the report was made" in text
