"""The last events coded, newest first: time, actor (cue or resp, or the actor's label when
a scheme has more than two), code, the cue's outcome, intensity,
note; unsaved marked.

A cue says what came of it as soon as that is decided — *waiting* while its window is
open, then *matched*, *mismatched* (until a repair comes), *repaired* or *missed* — so the
observer sees a miss become a rupture or a repair as it happens.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from rich.text import Text
from textual.widgets import Static

from observe.analysis import LiveStatus
from observe.display import clock_tenths
from observe.labels import actor_label, code_label, names_actors
from observe.model import Event, Session

# Before the label, so a narrow panel that cuts the label off still says start or stop.
KIND_WORDS = {"point": "", "start": "start ", "stop": "stop "}
#: A cue's outcome as the list says it, in words and a symbol (not only in colour).
OUTCOME_WORDS = {
    "waiting": ("… waiting", "dim"),
    "matched": ("✓ matched", "bold"),
    "repaired": ("↻ repaired", "bold"),
    "mismatched": ("✗ mismatched", "bold"),
    "missed": ("✗ missed", "bold reverse"),
    # Coded in (or its window cut by) a period that cannot be coded: in no figure.
    "not_codable": ("– not codable", "dim"),
}


def cue_outcomes(status: LiveStatus) -> dict[str, str]:
    """Each cue event's outcome as decided now, by event id (see :data:`OUTCOME_WORDS`): the
    antecedents of every rule (a parent's bid too), the first rule's where two rules share
    an event."""
    outcomes: dict[str, str] = {}
    lists = [(rule.decided, rule.open_cues) for rule in status.rules]
    for decided, open_cues in reversed(lists or [(status.decided, status.open_cues)]):
        outcomes.update(
            (cue.event_id, "missed" if cue.result.outcome == "unanswered" else cue.result.outcome)
            for cue in decided
        )
        outcomes.update((cue.event_id, "waiting") for cue in open_cues if cue.state == "open")
    return outcomes


#: The actor column at most (a scheme with more than two actors names them).
ACTOR_CELLS = 10


def actor(session: Session, code: str) -> str:
    """``cue `` or ``resp`` (the actor word cut to a column of four), or in a scheme with
    more than two actors the actor's label ("Parent A"), in a column as wide as the
    longest label (at most :data:`ACTOR_CELLS`)."""
    scheme = session.scheme
    if not names_actors(scheme):
        return f"{actor_label(scheme, code)[:4]:<4}"
    cells = min(max(len(a.label) for a in scheme.actors), ACTOR_CELLS)
    return f"{actor_label(scheme, code)[:cells]:<{cells}}"


def event_line(
    session: Session, event: Event, *, unsaved: bool, outcome: str | None = None
) -> Text:
    label = code_label(session.scheme, event.code)
    text = Text()
    if unsaved:
        text.append("UNSAVED ", style="bold reverse")
    text.append(f"{clock_tenths(event.t)} ", style="bold")
    text.append(f"{actor(session, event.code)} ")
    if event.kind != "point":
        text.append(KIND_WORDS[event.kind], style="bold")
    text.append(label)
    if outcome is not None:
        words, style = OUTCOME_WORDS[outcome]
        text.append(" · ")
        text.append(words, style=style)
    if event.intensity is not None:
        text.append(f"  i{event.intensity}", style="bold")
    if event.note:
        text.append(f"  ✎ {event.note}", style="italic")
    return text


def recent_text(
    session: Session,
    *,
    unsaved: Collection[str] = (),
    undone: Event | None = None,
    limit: int = 10,
    outcomes: Mapping[str, str] | None = None,
) -> Text:
    """``outcomes``: a cue event's outcome by event id (waiting, matched, …)."""
    outcomes = outcomes or {}
    lines: list[Text] = []
    if undone is not None:
        label = code_label(session.scheme, undone.code)
        lines.append(
            Text(f"UNDONE (ctrl+y redoes): {label} {clock_tenths(undone.t)}", style="italic")
        )
    for event in reversed(session.events[-limit:]):
        lines.append(
            event_line(session, event, unsaved=event.id in unsaved, outcome=outcomes.get(event.id))
        )
    if not lines:
        return Text("No events yet: press a code key", style="dim")
    return Text("\n").join(lines)


class RecentEvents(Static):
    _lines = -1
    #: The fewest events listed, however small the panel.
    FEWEST = 10

    DEFAULT_CSS = """
    RecentEvents {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def show(
        self,
        session: Session,
        *,
        unsaved: Collection[str] = (),
        undone: Event | None = None,
        outcomes: Mapping[str, str] | None = None,
    ) -> None:
        # As many events as the panel has lines for (a taller terminal shows more of them).
        room = self.parent.content_size.height if self.parent is not None else 0
        limit = max(self.FEWEST, room - (1 if undone is not None else 0))
        text = self.event_text(
            session, unsaved=unsaved, undone=undone, limit=limit, outcomes=outcomes
        )
        lines = text.plain.count("\n")
        # Laid out again only when the list gets another height (it stops growing once the
        # panel is full), not on every key.
        self.update(text, layout=lines != self._lines)
        self._lines = lines

    def event_text(
        self,
        session: Session,
        *,
        unsaved: Collection[str],
        undone: Event | None,
        limit: int,
        outcomes: Mapping[str, str] | None,
    ) -> Text:
        """The list as shown: the latest events, newest first."""
        return recent_text(session, unsaved=unsaved, undone=undone, limit=limit, outcomes=outcomes)
