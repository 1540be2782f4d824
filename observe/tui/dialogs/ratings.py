"""End-of-session ratings and the observer's free-text notes.

Returns ``(ratings, notes)`` or None when skipped. A rating with anchors shows them under
its field (:mod:`observe.tui.widgets.rating_anchors`). A rating left blank is not recorded;
a number outside its range is refused with a sentence saying which rating and what range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from observe.scheme import Rating
from observe.tui.dialogs.frame import button_row, dialog_css
from observe.tui.dialogs.lengths import show_length
from observe.tui.widgets.rating_anchors import RatingAnchors
from observe.validity.limits import MAX_NOTES_LENGTH
from observe.validity.text import text_problem

#: The notes, in the sentences of their length (:mod:`observe.tui.dialogs.lengths`).
NOTES = "the notes"

RatingsResult = tuple[dict[str, int], str]


def parse_ratings(
    ratings: Sequence[Rating], values: Mapping[str, str]
) -> tuple[dict[str, int], list[str]]:
    """The ratings entered, and one sentence per value that cannot be accepted."""
    parsed: dict[str, int] = {}
    problems: list[str] = []
    for rating in ratings:
        raw = values.get(rating.id, "").strip()
        if not raw:
            continue
        try:
            value = int(raw)
        except ValueError:
            problems.append(
                f"{rating.label}: {raw!r} is not a whole number; type {rating.min}–{rating.max}."
            )
            continue
        if not rating.min <= value <= rating.max:
            problems.append(
                f"{rating.label}: {value} is outside {rating.min}–{rating.max}; "
                "type a number in that range."
            )
            continue
        parsed[rating.id] = value
    return parsed, problems


class RatingInput(Input):
    """A rating field that passes on what it has no room for.

    The focus never moves by itself: a field that has just been filled keeps it, so the
    next key lands where the observer expects (Tab after the last rating goes to the notes,
    not past them). Only a key the full field cannot take moves on, with the focus.

    Keys typed in a burst (fast typing, a paste, ``tmux send-keys``) are all delivered to
    the field that had the focus when they were read, before "the field is full, move on"
    has run. A full field hands each further character, in order, to the widget after it
    (which does the same when full), so 4 3 5 and the notes after them all land where they
    belong, in the order they were typed.
    """

    async def _on_key(self, event: events.Key) -> None:
        full = bool(self.max_length) and len(self.value) >= self.max_length
        if event.is_printable and full and self.selection.is_empty:
            event.stop()
            event.prevent_default()
            chain = self.screen.focus_chain
            successor = chain[chain.index(self) + 1] if self in chain[:-1] else None
            if successor is not None:
                if self.has_focus:
                    successor.focus()
                successor.post_message(events.Key(event.key, event.character))
            return
        await super()._on_key(event)


class RatingsDialog(ModalScreen[RatingsResult | None]):
    DEFAULT_CSS = (
        dialog_css("RatingsDialog", width=72)
        + """
    RatingsDialog .rating-row { height: 1; margin-top: 1; }
    RatingsDialog .rating-row Label { width: 1fr; }
    RatingsDialog .rating-row Input { width: 8; }
    RatingsDialog #notes { height: 5; margin-top: 1; }
    RatingsDialog #notes-length { color: $text-warning; display: none; }
    RatingsDialog #about { color: $text-muted; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(
        self,
        ratings: Sequence[Rating],
        *,
        values: Mapping[str, int] | None = None,
        notes: str = "",
        title: str = "Ratings for this session",
        about: str = "",
    ) -> None:
        super().__init__()
        self.ratings = list(ratings)
        self.values = dict(values or {})
        self.notes = notes
        self.heading = title
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="title")
            if self.about:
                yield Static(self.about, id="about")
            for rating in self.ratings:
                with Horizontal(classes="rating-row"):
                    yield Label(f"{rating.label} ({rating.min}–{rating.max})")
                    value = self.values.get(rating.id)
                    yield RatingInput(
                        value="" if value is None else str(value),
                        id=f"rating-{rating.id}",
                        compact=True,
                        placeholder="–",  # an empty field is visible, not a blank
                        restrict=r"[0-9]*",
                        max_length=len(str(rating.max)),
                        # A focused full field must not select its digit: the next key
                        # would replace it instead of moving on.
                        select_on_focus=False,
                    )
                yield RatingAnchors(rating, id=f"anchors-{rating.id}")
            yield TextArea(self.notes, id="notes", soft_wrap=True)
            yield Static("", id="notes-length")
            yield Static("", id="problems")
            yield Static(
                "Digits fill each rating in turn · Tab moves on · Ctrl+S saves · Esc skips",
                classes="hint",
            )
            yield button_row(
                Button("Save", id="save", variant="primary"),
                Button("Skip", id="skip"),
            )

    def on_mount(self) -> None:
        self.query_one("#notes", TextArea).border_title = "Observer notes"
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query_one("#notes", TextArea)).focus()
        self._show_anchors()

    @on(Input.Changed)
    @on(events.DescendantFocus)
    def _show_anchors(self) -> None:
        """Each rating's anchors: the focused one's scale, the others' value."""
        for rating in self.ratings:
            field = self.query_one(f"#rating-{rating.id}", Input)
            anchors = self.query_one(f"#anchors-{rating.id}", RatingAnchors)
            anchors.show(field.value, focused=field.has_focus)
            if field.has_focus and rating.anchors:
                self.call_after_refresh(anchors.scroll_visible, animate=False)

    @on(TextArea.Changed, "#notes")
    def _notes_length(self, event: TextArea.Changed) -> None:
        counter = self.query_one("#notes-length", Static)
        show_length(counter, len(event.text_area.text), MAX_NOTES_LENGTH, NOTES)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.has_focus:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {r.id: self.query_one(f"#rating-{r.id}", Input).value for r in self.ratings}
        parsed, problems = parse_ratings(self.ratings, values)
        notes = self.query_one("#notes", TextArea).text.strip()
        # What the archive would refuse (observe.validity) is said here, not after.
        if len(notes) > MAX_NOTES_LENGTH:
            problems.append(
                f"The observer's notes are {len(notes):,} characters long, more than the "
                f"{MAX_NOTES_LENGTH:,} they may hold; shorten them to save."
            )
        elif text_problem(notes, MAX_NOTES_LENGTH, one_line=False) is not None:
            problems.append(
                "The observer's notes hold a control character (only line breaks and tabs "
                "may be in them); remove it to save."
            )
        if problems:
            self.query_one("#problems", Static).update("\n".join(problems))
            return
        self.dismiss((parsed, notes))

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        self.dismiss(None)
