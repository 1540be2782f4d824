"""What can go wrong with the video player, each as one sentence a user can act on.

Every error here is an :class:`observe.errors.ObserveError`, so the command line prints it
as ``error: <sentence>`` and the terminal UI can show it as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from observe.errors import ObserveError

WAYS_TO_INSTALL = (
    "(`apt install mpv` on Debian or Ubuntu, `brew install mpv` on macOS, "
    "or the Windows build from mpv.io)"
)


def command_text(command: Sequence[object]) -> str:
    """A command as a user would type it in mpv's console: ``seek 10 absolute+exact``."""
    return " ".join(str(part) for part in command)


class MediaError(ObserveError):
    """The video player cannot do what was asked."""


class MpvNotFound(MediaError):
    """mpv is not installed where observe looks (PATH, or ``OBSERVE_MPV``)."""

    def __init__(self, override: str | None = None) -> None:
        self.override = override
        if override:
            message = (
                f"OBSERVE_MPV is set to {override}, which is not a program that can be run: "
                "set it to the full path of mpv, the video player observe codes recordings "
                f"with, or unset it and install mpv {WAYS_TO_INSTALL}"
            )
        else:
            message = (
                "mpv, the video player observe codes recordings with, is not on the PATH: "
                f"install it {WAYS_TO_INSTALL}, or set OBSERVE_MPV to the mpv program's full path, "
                "then try again"
            )
        super().__init__(message)


class PlayerStartFailed(MediaError):
    """mpv was started but never opened its control connection."""

    def __init__(self, program: str, reason: str) -> None:
        self.program = program
        self.reason = reason
        super().__init__(
            f"the video player {program} did not start ({reason}): run `{program} --version` "
            "in a terminal to check that it works, then try again"
        )


class PlayerGone(MediaError):
    """The connection to mpv closed: the player quit, was closed or crashed."""

    def __init__(self, doing: str | None = None, reason: str = "it has stopped") -> None:
        """``doing``: the command waiting for an answer, as :func:`command_text` writes it."""
        self.doing = doing
        self.reason = reason
        during = f" before it answered `{doing}`" if doing else ""
        super().__init__(
            f"the video player (mpv) is gone{during} ({reason}); start it again to go on"
        )


class PlayerNotResponding(MediaError):
    """mpv did not answer a command in time."""

    def __init__(self, command: Sequence[object], timeout: float) -> None:
        self.command = list(command)
        self.timeout = timeout
        super().__init__(
            f"the video player (mpv) did not answer `{command_text(command)}` within "
            f"{timeout:g} s; if its window is frozen, close it and start it again"
        )


class PlayerCommandFailed(MediaError):
    """mpv answered a command with an error (a property it does not have, a bad value)."""

    def __init__(self, command: Sequence[object], error: str) -> None:
        self.command = list(command)
        self.error = error
        super().__init__(
            f"the video player (mpv) refused `{command_text(command)}` ({error}); "
            "a newer mpv may be needed (`mpv --version` shows which one you have)"
        )


class MediaFileError(MediaError):
    """A recording cannot be read or played."""

    def __init__(self, path: object, reason: str, *, doing: str = "played") -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"the recording {path} cannot be {doing} ({reason}): check that the file exists, "
            "is a video you may read, and opens in mpv on its own"
        )


class FrameNotWritten(MediaError):
    """A still frame could not be written where it was asked for."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"the still frame {path} could not be written ({reason}): check that the folder "
            "exists, that you may write to it, and that the disk has room"
        )
