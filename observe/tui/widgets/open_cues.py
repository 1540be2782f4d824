"""Cues still waiting for a response, counting down; then, for a few seconds, what came of
each: MISSED when a window closes unanswered, MATCHED, MISMATCHED or REPAIRED when a
response decides it (in words, not by colour alone). Open states are listed as ongoing.

With a scheme of more than one rule (home-visit: a parent's bid answered by the infant),
every rule's antecedents are listed, in onset order, each one that is not an infant's cue
named by its word (``bid · Initiates (A)``, :func:`observe.labels.antecedent_word`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import Static

from observe.analysis import MISSED_SHOWN_FOR, DecidedCue, LiveStatus, OpenCue
from observe.display import clock_second, clock_tenths, seconds
from observe.labels import code_label
from observe.model import Session

#: How a decided cue is marked while it is still shown.
DECIDED_MARKS = {
    "matched": "✓ MATCHED ",
    "mismatched": "✗ MISMATCHED ",
    "repaired": "↻ REPAIRED ",
}


def every_rule(
    status: LiveStatus, words: Sequence[str]
) -> tuple[Sequence[OpenCue], Sequence[DecidedCue], dict[str, str]]:
    """The open and the decided antecedents of every rule (``words``: each rule's word for
    them, in the scheme's order), in onset order, and the word of each one not called a
    cue, by event id. A scheme of one rule: its lists as they are, no words."""
    if len(status.rules) <= 1:
        return status.open_cues, status.decided, {}
    open_cues: dict[str, OpenCue] = {}
    decided: dict[str, DecidedCue] = {}
    named: dict[str, str] = {}
    for rule, word in zip(status.rules, words):
        for cue in rule.open_cues:
            open_cues.setdefault(cue.event_id, cue)
        for done in rule.decided:
            decided.setdefault(done.event_id, done)
        if word != "cue":
            for event_id in (
                *(c.event_id for c in rule.open_cues),
                *(d.event_id for d in rule.decided),
            ):
                named.setdefault(event_id, word)
    return (
        sorted(open_cues.values(), key=lambda cue: cue.t),
        sorted(decided.values(), key=lambda cue: cue.result.t),
        named,
    )


def open_title(words: Sequence[str], waiting: int = 0) -> str:
    """The panel's title: ``Open cues``, ``Open cues and bids`` for a scheme whose rules
    have bids too, and how many are waiting."""
    plural = list(dict.fromkeys(f"{word}s" for word in words)) or ["cues"]
    title = "Open " + " and ".join(plural)
    return f"{title} · {waiting} waiting" if waiting else title


def seconds_left(cue: OpenCue, now: float) -> int:
    """What is left of an open cue's response window in whole seconds, counted from the
    second the clock reads (so it is never more than a second off, and never 0 while the
    window is open): a window closing at 12.3 s reads 3 s while the clock reads 00:09.
    Every countdown then changes when the clock does, and the clock and the countdowns are
    drawn in one frame a second (see :func:`observe.display.clock_seconds`)."""
    return max(1, math.floor(cue.t + cue.window - clock_second(now) + 1e-6))


def countdown(cue: OpenCue, now: float) -> str:
    return f"▶ {seconds_left(cue, now):>2} s "


def changes_at(open_cues: Sequence[OpenCue], now: float) -> float:
    """The next session time after ``now``, between two steps of the clock, at which the
    panel reads otherwise though no key is pressed: an open cue's window closes (MISSED).
    The countdowns change with the clock's seconds; a missed or a decided cue leaves the
    panel at the first step of the clock after its :data:`MISSED_SHOWN_FOR` seconds.
    ``inf`` when no window is open."""
    closing = [cue.t + cue.window for cue in open_cues if cue.state == "open"]
    return min((at for at in closing if at >= now), default=math.inf)


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
    words: Mapping[str, str] | None = None,
) -> Text:
    """``words``: the word of an antecedent not called a cue, by event id (``bid``)."""
    scheme = session.scheme
    words = words or {}

    def named(event_id: str, code: str) -> str:
        word = words.get(event_id)
        label = code_label(scheme, code)
        return f" {word} · {label}" if word else f" {label}"

    lines: list[Text] = []
    for cue in open_cues:
        line = Text()
        if cue.state == "missed":
            line.append("✗ MISSED ", style="bold reverse")
        else:
            line.append(countdown(cue, now), style="bold")
        line.append(named(cue.event_id, cue.code))
        lines.append(line)
    for cue in just_decided(decided, now):
        result = cue.result
        line = Text(DECIDED_MARKS[result.outcome], style="bold")
        line.append(named(cue.event_id, result.code))
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
        words: Mapping[str, str] | None = None,
    ) -> None:
        text = open_cues_text(open_cues, session, decided, now, words)
        if text.markup != self._shown:  # redraw only when something visible changed
            self._shown = text.markup
            lines = text.plain.count("\n")
            # The countdown changes ten times a second; the screen is laid out again only
            # when the panel needs another height.
            self.update(text, layout=lines != self._lines)
            self._lines = lines
