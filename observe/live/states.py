"""What a state key does in a scheme with state groups, as plain Python (DESIGN §12).

A state code in no group starts and stops on its own, as it always did. A state of an
**exclusive** group (the default) is one of a set of which at most one is on: its key
starts it and stops the one of its group that was on, at the same instant, as one change
(:class:`observe.model.EventsRecorded`: one journal line, so both are on disk or neither
is, and undo takes both back). An **exhaustive** group always has one state on: the
session starts in its ``initial`` state (a start at 0 s, recorded when coding begins),
and pressing the key of the state that is on does nothing but say so — the observer
changes the state by pressing the new one. Any group with an ``initial`` state starts in
it.

Undo of a key press takes back every event it recorded (:func:`key_press_of` finds them
in a session whose key presses are not remembered, such as a resumed one: a start of an
exclusive group's state and its group's stops at the same instant). No Textual here.
"""

from __future__ import annotations

from observe.labels import code_label
from observe.model import Event, Session, new_id
from observe.scheme import Code, Scheme


def initial_starts(scheme: Scheme, t: float = 0.0) -> tuple[Event, ...]:
    """The starts of each group's initial state at ``t`` (coding begins)."""
    return tuple(
        Event(id=new_id(), code=group.initial, t=t, kind="start")
        for group in scheme.state_groups
        if group.initial is not None
    )


def state_press(
    scheme: Scheme, open_states: tuple[str, ...], code: Code, t: float
) -> tuple[Event, ...] | str:
    """The events a state key records at ``t``: a stop if the state is on, else a start
    after the stops of its exclusive group's states that are on (stops first: at one
    instant the analysis reads stops before starts). A sentence instead when the key does
    nothing: the state on in an exhaustive group cannot be stopped."""
    group = scheme.state_group_of(code.id)
    if code.id in open_states:
        if group is not None and group.exhaustive:
            others = ", ".join(code_label(scheme, c) for c in group.codes if c != code.id)
            return (
                f"{group.label} is {code_label(scheme, code.id)} already; press the key of "
                f"the state it changes to ({others})."
            )
        return (Event(id=new_id(), code=code.id, t=t, kind="stop"),)
    stops: tuple[Event, ...] = ()
    if group is not None and group.exclusive:
        stops = tuple(
            Event(id=new_id(), code=other, t=t, kind="stop")
            for other in open_states
            if other != code.id and other in group.codes
        )
    return (*stops, Event(id=new_id(), code=code.id, t=t, kind="start"))


def key_press_of(session: Session, event: Event) -> tuple[Event, ...]:
    """The events one key press recorded, ``event`` among them (``event`` last): for a
    start of an exclusive group's state, the stops of its group at the same instant."""
    group = session.scheme.state_group_of(event.code)
    if event.kind != "start" or group is None or not group.exclusive:
        return (event,)
    stops = tuple(
        e
        for e in session.events
        if e.kind == "stop" and e.t == event.t and e.code in group.codes and e.code != event.code
    )
    return (*stops, event)


def current_states(scheme: Scheme, open_states: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Each group's label and the label of its state on now (None: none is; in a
    non-exclusive group, the one started last)."""
    shown: list[tuple[str, str | None]] = []
    for group in scheme.state_groups:
        on = [code for code in open_states if code in group.codes]
        shown.append((group.label, code_label(scheme, on[-1]) if on else None))
    return shown
