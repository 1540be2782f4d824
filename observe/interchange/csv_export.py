"""Sessions as one CSV table for R, SPSS or pandas: one row per event, each row carrying
its session's metadata, so the file can be filtered and grouped without a join.

The event columns (``time``, ``code``, ``kind``, ``intensity``, ``note``) are named as
``observe session import`` reads them; ``actor`` says whether the code is an infant cue
or a caregiver response. Where a scheme names its actors (``[[actors]]``, such as
``home-visit``'s infant, Parent A and Parent B), a last column ``actor_id`` holds the id of
the actor whose code it is (``session import`` leaves it aside, as it leaves ``actor``);
an export of sessions of schemes that name none has no such column, as before. A session
without events still gets one row (empty event columns), so no session silently
disappears from an analysis.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from observe.analysis.reliability_codings import lists_actors
from observe.labels import actor_role
from observe.model import Event, Session

SESSION_COLUMNS = (
    "session_id",
    "dyad",
    "observer",
    "visit",
    "context",
    "started_at",
    "session_duration",
    "scheme_id",
    "scheme_version",
    "origin",
)
EVENT_COLUMNS = ("event_id", "time", "code", "actor", "kind", "intensity", "note")
COLUMNS = SESSION_COLUMNS + EVENT_COLUMNS
#: The column added where a scheme names its actors: the id of the code's actor.
ACTOR_ID_COLUMN = "actor_id"
#: The columns ``observe session import`` reads (the rest of an export it recognises).
IMPORT_COLUMNS = ("time", "code", "kind", "intensity", "note")


def _session_cells(session: Session) -> list[str]:
    return [
        session.id,
        session.dyad,
        session.observer,
        session.visit,
        session.context,
        session.started_at,
        repr(session.duration),
        session.scheme.id,
        session.scheme.version,
        session.origin,
    ]


def _event_cells(session: Session, event: Event) -> list[str]:
    return [
        event.id,
        repr(event.t),
        event.code,
        actor_role(session.scheme, event.code),
        event.kind,
        "" if event.intensity is None else str(event.intensity),
        event.note or "",
    ]


def sessions_to_csv(sessions: Iterable[Session]) -> str:
    """The CSV text: a header row, then every session's events in time order."""
    sessions = list(sessions)
    actors = any(lists_actors(session.scheme) for session in sessions)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS + ((ACTOR_ID_COLUMN,) if actors else ()))
    for session in sessions:
        cells = _session_cells(session)
        if not session.events:
            writer.writerow(cells + [""] * (len(EVENT_COLUMNS) + actors))
        for event in session.events:
            row = cells + _event_cells(session, event)
            if actors:
                known = session.scheme.code(event.code) is not None
                row.append(session.scheme.actor_of(event.code).id if known else "")
            writer.writerow(row)
    return out.getvalue()


def events_to_csv(events: Iterable[Event]) -> str:
    """The CSV text of events, in the columns :func:`parse_events_csv` reads."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(IMPORT_COLUMNS)
    for event in events:
        writer.writerow(
            [
                repr(event.t),
                event.code,
                event.kind,
                "" if event.intensity is None else str(event.intensity),
                event.note or "",
            ]
        )
    return out.getvalue()
