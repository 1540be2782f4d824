"""A table of a scheme's entries (its codes, actors, rules, state groups or ratings), one
row each, with what can be done to them: add, edit in a form, remove.

Rows come from the file as it is now, so a table still lacking its id or key has its row
too; ⚠ marks a row with problems (the form says which, in validate's words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.forms import NAMES, add_entry
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.scheme_entry import EntryDialog

COLUMNS = {
    "codes": ("", "Key", "Label", "Id", "Kind", "Group", "Actor"),
    "actors": ("", "Id", "Label", "Infant", "Codes"),
    "contingencies": ("", "Id", "Label", "Looks from", "Looks for"),
    "state_groups": ("", "Id", "Label", "States", "How"),
    "ratings": ("", "Id", "Label", "Scale", "Anchors"),
}
EMPTY = {
    "codes": "No codes yet: press c for a cue, r for a response.",
    "actors": "No actors listed: the scheme has the infant and the caregiver. Press a to list "
    "actors of your own (two caregivers, a sibling).",
    "contingencies": "No rules listed: every cue is answered by any response, fitting when the "
    "cue's matches list it (the Fits tab). Press a to add a rule (the default one is listed "
    "with it, so nothing it measured changes).",
    "state_groups": "No state groups. Press a to group state codes (one on at a time).",
    "ratings": "No ratings. Press a to add one, entered at the end of each session.",
}
DEFAULT_LABEL = {
    "cues": "New cue",
    "responses": "New response",
    "actors": "New actor",
    "contingencies": "New rule",
    "state_groups": "New state group",
    "ratings": "New rating",
}


def _names(value: Any) -> str:
    return ", ".join(str(v) for v in value) if isinstance(value, list) else ""


def rows_of(document: SchemeDocument, pane: str) -> list[tuple[str, list[str]]]:
    """(row key "cues:3", cells) of every table the pane lists, in file order."""
    draft = document.draft
    tables = ("cues", "responses") if pane == "codes" else (pane,)
    rows = []
    for table in tables:
        for index, entry in enumerate(document.value((table,), []) or []):
            entry = entry if isinstance(entry, dict) else {}
            mark = "⚠" if document.problems_at(table, index) else ""
            entry_id = str(entry.get("id", ""))
            label = str(entry.get("label", ""))
            if pane == "codes":
                actor = draft.actor_of(entry_id).label if draft.code(entry_id) else ""
                kind = "cue" if table == "cues" else "response"
                cells = [mark, str(entry.get("key", "")), label, entry_id, kind]
                cells[4] += " ⇄" if entry.get("kind") == "state" else ""
                cells += [str(entry.get("group", "")), actor]
            elif pane == "actors":
                codes = len(draft.codes_of(entry_id)) if draft.actor(entry_id) else 0
                infant = "yes" if entry.get("infant") is True else ""
                cells = [mark, entry_id, label, infant, str(codes)]
            elif pane == "contingencies":
                antecedents = _names(entry.get("antecedents"))
                cells = [mark, entry_id, label, antecedents, _names(entry.get("consequents"))]
            elif pane == "state_groups":
                how = "always one" if entry.get("exhaustive") is True else "one at a time"
                if entry.get("exclusive") is False:
                    how = "each on its own"
                cells = [mark, entry_id, label, _names(entry.get("codes")), how]
            else:
                anchors = entry.get("anchors")
                scale = f"{entry.get('min', 1)}–{entry.get('max', 5)}"
                count = len(anchors) if isinstance(anchors, dict) else 0
                cells = [mark, entry_id, label, scale, str(count)]
            rows.append((f"{table}:{index}", cells))
    return rows


class EntriesPane(Vertical):
    """The entries of ``pane`` ("codes": cues and responses; or a table's name): the
    table, and adding (:class:`TablePane`, :class:`CodesPane`), editing and removing."""

    DEFAULT_CSS = """
    EntriesPane { height: 1fr; }
    EntriesPane DataTable { height: 1fr; }
    EntriesPane #entries-hint { color: $text-muted; height: auto; }
    """

    def __init__(self, document: SchemeDocument, pane: str, *, changed: Callable[[], None]) -> None:
        super().__init__(id=f"pane-{pane}")
        self.document = document
        self.pane = pane
        self.changed = changed

    def compose(self) -> ComposeResult:
        yield Static(EMPTY[self.pane], id="entries-hint")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        for column in COLUMNS[self.pane]:
            table.add_column(column, key=column or "mark")
        yield table

    def on_mount(self) -> None:
        self.show()

    @property
    def table(self) -> DataTable[str]:
        return self.query_one(DataTable)

    def show(self) -> None:
        """Rows as the file has them now; the cursor stays where it was."""
        table = self.table
        row = table.cursor_row
        table.clear()
        for key, cells in rows_of(self.document, self.pane):
            table.add_row(*cells, key=key)
        self.query_one("#entries-hint", Static).display = table.row_count == 0
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def selected(self) -> tuple[str, int] | None:
        if not self.table.row_count:
            return None
        key = self.table.coordinate_to_cell_key(self.table.cursor_coordinate).row_key.value
        table, index = str(key).split(":")
        return table, int(index)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        selected = self.selected()
        if selected is not None:
            self.edit(*selected)

    def edit(self, table: str, index: int, *, new: bool = False) -> None:
        def closed(remove: bool | None) -> None:
            if remove:
                self._remove(table, index, ask=not new)
            self.show()
            self.changed()

        self.app.push_screen(
            EntryDialog(self.document, table, index, changed=self.changed, new=new), closed
        )

    def action_new(self, table: str | None = None) -> None:
        table = table or self.pane
        first_rule = table == "contingencies" and not self.document.count(table)
        index = add_entry(self.document, table, DEFAULT_LABEL[table])
        if first_rule:
            self.notify(
                "A scheme that lists rules has only those, so the rule it had (every cue "
                "answered by any response, cue-response) is listed too: what it measured stays.",
                title="Rules",
                timeout=15,
            )
        self.show()
        self.changed()
        key = f"{table}:{index}"
        self.table.move_cursor(row=self.table.get_row_index(key))
        self.edit(table, index, new=True)

    def action_remove(self) -> None:
        selected = self.selected()
        if selected is not None:
            self._remove(*selected, ask=True)

    def _remove(self, table: str, index: int, *, ask: bool) -> None:
        one, _ = NAMES[table]
        label = self.document.value((table, index, "label")) or self.document.value(
            (table, index, "id")
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.document.remove(table, index)
                self.show()
                self.changed()

        if not ask:
            answered(True)
            return
        self.app.push_screen(
            ConfirmDialog(
                f"Remove the {one} {label}? Lists that name it (matches, rules, state groups) "
                "no longer do. Recorded sessions keep their own copy of the scheme.",
                yes="Remove",
                no="Keep",
                danger=True,
            ),
            answered,
        )


class TablePane(EntriesPane):
    """The actors, rules, state groups or ratings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "new", "Add"),
        Binding("delete,d", "remove", "Remove"),
    ]


class CodesPane(EntriesPane):
    """The cues and responses, in one list as the legend shows them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "new('cues')", "New cue"),
        Binding("r", "new('responses')", "New response"),
        Binding("delete,d", "remove", "Remove"),
    ]

    def __init__(self, document: SchemeDocument, *, changed: Callable[[], None]) -> None:
        super().__init__(document, "codes", changed=changed)
