"""Finding the mpv program: ``OBSERVE_MPV`` when it is set, otherwise the PATH."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping

from observe.media.errors import MpvNotFound

#: The environment variable that names the mpv program (a full path, or a name on the PATH).
MPV_VARIABLE = "OBSERVE_MPV"


def find_mpv(environ: Mapping[str, str] | None = None) -> str:
    """The full path of the mpv program to run.

    ``OBSERVE_MPV`` wins when it is set (an mpv built elsewhere, a portable copy on
    Windows); it must then name a program that can be run: a mistyped override is said
    so, not silently replaced by whatever mpv the PATH has.
    """
    environment = os.environ if environ is None else environ
    override = environment.get(MPV_VARIABLE, "").strip()
    search_path = environment.get("PATH")
    if override:
        found = shutil.which(os.path.expanduser(override), path=search_path)
        if found is None:
            raise MpvNotFound(override)
        return found
    found = shutil.which("mpv", path=search_path)
    if found is None:
        raise MpvNotFound()
    return found
