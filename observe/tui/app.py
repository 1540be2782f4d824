"""The observe terminal app: opens the archive and shows the home screen.

Only the App lives here; screens, dialogs and widgets have a file each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual._time import get_time as textual_key_clock
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from observe.errors import ObserveError
from observe.live import PendingWrites, SessionClock, WallClock, local_now
from observe.tui.dialogs.confirm import QuitWithUnsavedDialog
from observe.tui.messages import SessionsChanged
from observe.tui.report_process import (
    ReportOutcome,
    prepare_report_processes,
    write_report_in_process,
)
from observe.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from observe.media import Player, StartPlayer
    from observe.pairing import Mark
    from observe.scheme import Scheme
    from observe.store import Archive, Recorder, SessionSummary
    from observe.tui.dialogs.new_session import NewSessionRequest

ClockSource = Callable[[], float]


class ObserveApp(App[None]):
    """Home screen, new sessions, resume after a crash, review, reports."""

    CSS_PATH = "app.tcss"
    TITLE = "observe"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        # Tab moves focus the moment it is read: a non-priority binding only runs once the
        # focused field has handled it, so keys typed right after Tab (a fast typist, a
        # paste, tmux send-keys) would land in the field being left.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        clock_source: ClockSource = textual_key_clock,
        wall_clock: WallClock = local_now,
        start_player: StartPlayer | None = None,
        first: NewSessionRequest | None = None,
    ) -> None:
        super().__init__()
        prepare_report_processes()
        self.data_dir = Path(data_dir)
        self.clock_source = clock_source
        self.wall_clock = wall_clock
        #: Starts the video player (mpv in its own window; tests pass a fake's).
        self.start_player: StartPlayer = start_player or self._start_mpv
        #: The session to start at once (``observe code``); a failure to start it ends the
        #: app with its sentence (``open_error``) instead of a notice.
        self.first = first
        self.exit_on_failure = first is not None
        self._archive: Archive | None = None
        self.open_error: ObserveError | None = None
        self.last_observer = ""
        self.visit_counts: dict[str, int] = {}

    # -- the archive ---------------------------------------------------------------------

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            raise RuntimeError("the archive is opened when the app starts")
        return self._archive

    def get_default_screen(self) -> Screen:
        """The home screen is the app's first screen, not one pushed over an empty one:
        that would lay out and draw the table of every session twice while starting."""
        from observe.workspace import open_archive

        try:
            self._archive = open_archive(self.data_dir)
        except ObserveError as error:
            self.open_error = error  # on_mount exits; run_app says the sentence
            return Screen()
        return HomeScreen()

    def on_mount(self) -> None:
        if self._archive is None:
            self.exit(return_code=1)
            return
        for problem in self._archive.problems:
            self.notify(problem, title="Archive problem", severity="warning", timeout=30)
        if self.first is not None and self.first.training is not None:
            from observe.tui.screens.training import TrainingScreen

            self.push_screen(TrainingScreen(coding=self.first))  # it starts the coding
        elif self.first is not None:
            self.start_session(self.first)

    async def _start_mpv(self) -> Player:
        from observe.media import Player

        return await Player.start(monotonic=self.clock_source)

    def on_unmount(self) -> None:
        if self._archive is not None:
            self._archive.close()

    def on_sessions_changed(self, message: SessionsChanged) -> None:
        """Any screen may post this to the app after changing sessions: the list follows."""
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.sessions_changed()

    def remember(self, summaries: Sequence[SessionSummary]) -> None:
        """Defaults for the next new session: the last observer and each dyad's visit count."""
        # Demo and imported sessions name no one who is at this laptop: skip them.
        coded_here = ("live", "recording")
        observers = (s.observer for s in summaries if s.origin in coded_here and s.observer)
        self.last_observer = next(observers, self.last_observer)
        counts: dict[str, int] = {}
        for summary in summaries:
            counts[summary.dyad] = counts.get(summary.dyad, 0) + 1
        self.visit_counts = counts

    @property
    def default_scheme_id(self) -> str:
        from observe.scheme import DEFAULT_SCHEME_ID

        return DEFAULT_SCHEME_ID

    def schemes(self) -> list[Scheme]:
        """The schemes a new session can use; a broken scheme file is reported, not fatal."""
        from observe.scheme import scheme_catalogue

        catalogue = scheme_catalogue(self.data_dir)
        for problem in catalogue.problems:
            self.notify(problem, title="Coding scheme left out", severity="warning", timeout=30)
        return [installed.scheme for installed in catalogue.schemes]

    # -- sessions ------------------------------------------------------------------------

    def start_session(self, request: NewSessionRequest) -> None:
        """Create the live session in the archive and open the coding screen on it (one
        coded from a recording: the video first, :mod:`observe.tui.video_sessions`)."""
        if request.recording is not None:
            from observe.tui import video_sessions

            self.run_worker(video_sessions.start(self, request, request.recording))
            return
        try:
            recorder = self.new_recorder(request)
        except ObserveError as error:
            self.notify(str(error), title="Could not start", severity="error", timeout=30)
            return
        self._code(recorder)

    def new_recorder(self, request: NewSessionRequest) -> Recorder:
        """The new session of ``request`` in the archive, marked as the second coding of a
        visit before its first key when the form said so (raises :class:`ObserveError`)."""
        session = request.to_session(self.wall_clock())
        marks: Sequence[Mark] = ()
        if request.second_coding_of is not None:
            session, marks = self.archive.second_coding(session, request.second_coding_of)
        recorder = self.archive.recorder(session)
        try:
            if marks:
                self.archive.write_marks(marks, at=session.second_coding_at)
        except ObserveError as error:  # the session stands; `observe session pair` redoes it
            self.notify(str(error), title="Not paired", severity="warning", timeout=30)
        return recorder

    def resume_session(self, session_id: str) -> None:
        """Continue an interrupted session with every recorded event."""
        try:
            session = self.archive.load(session_id)
            if session.origin == "recording":  # on its video (found, or asked for)
                from observe.tui import video_sessions

                self.run_worker(video_sessions.resume(self, session))
                return
            recorder = self.archive.recorder(session)
        except ObserveError as error:
            self.notify(str(error), title="Could not resume", severity="error", timeout=30)
            return
        self._code(recorder)

    def _code(self, recorder: Recorder) -> None:
        from observe.tui.screens.coding import CodingScreen

        clock = SessionClock.continuing(recorder.session, self.clock_source)
        self.push_screen(CodingScreen(recorder, clock=clock, wall_clock=self.wall_clock))

    def open_schemes(self) -> None:
        """The coding schemes: copy, edit and try them."""
        from observe.tui.screens.scheme_list import SchemeListScreen

        self.push_screen(SchemeListScreen())

    def open_caseload(self) -> None:
        """The caseload: families due an observation, visitors due a reliability check."""
        from observe.tui.screens.caseload import CaseloadScreen

        self.push_screen(CaseloadScreen())

    def practise(self, scheme: Scheme) -> None:
        """The coding screen on a practice session of ``scheme``, kept in memory only."""
        from observe.scheme_editor import PracticeRecorder, practice_session

        recorder = PracticeRecorder(practice_session(scheme, self.wall_clock()))
        self._code(recorder)  # type: ignore[arg-type]  # the live core's recorder protocol

    def review_session(self, session_id: str) -> None:
        """Open an ended session for review; one that cannot be read is one sentence."""
        from observe.tui.screens.review import ReviewScreen

        try:
            session = self.archive.load(session_id)
        except ObserveError as error:
            self.notify(str(error), title="Could not open", severity="error", timeout=30)
            return
        self.push_screen(ReviewScreen(self.archive, session))

    def write_report(self, session_id: str) -> ReportOutcome:
        """Write a session's PDF report in a child process (blocking: call from a worker
        thread). The child does the layout, so a key pressed meanwhile is not kept waiting."""
        from observe.reports import default_report_path

        try:
            session = self.archive.load(session_id)
        except ObserveError as error:
            return ReportOutcome(error=str(error))
        return write_report_in_process(
            session, default_report_path(self.archive.path, session), self.archive.path
        )

    def switch_archive(self, folder: Path) -> str | None:
        """Open the archive at ``folder`` in place of the current one (home screen only).

        The new archive is opened before the old one is closed: a folder that cannot be
        opened leaves everything as it was. Returns the sentence saying why, or None.
        """
        from observe.workspace import open_archive

        folder = folder.expanduser()
        if folder.resolve() == self.archive.path.resolve():
            return f"{folder} is the archive already open."
        try:
            archive = open_archive(folder)
        except ObserveError as error:
            return str(error)
        self.archive.close()
        self._archive = archive
        self.data_dir = folder
        self.last_observer = ""
        for problem in archive.problems:
            self.notify(problem, title="Archive problem", severity="warning", timeout=30)
        return None

    # -- quitting ------------------------------------------------------------------------

    def unsaved_changes(self) -> tuple[int, str] | None:
        """How many coded changes wait in memory for the disk, and why; None when none.

        Any screen that writes through :class:`PendingWrites` (coding, review) counts."""
        for screen in self.screen_stack:
            writes = getattr(screen, "writes", None)
            if isinstance(writes, PendingWrites) and writes.waiting:
                reason = writes.last_error or "the disk refused the last write."
                return len(writes.waiting), reason
        return None

    async def action_quit(self) -> None:
        """Quit, but ask first while coded changes are still waiting to be saved."""
        unsaved = self.unsaved_changes()
        if unsaved is None or isinstance(self.screen, QuitWithUnsavedDialog):
            self.exit()
            return
        count, reason = unsaved
        code_keys = getattr(self.screen, "take_code_key", None)
        self.push_screen(
            QuitWithUnsavedDialog(count, reason, code_keys=code_keys),
            lambda quit_anyway: self.exit() if quit_anyway else None,
        )

    def action_command_palette(self) -> None:
        """The palette; over the coding screen it says at once that what is typed into it
        is a search, not codes."""
        from textual.command import CommandPalette

        if not self.use_command_palette or CommandPalette.is_open(self):
            return
        coding = hasattr(self.screen, "take_code_key")
        placeholder = (
            "Search for commands… (keys typed here are not coded; Esc goes back to coding)"
            if coding
            else "Search for commands…"
        )
        self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))


def make_app(
    data_dir: Path,
    *,
    clock_source: ClockSource = textual_key_clock,
    wall_clock: WallClock = local_now,
    start_player: StartPlayer | None = None,
    first: NewSessionRequest | None = None,
) -> ObserveApp:
    """The app on the archive at ``data_dir``; tests inject the clocks and the player.

    ``clock_source`` must be the clock Textual stamps key events with (``Message.time``):
    monotonic on Linux and macOS, perf_counter on Windows.
    """
    return ObserveApp(
        data_dir,
        clock_source=clock_source,
        wall_clock=wall_clock,
        start_player=start_player,
        first=first,
    )


def run_app(data_dir: Path, first: NewSessionRequest | None = None) -> None:
    """Run the terminal UI until the user quits; an archive that cannot open, or a first
    session that cannot start (``observe code``), is one sentence."""
    app = make_app(data_dir, first=first)
    app.run()
    if app.open_error is not None:
        raise app.open_error
