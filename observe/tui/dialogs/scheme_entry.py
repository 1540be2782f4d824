"""One table of a scheme in a form: a cue, a response, an actor, a rule, a state group or a
rating. Every change is written to the scheme as it is made (the editor's views and its
list of problems follow at once); Done closes the form, Remove takes the table out.
Returns True when the table was removed."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.forms import NAMES
from observe.tui.dialogs.frame import button_row, dialog_css
from observe.tui.widgets.scheme_form import FieldForm

#: What a form says under its fields, by table.
HINTS = {
    "cues": "Which responses answer it: tick them in the Fits tab.",
    "contingencies": "Which consequents fit each antecedent: tick them in the Fits tab.",
}


class EntryDialog(ModalScreen[bool]):
    DEFAULT_CSS = (
        dialog_css("EntryDialog", width=96)
        + """
    EntryDialog > VerticalScroll {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    EntryDialog #hint { color: $text-muted; }
    """
    )

    BINDINGS = [Binding("escape", "done", "Done", show=False)]

    def __init__(
        self,
        document: SchemeDocument,
        table: str,
        index: int,
        *,
        changed: Callable[[], None],
        new: bool = False,
    ) -> None:
        super().__init__()
        self.document = document
        self.table = table
        self.index = index
        self.changed = changed
        self.new = new

    def compose(self) -> ComposeResult:
        one, _ = NAMES[self.table]
        count = self.document.count(self.table)
        heading = f"{'New ' + one if self.new else one.capitalize()} ({self.index + 1} of {count})"
        with VerticalScroll():
            yield Static(heading, classes="title")
            yield FieldForm(
                self.document, self.table, self.index, changed=self.changed, new=self.new
            )
            if self.table in HINTS:
                yield Static(HINTS[self.table], id="hint")
            yield Static("Changes are made as you type; Esc or Done closes.", id="hint-keys")
            yield button_row(
                Button("Done", id="done", variant="primary", compact=True),
                Button(f"Remove this {one}", id="remove", variant="error", compact=True),
            )

    def on_mount(self) -> None:
        label = self.query_one("#field-label", Input)
        label.focus()
        if self.new:
            label.select_all()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the next one, as Tab does."""
        event.stop()
        self.focus_next()

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        self.query_one(FieldForm).flush()
        self.dismiss(False)

    @on(Button.Pressed, "#remove")
    def _remove(self) -> None:
        self.query_one(FieldForm).flush()
        self.dismiss(True)
