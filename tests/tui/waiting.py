"""Waiting in an app test for what the user would wait for, instead of a fixed pause.

A fixed ``pilot.pause(0.2)`` is long enough on a quiet laptop and too short on a loaded
two-core CI runner; polling for the condition is as fast as the app allows and gives up
only after a generous limit, saying what never happened.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

PATIENCE_SECONDS = 30.0


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {PATIENCE_SECONDS:.0f} s for {what}")
        await pilot.pause(0.02)


def offered(app, prompt: str) -> bool:
    """The command palette is open and its highlighted command reads ``prompt``."""
    from textual.command import CommandList, CommandPalette

    if not isinstance(app.screen, CommandPalette):
        return False
    commands = app.screen.query_one(CommandList)
    highlighted = commands.highlighted
    return highlighted is not None and prompt in str(
        commands.get_option_at_index(highlighted).prompt
    )
