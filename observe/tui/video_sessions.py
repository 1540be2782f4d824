"""Starting and resuming sessions coded from a recording, for the app.

A new one (``observe code --video``, or ``f`` on the home screen): the file is checked and
opened in a player first, so a missing file, a folder or a file mpv cannot play is one
sentence and no session is made; then the session (``origin="recording"``) starts
recording, where the file is is kept on this laptop (:mod:`observe.store.recording_paths`),
and the coding screen opens on the video. Its facts are read once it shows.

A resumed one finds its file where it was coded from; when it is not there any more (or
was never known), the picker asks for it, naming the file the session was coded from.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from observe.errors import ObserveError
from observe.model import Session
from observe.store.recording_paths import remember_recording, remembered_recording

if TYPE_CHECKING:
    from observe.media import StartPlayer, VideoLink
    from observe.store import Archive, Recorder
    from observe.tui.dialogs.new_session import NewSessionRequest


class ObserveApp(Protocol):
    """What these need of the app (:class:`observe.tui.app.ObserveApp`, which calls them)."""

    archive: Archive
    start_player: StartPlayer
    exit_on_failure: bool
    open_error: ObserveError | None

    def wall_clock(self) -> datetime: ...

    def notify(self, message: str, **options: Any) -> None: ...

    def exit(self, *, return_code: int = 0) -> None: ...

    def push_screen(self, screen: Any, callback: Any = None) -> Any: ...

    def run_worker(self, work: Any, **options: Any) -> Any: ...


async def _open(app: ObserveApp, path: Path, *, title: str) -> VideoLink | None:
    """The player on ``path``, or None after saying why not (the CLI: exits with it)."""
    from observe.media import VideoLink

    try:
        return await VideoLink.open(path, app.start_player)
    except ObserveError as error:
        _failed(app, error, title)
        return None


def _failed(app: ObserveApp, error: ObserveError, title: str) -> None:
    if app.exit_on_failure:
        app.open_error = error
        app.exit(return_code=1)
    else:
        app.notify(str(error), title=title, severity="error", timeout=30)


async def start(app: ObserveApp, request: NewSessionRequest, path: Path) -> None:
    """Open ``path``, then start the session of ``request`` coded from it."""
    video = await _open(app, path, title="Could not open the recording")
    if video is None:
        return
    try:
        recorder = app.new_recorder(request)
    except ObserveError as error:
        await video.close()
        _failed(app, error, "Could not start")
        return
    remember_recording(app.archive.path, recorder.session.id, path)
    _code(app, recorder, video)


async def resume(app: ObserveApp, session: Session, path: Path | None = None) -> None:
    """Continue ``session`` on its recording: ``path``, else where it was coded from, else
    the file the observer picks."""
    path = path or remembered_recording(app.archive.path, session.id)
    if path is None or not path.is_file():
        _ask(app, session, path)
        return
    video = await _open(app, path, title="Could not open the recording")
    if video is None:
        return
    position = session.pauses[-1].at if session.pauses else session.clock
    try:
        if position > 0:
            await video.player.seek_to(position)
        recorder = app.archive.recorder(app.archive.load(session.id))
    except ObserveError as error:
        await video.close()
        _failed(app, error, "Could not resume")
        return
    remember_recording(app.archive.path, session.id, path)
    _code(app, recorder, video)


def _ask(app: ObserveApp, session: Session, missing: Path | None) -> None:
    from observe.tui.dialogs.recording_picker import RecordingPicker

    name = session.recording.name if session.recording is not None else "its video file"
    where = f" It is no longer at {missing}." if missing is not None else ""
    about = f"Where is {name}, the recording this session was coded from?{where}"
    folder = missing.parent if missing is not None else Path.cwd()

    def picked(path: Path | None) -> None:
        if path is not None:
            app.run_worker(resume(app, session, path), group="video-start")

    app.push_screen(RecordingPicker(folder, about=about), picked)


def _code(app: ObserveApp, recorder: Recorder, video: VideoLink) -> None:
    from observe.tui.screens.coding_video import VideoCodingScreen

    app.push_screen(VideoCodingScreen(recorder, video=video, wall_clock=app.wall_clock))
