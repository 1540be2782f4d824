"""A session's responsiveness figures (DESIGN §5), for the end summary and the review screen.

As in the reports: the median latency says how many responses it is the middle of, and the
latency figures carry the sentence that faster is not always better."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from observe.analysis.results import SessionAnalysis, Summary
from observe.display import LATENCY_CAVEAT, median_text, number, percent, seconds


def summary_rows(summary: Summary) -> list[tuple[str, str]]:
    outcomes = summary.outcomes
    latency = summary.latency
    # Quartiles of one response would repeat the median as a range.
    spread = latency.q1 is not None and latency.n > 1
    quartiles = f" ({seconds(latency.q1)}–{seconds(latency.q3)})" if spread else ""
    counts = (
        f"{outcomes.matched} matched · {outcomes.repaired} repaired · "
        f"{outcomes.mismatched} mismatched · {outcomes.unanswered} unanswered"
    )
    return [
        ("Cues", str(summary.cues)),
        ("Outcomes", counts),
        ("Responded", percent(summary.response_rate)),
        ("Matched", percent(summary.match_rate)),
        ("Attuned (matched + repaired)", percent(summary.attuned_rate)),
        ("Repaired after a mismatch", percent(summary.repair_rate)),
        ("Median latency", median_text(latency.median, latency.n) + quartiles),
        (
            "Answered within 2 s / 5 s",
            f"{percent(summary.within_2s)} / {percent(summary.within_5s)}",
        ),
        ("Contingency (Yule's Q)", number(summary.contingency.yules_q)),
    ]


def figures_table(analysis: SessionAnalysis) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
    table.add_column("figure", style="bold", no_wrap=True)
    table.add_column("value")
    for name, value in summary_rows(analysis.summary):
        table.add_row(name, value)
    return table


def figures_lines(summary: Summary) -> str:
    """The same figures in three lines, for narrow places (the review screen at 80
    columns)."""
    outcomes = summary.outcomes
    latency = summary.latency
    median = median_text(latency.median, latency.n)
    return (
        f"Cues {summary.cues}: {outcomes.matched} matched · {outcomes.repaired} repaired · "
        f"{outcomes.mismatched} mismatched · {outcomes.unanswered} unanswered\n"
        f"Responded {percent(summary.response_rate)} · matched {percent(summary.match_rate)} · "
        f"attuned {percent(summary.attuned_rate)} · repaired {percent(summary.repair_rate)} · "
        f"Yule's Q {number(summary.contingency.yules_q)}\n"
        f"Median latency {median} · within 2 s {percent(summary.within_2s)} · "
        f"within 5 s {percent(summary.within_5s)}"
    )


class FiguresPanel(Static):
    DEFAULT_CSS = """
    FiguresPanel { height: auto; }
    """

    def show(self, analysis: SessionAnalysis, *, compact: bool = False) -> None:
        self.update(figures_lines(analysis.summary) if compact else figures_table(analysis))


class LatencyCaveat(Static):
    """The reports' sentence beside latency figures, under the figures wherever they are
    shown (wrapped, never cut: the figures' lines may be cut at 80 columns, this may not)."""

    DEFAULT_CSS = """
    LatencyCaveat { height: auto; color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(LATENCY_CAVEAT, id=id)
