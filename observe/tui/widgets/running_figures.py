"""Running responsiveness figures on the coding screen (from ``live_status(...).summary``):
cues, responded, matched, repaired (of the cues whose first response did not fit) and the
median latency with the number of responses it rests on (``median 1.4 s (n = 1)``), as the
reports give it. A scheme of more than one rule has each rule's on the one line, named by
its antecedents' word (``Cues 4 … │ Bids 2 …``), shortened to fit as one rule's is."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from observe.analysis.results import LiveStatus, Summary
from observe.display import MISSING, median_text, percent

#: The words of each figure: in full, short for a narrow line, then shortest.
FULL = ("Cues", "responded", "matched", "repaired", "median")
SHORT = ("Cues", "resp", "match", "repair", "median")
SHORTEST = ("Cues", "resp", "match", "rep", "med")


def figures_line(summary: Summary | None, waiting: int = 0, width: int | None = None) -> str:
    """The figures of the cues decided so far; cues still inside their window are counted
    apart (``+1 open``), so a fresh cue visibly counts before its window closes. When the
    line would not fit ``width``, the words get shorter, then the open count goes (the
    open cues panel shows them), then the dots between, then the median's count is written
    tight and the words shortest; the figures stay whole, the median (with its n) last."""
    open_part = f" (+{waiting} open)" if waiting else ""
    tries = [
        _line(summary, open_part, FULL),
        _line(summary, open_part, SHORT),
        _line(summary, "", FULL),
        _line(summary, "", SHORT),
        _line(summary, "", SHORT, between="  "),
        _line(summary, "", SHORT, between="  ", tight=True),
        _line(summary, "", SHORTEST, between="  ", tight=True),
    ]
    if width is None:
        return tries[0]
    return next((line for line in tries if len(line) <= width), tries[-1])


#: One rule's figures on a line of several: (its antecedents' word, its summary, how many
#: of them are still inside their window).
RuleFigures = tuple[str, Summary | None, int]
#: Between two rules' figures.
BETWEEN_RULES = " │ "


def rules_line(rules: Sequence[RuleFigures], width: int | None = None) -> str:
    """Every rule's figures on one line: when it would not fit ``width``, the words get
    shorter, then the open counts go, then the repair rates and medians, then the dots
    between; each rule's count, response and match rates stay."""

    def joined(words: tuple[str, ...], with_open: bool, shown: int, between: str) -> str:
        return BETWEEN_RULES.join(
            _line(
                summary,
                f" (+{waiting} open)" if waiting and with_open else "",
                (f"{word.capitalize()}s", *words[1:]),
                between,
                shown,
            )
            for word, summary, waiting in rules
        )

    tries = [
        joined(FULL, True, 5, " · "),
        joined(SHORT, True, 5, " · "),
        joined(SHORT, False, 5, " · "),
        joined(SHORT, False, 3, " · "),
        joined(SHORT, False, 3, " "),
    ]
    if width is None:
        return tries[0]
    return next((line for line in tries if len(line) <= width), tries[-1])


def _line(
    summary: Summary | None,
    open_part: str,
    words: tuple[str, ...],
    between: str = " · ",
    shown: int = 5,
    *,
    tight: bool = False,
) -> str:
    cues, responded, matched, repaired, median = words
    if summary is None:
        figures = (MISSING, MISSING, MISSING, MISSING)
        count = 0
    else:
        figures = (
            percent(summary.response_rate),
            percent(summary.match_rate),
            percent(summary.repair_rate),
            median_text(summary.latency.median, summary.latency.n, tight=tight),
        )
        count = summary.cues
    return between.join(
        (
            f"{cues} {count}{open_part}",
            f"{responded} {figures[0]}",
            f"{matched} {figures[1]}",
            f"{repaired} {figures[2]}",
            f"{median} {figures[3]}",
        )[:shown]
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
            self.update(line, layout=False)  # one line, always

    def show_status(self, status: LiveStatus, words: Sequence[str]) -> int:
        """The figures of ``status``: the one rule's, or every rule's (``words``: each
        rule's word for its antecedents). Returns how many antecedents are waiting."""
        if len(status.rules) <= 1:
            waiting = sum(1 for cue in status.open_cues if cue.state == "open")
            self.show(status.summary, waiting=waiting)
            return waiting
        each = [sum(1 for cue in rule.open_cues if cue.state == "open") for rule in status.rules]
        self.show_rules(list(zip(words, (rule.summary for rule in status.rules), each)))
        return sum(each)

    def show_rules(self, rules: Sequence[RuleFigures]) -> None:
        """Every rule's figures (a scheme of more than one rule)."""
        line = rules_line(rules, self.content_size.width or None)
        if line != self._shown:
            self._shown = line
            self.update(line, layout=False)
