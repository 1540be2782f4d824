"""Playing moments to revisit, and the still frames the session report shows of them.

A moment (:class:`observe.analysis.replay.ReplayMoment`) is a stretch of the video: the
player loops it (mpv's A–B loop) with the moment's caption over it, so a home visitor can
watch it with the family as often as they like. A still is the frame at the cue (or
mark), written to a file for the report (reports never drive a player).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from observe.analysis.replay import ReplayMoment
from observe.media.player import Player


async def play_moment(player: Player, moment: ReplayMoment) -> None:
    """Loop ``moment`` from its start, with its caption, playing."""
    await player.set_caption(moment.caption)
    await player.set_loop(moment.start, moment.end)
    await player.play()


async def stop_moment(player: Player) -> None:
    """Stop looping and take the caption away (the player stays paused where it is)."""
    await player.pause()
    await player.clear_loop()
    await player.set_caption(None)


async def write_stills(
    player: Player, moments: Sequence[ReplayMoment], folder: Path
) -> dict[int, Path]:
    """The still frame of each moment in the video, ``moment-<number>.png`` in ``folder``
    (0600), by moment number."""
    await player.pause()
    stills: dict[int, Path] = {}
    for moment in moments:
        if not moment.in_video:
            continue
        await player.seek_to(moment.still_at)
        stills[moment.number] = await player.screenshot(folder / f"moment-{moment.number}.png")
    return stills
