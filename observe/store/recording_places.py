"""Where this laptop keeps the videos its sessions are linked to: ``<archive>/recordings.json``.

A session keeps what its recording *is* (name, size, SHA-256: ``Session.recording``), never
where it lies: a path is this laptop's, and a session travels in bundles. The archive keeps
the paths apart, one per recording (by SHA-256), written when a video is linked or found:
``{"<sha256>": "/home/…/visit.mp4"}``, replaced atomically, private (0600).

:func:`find_recording` looks at the remembered path, then for a file of the recording's
name in the archive's folder; a file found counts when its size is the recording's (the
full hash is checked when the video is linked, not each time it is played). A damaged or
missing places file is no error: the recording is then not found, and the command says
so and how to give the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from observe.model import Recording
from observe.store.atomic import atomic_write, encode_json

FILE_NAME = "recordings.json"


def places_path(archive_dir: Path) -> Path:
    return archive_dir / FILE_NAME


def read_places(archive_dir: Path) -> dict[str, str]:
    """The remembered paths (SHA-256 → path); empty when the file is missing or damaged."""
    try:
        data = json.loads(places_path(archive_dir).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}


def remember_recording(archive_dir: Path, recording: Recording, path: Path) -> None:
    """Remember that ``recording`` is the file at ``path`` on this laptop."""
    places = read_places(archive_dir)
    places[recording.sha256] = str(Path(path).resolve())
    atomic_write(places_path(archive_dir), encode_json(places))


def find_recording(archive_dir: Path, recording: Recording) -> Path | None:
    """The file of ``recording`` on this laptop, or ``None`` when it cannot be found."""
    remembered = read_places(archive_dir).get(recording.sha256)
    candidates = [Path(remembered)] if remembered else []
    candidates.append(archive_dir / recording.name)
    for candidate in candidates:
        try:
            if candidate.is_file() and candidate.stat().st_size == recording.size:
                return candidate
        except OSError:
            continue
    return None
