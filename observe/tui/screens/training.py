"""Training: the packs imported into the archive and every attempt at them, with each
observer's certification; Enter on an attempt shows its feedback and its disagreements
with the master coding (nothing of the master coding is shown before an attempt is
submitted).

``c`` codes a pack from here (which pack, when there are several; the recording, typed in
already where a file of the pack's video name is beside a recording coded before; the
trainee's observer code), ``i`` imports a pack file. Opened by ``observe train PACK --video
FILE --observer O`` with the trainee's request, the screen starts the coding of the
recording at once (the video coding screen, exactly as
``observe code --video``); when the trainee ends that session and comes back here, it is
submitted (the video checked against the pack: another file is practice only, said so) and
its feedback is shown."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from observe.errors import ObserveError
from observe.training.record import Attempt, observers, standing
from observe.training.record_file import read_record, stored_packs
from observe.training.scoring import score
from observe.tui.screens.training_feedback import FeedbackScreen

if TYPE_CHECKING:
    from observe.store import Archive
    from observe.training.pack import Pack
    from observe.tui.dialogs.new_session import NewSessionRequest

COLUMNS = ("Pack", "When", "Observer", "Agreement", "Kappa", "Result", "Counts")


def _figure(value: float | None, *, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{round(value * 100)}%" if percent else f"{value:.2f}"


class TrainingScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "feedback", "Feedback", show=False),
        Binding("f", "feedback", "Feedback"),
        Binding("c", "code", "Code a pack"),
        Binding("i", "import_pack", "Import"),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, *, coding: NewSessionRequest | None = None) -> None:
        super().__init__()
        self.attempts: list[Attempt] = []
        self.packs: dict[str, Pack] = {}
        self.coding = coding  # the trainee's coding to start, then submit

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
        if self.coding is not None:
            self.app.start_session(self.coding)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        self.reload()
        if self.coding is not None:
            self.submit_coded()

    def _coded(self) -> str | None:
        """The trainee's session of this screen's coding, ended and not yet submitted."""
        assert self.coding is not None
        submitted = {attempt.session for attempt in self.attempts}
        found = [
            s
            for s in self.archive.list_sessions()
            if s.training == self.coding.training
            and s.observer == self.coding.observer
            and s.status == "ended"
            and s.id not in submitted
        ]
        return found[0].id if found else None  # (newest first)

    @work(exclusive=True, group="training-submit")
    async def submit_coded(self) -> None:
        from observe.training.submit import submit, video_check

        assert self.coding is not None
        session_id = self._coded()
        pack = self.packs.get(self.coding.training or "")
        if session_id is None or pack is None:
            return
        video = self.coding.recording
        try:
            reason = await asyncio.to_thread(video_check, pack, video)
            session = self.archive.load(session_id)
            result, attempt = submit(self.archive, pack, session, practice=reason)
        except ObserveError as error:
            self.notify(str(error), title="Not submitted", severity="error", timeout=30)
            return
        if reason is not None:
            self.notify(
                f"Refused for certification: {reason}. The attempt is kept as practice.",
                title="Practice only",
                severity="warning",
                timeout=30,
            )
        self.reload()
        self.app.push_screen(FeedbackScreen(pack, attempt, result, video=video))

    def reload(self) -> None:
        try:
            packs, problems = stored_packs(self.archive.path)
            entries = read_record(self.archive.path)
        except ObserveError as error:
            self.query_one("#training-packs", Static).update(f"⚠ {error}")
            return
        self.packs = {pack.digest: pack for pack in packs}
        names = ", ".join(f"{p.name} ({p.short})" for p in packs) or "none yet"
        lines = [f"Packs: {names}. c codes one, i imports a pack file."]
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
        from observe.store.recording_paths import remembered_recording

        video = remembered_recording(self.archive.path, session.id)  # where it was coded from
        self.app.push_screen(FeedbackScreen(pack, attempt, score(pack, session), video=video))

    def action_code(self) -> None:
        """Code a pack: which one, then its recording, then the trainee's code."""
        packs = list(self.packs.values())
        if not packs:
            self.notify("No training pack yet: press i to import a pack file.", timeout=10)
            return
        if self.archive.readonly:
            self.notify(str(self.archive.readonly_reason), severity="error", timeout=20)
            return
        if len(packs) == 1:
            self._pick_recording(packs[0])
            return
        from observe.tui.dialogs.training import PackChooser

        def chosen(digest: str | None) -> None:
            if digest is not None and digest in self.packs:
                self._pick_recording(self.packs[digest])

        self.app.push_screen(PackChooser(packs), chosen)

    def _pick_recording(self, pack: Pack) -> None:
        from observe.tui.dialogs.recording_picker import RecordingPicker
        from observe.tui.dialogs.training import TraineeDialog, beside_earlier

        found = beside_earlier(self.archive.path, pack.recording.name, Path.cwd())
        about = f"Choose the video of training pack {pack.name} ({pack.recording.name})."

        def picked(path: Path | None) -> None:
            if path is None:
                return

            def coded_by(observer: str | None) -> None:
                if observer is not None:
                    self._start(pack, path, observer)

            last = str(getattr(self.app, "last_observer", ""))
            self.app.push_screen(TraineeDialog(pack, last), coded_by)

        folder = found.parent if found is not None else Path.cwd()
        self.app.push_screen(RecordingPicker(folder, about=about, suggested=found), picked)

    def _start(self, pack: Pack, path: Path, observer: str) -> None:
        from observe.tui.dialogs.training import trainee_request

        try:
            request = trainee_request(pack, path.absolute(), observer)
        except ObserveError as error:
            self.notify(str(error), severity="error", timeout=20)
            return
        self.coding = request  # submitted when the trainee comes back here
        self.app.start_session(request)  # type: ignore[attr-defined]

    def action_import_pack(self) -> None:
        from observe.tui.dialogs.training import PackImport

        def imported(pack: Pack | None) -> None:
            if pack is not None:
                self.reload()
                self.notify(f"Pack {pack.name} is in the archive: c codes it.", timeout=10)

        self.app.push_screen(PackImport(Path.cwd()), imported)

    def action_leave(self) -> None:
        self.dismiss(None)
