"""Running responsiveness figures on the coding screen (from ``live_status(...).summary``)."""

from __future__ import annotations

from textual.widgets import Static

from observe.analysis.results import Summary
from observe.display import MISSING, percent, seconds


def figures_line(summary: Summary | None, waiting: int = 0, width: int | None = None) -> str:
    """The figures of the cues decided so far; cues still inside their window are counted
    apart (``+1 open``), so a fresh cue visibly counts before its window closes. When the
    line would not fit ``width``, the open count goes (the open cues panel shows them) and
    the figures stay whole."""
    line = _line(summary, f" (+{waiting} open)" if waiting else "")
    if width is not None and waiting and len(line) > width:
        return _line(summary, "")
    return line


def _line(summary: Summary | None, open_part: str) -> str:
    if summary is None:
        return f"Cues 0{open_part} · responded {MISSING} · matched {MISSING} · median {MISSING}"
    return (
        f"Cues {summary.cues}{open_part} · responded {percent(summary.response_rate)}"
        f" · matched {percent(summary.match_rate)}"
        f" · median {seconds(summary.latency.median)}"
    )


class RunningFigures(Static):
    DEFAULT_CSS = """
    RunningFigures {
        height: 1;
        width: 1fr;
    }
    """

    _shown: str | None = None

    def show(self, summary: Summary | None, *, waiting: int = 0) -> None:
        line = figures_line(summary, waiting, self.content_size.width or None)
        if line != self._shown:  # redraw only when a figure changed
            self._shown = line
            self.update(line)
