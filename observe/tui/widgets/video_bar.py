"""What the coding screen says about the video in video mode, in two places of one line each.

- :func:`video_words`, at the start of the status line: playing or paused, the position
  and the length, the speed ("▶ 00:12.4/00:30.0 1×").
- :func:`player_banner`, the banner line under the top (the live screen's PAUSED line),
  shown only when something is wrong or over: the player stopped (every event is kept;
  which key restarts it, at which position) or the end of the recording was reached.
"""

from __future__ import annotations

from observe.display import clock_tenths
from observe.keys import VIDEO_KEYS, CodingKey
from observe.media import Player

BACK = next(key for key in VIDEO_KEYS if key.action == "video_seek(-1)")


def speed_words(speed: float) -> str:
    return f"{speed:g}×"


def video_words(player: Player, position: float) -> str:
    """The video's state for the status line."""
    if player.closed:
        return f"✗ PLAYER STOPPED {clock_tenths(position)}"
    length = "" if player.duration is None else f"/{clock_tenths(player.duration)}"
    state = "■ END" if player.eof_reached else "❚❚" if player.paused else "▶"
    return f"{state} {clock_tenths(position)}{length} {speed_words(player.speed)}"


def player_banner(player: Player, position: float, *, restart: CodingKey, end: CodingKey) -> str:
    """The one line said while the player is gone or at the end ("" otherwise)."""
    if player.closed:
        # The key comes before the reason: at 80 columns the end of the line is cut.
        why = player.closed_reason or "it was closed"
        return (
            f"Player stopped · every event is kept · {restart.shown} restarts it at "
            f"{clock_tenths(position)} · {why}"
        )
    if player.eof_reached:
        return (
            f"End of the recording at {clock_tenths(position)} · {end.shown} ends the session, "
            f"{BACK.shown} goes back"
        )
    return ""
