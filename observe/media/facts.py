"""What a session records about the recording it was coded from.

Name, size and SHA-256 let a reopened session find the file again and tell whether it is
the same recording; duration and frame rate are seconds and frames per second, never
frame numbers (phones record at variable frame rates, where a frame number is no time).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path

from observe.media.errors import MediaFileError
from observe.media.isobmff import constant_frame_rate, is_iso_media
from observe.media.player import Player
from observe.model import Recording, to_ms

#: Bytes read at a time while hashing: memory stays this small for any size of file.
HASH_CHUNK = 1 << 20


#: The facts are the model's :class:`~observe.model.Recording`: one record, kept by the session.
MediaFacts = Recording


def read_facts(
    path: str | os.PathLike[str],
    *,
    duration: float | None,
    declared_frame_rate: float | None = None,
) -> Recording:
    """Hash and measure the file at ``path`` (blocking: the whole file is read).

    ``duration`` and ``declared_frame_rate`` come from the player. An MP4 or MOV file's
    frame rate is read from its own sample table (a variable rate gives None, whatever the
    header declares); another format's is the rate it declares.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
        digest = file_sha256(source)
        if is_iso_media(source):
            rate = constant_frame_rate(source)
        else:
            rate = round(declared_frame_rate, 6) if declared_frame_rate else None
    except OSError as error:
        raise MediaFileError(
            source, error.strerror or type(error).__name__, doing="read"
        ) from error
    return Recording(
        name=source.name,
        size=size,
        sha256=digest,
        duration=to_ms(duration) if duration else None,
        frame_rate=rate,
    )


def file_sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks of :data:`HASH_CHUNK` bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


async def media_facts(player: Player, path: str | os.PathLike[str]) -> Recording:
    """The facts of the recording ``player`` has loaded from ``path``.

    The file is hashed in a worker thread, so the event loop (and the coding screen on
    it) keeps running while a long recording is read.
    """
    duration = await player.read_duration()
    declared = await player.container_fps()
    return await asyncio.to_thread(
        read_facts, path, duration=duration, declared_frame_rate=declared
    )
