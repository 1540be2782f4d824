"""Edit or insert one event in an ended session: time, code, kind, intensity, note.

Returns the edited :class:`Event` (a new id when inserting), or None when cancelled. Every
field is checked and a problem is said in one sentence next to the form; nothing invalid
reaches the archive.
"""

from __future__ import annotations

import math
from typing import ClassVar

from attrs import evolve
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from observe.model import Event, new_id
from observe.scheme import Scheme
from observe.tui.dialogs.frame import button_row, dialog_css
from observe.tui.dialogs.lengths import show_length
from observe.validity import Problem, event_problems
from observe.validity.limits import MAX_EVENT_NOTE_LENGTH
from observe.validity.text import text_problem


def parse_time(text: str) -> float | None:
    """Seconds from ``75.2``, ``01:15.2`` or ``1:01:15``; None if it is not a time."""
    parts = text.strip().split(":")
    if not parts or len(parts) > 3 or not all(parts):
        return None
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


#: The form's fields from the top: its problems are listed in this order.
_FORM_ORDER = ("t", "code", "kind", "intensity")


def check_event(
    scheme: Scheme,
    duration: float,
    *,
    time_text: str,
    code: str | None,
    kind: str | None,
    intensity_text: str,
) -> tuple[dict[str, object], list[str]]:
    """The fields of a valid event, and one sentence per field that is not."""
    problems: list[tuple[str, str]] = []  # (field, sentence)
    t = parse_time(time_text)
    if t is None:
        problems.append(
            ("t", f"Time {time_text!r} is not a time; type seconds (75.2) or mm:ss.t (01:15.2).")
        )
    intensity = intensity_text.strip()
    level = _level(intensity)
    for problem in event_problems(
        scheme, code=code or "", t=t, kind=kind, intensity=level, duration=duration
    ):
        sentence = _worded(problem, scheme, duration, t=t, code=code or "", intensity=intensity)
        problems.append((problem.field, sentence))
    problems.sort(key=lambda item: _FORM_ORDER.index(item[0]))
    wrong = {field for field, _sentence in problems}
    fields: dict[str, object] = {}
    if "t" not in wrong:
        fields["t"] = t
    if "code" not in wrong:
        fields["code"] = code
        if "kind" not in wrong:
            fields["kind"] = kind
    if "intensity" not in wrong:
        fields["intensity"] = None if level is None else int(level)
    return fields, [sentence for _field, sentence in problems]


def _level(text: str) -> float | None:
    """The intensity typed: None when empty, ``nan`` unless it is whole digits."""
    if not text:
        return None
    return float(text) if text.isascii() and text.isdigit() else math.nan


def _worded(
    problem: Problem, scheme: Scheme, duration: float, *, t: float | None, code: str, intensity: str
) -> str:
    """A problem said next to the form, about the field as the observer filled it in."""
    if problem.field == "t":
        return f"Time {t:.3f} s is outside the session (0 to {duration:.3f} s)."
    if problem.field == "code":
        return "Choose a code from the scheme."
    if problem.field == "kind":
        chosen = scheme.code(code)
        assert chosen is not None  # only a code of the scheme has a kind to check
        allowed = "start or stop" if chosen.kind == "state" else "point"
        return f"{chosen.label} is a {chosen.kind} code: its kind must be {allowed}."
    levels = scheme.intensity_levels
    if levels:
        return f"Intensity {intensity!r} must be 1 to {levels} (or empty)."
    return "This scheme does not code intensity; leave it empty."


class EventEditor(ModalScreen[Event | None]):
    DEFAULT_CSS = (
        dialog_css("EventEditor", width=70)
        + """
    EventEditor .row { height: auto; }
    EventEditor .row Label { width: 12; padding-top: 1; }
    EventEditor .row Input, EventEditor .row Select { width: 1fr; }
    EventEditor #note-length { color: $text-warning; display: none; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, scheme: Scheme, duration: float, event: Event | None = None, *, at: float = 0.0
    ) -> None:
        super().__init__()
        self.scheme = scheme
        self.duration = duration
        self.original = event
        self.start_time = event.t if event else at

    def compose(self) -> ComposeResult:
        event = self.original
        codes = [(f"{c.key}  {c.label} (cue)", c.id) for c in self.scheme.cues]
        codes += [(f"{r.key}  {r.label} (response)", r.id) for r in self.scheme.responses]
        with Vertical():
            yield Static("Edit event" if event else "Insert event", classes="title")
            with Horizontal(classes="row"):
                yield Label("Time (s)")
                yield Input(f"{self.start_time:.3f}", id="time")
            with Horizontal(classes="row"):
                yield Label("Code")
                yield Select(
                    codes,
                    value=event.code if event else Select.NULL,
                    id="code",
                    prompt="choose a code",
                )
            with Horizontal(classes="row"):
                yield Label("Kind")
                yield Select(
                    [("point", "point"), ("start (state)", "start"), ("stop (state)", "stop")],
                    value=event.kind if event else "point",
                    id="kind",
                    allow_blank=False,
                )
            with Horizontal(classes="row"):
                yield Label("Intensity")
                yield Input(
                    "" if event is None or event.intensity is None else str(event.intensity),
                    id="intensity",
                )
            with Horizontal(classes="row"):
                yield Label("Note")
                yield Input(
                    event.note or "" if event else "",
                    id="note",
                    max_length=MAX_EVENT_NOTE_LENGTH,
                )
            yield Static("", id="note-length")
            yield Static("", id="problems")
            yield button_row(
                Button("Save", id="save", variant="primary"),
                Button("Cancel", id="cancel"),
            )

    def on_mount(self) -> None:
        self.query_one("#time", Input).focus()

    @on(Select.Changed, "#code")
    def _code_chosen(self, event: Select.Changed) -> None:
        """Keep the kind consistent with the code: point codes are points, states start/stop."""
        chosen = self.scheme.code(str(event.value)) if event.value is not Select.NULL else None
        kind = self.query_one("#kind", Select)
        if chosen is not None and chosen.kind == "state" and kind.value == "point":
            kind.value = "start"
        elif chosen is not None and chosen.kind == "point":
            kind.value = "point"

    @on(Input.Changed, "#note")
    def _note_length(self, event: Input.Changed) -> None:
        counter = self.query_one("#note-length", Static)
        show_length(counter, len(event.value), MAX_EVENT_NOTE_LENGTH, "a note")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        code = self.query_one("#code", Select).value
        fields, problems = check_event(
            self.scheme,
            self.duration,
            time_text=self.query_one("#time", Input).value,
            code=None if code is Select.NULL else str(code),
            kind=str(self.query_one("#kind", Select).value),
            intensity_text=self.query_one("#intensity", Input).value,
        )
        note = self.query_one("#note", Input).value.strip() or None
        wrong = None if note is None else text_problem(note, MAX_EVENT_NOTE_LENGTH, one_line=False)
        if wrong is not None:  # the archive would refuse it: said here, not after
            problems = [*problems, f"The note {wrong}; change it to save."]
        if problems:
            self.query_one("#problems", Static).update("\n".join(problems))
            return
        if self.original is None:
            self.dismiss(Event(id=new_id(), note=note, **fields))  # type: ignore[arg-type]
        else:
            self.dismiss(evolve(self.original, note=note, **fields))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
