"""The scheme editor: one of the user's scheme files in forms, tab by tab.

Scheme (name, version, description, windows, intensity), Codes (cues and responses, keys
pressed, not typed), Fits (which responses fit which cue, per rule), Rules, States (state
groups), Ratings (with anchors), Actors and Keys (where each key sits on the keyboard).
Every change is made to the file's TOML as it is made (:class:`EditedFile`), so each tab
shows the scheme as it is, and the problems ``observe scheme validate`` would report are
listed at the bottom (and beside their fields in the forms). ctrl+s saves once none
remain; ctrl+t tries the scheme on a practice coding screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

from observe.scheme_editor import EditedFile, NotSaved, SchemeUsage
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.widgets.fit_grid import FitsPane
from observe.tui.widgets.keyboard_map import KeyboardMap
from observe.tui.widgets.scheme_entries import CodesPane, EntriesPane, TablePane
from observe.tui.widgets.scheme_form import FieldForm

if TYPE_CHECKING:
    from observe.scheme import Scheme
    from observe.store import Archive

TABS = (
    ("Scheme", "tab-scheme"),
    ("Codes", "tab-codes"),
    ("Fits", "tab-fits"),
    ("Rules", "tab-rules"),
    ("States", "tab-states"),
    ("Ratings", "tab-ratings"),
    ("Actors", "tab-actors"),
    ("Keys", "tab-keys"),
)


def in_archive(path: Path, archive: Path) -> str:
    """``schemes/ours.toml`` for a file of the archive (its full path otherwise)."""
    try:
        return str(path.relative_to(archive))
    except ValueError:
        return str(path)


class EditorApp(Protocol):
    """What the editor asks of the app (``ObserveApp``)."""

    @property
    def archive(self) -> Archive: ...

    def practise(self, scheme: Scheme) -> None: ...


class SchemeEditorScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+t", "try_it", "Try it"),
        Binding("escape", "leave", "Back"),
        Binding("right_square_bracket", "next_tab(1)", "Tab", key_display="]"),
        Binding("left_square_bracket", "next_tab(-1)", "Previous tab", show=False),
    ]

    def __init__(self, edited: EditedFile) -> None:
        super().__init__()
        self.edited = edited
        self.document = edited.document
        self._refresh_pending = False

    @property
    def observe(self) -> EditorApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        changed = self.changed
        yield Header(icon="")
        with TabbedContent(id="editor-tabs"):
            with TabPane("Scheme", id="tab-scheme"), VerticalScroll():
                yield Static(id="scheme-id")
                yield FieldForm(self.document, "scheme", None, changed=changed, id="scheme-form")
            with TabPane("Codes", id="tab-codes"):
                yield CodesPane(self.document, changed=changed)
            with TabPane("Fits", id="tab-fits"):
                yield FitsPane(self.document, changed=changed)
            for title, pane in (
                ("Rules", "contingencies"),
                ("States", "state_groups"),
                ("Ratings", "ratings"),
                ("Actors", "actors"),
            ):
                with TabPane(title, id=f"tab-{title.lower()}"):
                    yield TablePane(self.document, pane, changed=changed)
            with TabPane("Keys", id="tab-keys"), VerticalScroll():
                yield KeyboardMap(id="keyboard")
        with VerticalScroll(id="editor-problems"):
            yield Static(id="problems")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        scheme_id = self.document.value(("scheme", "id"), "?")
        self.title = f"Scheme {scheme_id}"
        self.query_one("#scheme-id", Static).update(
            f"Id: {scheme_id} (sessions name the scheme by it; it does not change) · "
            f"file: {in_archive(self.edited.path, self.observe.archive.path)}"
        )
        self._show()

    # -- following the document ----------------------------------------------------------

    def changed(self) -> None:
        """The document changed (a form, a tick, a row): every view follows, once."""
        if not self._refresh_pending:
            self._refresh_pending = True
            self.call_after_refresh(self._show)

    def _show(self) -> None:
        self._refresh_pending = False
        document = self.document
        for pane in self.query(EntriesPane):
            pane.show()
        self.query_one(FitsPane).show()
        self.query_one(KeyboardMap).show(document.draft)
        self.query_one("#scheme-form", FieldForm).show_problems()
        problems = document.problems
        box = self.query_one("#problems", Static)
        if problems:
            count = len(problems)
            noun = "problem" if count == 1 else "problems"
            box.update(
                f"⚠ {count} {noun} (saving waits until none remain):\n"
                + "\n".join(problem.message for problem in problems)
            )
        else:
            box.update("✓ No problems: ctrl+s saves, ctrl+t tries it.")
        box.set_class(bool(problems), "-problems")
        version = document.value(("scheme", "version"), "")
        self.sub_title = f"version {version}" + (" · not saved" if self.edited.unsaved else "")

    # -- actions -------------------------------------------------------------------------

    def action_next_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [tab_id for _, tab_id in TABS]
        current = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[(current + step) % len(ids)]
        # The keys of the tab (c for a new cue, space for a tick) answer at once.
        found = self.query_one(f"#{tabs.active}").query("DataTable, Input")
        if found:
            found.first().focus()

    def action_save(self) -> None:
        self.query_one("#scheme-form", FieldForm).flush()
        archive = self.observe.archive
        if archive.readonly:
            reason = (archive.readonly_reason or "another observe is using this archive").rstrip(
                "."
            )
            self.notify(f"Not saved: {reason}.", title="Read-only", severity="error", timeout=15)
            return
        usage = SchemeUsage.of(archive.list_sessions())
        try:
            saved = self.edited.save(usage)
        except NotSaved as refused:
            self.notify(str(refused), title="Not saved", severity="error", timeout=20)
            return
        self.query_one("#scheme-form", FieldForm).reload()
        self._show()
        self.notify(saved.sentence(), title="Scheme saved", timeout=12)

    def action_try_it(self) -> None:
        self.query_one("#scheme-form", FieldForm).flush()
        problems = self.document.problems
        if problems:
            count = len(problems)
            self.notify(
                f"Try it needs the scheme without problems: {count} remain (listed below).",
                severity="warning",
            )
            return
        self.observe.practise(self.document.scheme())

    def action_leave(self) -> None:
        if not self.edited.unsaved:
            self.dismiss(None)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                f"Leave without saving? The changes to {self.edited.path.name} since it was "
                "last saved are lost.",
                yes="Leave without saving",
                no="Keep editing",
                danger=True,
            ),
            answered,
        )
