"""The coding schemes: which ship (read-only: copy them to edit) and which are the user's
own (edit them), each with its version and the sessions coded with each version (from the
archive's index: no session file is opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from observe.errors import ObserveError
from observe.scheme import load_scheme
from observe.scheme_editor import EditedFile, SchemeRow, SchemeUsage, create_user_scheme
from observe.scheme_editor import scheme_rows as list_rows
from observe.tui.dialogs.scheme_copy import CopySchemeDialog
from observe.tui.screens.scheme_editor import SchemeEditorScreen, in_archive

if TYPE_CHECKING:
    from observe.scheme import Scheme
    from observe.store import Archive

COLUMNS = ("Id", "Version", "Sessions", "Other versions", "Whose", "Name")


class SchemesApp(Protocol):
    """What the scheme list asks of the app (``ObserveApp``)."""

    @property
    def archive(self) -> Archive: ...

    def practise(self, scheme: Scheme) -> None: ...


def row_cells(row: SchemeRow) -> list[str]:
    others = " · ".join(f"{v}: {n}" for v, n in row.by_version if v != row.version)
    whose = "shipped" if row.shipped else ("⚠ problems" if row.problem else "yours")
    return [row.id, row.version, str(row.sessions), others, whose, row.name]


class SchemeListScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Edit", show=False),
        Binding("e", "open", "Edit"),
        Binding("c", "copy", "Copy to edit"),
        Binding("t", "try_it", "Try it"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SchemeRow] = []

    @property
    def observe(self) -> SchemesApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="schemes")
        for column in COLUMNS:
            table.add_column(column, key=column)
        yield table
        yield Static(id="scheme-about")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Coding schemes"
        self.reload()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        archive = self.observe.archive
        usage = SchemeUsage.of(archive.list_sessions())
        self.rows = list_rows(archive.path, usage)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in self.rows:
            table.add_row(*row_cells(row), key=str(row.path))
        table.move_cursor(row=min(cursor, len(self.rows) - 1))
        count = len(self.rows)
        self.sub_title = f"{count} scheme{'s' if count != 1 else ''}"
        self._about()

    @property
    def selected(self) -> SchemeRow | None:
        table = self.query_one(DataTable)
        return (
            self.rows[table.cursor_row] if self.rows and table.cursor_row < len(self.rows) else None
        )

    @on(DataTable.RowHighlighted)
    def _about(self) -> None:
        row = self.selected
        about = self.query_one("#scheme-about", Static)
        if row is None:
            about.update("")
        elif row.problem:
            about.update(f"⚠ {row.problem}. e opens it to fix them in forms.")
        elif row.shipped:
            about.update(
                f"{row.name} ships with observe and is read-only: c copies it to edit, t tries it."
            )
        else:
            where = in_archive(row.path, self.observe.archive.path)
            about.update(f"{row.name}, yours ({where}): e edits it, c copies it, t tries it.")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.selected if self.is_mounted else None
        if action == "open":
            return row is not None
        if action == "try_it":
            return row is not None and row.problem is None
        if action == "copy":
            return row is not None and row.problem is None
        return True

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        row = self.selected
        if row is None:
            return
        if row.shipped:
            self.action_copy()
            return
        try:
            edited = EditedFile(row.path)
        except ObserveError as error:
            self.notify(str(error), title="Cannot edit in forms", severity="error", timeout=20)
            return
        self.app.push_screen(SchemeEditorScreen(edited))

    def action_copy(self) -> None:
        row = self.selected
        if row is None or row.problem:
            return
        archive = self.observe.archive
        if archive.readonly:
            reason = (archive.readonly_reason or "another observe is using this archive").rstrip(
                "."
            )
            self.notify(f"Nothing can be copied here: {reason}.", severity="error", timeout=15)
            return

        def chosen(new_id: str | None) -> None:
            if new_id is None:
                return
            try:
                path = create_user_scheme(archive.path, new_id, str(row.path))
            except ObserveError as error:
                self.notify(str(error), title="Not copied", severity="error", timeout=20)
                return
            self.reload()
            self.notify(f"Copied {row.id} to {path}.", title="Scheme copied")
            self.app.push_screen(SchemeEditorScreen(EditedFile(path)))

        taken = [r.id for r in self.rows]
        self.app.push_screen(
            CopySchemeDialog(row.id, row.name, shipped=row.shipped, taken=taken), chosen
        )

    def action_try_it(self) -> None:
        row = self.selected
        if row is None or row.problem:
            return
        try:
            scheme = load_scheme(row.path)
        except ObserveError as error:
            self.notify(str(error), severity="error", timeout=20)
            return
        self.observe.practise(scheme)

    def action_leave(self) -> None:
        self.dismiss(None)
