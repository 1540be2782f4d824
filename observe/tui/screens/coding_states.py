"""The coding screen's not-codable key and its state and exclusion lines, kept apart from
the screen itself (:mod:`observe.tui.screens.coding` mixes this in).

The live core does the work (:meth:`observe.live.LiveSession.toggle_not_codable`, the
state groups of :mod:`observe.live.states`); this shows it: :class:`GroupStates` and
:class:`NotCodableBanner` (:mod:`observe.tui.widgets.coding_states`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from observe.keys import coding_key
from observe.live import LiveSession, Outcome
from observe.live.states import states_on_at
from observe.tui.widgets.coding_states import GroupStates, NotCodableBanner

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object

#: The not-codable key, whose moment is read from the key event (like pause and the end).
NOT_CODABLE_KEY = coding_key("not_codable").key


class NotCodableKey(_Base):
    """The not-codable toggle and the lines that show states and excluded periods."""

    live: LiveSession
    #: Show the states on at the clock's position rather than at the end of what is coded
    #: (coding from a recording: the playhead may stand before events coded already).
    STATES_AT_PLAYHEAD = False
    if TYPE_CHECKING:

        def show(self, outcome: Outcome, *, redraw_soon: bool = False) -> None: ...

    def toggle_not_codable_at(self, key_time: float | None) -> None:
        self.show(self.live.toggle_not_codable(key_time))

    def action_not_codable(self) -> None:
        """From the footer (a click has no key timestamp: the clock reads its source)."""
        self.toggle_not_codable_at(None)

    def states_on(self) -> tuple[str, ...]:
        """The state codes on now (at the playhead, coding from a recording)."""
        session = self.live.session
        if self.STATES_AT_PLAYHEAD:
            return states_on_at(session, self.live.now())
        return session.open_states

    def show_states(self) -> None:
        """The groups' states now and the NOT CODABLE banner (each key's redraw)."""
        live = self.live
        at = live.now() if self.STATES_AT_PLAYHEAD else None
        self.query_one(GroupStates).show(live.session, at)
        since = None if live.ended else live.not_codable_since
        self.query_one(NotCodableBanner).show(since, coding_key("not_codable").shown)
