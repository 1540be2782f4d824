"""The still frames a session report shows of its moments, made before the report is laid out.

The report itself never drives a player: this writes one PNG per moment (the frame at
the cue, or at the mark) into a private folder and hands the files over, or says in one
line why a session linked to a video gets none (the video is not on this laptop, mpv is
not installed or could not play it).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from attrs import frozen

from observe.analysis import analyze_session
from observe.analysis.replay import ReplayMoment, replay_moments
from observe.media.errors import MediaError, MpvNotFound
from observe.media.linked_file import NoLinkedVideo, linked_file
from observe.media.moments import write_stills
from observe.media.player import Player
from observe.model import Session


@frozen
class Stills:
    """The still of each moment (moment number → PNG), and the line the report shows when
    the session's video gave none."""

    files: dict[int, Path]
    note: str | None = None


def report_stills(archive_dir: Path, session: Session, folder: Path) -> Stills:
    """The stills of ``session``'s moments, written into ``folder`` (blocking: it starts a
    headless mpv and waits for it)."""
    if session.recording is None:
        return Stills({})
    name = session.recording.name
    try:
        path = linked_file(archive_dir, session)
    except NoLinkedVideo:
        return Stills(
            {},
            f"The video {name} is not where it was linked from, so this report shows no "
            "still frames.",
        )
    moments = replay_moments(session, analyze_session(session))
    if not moments:
        return Stills({})
    outside = [moment.number for moment in moments if not moment.in_video]
    note = (
        f"{len(outside)} of the {len(moments)} moments lie outside the video, so they have "
        "no still frame."
        if outside
        else None
    )
    try:
        return Stills(asyncio.run(_write(path, moments, folder)), note)
    except MpvNotFound:
        return Stills({}, f"mpv is not installed, so this report shows no still frames of {name}.")
    except MediaError as error:
        return Stills({}, f"No still frames of {name} could be made: {error}")


async def _write(path: Path, moments: list[ReplayMoment], folder: Path) -> dict[int, Path]:
    player = await Player.start(headless=True)
    try:
        await player.load(path)
        return await write_stills(player, moments, folder)
    finally:
        await player.close()
