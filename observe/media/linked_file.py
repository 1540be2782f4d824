"""The video file a session is linked to, on this laptop (one sentence when it is not there).

The session keeps what its recording is (``Session.recording``); the archive remembers
where this laptop keeps it, per session (:mod:`observe.store.recording_paths`), or it is
in the archive's own folder under its name. A file given by the
user instead must be that recording: its size is checked, and a file of another size is
refused before anything is played or written.
"""

from __future__ import annotations

from pathlib import Path

from observe.errors import ObserveError
from observe.model import Recording, Session
from observe.store.recording_paths import remember_recording, remembered_recording


class NoLinkedVideo(ObserveError):
    """The session is linked to no video, or its video is not on this laptop."""


def linked_file(archive_dir: Path, session: Session, given: Path | None = None) -> Path:
    """The file of the session's recording: ``given`` (checked, then remembered), else the
    one the archive remembers or keeps in its folder."""
    recording = session.recording
    if recording is None:
        raise NoLinkedVideo(
            f"session {session.id[:8]} is linked to no video; link it with "
            f"`observe session link-video {session.id[:8]} FILE`."
        )
    if given is not None:
        if not given.is_file():
            raise NoLinkedVideo(f"there is no video file {given}; check the path.")
        if given.stat().st_size != recording.size:
            raise NoLinkedVideo(
                f"{given} is not the video session {session.id[:8]} is linked to "
                f"({recording.name}, {recording.size} bytes); give that file, or link this "
                f"one with `observe session link-video {session.id[:8]} {given}`."
            )
        remember_recording(archive_dir, session.id, given)
        return given
    found = _found(archive_dir, session, recording)
    if found is None:
        raise NoLinkedVideo(
            f"the video {recording.name} of session {session.id[:8]} is not where it was "
            "linked from (it was moved, renamed or is on another computer); give it with "
            "--video FILE."
        )
    return found


def _found(archive_dir: Path, session: Session, recording: Recording) -> Path | None:
    """The remembered file of the session, else one of the recording's name in the archive's
    folder, counted only when its size is the recording's (the full hash is checked when a
    video is linked, not each time it is played)."""
    remembered = remembered_recording(archive_dir, session.id)
    for candidate in [remembered, archive_dir / recording.name]:
        try:
            if (
                candidate is not None
                and candidate.is_file()
                and candidate.stat().st_size == recording.size
            ):
                return candidate
        except OSError:
            continue
    return None
