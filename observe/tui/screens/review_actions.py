"""The review screen's keys, in one table: its key bindings (and so its footer) and its help
screen are both read from :data:`REVIEW_ACTIONS`, as the home screen's are from
:data:`~.home_actions.HOME_ACTIONS` (and the coding screen's from :mod:`observe.keys`).

A key added here is bound, shown in the footer and explained in the help at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from observe.tui.screens.screen_actions import ScreenAction, bindings_of, help_rows_of

if TYPE_CHECKING:
    from textual.binding import Binding

REVIEW_ACTIONS = (
    ScreenAction("up,down", "move between events", key_display="↑ ↓"),  # the table's
    ScreenAction("e", "edit the event (time, code, kind, intensity, note)", "edit", "Edit"),
    ScreenAction("enter", "edit the event, as e does"),  # the table's select
    ScreenAction("i", "insert an event", "insert", "Insert"),
    ScreenAction("d", "delete the event (asks first)", "delete", "Delete"),
    ScreenAction("r", "ratings and observer notes", "ratings", "Ratings"),
    # A session linked to a video (:mod:`.review_video`; hidden in the footer otherwise).
    ScreenAction("v", "the video at this event (a session linked to a video)", "video", "Video"),
    ScreenAction("s", "sync the session's clock with its video at this event", "sync", show=False),
    ScreenAction("m", "moments to revisit, played in the video", "moments", "Moments"),
    ScreenAction("escape", "back to the sessions", "back", "Back", key_display="esc"),
    ScreenAction("question_mark", "this help", "help", "Help", key_display="?"),
    ScreenAction("c", "not-codable periods: add, adjust or remove them", "not_codable", "Periods"),
    ScreenAction("ctrl+p", "command palette"),  # the app's
    ScreenAction("ctrl+q", "quit"),  # the app's
)


def review_bindings() -> list[Binding]:
    """The review screen's own key bindings, in the table's order (the footer's order)."""
    return bindings_of(REVIEW_ACTIONS)


def review_help_rows() -> list[tuple[str, str]]:
    """(key, what it does) for the review screen's help."""
    return help_rows_of(REVIEW_ACTIONS)
