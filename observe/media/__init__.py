"""The video-player link: mpv driven over its JSON IPC, headless (no Textual here).

Start a player, load a recording, make a clock::

    from observe.media import MediaClock, Player, media_facts

    player = await Player.start()              # mpv in its own window, paused, keys off
    await player.load("visit.mp4")             # MediaFileError if mpv cannot play it
    facts = await media_facts(player, "visit.mp4")   # name, size, sha256, duration, fps
    clock = MediaClock(player)                 # the video position, as a session clock
    ...
    t = clock.at(event.time)                   # the position of the frame shown at a key
    await player.seek_by(-3)                   # every seek is exact
    await player.step_forward()                # one frame; returns the new position
    await player.close()                       # quits mpv, removes its private socket

Everything runs on the running asyncio loop (Textual's own): one reader task per
connection, no threads (only :func:`media_facts` hashes the file in a worker thread).
``Player.start(headless=True)`` adds ``--vo=null --ao=null`` for tests and CI. Pass the
monotonic source Textual stamps key events with (``monotonic=``) so a clock and
``event.time`` speak of the same moments.

- :func:`find_mpv`: ``OBSERVE_MPV``, else ``mpv`` on the PATH.
- :class:`Player`: play/pause, ``seek_to``/``seek_by`` (exact), ``step_forward``/
  ``step_back``, speed (``slower``/``faster`` through :data:`SPEEDS`, 0.25×–2×),
  ``time_pos``/``read_duration``/``container_fps``/``estimated_fps``, ``set_loop``/
  ``clear_loop`` (A–B loop), ``show_text``/``set_caption`` (OSD), ``screenshot``, ``load``.
  Its attributes ``position``, ``paused``, ``speed``, ``eof_reached``, ``seeking`` and
  ``duration`` are kept current from mpv's events; ``add_listener`` hears each change.
  Other events (``end-file``, ``seek``…): ``player.connection.on_event(name, callback)``.
- :class:`MediaClock`: ``at(key_time)``, ``now()``, ``running``/``paused``,
  ``start``/``resume(at)``, ``pause(at)`` — the session clock's names, so the coding core
  takes it in the session clock's place. ``attach(player)`` after a restart.
- :class:`VideoLink`: a recording being coded: the file, its player and one clock across
  players (``restart()`` after the player died, at the same frame); :func:`recording_problem`
  says what is wrong with a path before a player is started.
- :class:`MediaFacts`: the frozen record a session keeps about its recording — the model's
  :class:`observe.model.Recording` under its media name; :func:`read_facts` measures a file
  (blocking), :func:`media_facts` does it in a worker thread.

Errors (all :class:`observe.errors.ObserveError`, one sentence each):
:class:`MpvNotFound` (says how to install mpv), :class:`PlayerStartFailed`,
:class:`MediaFileError` (missing, unreadable or unplayable file), :class:`PlayerGone`
(mpv quit or died; every waiting request fails at once, nothing hangs; ``player.closed``
turns true and listeners hear ``"closed"``), :class:`PlayerNotResponding` (no answer within
``timeout``), :class:`PlayerCommandFailed` (mpv refused a command),
:class:`FrameNotWritten` (a still frame's folder is missing or not writable). After ``PlayerGone``,
start a new player, load the file, seek to ``clock.now()`` and ``clock.attach(player)``.
"""

from observe.media.clock import MediaClock
from observe.media.errors import (
    FrameNotWritten,
    MediaError,
    MediaFileError,
    MpvNotFound,
    PlayerCommandFailed,
    PlayerGone,
    PlayerNotResponding,
    PlayerStartFailed,
)
from observe.media.facts import MediaFacts, media_facts, read_facts
from observe.media.link import StartPlayer, VideoLink, recording_problem
from observe.media.locate import MPV_VARIABLE, find_mpv
from observe.media.player import SPEEDS, Player, next_speed

__all__ = [
    "MPV_VARIABLE",
    "SPEEDS",
    "FrameNotWritten",
    "MediaClock",
    "MediaError",
    "MediaFacts",
    "MediaFileError",
    "MpvNotFound",
    "Player",
    "PlayerCommandFailed",
    "PlayerGone",
    "PlayerNotResponding",
    "PlayerStartFailed",
    "StartPlayer",
    "VideoLink",
    "find_mpv",
    "media_facts",
    "next_speed",
    "read_facts",
    "recording_problem",
]
