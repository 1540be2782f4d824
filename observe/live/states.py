"""What a state key does in a scheme with state groups, as plain Python (DESIGN §12).

A state code in no group starts and stops on its own, as it always did. A state of an
**exclusive** group (the default) is one of a set of which at most one is on: its key
starts it and stops the one of its group that was on, at the same instant, as one change
(:class:`observe.changes.EventsRecorded`: one journal line, so both are on disk or neither
is, and undo takes both back). An **exhaustive** group always has one state on: the
session starts in its ``initial`` state (a start at 0 s, recorded when coding begins),
and pressing the key of the state that is on does nothing but say so — the observer
changes the state by pressing the new one. Any group with an ``initial`` state starts in
it.

Undo of a key press takes back every event it recorded (:func:`key_press_of` finds them
in a session whose key presses are not remembered, such as a resumed one: a start of an
exclusive group's state and its group's stops at the same instant).

Review keeps exclusive groups exclusive (:func:`review_change`): an inserted start of a
state while another of its group is on also stops that one at the same instant (one
change, said in a sentence); an edit that would still leave two states of a group on at
once is refused with a sentence saying which and when; deleting one half of a state
switch deletes both, so the state before stays on. A record that already had such an
overlap (an old or imported session) can still be edited: only new overlaps count. No
Textual here.
"""

from __future__ import annotations

from attrs import frozen

from observe.changes import (
    Change,
    EventAmended,
    EventRecorded,
    EventRemoved,
    EventsRecorded,
    EventsRemoved,
    apply_change,
)
from observe.display import clock_tenths
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


def began_in(scheme: Scheme, event: Event) -> bool:
    """Whether ``event`` is a group's initial state starting at 0 s: what coding began in
    (recorded by no key, so no undo takes it back)."""
    group = scheme.state_group_of(event.code)
    return (
        group is not None
        and group.initial == event.code
        and event.kind == "start"
        and (event.t == 0)
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


def states_on_at(session: Session, t: float) -> tuple[str, ...]:
    """State codes on at ``t``, in the order they started: a start at or before ``t`` with
    no stop after it at or before ``t`` (what :attr:`Session.open_states` says at the end)."""
    on: list[str] = []
    for e in session.events:
        if e.t > t:
            break
        if e.kind == "start" and e.code not in on:
            on.append(e.code)
        elif e.kind == "stop" and e.code in on:
            on.remove(e.code)
    return tuple(on)


def _next_after(session: Session, codes: frozenset[str], t: float) -> Event | None:
    return next((e for e in session.events if e.t > t and e.code in codes), None)


def _run_start(session: Session, code: str, t: float) -> float:
    starts = [e.t for e in session.events if e.code == code and e.kind == "start" and e.t <= t]
    return starts[-1] if starts else 0.0


def state_press_at(session: Session, code: Code, t: float) -> tuple[Event, ...] | str:
    """The events a state key records at ``t`` of ``session``, wherever the playhead of a
    recording is: :func:`state_press` with the states on at ``t``
    (:func:`states_on_at`), not those on at the end of what is coded.

    - A stop inside a run coded already (its stop comes later) is refused with a sentence:
      the run has its end, and a second one would leave the record saying two things.
    - A start of an exclusive group's state before a later start of another state of its
      group also stops there (one change, one undo): at most one state of the group is on.

    Live coding presses keys after everything coded, so both come to :func:`state_press`.
    """
    scheme = session.scheme
    press = state_press(scheme, states_on_at(session, t), code, t)
    if isinstance(press, str):
        return press
    for event in press:
        later = _next_after(session, frozenset({event.code}), t)
        if event.kind == "stop" and later is not None and later.kind == "stop":
            on = code_label(scheme, event.code)
            since = clock_tenths(_run_start(session, event.code, t))
            until = clock_tenths(later.t)
            return (
                f"Not coded: {on} is on here from {since} to {until}, coded already. Code "
                f"{code_label(scheme, code.id)} from {until} on, or change that run in review."
            )
    group = scheme.state_group_of(code.id)
    if group is not None and group.exclusive:
        later = _next_after(session, frozenset(group.codes), t)
        if later is not None and later.kind == "start" and later.code != code.id:
            until = Event(id=new_id(), code=code.id, t=later.t, kind="stop")
            press = (*press[:-1], until, press[-1])
    return press


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


@frozen
class Overlap:
    """In exclusive group ``group``, ``started`` starts at ``t`` while ``on`` is on."""

    group: str
    t: float
    started: str
    on: str


def overlaps(session: Session) -> list[Overlap]:
    """Every moment a state of an exclusive group starts while another of its group is on
    (stops before starts at one instant, as the analysis reads them)."""
    found: list[Overlap] = []
    for group in session.scheme.state_groups:
        if not group.exclusive:
            continue
        events = sorted(
            (e for e in session.events if e.code in group.codes and e.kind != "point"),
            key=lambda e: (e.t, e.kind != "stop"),
        )
        on: list[str] = []
        for event in events:
            if event.kind == "stop":
                if event.code in on:
                    on.remove(event.code)
            elif event.code not in on:
                if on:
                    found.append(Overlap(group.id, event.t, event.code, on[-1]))
                on.append(event.code)
    return found


@frozen
class Reviewed:
    """What review does with an edit: ``change`` (None: refused), and a sentence."""

    change: Change | None
    sentence: str | None = None


def _new_overlaps(session: Session, change: Change) -> list[Overlap]:
    before = set(overlaps(session))
    return [o for o in overlaps(apply_change(session, change)) if o not in before]


def _overlap_sentence(scheme: Scheme, overlap: Overlap) -> str:
    group = scheme.state_group(overlap.group)
    label = group.label if group is not None else overlap.group
    on, started = code_label(scheme, overlap.on), code_label(scheme, overlap.started)
    return (
        f"Not changed: {started} would start at {clock_tenths(overlap.t)} while {on} is on, "
        f"and {label} has one state at a time. Stop {on} there first, or move the start."
    )


def review_change(session: Session, change: Change) -> Reviewed:
    """A review edit of ``session`` as it is written (see the module's docstring)."""
    scheme = session.scheme
    if isinstance(change, EventRemoved):
        event = session.event(change.event_id)
        press = key_press_of(session, event) if event is not None else ()
        if len(press) > 1:
            change = EventsRemoved(tuple(e.id for e in press))
            if not _new_overlaps(session, change):
                return Reviewed(change, deleted_switch_sentence(scheme, press))
    elif not isinstance(change, (EventRecorded, EventAmended)):
        return Reviewed(change)
    new = _new_overlaps(session, change)
    if not new:
        return Reviewed(change)
    first = new[0]
    if isinstance(change, EventRecorded) and (first.started, first.t) == (
        change.event.code,
        change.event.t,
    ):
        event = change.event
        stop = Event(id=new_id(), code=first.on, t=event.t, kind="stop")
        fixed = EventsRecorded((stop, event))
        if not _new_overlaps(session, fixed):
            on, started = code_label(scheme, first.on), code_label(scheme, event.code)
            return Reviewed(
                fixed,
                f"{on} stops at {clock_tenths(event.t)} as {started} starts: one state at a time.",
            )
    return Reviewed(None, _overlap_sentence(scheme, first))


def deleted_switch_sentence(scheme: Scheme, press: tuple[Event, ...]) -> str:
    """What deleting a state switch takes with it."""
    *stops, start = press
    others = ", ".join(code_label(scheme, e.code) for e in stops)
    return (
        f"{code_label(scheme, start.code)}'s start and {others}'s stop at "
        f"{clock_tenths(start.t)} are one switch: both go, so {others} stays on."
    )
