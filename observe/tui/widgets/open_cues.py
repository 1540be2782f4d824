"""Cues still waiting for a response, counting down; "MISSED" (in words) when a window closes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from observe.display import clock_tenths
from observe.labels import code_label
from observe.model import Session


def open_cues_text(open_cues: Sequence[object], session: Session) -> Text:
    """``open_cues`` are ``observe.analysis.OpenCue`` records (event_id, code, t, window,
    remaining, state); open state codes (crying, …) are listed as ongoing."""
    scheme = session.scheme
    text = Text()
    lines = 0
    for cue in open_cues:
        label = code_label(scheme, cue.code)  # type: ignore[attr-defined]
        if lines:
            text.append("\n")
        if cue.state == "missed":  # type: ignore[attr-defined]
            text.append("✗ MISSED ", style="bold reverse")
            text.append(f" {label}")
        else:
            text.append(f"▶ {cue.remaining:4.1f} s ", style="bold")  # type: ignore[attr-defined]
            text.append(f" {label}")
        lines += 1
    started = {e.code: e.t for e in session.events if e.kind == "start"}
    for state in session.open_states:
        label = code_label(scheme, state)
        if lines:
            text.append("\n")
        text.append("◆ ONGOING ", style="bold")
        text.append(f" {label} since {clock_tenths(started.get(state, 0.0))}")
        lines += 1
    if not lines:
        text.append("No open cues", style="dim")
    return text


class OpenCues(Static):
    DEFAULT_CSS = """
    OpenCues {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    _shown: str | None = None

    def show(self, open_cues: Sequence[object], session: Session) -> None:
        text = open_cues_text(open_cues, session)
        if text.markup != self._shown:  # redraw only when something visible changed
            self._shown = text.markup
            self.update(text)
