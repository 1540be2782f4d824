"""Review an ended session: its events in a table, edited through a recorder like live coding.

Every edit, deletion or insertion is a journaled change (``EventAmended``/``EventRemoved``/
``EventRecorded``) written through the live core's :class:`SessionSaver` and a
:class:`Recorder` for the session, and folded by the same policy as live coding (in a
worker; the last fold when the screen leaves), so a review edit is as safe as a live key
press: one the disk refuses is kept and retried, and the screen does not close while one
waits. The figures follow every change.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from observe.analysis import analyze_session
from observe.analysis.results import SessionAnalysis
from observe.changes import Change, EventAmended, EventRecorded, EventRemoved, SessionAnnotated
from observe.display import clock_tenths, when
from observe.errors import ObserveError
from observe.labels import actor_label, code_label
from observe.live import RETRY_EVERY_SECONDS, PendingWrites, Saved, SessionSaver
from observe.model import Event, Session
from observe.store import Archive, Recorder
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.event_editor import EventEditor
from observe.tui.dialogs.ratings import RatingsDialog, RatingsResult
from observe.tui.screens.coding_saving import close_recording, fold_in_background
from observe.tui.screens.help import HelpScreen
from observe.tui.screens.review_actions import review_bindings, review_help_rows
from observe.tui.screens.review_periods import ReviewPeriods
from observe.tui.screens.review_video import ReviewVideo
from observe.tui.widgets.figures_panel import FiguresPanel, LatencyCaveat
from observe.tui.widgets.not_saved_banner import NotSavedBanner

COLUMNS = ("Time", "Actor", "Code", "Kind", "Int.", "Note", "Outcome")


def outcomes_by_event(session: Session, analysis: SessionAnalysis) -> dict[str, str]:
    """Each cue event's outcome (matched, repaired, …), matched to events by time and code."""
    waiting: dict[tuple[float, str], list[str]] = {}
    for event in session.events:
        if session.scheme.is_cue(event.code) and event.kind != "stop":
            waiting.setdefault((event.t, event.code), []).append(event.id)
    found: dict[str, str] = {}
    for cue in analysis.cues:
        ids = waiting.get((cue.t, cue.code))
        if ids:
            found[ids.pop(0)] = cue.outcome
    return found


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def event_row(session: Session, event: Event, outcome: str | None) -> tuple[str, ...]:
    return (
        clock_tenths(event.t),
        actor_label(session.scheme, event.code),
        shorten(code_label(session.scheme, event.code), 22),
        event.kind,
        "" if event.intensity is None else str(event.intensity),
        shorten(event.note or "", 12),
        (outcome or "").replace("_", " "),  # "not codable"
    )


class ReviewScreen(ReviewPeriods, ReviewVideo, Screen[None]):
    BINDINGS = review_bindings()

    def __init__(self, archive: Archive, session: Session) -> None:
        """Review ``session`` (loaded by the caller, who says what is wrong with a session
        that cannot be loaded)."""
        super().__init__()
        self.archive = archive
        self.session_id = session.id
        self.session: Session = session
        self.recorder: Recorder | None = None
        self.saver: SessionSaver | None = None

    @property
    def writes(self) -> PendingWrites | None:
        """The changes waiting for the disk (the app's quit guard reads them)."""
        return None if self.saver is None else self.saver.writes

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        yield Static(id="review-readonly")
        yield Static(id="review-excluded")
        yield NotSavedBanner(id="write-error")
        yield DataTable(id="review-events", cursor_type="row", zebra_stripes=True)
        with Vertical(id="review-figures-panel") as panel:
            panel.border_title = "Figures"
            yield FiguresPanel(id="review-figures")
            yield LatencyCaveat(id="review-caveat")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        if self.archive.readonly:
            self._read_only(self.archive.readonly_reason or "The archive is open read-only.")
        else:
            try:
                self.recorder = self.archive.recorder(self.session)
                self.saver = SessionSaver(self.recorder)
                self.session = self.recorder.session
                self.set_interval(RETRY_EVERY_SECONDS, self._retry_writes)
                self.set_interval(self.saver.policy.every_seconds, self._periodic_fold)
            except ObserveError as error:
                self._read_only(str(error))
        self._show()
        table.focus()

    def _read_only(self, reason: str) -> None:
        banner = self.query_one("#review-readonly", Static)
        banner.update(f"READ-ONLY: {reason} Edits are switched off.")
        banner.display = True

    def _show(self, select: str | None = None) -> None:
        session = self.session
        analysis = analyze_session(session)
        outcomes = outcomes_by_event(session, analysis)
        visit = f" · visit {session.visit}" if session.visit else ""
        self.query_one("#review-title", Static).update(
            f"Review · {session.dyad}{visit} · {when(session.started_at)} · "
            f"{clock_tenths(session.duration)} · {len(session.events)} events · "
            f"{session.scheme.name}"
        )
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for event in session.events:
            table.add_row(*event_row(session, event, outcomes.get(event.id)), key=event.id)
        if select is not None and select in {e.id for e in session.events}:
            table.move_cursor(row=table.get_row_index(select))
        elif session.events:
            table.move_cursor(row=min(row, len(session.events) - 1))
        self.query_one("#review-figures", FiguresPanel).show(analysis, compact=True)
        self.show_excluded()

    def _selected(self) -> Event | None:
        table = self.query_one(DataTable)
        if not self.session.events or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return self.session.event(str(key))

    def _apply(self, change: Change, *, select: str | None = None) -> None:
        if self.saver is None:
            self.notify("This session cannot be changed here (read-only).", severity="warning")
            return
        checked = self.reviewed(change)  # state groups stay exclusive
        if checked is None:
            return
        change = checked
        self._after_write(self.saver.submit(change), select)

    def _retry_writes(self) -> None:
        if self.saver is None or not self.saver.waiting:
            return
        self._after_write(self.saver.retry())

    def _periodic_fold(self) -> None:
        if self.saver is not None and self.saver.timer():
            fold_in_background(self, self.saver.fold, self.saver.writes)

    def _after_write(self, written: Saved, select: str | None = None) -> None:
        assert self.saver is not None
        if written.fold_now:
            fold_in_background(self, self.saver.fold, self.saver.writes)
        self.session = self.saver.session  # saved, plus what still waits for the disk
        self.query_one("#write-error", NotSavedBanner).show(self.saver.writes)
        self._show(select)

    # -- actions -------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        event = self._selected()
        if event is None or self.recorder is None:
            return

        def edited(result: Event | None) -> None:
            if result is not None and result != event:
                self._apply(EventAmended(result), select=result.id)

        self.app.push_screen(EventEditor(self.session.scheme, self.session.duration, event), edited)

    def action_insert(self) -> None:
        if self.recorder is None:
            return
        current = self._selected()

        def inserted(result: Event | None) -> None:
            if result is not None:
                self._apply(EventRecorded(result), select=result.id)

        self.app.push_screen(
            EventEditor(
                self.session.scheme, self.session.duration, at=current.t if current else 0.0
            ),
            inserted,
        )

    def action_delete(self) -> None:
        event = self._selected()
        if event is None or self.recorder is None:
            return
        label = code_label(self.session.scheme, event.code)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._apply(EventRemoved(event.id))

        self.app.push_screen(
            ConfirmDialog(self.delete_question(event, label), yes="Delete", no="Keep", danger=True),
            answered,
        )

    def action_ratings(self) -> None:
        scheme = self.session.scheme
        if self.recorder is None:
            return

        def entered(result: RatingsResult | None) -> None:
            if result is not None:
                ratings, notes = result
                self._apply(SessionAnnotated(ratings=ratings, notes=notes))

        self.app.push_screen(
            RatingsDialog(
                scheme.ratings,
                values=self.session.ratings,
                notes=self.session.notes,
                title="Ratings and notes",
            ),
            entered,
        )

    def action_help(self) -> None:
        self.app.push_screen(
            HelpScreen(review_help_rows(), scheme=self.session.scheme, title="Review keys")
        )

    def action_back(self) -> None:
        if self.saver is not None and self.saver.waiting:
            self.notify(
                "Some changes are not saved yet; review stays open while they are retried.",
                severity="warning",
            )
            return
        self.app.pop_screen()

    def on_unmount(self) -> None:
        """The last fold (it finishes the session file again), then stop recording."""
        self.close_video()
        if self.recorder is not None:
            close_recording(self, self.recorder)
            self.recorder = None
