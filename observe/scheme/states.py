"""State groups: state codes that belong together, such as the infant's state.

A ``[[state_groups]]`` entry names state codes (``kind = "state"``) of one actor:

- ``exclusive = true`` (the default): at most one of them is on at a time, so starting one
  stops the one that was on, at the same instant (one key press; the coding screen records
  the stop and the start as one change, :class:`observe.changes.EventsRecorded`, so undo
  takes back both);
- ``exhaustive = true`` (exclusive too): exactly one is always on. The session starts in
  the group's ``initial`` state (required), and the time in its states sums to the
  observed time;
- ``initial``: the state the session starts in (any group may have one).

A state code is in at most one group, so :meth:`Scheme.state_group_of
<observe.scheme.model.Scheme.state_group_of>` names one group or none. A state code in no
group is on and off on its own, as every state code was before groups existed.
"""

from __future__ import annotations

from attrs import field, frozen

from observe.scheme.codes import tuple_of_str


@frozen
class StateGroup:
    """State codes of one actor that belong together (see the module's docstring)."""

    id: str
    label: str
    codes: tuple[str, ...] = field(converter=tuple_of_str)
    exclusive: bool = True
    exhaustive: bool = False
    #: The state the session starts in (required when ``exhaustive``).
    initial: str | None = None
    description: str = ""

    def __contains__(self, code: object) -> bool:
        return code in self.codes
