"""How long reports take, as a ratio to a plain reportlab document with the same tables.

Run by hand: ``.venv/bin/python bench/reports.py``. Cases: the session report of a
1,000-event session, and the trend report of a dyad with 50 sessions. The baseline,
measured in the same run, lays out the same story with every chart left out on a
plain ``SimpleDocTemplate`` (no page furniture), so the ratio is what the charts, the
analysis and "page x of y" cost on top of the tables themselves.

Last run (2-core machine, median of 9 runs each):

| case | report | of which analysis | plain tables, no charts | ratio | pages |
|---|---:|---:|---:|---:|---:|
| session report, 1,096 events | 451 ms | 2 ms | 241 ms | 1.9× | 16 |
| trend report, 50 sessions | 107 ms | 4 ms | 64 ms | 1.7× | 3 |
"""

from __future__ import annotations

import io
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from observe.reports import (
    styles,
    write_session_report,
    write_trend_report,
)
from observe.reports.session_report import session_story
from observe.reports.trend_report import trend_story
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate

from observe.analysis import analyze_dyad, analyze_session
from observe.interchange.simulate import simulate_session
from observe.scheme import find_scheme

GENERATED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
REPEATS = 9


def without_charts(story: list[Flowable]) -> list[Flowable]:
    plain: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, Drawing):
            continue
        if isinstance(flowable, KeepTogether):
            plain.extend(without_charts(list(flowable._content)))
            continue
        plain.append(flowable)
    return plain


def plain_pdf(story: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=styles.PAGE_SIZES["a4"],
        invariant=1,
        leftMargin=styles.MARGIN,
        rightMargin=styles.MARGIN,
        topMargin=styles.TOP_MARGIN,
        bottomMargin=styles.BOTTOM_MARGIN,
    ).build(story)
    return buffer.getvalue()


def timed(*actions: Callable[[], object]) -> list[float]:
    """Median time of each action; the actions take turns, so a busy moment of the
    machine hits them alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(REPEATS):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def pages(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="observe-bench-"))
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir: Path) -> None:
    scheme = find_scheme("infant-cues", workdir)
    width = styles.content_width("a4")

    long_session = simulate_session(
        scheme,
        seed=11,
        dyad="BENCH",
        visit="1",
        started_at="2026-01-05T09:00:00+00:00",
        duration=10_300.0,
        skill=0.6,
    )
    dyad = [
        simulate_session(
            scheme,
            seed=11,
            dyad="BENCH",
            visit=str(n + 1),
            started_at=f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}T09:00:00+00:00",
            duration=600.0,
            skill=0.3 + n / 100,
        )
        for n in range(50)
    ]
    session_analysis = analyze_session(long_session)
    trend = analyze_dyad(dyad)

    rows = []
    session_path = workdir / "session.pdf"
    report, analysis, baseline = timed(
        lambda: write_session_report(
            long_session, session_path, pagesize="a4", generated=GENERATED
        ),
        lambda: analyze_session(long_session),
        lambda: plain_pdf(without_charts(session_story(long_session, session_analysis, width))),
    )
    rows.append(
        (
            f"session report, {len(long_session.events):,} events",
            report,
            analysis,
            baseline,
            pages(session_path),
        )
    )

    trend_path = workdir / "trend.pdf"
    report, analysis, baseline = timed(
        lambda: write_trend_report(dyad, trend_path, pagesize="a4", generated=GENERATED),
        lambda: analyze_dyad(dyad),
        lambda: plain_pdf(without_charts(trend_story(dyad, trend, width))),
    )
    rows.append(
        (f"trend report, {len(dyad)} sessions", report, analysis, baseline, pages(trend_path))
    )

    print(f"median of {REPEATS} runs each\n")
    print("| case | report | of which analysis | plain tables, no charts | ratio | pages |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, report, analysis, baseline, page_count in rows:
        print(
            f"| {name} | {report * 1000:.0f} ms | {analysis * 1000:.0f} ms | "
            f"{baseline * 1000:.0f} ms | {report / baseline:.1f}× | {page_count} |"
        )


if __name__ == "__main__":
    main()
