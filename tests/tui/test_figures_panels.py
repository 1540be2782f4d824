"""The TUI's figures read as the reports do: a median says how many responses it rests on,
and the latency figures carry the sentence that faster is not always better."""

from __future__ import annotations

from pathlib import Path

from attrs import evolve

from observe.analysis import analyze_session, live_status
from observe.display import LATENCY_CAVEAT
from observe.model import Event
from observe.scheme import Scheme
from observe.store import Archive
from observe.tui.screens.end_summary import EndSummary
from observe.tui.screens.review import ReviewScreen
from observe.tui.widgets.figures_panel import figures_lines, summary_rows
from observe.tui.widgets.running_figures import figures_line

from .coding_harness import live_session
from .test_review import ReviewApp

NBSP = "\u00a0"


def one_answered_of_three(make_session):
    """Three hungry cues (window 10 s), one answered by a feed 1.4 s after it: the median
    latency is 1.4 s, from n = 1 response."""
    return make_session(
        [(1.0, "hungry"), (2.4, "feed"), (20.0, "hungry"), (40.0, "hungry")], duration=60.0
    )


def test_the_review_and_end_figures_give_the_median_with_its_n(make_session) -> None:
    """A median of one response must not read like a firm figure: "1.4 s (n = 1)"."""
    summary = analyze_session(one_answered_of_three(make_session)).summary
    assert (summary.latency.median, summary.latency.n) == (1.4, 1)
    rows = dict(summary_rows(summary))
    assert rows["Median latency"] == f"1.4 s (n{NBSP}={NBSP}1)"
    assert f"Median latency 1.4 s (n{NBSP}={NBSP}1) · within 2 s" in figures_lines(summary)


def test_no_median_shows_no_count(make_session) -> None:
    summary = analyze_session(make_session([(1.0, "hungry")], duration=30.0)).summary
    assert dict(summary_rows(summary))["Median latency"] == "–"


def test_the_coding_screens_line_keeps_the_median_and_its_n_at_80_columns(
    tiny_scheme: Scheme,
) -> None:
    """At 80 columns the figures line has 60 columns beside the clock: a busy session's
    figures (3-digit cues, 100% rates) still end with the median and its n, whole."""
    session = evolve(
        live_session(tiny_scheme),
        events=(Event(id="e1", code="hungry", t=1.0), Event(id="e2", code="feed", t=2.4)),
    )
    summary = evolve(live_status(session, 30.0).summary, cues=120)
    line = figures_line(summary, 3, width=60)
    assert len(line) <= 60
    assert line.endswith("1.4 s (n=1)") and "+3 open" not in line
    roomy = figures_line(summary, 3, width=120)
    assert roomy.endswith(f"median 1.4 s (n{NBSP}={NBSP}1)") and "(+3 open)" in roomy


async def test_the_review_screen_shows_the_latency_caveat_whole_at_80_columns(
    tmp_path: Path, make_session
) -> None:
    """The figures' lines may be cut at the panel's edge; the caveat wraps instead."""
    session = one_answered_of_three(make_session)
    with Archive.open(tmp_path) as archive:
        archive.add(session)
    archive = Archive.open(tmp_path)
    app = ReviewApp(archive, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        caveat = app.screen.query_one("#review-caveat")
        assert str(caveat.render()) == LATENCY_CAVEAT
        assert caveat.size.height >= 3  # wrapped over lines, not cut at one
        figures = str(app.screen.query_one("#review-figures").render())
        assert f"1.4 s (n{NBSP}={NBSP}1)" in figures
    archive.close()


async def test_the_end_summary_carries_the_caveat(make_session) -> None:
    from textual.app import App

    session = one_answered_of_three(make_session)

    class EndApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(EndSummary(session, analyze_session(session)))

    app = EndApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#end-caveat").render()) == LATENCY_CAVEAT
