"""``observe moments list ID`` and ``observe moments play ID [--moment K]``: the session
report's moments to revisit (and the observer's marks), played in the session's video.

Each moment loops in mpv (its A–B loop) from a little before the cue to a little after the
response, with a caption naming the cue, the response and their times
(:mod:`observe.analysis.replay`). The session must be linked to its video
(``observe session link-video``).
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.target import reading_archive
from observe.display import clock_tenths
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.analysis.replay import ReplayMoment
    from observe.model import Session


@click.group("moments")
def moments_group() -> None:
    """A session's moments to revisit, played in its linked video."""


def session_moments(session: Session) -> list[ReplayMoment]:
    from observe.analysis import analyze_session
    from observe.analysis.replay import replay_moments

    return replay_moments(session, analyze_session(session))


@moments_group.command("list")
@click.argument("session_id", metavar="ID")
def list_command(session_id: str) -> None:
    """The moments of session ID (its report's moments to revisit, then the observer's
    marks): their numbers, times and what each one shows."""
    with reading_archive() as archive:
        session = archive.load(session_id)
    moments = session_moments(session)
    if not moments:
        click.echo(f"Session {session.id[:8]} has no moments to revisit and no marks.")
        return
    linked = session.recording is not None
    for moment in moments:
        where = f"  video {moment.start:7.1f}–{moment.end:.1f} s" if linked else ""
        if linked and not moment.in_video:
            where = f"  {'not in the video':>21}"
        click.echo(f"{moment.number:>3}  {clock_tenths(moment.t):>8}{where}  {moment.title}")
    if not linked:
        click.echo(
            f"Session {session.id[:8]} is linked to no video yet: "
            f"`observe session link-video {session.id[:8]} FILE`."
        )


@moments_group.command("play")
@click.argument("session_id", metavar="ID")
@click.option("--moment", "number", type=int, default=None, metavar="K", help="Only moment K.")
@click.option(
    "--video",
    type=click.Path(path_type=Path),
    default=None,
    metavar="FILE",
    help="The session's video, where it is not where it was linked from.",
)
def play_command(session_id: str, number: int | None, video: Path | None) -> None:
    """Play the moments of session ID in its linked video, each looped with a caption:
    Enter moves on to the next one, p goes back, a number picks that moment, q (or closing
    the player) stops."""
    from observe.analysis.replay import moment_numbered
    from observe.media.linked_file import linked_file

    with reading_archive() as archive:
        session = archive.load(session_id)
        path = linked_file(archive.path, session, video)
    moments = session_moments(session)
    if not moments:
        raise ObserveError(f"session {session.id[:8]} has no moments to revisit and no marks.")
    if number is not None:
        chosen = moment_numbered(moments, number)
        if chosen is None:
            raise ObserveError(
                f"session {session.id[:8]} has no moment {number}; its moments are 1 to "
                f"{moments[-1].number} (`observe moments list {session.id[:8]}`)."
            )
        if not chosen.in_video:
            raise ObserveError(
                f"moment {number} of session {session.id[:8]} is not in its video "
                f"{path.name} (the video starts after it or ends before it)."
            )
        moments = [chosen]
    elif not any(moment.in_video for moment in moments):
        raise ObserveError(
            f"none of the moments of session {session.id[:8]} is in its video {path.name}; "
            "check the offset (`observe session link-video` sets it)."
        )
    asyncio.run(_play(path, moments))


async def _play(path: Path, moments: list[ReplayMoment]) -> None:
    from observe.media import Player
    from observe.media.moment_reel import play_reel

    player = await Player.start()
    try:
        await player.load(path)
        await play_reel(player, moments, _terminal_answer, click.echo)
    finally:
        await player.close()


def _terminal_answer(prompt: str) -> asyncio.Future[str]:
    """A line typed in the terminal, read in a thread of its own (a daemon: a player closed
    meanwhile ends the command without waiting for the line)."""
    loop = asyncio.get_running_loop()
    answer: asyncio.Future[str] = loop.create_future()

    def read() -> None:
        try:
            line = input(prompt or "Enter (or q) to stop › ")
        except EOFError:
            line = "q"
        if not answer.done():
            loop.call_soon_threadsafe(_settle, answer, line)

    threading.Thread(target=read, daemon=True).start()
    return answer


def _settle(answer: asyncio.Future[str], line: str) -> None:
    if not answer.done():
        answer.set_result(line)


commands: list[click.Command] = [moments_group]
