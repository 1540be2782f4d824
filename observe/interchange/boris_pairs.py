"""Which events of a BORIS observation start a state and which stop one.

BORIS writes a state event's start and its stop the same way: the behaviour at a time.
Which is which it works out when it reads the events, by counting: it sorts an
observation's events by time, subject and behaviour (keeping the file's order among
equals), and an event of a state behaviour is a stop when an odd number of earlier events
have the same subject, behaviour and modifiers, a start otherwise. observe keeps the kind
with each event, so the import makes the pairs explicit by the same count, and the export
writes a stop with exactly its start's subject, behaviour and modifiers, so BORIS counts it
back as the stop it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from typing import Literal

from observe.interchange.boris_format import Record

Kind = Literal["point", "start", "stop"]


def in_boris_order(records: Iterable[Record]) -> list[Record]:
    """The events as BORIS orders them when it opens a project (a stable sort)."""
    return sorted(records, key=lambda r: (r.time, r.subject, r.code))


def paired(records: Iterable[Record], states: Collection[str]) -> list[tuple[Record, Kind]]:
    """Each event (in BORIS's order) with its kind: a point, or the start or stop of a state
    (``states``: the behaviour codes that are states)."""
    seen: Counter[tuple[str, str, str]] = Counter()
    found: list[tuple[Record, Kind]] = []
    for record in in_boris_order(records):
        if record.code not in states:
            found.append((record, "point"))
            continue
        key = (record.subject, record.code, record.modifiers)
        found.append((record, "stop" if seen[key] % 2 else "start"))
        seen[key] += 1
    return found
