"""Two lines of the coding screen for schemes for real instruments (DESIGN §12): the state
each state group is in now, and the NOT CODABLE banner while a period that cannot be coded
is open.

The states line is there only for a scheme with state groups (one line: "Infant state:
FUSSING since 00:04.5"); the banner only while a not-codable period is open ("NOT CODABLE
since 3:12 · the clock runs on · keys record · ctrl+o ends it"), like PAUSED.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from observe.display import clock, clock_tenths
from observe.labels import code_label
from observe.live.states import states_on_at
from observe.model import Session


def group_states_text(session: Session, at: float | None = None) -> Text:
    """Each group's label and its state now (at ``at``, a recording's playhead; None: at
    the end of what is coded), in capitals, with when it began."""
    scheme = session.scheme
    open_states = session.open_states if at is None else states_on_at(session, at)
    events = session.events if at is None else [e for e in session.events if e.t <= at]
    text = Text()
    for index, group in enumerate(scheme.state_groups):
        if index:
            text.append("  ·  ")
        text.append(f"{group.label}: ")
        on = [code for code in open_states if code in group.codes]
        if not on:
            text.append("none", style="dim")
            continue
        state = on[-1]
        text.append(code_label(scheme, state).upper(), style="bold reverse")
        since = next(
            (e.t for e in reversed(events) if e.code == state and e.kind == "start"),
            None,
        )
        if since is not None:
            text.append(f" since {clock_tenths(since)}")
    return text


def not_codable_words(since: float, toggle: str) -> str:
    return f"NOT CODABLE since {clock(since)} · the clock runs on · keys record · {toggle} ends it"


class GroupStates(Static):
    """The state each state group is in now; not shown for a scheme without groups."""

    DEFAULT_CSS = """
    GroupStates { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, session: Session, at: float | None = None) -> None:
        self.display = bool(session.scheme.state_groups)
        if self.display:
            self.update(group_states_text(session, at), layout=False)


class NotCodableBanner(Static):
    """Says since when the session cannot be coded; hidden while it can."""

    DEFAULT_CSS = """
    NotCodableBanner {
        display: none; height: 1; padding: 0 1;
        background: $accent; color: $background; text-style: bold; content-align: center middle;
    }
    """

    def show(self, since: float | None, toggle: str) -> None:
        shown = since is not None
        if shown:
            assert since is not None
            self.update(not_codable_words(since, toggle), layout=False)
        if self.display != shown:
            self.display = shown
