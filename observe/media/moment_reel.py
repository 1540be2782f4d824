"""Playing a session's moments one after another, the viewer saying when to go on.

The player loops one moment until the viewer answers: Enter (nothing) for the next
moment, ``p`` for the one before, a number for that moment, ``q`` to stop. Closing the
player's window stops too. The answers come from ``ask`` (the terminal's input for
``observe moments play``; a script in tests).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from observe.analysis.replay import ReplayMoment
from observe.media.moments import play_moment, stop_moment
from observe.media.player import Player

#: What the viewer is asked after each moment starts.
PROMPT = "Enter: next moment · p: previous · a number: that moment · q: stop › "


async def play_reel(
    player: Player,
    moments: Sequence[ReplayMoment],
    ask: Callable[[str], Awaitable[str]],
    say: Callable[[str], None],
) -> None:
    """Loop each moment in turn until the viewer moves on, stops or closes the player."""
    moments = [moment for moment in moments if moment.in_video]
    index = 0
    while 0 <= index < len(moments):
        moment = moments[index]
        say(
            f"Moment {moment.number}: {moment.caption.partition(' · ')[2]} "
            f"(looping {moment.start:.1f}–{moment.end:.1f} s of the video)"
        )
        await play_moment(player, moment)
        answer = await _answer_or_closed(player, ask(PROMPT if len(moments) > 1 else ""))
        if answer is None:
            return  # the viewer closed the player
        answer = answer.strip().lower()
        if answer == "q":
            break
        if answer == "p":
            index = max(0, index - 1)
        elif answer.isdigit():
            wanted = next((k for k, m in enumerate(moments) if m.number == int(answer)), None)
            if wanted is None:
                say(f"There is no moment {answer}; the moments are 1 to {moments[-1].number}.")
            else:
                index = wanted
        else:
            index += 1
    if not player.closed:
        await stop_moment(player)


async def _answer_or_closed(player: Player, answer: Awaitable[str]) -> str | None:
    """The viewer's answer, or ``None`` as soon as the player closes (its window shut)."""
    asked = asyncio.ensure_future(answer)
    closed = asyncio.ensure_future(player.connection.wait_closed())
    done, _ = await asyncio.wait([asked, closed], return_when=asyncio.FIRST_COMPLETED)
    closed.cancel()
    if asked in done:
        return asked.result()
    asked.cancel()
    return None
