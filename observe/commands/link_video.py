"""``observe session link-video ID FILE``: the video of a session's visit, and where the
session's clock stands in it.

A session linked to a video can be watched from review (each event at its moment), its
moments to revisit played (``observe moments play``), and its report shows a still of each
moment. The offset is the video position of the session's start: an event at ``t`` is at
``t + offset`` in the video (for a live session that was paused, its time plus the pauses
before it, as the camera kept recording). It is given (``--offset S``), estimated from a
coding of the recording (``--from-coding OTHER``: :mod:`observe.analysis.sync`), kept from
an earlier link to the same file, or 0 (a session coded from the video itself).
"""

from __future__ import annotations

import asyncio
import math
from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.commands.target import warn_problems
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.model import Recording


@click.command("link-video")
@click.argument("session_id", metavar="ID")
@click.argument("video", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--offset",
    type=float,
    default=None,
    metavar="S",
    help="Seconds of the video at which the session's clock starts (e.g. 4.3: the session's "
    "0:00 is at 0:04.3 of the video; negative if the video started later).",
)
@click.option(
    "--from-coding",
    "other",
    default=None,
    metavar="OTHER_ID",
    help="Estimate the offset from OTHER_ID, a coding of the same visit made from this video.",
)
@click.option(
    "--tolerance",
    type=float,
    default=None,
    metavar="S",
    help="With --from-coding: seconds two codes may be apart and still be the same moment "
    "(default: the archive's reliability tolerance).",
)
def link_video_command(
    session_id: str, video: Path, offset: float | None, other: str | None, tolerance: float | None
) -> None:
    """Link session ID (or a unique prefix of 4+ characters) to FILE, the video of its
    visit, with the offset of its clock in the video: --offset S, estimated with
    --from-coding OTHER_ID, else the offset of an earlier link to the same video, else 0."""
    from observe.store.recording_paths import remember_recording
    from observe.store.settings import read_settings
    from observe.workspace import open_archive

    if offset is not None and other is not None:
        raise ObserveError("give --offset or --from-coding, not both.")
    if offset is not None and not (math.isfinite(offset) and abs(offset) <= 86_400):
        raise ObserveError(f"the offset {offset} is not a number of seconds; give e.g. 4.3.")
    recording = read_recording(video)
    with open_archive(cli_context().data_dir) as archive:
        warn_problems(archive)
        archive.require_writable()
        session = archive.load(session_id)
        how = "given"
        if other is not None:
            from observe.analysis.sync import offset_from_coding

            coded = archive.load(other)
            if coded.recording is not None and coded.recording.sha256 != recording.sha256:
                raise ObserveError(
                    f"session {coded.id[:8]} is linked to another video "
                    f"({coded.recording.name}), not {video.name}; estimate from a coding "
                    "of this video."
                )
            limit = read_settings(archive.path)["reliability.tolerance"]
            estimate = offset_from_coding(
                session, coded, tolerance=limit if tolerance is None else tolerance
            )
            for warning in estimate.warnings:
                click.echo(f"warning: {warning}", err=True)
            offset = estimate.offset
            how = (
                f"estimated from session {coded.id[:8]}: {estimate.agreements} codes agree "
                f"at that offset"
            )
        elif offset is None:
            same = session.recording is not None and session.recording.sha256 == recording.sha256
            offset = session.recording_offset if same else 0.0
            how = "kept from the earlier link" if same else "none given"
        if session.recording is not None and session.recording.sha256 != recording.sha256:
            click.echo(
                f"warning: session {session.id[:8]} was linked to {session.recording.name}; "
                f"it is linked to {video.name} now.",
                err=True,
            )
        archive.link_recording(session.id, recording, offset)
        remember_recording(archive.path, session.id, video)
    click.echo(
        f"Session {session.id[:8]} is linked to {video.name}: its clock starts at "
        f"{offset:+.3f} s of the video ({how}). Watch it from review (v), or "
        f"`observe moments play {session.id[:8]}`."
    )


def read_recording(video: Path) -> Recording:
    """The facts of ``video`` (name, size, SHA-256, duration and frame rate): mpv is asked
    for its duration when it is installed; without it the video is linked all the same."""
    from observe.media import MediaError, MediaFileError, MpvNotFound, Player, read_facts

    if not video.is_file():
        raise MediaFileError(video, "there is no such file")

    async def measured() -> Recording:
        player = await Player.start(headless=True)
        try:
            await player.load(video)
            from observe.media import media_facts

            return await media_facts(player, video)
        finally:
            await player.close()

    try:
        return asyncio.run(measured())
    except MediaFileError:
        raise
    except (MpvNotFound, MediaError):
        return read_facts(video, duration=None)


commands: list[click.Command] = [link_video_command]
