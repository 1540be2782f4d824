"""Which responses fit which cue, as a grid: one rule at a time, its antecedents (cues) as
rows and its consequents (responses) as columns, a checkbox in every cell.

Space or Enter ticks and unticks the cell under the cursor; ``w`` gives the row its own
window. What a tick writes, and where, is :mod:`observe.scheme_editor.fits`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Select, Static

from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.fits import fit_grid, rule_choices, set_fit, set_window
from observe.scheme_editor.forms import field_of, shown, value_of
from observe.tui.dialogs.scheme_window import WindowDialog

# Text, not strings: a DataTable reads "[x]" in a string as markup.
TICKED, UNTICKED = Text("[x]", style="bold"), Text("[ ]", style="dim")
WINDOW = "window"
#: How long a row's label is at least, and at most (the grid's columns need the room).
ROW_LABEL = 20
MAX_ROW_LABEL = 40


class FitsPane(Vertical):
    DEFAULT_CSS = """
    FitsPane { height: 1fr; }
    FitsPane #fit-rule { width: 1fr; margin-bottom: 1; }
    FitsPane DataTable { height: 1fr; }
    FitsPane #fit-info { height: auto; color: $text-muted; }
    """

    BINDINGS = [
        Binding("space", "toggle", "Tick/untick"),
        Binding("w", "window", "Own window"),
    ]

    def __init__(self, document: SchemeDocument, *, changed: Callable[[], None]) -> None:
        super().__init__(id="pane-fits")
        self.document = document
        self.changed = changed
        self.rule_index: int | None = None
        self._shown: tuple[int, int | None] | None = None
        self._choices: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        self._choices = self._rules()
        yield Select(self._choices, allow_blank=False, compact=True, id="fit-rule")
        yield DataTable(cursor_type="cell", id="fit-grid")
        yield Static(id="fit-info")

    def _rules(self) -> list[tuple[str, str]]:
        return [(label, str(index)) for index, label in rule_choices(self.document)]

    def on_mount(self) -> None:
        self.show()

    def on_resize(self) -> None:
        """Shown (a tab chosen) or the terminal resized: the labels take the room there is."""
        self._shown = None
        self.show()

    @property
    def grid(self) -> DataTable[Text | str]:
        return self.query_one(DataTable)

    def show(self) -> None:
        """The grid of the chosen rule as the file has it now (redrawn only when it changed)."""
        if self._shown == (self.document.revision, self.rule_index):
            return
        self._shown = (self.document.revision, self.rule_index)
        choices = self._rules()
        select = self.query_one("#fit-rule", Select)
        wanted = str(self.rule_index)
        if choices != self._choices:
            self._choices = choices
            with select.prevent(Select.Changed):
                select.set_options(choices)
        if wanted not in [value for _, value in choices]:
            wanted = choices[0][1]
            self.rule_index = None if wanted == "None" else int(wanted)
        with select.prevent(Select.Changed):
            select.value = wanted
        grid = fit_grid(self.document, self.rule_index)
        draft = self.document.draft
        table = self.grid
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        for consequent in grid.consequents:
            code = draft.code(consequent)
            table.add_column((code.key if code and code.key else consequent[:3]), key=consequent)
        table.add_column("window", key=WINDOW, width=6)
        # The labels get what the columns leave (each column: 3 cells and 2 of padding).
        room = max(ROW_LABEL, min(MAX_ROW_LABEL, self.size.width - 5 * len(grid.consequents) - 10))
        for antecedent in grid.antecedents:
            code = draft.code(antecedent)
            label = code.label if code else antecedent
            key = f"{code.key} " if code and code.key else "  "
            cells: list[Text | str] = [
                TICKED if grid.fits(antecedent, c) else UNTICKED for c in grid.consequents
            ]
            own = "*" if antecedent in grid.own_windows else ""
            cells.append(f"{grid.windows[antecedent]:g} s{own}")
            table.add_row(*cells, key=antecedent, label=(key + label)[:room])
        if table.row_count and grid.consequents:
            table.cursor_coordinate = table.validate_cursor_coordinate(cursor)
        self._describe()

    @on(Select.Changed, "#fit-rule")
    def _rule_chosen(self, event: Select.Changed) -> None:
        event.stop()
        self.rule_index = None if event.value in ("None", Select.BLANK) else int(str(event.value))
        self.show()

    def _cell(self) -> tuple[str, str] | None:
        table = self.grid
        if not table.row_count:
            return None
        keys = table.coordinate_to_cell_key(table.cursor_coordinate)
        return str(keys.row_key.value), str(keys.column_key.value)

    @on(DataTable.CellHighlighted)
    def _describe(self) -> None:
        cell = self._cell()
        info = self.query_one("#fit-info", Static)
        if cell is None:
            info.update("This rule has no antecedents yet: list them in the Rules tab.")
            return
        antecedent, consequent = cell
        draft = self.document.draft
        row = draft.code(antecedent)
        row_label = row.label if row else antecedent
        if consequent == WINDOW:
            info.update(f"{row_label}: its window (* its own). w or Enter: change it.")
            return
        column = draft.code(consequent)
        column_label = f"{column.label} ({column.key})" if column else consequent
        fits = fit_grid(self.document, self.rule_index).fits(antecedent, consequent)
        verdict = "fits" if fits else "does not fit"
        info.update(f"{row_label} → {column_label}: {verdict}. Space: tick/untick · w: own window")

    @on(DataTable.CellSelected)
    def _selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        if str(event.cell_key.column_key.value) == WINDOW:
            self.action_window()
        else:
            self.action_toggle()

    def action_toggle(self) -> None:
        cell = self._cell()
        if cell is None or cell[1] == WINDOW:
            return
        antecedent, consequent = cell
        fits = fit_grid(self.document, self.rule_index).fits(antecedent, consequent)
        set_fit(self.document, self.rule_index, antecedent, consequent, not fits)
        self.changed()

    def action_window(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        antecedent = cell[0]
        grid = fit_grid(self.document, self.rule_index)
        own = antecedent in grid.own_windows
        blank = "the rule's" if self.rule_index is not None else "the scheme's response window"

        def typed(text: str | None) -> None:
            if text is None:
                return
            seconds = value_of(field_of("cues", "window"), text)
            set_window(self.document, self.rule_index, antecedent, seconds)
            self.changed()

        code = self.document.draft.code(antecedent)
        self.app.push_screen(
            WindowDialog(
                f"The window of {code.label if code else antecedent}",
                shown(grid.windows[antecedent]) if own else "",
                blank,
            ),
            typed,
        )
