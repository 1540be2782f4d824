"""A screen's keys in one table: its key bindings (and so its footer), its help screen and,
where it has one, its command palette entries are all read from the screen's rows of
:class:`ScreenAction` (the home screen's :data:`~.home_actions.HOME_ACTIONS`, the review
screen's :data:`~.review_actions.REVIEW_ACTIONS`).

A row with an ``action`` is the screen's own; a row without one is a key another part of
the app handles (a table, the app), listed so the help tells every key.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen
from textual.binding import Binding


@frozen
class ScreenAction:
    keys: str  # Textual's key names, comma-separated: "n", "slash", "up,down,j,k"
    help: str | None  # the help screen's line (None: not listed there)
    action: str | None = None  # the screen's action (None: handled elsewhere)
    label: str = ""  # the footer's word
    show: bool = True  # in the footer
    key_display: str | None = None  # the key as the footer and the help write it
    palette: str | None = None  # the command palette's name (None: not offered there)
    palette_help: str = ""  # what the palette says under the name

    @property
    def shown_key(self) -> str:
        return self.key_display or self.keys


def bindings_of(rows: Sequence[ScreenAction]) -> list[Binding]:
    """The screen's own key bindings, in the table's order (the footer's order)."""
    return [
        Binding(row.keys, row.action, row.label, show=row.show, key_display=row.key_display)
        for row in rows
        if row.action is not None
    ]


def help_rows_of(rows: Sequence[ScreenAction]) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen."""
    return [(row.shown_key, row.help) for row in rows if row.help is not None]


def palette_entries_of(rows: Sequence[ScreenAction]) -> list[tuple[str, str, str]]:
    """(action, name, description) of what the command palette offers."""
    return [
        (row.action, row.palette, row.palette_help)
        for row in rows
        if row.action is not None and row.palette is not None
    ]
