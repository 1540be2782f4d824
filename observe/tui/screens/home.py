"""The home screen: the archive's sessions, and what can be done with them. When it reads
its list again is :mod:`~observe.tui.screens.home_following`'s: only while it is on top."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from observe.display import when
from observe.errors import ObserveError
from observe.tui.commands import HomeCommands
from observe.tui.dialogs.confirm import ConfirmDialog
from observe.tui.dialogs.new_session import NewSessionDialog, NewSessionRequest
from observe.tui.dialogs.open_archive import OpenArchiveDialog
from observe.tui.dialogs.pair import PairChoice, PairDialog, apply_choice
from observe.tui.dialogs.resume_offer import ResumeAnswer, ResumeOffer, resume_question
from observe.tui.messages import ReportFailed, ReportWritten, SessionsChanged
from observe.tui.screens.help import HelpScreen
from observe.tui.screens.home_actions import help_rows, home_bindings
from observe.tui.screens.home_following import IndexFollower
from observe.tui.widgets.session_table import SessionTable, is_interrupted, is_resumable

if TYPE_CHECKING:
    from observe.scheme import Scheme
    from observe.store import Archive, SessionSummary
    from observe.tui.report_process import ReportOutcome

INDEX_FILE = "index.json"


@runtime_checkable
class HomeApp(Protocol):
    """What the home screen asks of the app it runs in (``ObserveApp``): the screen names
    its needs instead of importing the app, which imports the screen."""

    last_observer: str
    visit_counts: dict[str, int]
    #: The session the app was started to code (``observe code``): no offer to resume.
    first: NewSessionRequest | None

    @property
    def archive(self) -> Archive: ...

    @property
    def default_scheme_id(self) -> str: ...

    def remember(self, summaries: Sequence[SessionSummary]) -> None: ...

    def schemes(self) -> list[Scheme]: ...

    def start_session(self, request: NewSessionRequest) -> None: ...

    def resume_session(self, session_id: str) -> None: ...

    def review_session(self, session_id: str) -> None: ...

    def write_report(self, session_id: str) -> ReportOutcome: ...

    def switch_archive(self, folder: Path) -> str | None: ...

    def open_schemes(self) -> None: ...

    def open_caseload(self) -> None: ...


def describe(summary: SessionSummary) -> str:
    visit = f" visit {summary.visit}" if summary.visit else ""
    return f"{summary.dyad}{visit} ({when(summary.started_at)})"


class HomeScreen(Screen[None]):
    """Lists sessions newest first; new, resume, review, report, delete."""

    BINDINGS = home_bindings()
    COMMANDS = {HomeCommands}

    def __init__(self) -> None:
        super().__init__()
        self._offered_resume = False
        self._reports_running = 0
        self._all: list[SessionSummary] = []
        self._bindings_pending = False
        self.following = IndexFollower(
            self, lambda: self.observe.archive.path / INDEX_FILE, self.reload
        )

    @property
    def observe(self) -> HomeApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static("", id="readonly")
        yield Input(placeholder="Filter by dyad (press /)", id="filter")
        yield SessionTable(id="sessions")
        yield Static("", id="status")
        yield Footer()

    @property
    def table(self) -> SessionTable:
        return self.query_one(SessionTable)

    def on_mount(self) -> None:
        self._show_readonly()
        self.reload()
        self.table.focus()
        self.call_after_refresh(self._offer_resume)
        self.following.start()

    def _show_readonly(self) -> None:
        archive = self.observe.archive
        banner = self.query_one("#readonly", Static)
        if archive.readonly:
            reason = (archive.readonly_reason or "another observe is using this archive").rstrip(
                "."
            )
            banner.update(f"⚠ READ-ONLY: {reason}. Browsing and reports still work.")
        banner.display = archive.readonly

    @property
    def rebuilds(self) -> int:
        """How often the list was read and shown again (a test counts them)."""
        return self.following.rebuilds

    def on_screen_suspend(self) -> None:
        self.following.suspended()

    def on_screen_resume(self) -> None:
        """Back from coding, review or a dialog: the list may have changed."""
        self.following.resumed()
        self.refresh_bindings()

    def sessions_changed(self) -> None:
        self.following.changed()

    @on(SessionsChanged)
    def _sessions_changed(self) -> None:
        self.sessions_changed()

    def reload(self) -> None:
        """Read the list again from the archive index."""
        self.following.reloaded()
        self._all = self.observe.archive.list_sessions()
        self.observe.remember(self._all)
        count = len(self._all)
        self.sub_title = f"{count} session{'s' if count != 1 else ''}"
        self._apply_filter()

    def _apply_filter(self) -> None:
        summaries = self._all
        wanted = self.query_one("#filter", Input).value.strip().casefold()
        if wanted:
            summaries = [s for s in summaries if wanted in s.dyad.casefold()]
        self.table.show(summaries)
        self._show_status()
        self.refresh_bindings()

    def _show_status(self, text: str | None = None) -> None:
        status = self.query_one("#status", Static)
        if text is None:
            if self._reports_running:
                text = "⏳ Writing report…"
            elif not self.table.row_count:
                filtered = bool(self.query_one("#filter", Input).value.strip())
                text = (
                    "No session matches this dyad filter."
                    if filtered
                    else "No sessions yet: press n to start one "
                    "(or run `observe demo` for examples)."
                )
            else:
                text = ""
        status.update(text)
        status.display = bool(text)

    def _offer_resume(self) -> None:
        """At start, offer the newest session that was not ended (paused or interrupted)
        once; the offer also leads to a new session."""
        if self._offered_resume or self.observe.archive.readonly or self.observe.first:
            return
        self._offered_resume = True
        resumable = [s for s in self.table.summaries.values() if is_resumable(s)]
        if not resumable:
            return
        summary = resumable[0]

        def answered(answer: ResumeAnswer | None) -> None:
            if answer == "resume":
                self.observe.resume_session(summary.id)
            elif answer == "new":
                self.action_new_session()

        question = resume_question(describe(summary), left_at=summary.left_at)
        self.app.push_screen(ResumeOffer(question), answered)

    # -- which actions apply ------------------------------------------------------------

    def refresh_bindings(self) -> None:
        """Update the footer once per refresh, however many changes asked for it: each
        update rebuilds the footer and lays the screen out again, and loading the list
        (rows, cursor, focus) asks three times in a row."""
        if self._bindings_pending:
            return
        self._bindings_pending = True
        self.call_after_refresh(self._publish_bindings)

    def _publish_bindings(self) -> None:
        self._bindings_pending = False
        super().refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or not self.query(SessionTable):
            return True
        readonly = self.observe.archive.readonly
        selected = self.table.selected
        if action == "new_session":
            return None if readonly else True
        if action == "resume":
            if selected is None or not is_resumable(selected):
                return False
            return None if readonly else True
        if action in ("review", "report"):
            return selected is not None and not is_resumable(selected)
        if action in ("delete", "pair"):
            if selected is None:
                return False
            return None if readonly else True
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _open(self) -> None:
        selected = self.table.selected
        if selected is None:
            return
        if is_resumable(selected):
            self.action_resume()
        else:
            self.action_review()

    # -- actions ------------------------------------------------------------------------

    def action_new_session(self) -> None:
        if self.observe.archive.readonly:
            return
        self.app.push_screen(self._new_session_form(), self._start)

    def _new_session_form(self, recording: Path | None = None) -> NewSessionDialog:
        """The new-session form, for a live session or one coded from ``recording`` (its
        "Pair with" offers the dyad's sessions: a recording is often a second coding)."""
        return NewSessionDialog(
            self.observe.schemes(),
            default_scheme=self.observe.default_scheme_id,
            observer=self.observe.last_observer,
            visits=self.observe.visit_counts,
            recording=recording,
            sessions=self._all,
        )

    def action_new_from_recording(self) -> None:
        """The video file first (the picker), then the new-session form for it."""
        if self.observe.archive.readonly:
            return
        from observe.tui.dialogs.recording_picker import RecordingPicker

        def picked(path: Path | None) -> None:
            if path is not None:
                self.app.push_screen(self._new_session_form(path), self._start)

        self.app.push_screen(RecordingPicker(Path.cwd()), picked)

    def _start(self, request: NewSessionRequest | None) -> None:
        if request is not None:
            self.observe.start_session(request)

    def action_resume(self) -> None:
        selected = self.table.selected
        if selected is not None and is_resumable(selected) and not self.observe.archive.readonly:
            self.observe.resume_session(selected.id)

    def action_review(self) -> None:
        selected = self.table.selected
        if selected is not None and not is_resumable(selected):
            self.observe.review_session(selected.id)

    def action_delete(self) -> None:
        selected = self.table.selected
        if selected is None or self.observe.archive.readonly:
            return
        state = (
            " It was interrupted and never ended."
            if is_interrupted(selected)
            else " It is paused and was never ended."
            if is_resumable(selected)
            else ""
        )
        question = (
            f"Delete the session {describe(selected)} with its {selected.events} events?{state} "
            "This cannot be undone."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    self.observe.archive.delete(selected.id)
                except ObserveError as error:
                    self.notify(str(error), severity="error", timeout=15)
                    return
                self.notify(f"Deleted {describe(selected)}.")
                self.reload()

        self.app.push_screen(
            ConfirmDialog(question, yes="Delete", no="Keep", danger=True), answered
        )

    def action_pair(self) -> None:
        selected = self.table.selected
        if selected is None or self.observe.archive.readonly:
            return
        family = [s for s in self._all if s.dyad == selected.dyad]

        def chosen(choice: PairChoice | None) -> None:
            if choice is None:
                return
            try:
                done = apply_choice(self.observe.archive, choice)
            except ObserveError as error:
                self.notify(str(error), title="Not paired", severity="error", timeout=15)
                return
            self.notify(done, title="Double coding")
            self.reload()

        self.app.push_screen(PairDialog(selected, family), chosen)

    def action_report(self) -> None:
        selected = self.table.selected
        if selected is None or is_resumable(selected):
            return
        self._reports_running += 1
        self._show_status(f"⏳ Writing the report for {describe(selected)}…")
        self._write_report(selected.id)

    @work(thread=True, group="reports")
    def _write_report(self, session_id: str) -> None:
        # This thread only waits: the layout runs in a child process (see report_process).
        outcome = self.observe.write_report(session_id)
        if outcome.path is not None:
            self.post_message(ReportWritten(session_id, outcome.path))
        else:
            self.post_message(ReportFailed(session_id, outcome.error or "the report failed."))

    @on(ReportWritten)
    def _report_written(self, message: ReportWritten) -> None:
        self._reports_running -= 1
        self._show_status()
        self.notify(f"Report written: {message.path}", title="Report", timeout=20)

    @on(ReportFailed)
    def _report_failed(self, message: ReportFailed) -> None:
        self._reports_running -= 1
        self._show_status()
        self.notify(message.reason, title="Report failed", severity="error", timeout=20)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_open_archive(self) -> None:
        def chosen(folder: Path | None) -> None:
            if folder is not None:
                self._switch_to(folder)

        self.app.push_screen(OpenArchiveDialog(self.observe.archive.path), chosen)

    def _switch_to(self, folder: Path) -> None:
        problem = self.observe.switch_archive(folder)
        if problem is not None:
            self.notify(problem, title="Archive not opened", severity="error", timeout=20)
            return
        self.query_one("#filter", Input).value = ""
        self._show_readonly()
        self.reload()
        self.table.focus()
        self.notify(f"Archive: {self.observe.archive.path}", title="Archive opened")
        self._offered_resume = False
        self.call_after_refresh(self._offer_resume)

    def action_schemes(self) -> None:
        self.observe.open_schemes()

    def action_caseload(self) -> None:
        self.observe.open_caseload()

    def action_training(self) -> None:
        from observe.tui.screens.training import TrainingScreen

        self.app.push_screen(TrainingScreen())

    def action_leave_filter(self) -> None:
        self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._apply_filter()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_help(self) -> None:
        self.app.push_screen(
            HelpScreen(
                help_rows(), title=f"Keys on the home screen — archive: {self.observe.archive.path}"
            )
        )
