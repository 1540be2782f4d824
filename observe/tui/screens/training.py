"""Training: the packs imported into the archive and every attempt at them, with each
observer's certification; Enter on an attempt shows its feedback and its disagreements
with the master coding (the master coding is shown only for attempts already submitted)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from observe.errors import ObserveError
from observe.training.feedback import disagreement_row, feedback_text
from observe.training.record import Attempt, observers, standing
from observe.training.record_file import read_record, stored_packs
from observe.training.scoring import score

if TYPE_CHECKING:
    from observe.store import Archive
    from observe.training.pack import Pack

COLUMNS = ("Pack", "When", "Observer", "Agreement", "Kappa", "Result", "Counts")


def _figure(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)}%" if percent else f"{value:.2f}"


class TrainingScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "feedback", "Feedback", show=False),
        Binding("f", "feedback", "Feedback"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.attempts: list[Attempt] = []
        self.packs: dict[str, Pack] = {}

    @property
    def archive(self) -> Archive:
        return self.app.archive  # type: ignore[attr-defined,no-any-return]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="training-packs")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="attempts")
        for column in COLUMNS:
            table.add_column(column, key=column)
        yield table
        yield Static(id="training-standing")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Training"
        self.reload()
        self.query_one(DataTable).focus()

    def reload(self) -> None:
        try:
            packs, problems = stored_packs(self.archive.path)
            entries = read_record(self.archive.path)
        except ObserveError as error:
            self.query_one("#training-packs", Static).update(f"⚠ {error}")
            return
        self.packs = {pack.digest: pack for pack in packs}
        names = ", ".join(f"{p.name} ({p.short})" for p in packs) or "none yet"
        lines = [f"Packs: {names}. Import one with observe train PACK."]
        lines += [f"⚠ {problem}" for problem in problems]
        self.query_one("#training-packs", Static).update("\n".join(lines))
        self.attempts = sorted(
            (e for e in entries if isinstance(e, Attempt)), key=lambda a: a.at, reverse=True
        )
        table = self.query_one(DataTable)
        table.clear()
        for attempt in self.attempts:
            table.add_row(
                attempt.pack_name,
                attempt.at[:16].replace("T", " "),
                attempt.observer,
                _figure(attempt.agreement, percent=True),
                _figure(attempt.kappa),
                "pass" if attempt.passed else "not passed",
                "practice" if attempt.practice else "counted",
                key=attempt.id,
            )
        today = date.today()
        standings = []
        for name in observers(entries):
            found = standing(entries, name, today)
            state = (
                f"certified until {found.certified_until}"
                if found.certified_on(today)
                else "not certified"
            )
            standings.append(f"{name}: {state}; due: {'; '.join(found.due)}")
        self.query_one("#training-standing", Static).update(
            "\n".join(standings) or "No attempts yet."
        )
        self.sub_title = f"{len(self.attempts)} attempt{'s' if len(self.attempts) != 1 else ''}"

    @on(DataTable.RowSelected, "#attempts")
    def _selected(self) -> None:
        self.action_feedback()

    def action_feedback(self) -> None:
        table = self.query_one(DataTable)
        if not self.attempts or table.cursor_row >= len(self.attempts):
            return
        attempt = self.attempts[table.cursor_row]
        pack = self.packs.get(attempt.pack)
        if pack is None:
            self.notify("The pack of that attempt is not in this archive.", severity="warning")
            return
        try:
            session = self.archive.load(attempt.session)
        except ObserveError as error:
            self.notify(str(error), severity="error")
            return
        self.app.push_screen(FeedbackScreen(pack, attempt, score(pack, session)))

    def action_leave(self) -> None:
        self.dismiss(None)


class FeedbackScreen(Screen[None]):
    """One submitted attempt's feedback: the decision, its figures, the disagreements."""

    BINDINGS = [Binding("escape", "leave", "Back")]

    def __init__(self, pack: Pack, attempt: Attempt, result) -> None:  # result: Score
        super().__init__()
        self.pack = pack
        self.attempt = attempt
        self.result = result

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        text = feedback_text(self.pack, self.result, practice=self.attempt.practice_reason)
        summary = text.split("\nPer code")[0]
        yield Static(summary, id="feedback-summary")
        table: DataTable[str] = DataTable(cursor_type="row", id="disagreements")
        for column in ("What", "You", "At", "Master", "At "):
            table.add_column(column)
        for item in self.result.disagreements:
            table.add_row(*disagreement_row(item))
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Feedback · {self.pack.name}"
        self.sub_title = self.attempt.observer
        self.query_one(DataTable).focus()

    def action_leave(self) -> None:
        self.dismiss(None)
