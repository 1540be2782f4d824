"""The Caseload screen: the archive's families, soonest due an observation first, with
their figures over the last three visits and the flags of the highlighted one; below, the
visitors and their reliability checks. ``s`` sorts the families another way, ``p`` writes
the caseload PDF, ``Esc`` goes back.

The caseload is computed in a worker thread (it reads the index, and opens two session
files per visitor for their last check), so the screen is drawn at once and stays
responsive while it is read; then the tables are filled in one go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from observe.caseload.families import due_order
from observe.caseload.model import Caseload, Family
from observe.caseload.text import FAMILY_HEADER, VISITOR_HEADER, family_row, visitor_row
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.store import Archive

#: The families' orders ``s`` goes through: (name, key).
SORTS: tuple[tuple[str, Callable[[Family], object]], ...] = (
    ("soonest due", due_order),
    ("dyad", lambda f: f.dyad),
    ("longest unseen", lambda f: (f.last_observation, f.dyad)),
    ("most visits", lambda f: (-f.visits, f.dyad)),
)
#: The families' columns, the due ones first (the screen's order, not the text's).
FAMILY_ORDER = (0, 4, 1, 6, 7, 8, 3, 2, 5)
#: The visitors' columns, the due ones first: Visitor, Due, Next check, Last check, Check,
#: With, Agreement, Kappa, Certified to, Families, Sessions.
VISITOR_ORDER = (0, 10, 9, 3, 4, 5, 6, 7, 8, 1, 2)


class CaseloadApp(Protocol):
    """What the Caseload screen asks of the app (``ObserveApp``)."""

    @property
    def archive(self) -> Archive: ...

    wall_clock: Callable[[], datetime]


class CaseloadScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "sort", "Sort"),
        Binding("p", "pdf", "PDF"),
        Binding("escape", "leave", "Back"),
    ]

    @dataclass
    class Ready(Message):
        """The caseload was read (by the worker thread)."""

        caseload: Caseload
        seconds: float

    @dataclass
    class Failed(Message):
        """The caseload could not be read; ``reason`` is the sentence to show."""

        reason: str

    @dataclass
    class Written(Message):
        """The PDF was written (``path``), or not (``reason``)."""

        path: Path | None
        reason: str | None = None

    def __init__(self) -> None:
        super().__init__()
        self.caseload: Caseload | None = None
        self.sort = 0
        self.seconds: float | None = None  # how long reading the caseload took

    @property
    def observe(self) -> CaseloadApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("Reading the caseload…", id="caseload-summary")
        families: DataTable[str] = DataTable(
            cursor_type="row", zebra_stripes=True, id="caseload-families"
        )
        for index in FAMILY_ORDER:
            families.add_column(FAMILY_HEADER[index] or "Due", key=str(index))
        yield families
        yield Static("", id="caseload-flags")
        visitors: DataTable[str] = DataTable(
            cursor_type="row", zebra_stripes=True, id="caseload-visitors"
        )
        for index in VISITOR_ORDER:
            visitors.add_column(VISITOR_HEADER[index] or "Due", key=str(index))
        yield visitors
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Caseload"
        self.query_one("#caseload-families", DataTable).focus()
        self._read(self.observe.archive, self.observe.wall_clock().date())

    @work(thread=True, exclusive=True, group="caseload")
    def _read(self, archive: Archive, today: date) -> None:
        from time import perf_counter

        from observe.caseload.build import build_caseload  # the analysis loads here
        from observe.store.settings import read_settings
        from observe.training.caseload_checks import caseload_certifications

        started = perf_counter()
        try:
            caseload = build_caseload(
                archive,
                read_settings(archive.path),
                today,
                certifications=caseload_certifications(archive.path, today),
            )
        except ObserveError as error:
            self.post_message(self.Failed(str(error)))
            return
        self.post_message(self.Ready(caseload, perf_counter() - started))

    @on(Ready)
    def _ready(self, message: Ready) -> None:
        self.caseload, self.seconds = message.caseload, message.seconds
        self._show()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#caseload-summary", Static).update(f"⚠ {message.reason}")

    def _show(self) -> None:
        caseload = self.caseload
        if caseload is None:
            return
        families = sorted(caseload.families, key=SORTS[self.sort][1])  # type: ignore[arg-type]
        overdue = sum(1 for f in families if f.overdue)
        self.query_one("#caseload-summary", Static).update(
            f"{caseload.today} · observations {caseload.schedule} · {len(families)} "
            f"famil{'ies' if len(families) != 1 else 'y'}, {overdue} overdue · sorted by "
            f"{SORTS[self.sort][0]} (s) · Answered / Fitting / Latency: last three visits"
        )
        table = self.query_one("#caseload-families", DataTable)
        table.clear()
        for family in families:
            cells = family_row(family, short=True)
            table.add_row(*(cells[i] for i in FAMILY_ORDER), key=family.dyad)
        people = self.query_one("#caseload-visitors", DataTable)
        people.clear()
        for visitor in caseload.visitors:
            cells = visitor_row(visitor, short=True)
            people.add_row(*(cells[i] for i in VISITOR_ORDER), key=visitor.name)
        self._show_flags()

    @on(DataTable.RowHighlighted, "#caseload-families")
    def _show_flags(self) -> None:
        flags = self.query_one("#caseload-flags", Static)
        family = self.highlighted
        if family is None:
            flags.update("No family has a visit yet." if self.caseload else "")
            return
        marks = {"strength": "+", "look": "?", "note": "·"}
        lines = [f"{marks[flag.kind]} {flag.text}" for flag in family.flags]
        flags.update(f"{family.dyad}: " + ("\n".join(lines) or "no flags"))

    @property
    def highlighted(self) -> Family | None:
        if self.caseload is None:
            return None
        table = self.query_one("#caseload-families", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((f for f in self.caseload.families if f.dyad == key), None)

    def action_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self._show()

    def action_pdf(self) -> None:
        if self.caseload is None:
            return
        self.notify("Writing the caseload PDF…", title="Caseload")
        self._write(self.caseload, self.observe.archive.path)

    @work(thread=True, group="caseload-pdf")
    def _write(self, caseload: Caseload, archive_dir: Path) -> None:
        from observe.reports import default_caseload_path, write_caseload_report

        try:
            path = write_caseload_report(caseload, default_caseload_path(archive_dir, caseload))
        except ObserveError as error:
            self.post_message(self.Written(None, str(error)))
            return
        self.post_message(self.Written(path))

    @on(Written)
    def _written(self, message: Written) -> None:
        if message.path is not None:
            self.notify(f"Caseload PDF written: {message.path}", title="Caseload", timeout=20)
        else:
            self.notify(message.reason or "", title="PDF failed", severity="error", timeout=20)

    def action_leave(self) -> None:
        self.dismiss()
