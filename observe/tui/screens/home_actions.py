"""What can be done on the home screen, in one table: its key bindings (and so its footer),
its help screen and its command palette entries are all read from :data:`HOME_ACTIONS`
(the rows are :mod:`~observe.tui.screens.screen_actions`' as every screen's are).

A row with an ``action`` is the home screen's own; a row without one is a key another part
of the app handles (the session list, the app), listed so the help tells every key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from observe.tui.screens.screen_actions import ScreenAction as HomeAction
from observe.tui.screens.screen_actions import bindings_of, help_rows_of, palette_entries_of

if TYPE_CHECKING:
    from textual.binding import Binding

HOME_ACTIONS = (
    HomeAction(
        "n",
        "New session: dyad, observer, visit, context, scheme, then live coding",
        "new_session",
        "New",
        palette="New session",
        palette_help="Start coding a new session",
    ),
    HomeAction(
        "f",
        "New session from a recording: choose the video file, then the same form; the video "
        "opens in mpv and its position is the clock",
        "new_from_recording",
        "From video",
        show=False,  # (the footer and the palette offer the same actions: it is in the help)
    ),
    HomeAction(
        "r",
        "Resume the selected paused (⏸ paused) or interrupted (▶ resume) session",
        "resume",
        "Resume",
        palette="Resume session",
        palette_help="Continue the selected paused or interrupted session",
    ),
    HomeAction(
        "v",
        "Review the selected ended session",
        "review",
        "Review",
        palette="Review session",
        palette_help="Look through the selected ended session",
    ),
    HomeAction("enter", "Open the selected session (resume or review)"),  # the list's select
    HomeAction(
        "p",
        "Write the PDF report of the selected ended session",
        "report",
        "Report",
        palette="Write report",
        palette_help="PDF report of the selected ended session",
    ),
    HomeAction(
        "d",
        "Delete the selected session (asks first)",
        "delete",
        "Delete",
        palette="Delete session",
        palette_help="Delete the selected session (asks first)",
    ),
    HomeAction(
        "question_mark",
        "This help",
        "help",
        "Help",
        key_display="?",
        palette="Keys",
        palette_help="Every key on this screen",
    ),  # before the rarer keys: at 80 columns the footer cuts those, not the help
    HomeAction(
        "m",
        "Mark the selected session and another coding of the same visit as one double-coded "
        "visit (pair), or unpair it",
        "pair",
        "Pair",
        show=False,  # in the help only: at 80 columns the footer has no room left
    ),
    HomeAction(
        "slash",
        "Filter the list by dyad code; Esc or Enter returns to the list",
        "filter",
        "Filter",
        key_display="/",
        palette="Filter by dyad",
        palette_help="Show only one dyad's sessions",
    ),
    HomeAction(
        "o",
        "Open another archive folder (e.g. a colleague's copy or a USB stick)",
        "open_archive",
        "Archive",
        palette="Open archive",
        palette_help="Open another archive folder",
    ),
    HomeAction(
        "s",
        "Coding schemes: copy one to edit, edit your own in forms, try one out",
        "schemes",
        "Schemes",
        palette="Coding schemes",
        palette_help="Copy, edit and try coding schemes",
    ),
    HomeAction(
        "c",
        "Caseload: families due an observation, their latest figures, visitors' checks",
        "caseload",
        "Cases",  # the footer's word: "Caseload" does not fit beside the others at 80 columns
        palette="Caseload",
        palette_help="Families due or overdue an observation, and visitors' reliability",
    ),
    HomeAction("up,down,j,k", "Move through the list", key_display="↑ ↓ / j k"),  # the list's
    HomeAction("ctrl+p", "Command palette: every action by name"),  # the app's
    HomeAction(
        "t",
        "Training: the packs imported here, every attempt at them and its feedback",
        "training",
        "Training",
        palette="Training",
        palette_help="Training packs, attempts, feedback and certification",
    ),
    HomeAction("ctrl+q", "Quit"),  # the app's
    HomeAction("escape", None, "leave_filter", "List", show=False),  # said in the filter's help
)


def home_bindings() -> list[Binding]:
    """The home screen's own key bindings, in the table's order (the footer's order)."""
    return bindings_of(HOME_ACTIONS)


def help_rows() -> list[tuple[str, str]]:
    """(key, what it does) for the help screen."""
    return help_rows_of(HOME_ACTIONS)


def palette_entries() -> list[tuple[str, str, str]]:
    """(action, name, description) of what the command palette offers."""
    return palette_entries_of(HOME_ACTIONS)
