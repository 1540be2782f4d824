"""Cues still waiting for a response, counting down; then, for a few seconds, what came of
each: MISSED when a window closes unanswered, MATCHED, MISMATCHED or REPAIRED when a
response decides it (in words, not by colour alone). Open states are listed as ongoing."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from observe.analysis import MISSED_SHOWN_FOR, DecidedCue, OpenCue
from observe.display import clock_tenths, seconds
from observe.labels import code_label
from observe.model import Session

#: How a decided cue is marked while it is still shown.
DECIDED_MARKS = {
    "matched": "✓ MATCHED ",
    "mismatched": "✗ MISMATCHED ",
    "repaired": "↻ REPAIRED ",
}


def decided_at(cue: DecidedCue) -> float | None:
    """The session time its outcome was decided: its first response, or its repair (None
    for a missed cue, which ``open_cues`` lists itself)."""
    result = cue.result
    if result.latency is None:
        return None
    at = result.t + result.latency
    return at + (result.time_to_repair or 0.0)


def just_decided(decided: Sequence[DecidedCue], now: float) -> list[DecidedCue]:
    """The answered cues whose outcome was decided in the last few seconds."""
    return [
        cue
        for cue in decided
        if (at := decided_at(cue)) is not None and now - at <= MISSED_SHOWN_FOR
    ]


def open_cues_text(
    open_cues: Sequence[OpenCue],
    session: Session,
    decided: Sequence[DecidedCue] = (),
    now: float = 0.0,
) -> Text:
    scheme = session.scheme
    lines: list[Text] = []
    for cue in open_cues:
        line = Text()
        if cue.state == "missed":
            line.append("✗ MISSED ", style="bold reverse")
        else:
            line.append(f"▶ {cue.remaining:4.1f} s ", style="bold")
        line.append(f" {code_label(scheme, cue.code)}")
        lines.append(line)
    for cue in just_decided(decided, now):
        result = cue.result
        line = Text(DECIDED_MARKS[result.outcome], style="bold")
        line.append(f" {code_label(scheme, result.code)}")
        if result.outcome == "repaired" and result.repair_response is not None:
            line.append(
                f" ← {code_label(scheme, result.repair_response)}, "
                f"{seconds(result.time_to_repair)} after the first response"
            )
        elif result.response is not None:
            line.append(f" ← {code_label(scheme, result.response)} after {seconds(result.latency)}")
        lines.append(line)
    started = {e.code: e.t for e in session.events if e.kind == "start"}
    for state in session.open_states:
        line = Text("◆ ONGOING ", style="bold")
        line.append(f" {code_label(scheme, state)} since {clock_tenths(started.get(state, 0.0))}")
        lines.append(line)
    if not lines:
        return Text("No open cues", style="dim")
    return Text("\n").join(lines)


class OpenCues(Static):
    DEFAULT_CSS = """
    OpenCues {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    _shown: str | None = None
    _lines = -1

    def show(
        self,
        open_cues: Sequence[OpenCue],
        session: Session,
        decided: Sequence[DecidedCue] = (),
        now: float = 0.0,
    ) -> None:
        text = open_cues_text(open_cues, session, decided, now)
        if text.markup != self._shown:  # redraw only when something visible changed
            self._shown = text.markup
            lines = text.plain.count("\n")
            # The countdown changes ten times a second; the screen is laid out again only
            # when the panel needs another height.
            self.update(text, layout=lines != self._lines)
            self._lines = lines
