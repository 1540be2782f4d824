"""A whole session from a CSV file of events (``observe session import``).

The command line reads the file and stores the result; everything that decides what the
session is — the events, the duration, the wall-clock start, whether the dyad code is
usable — lives here, without I/O, so the terminal UI can import the same way.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from attrs import frozen

from observe.display import shorten
from observe.errors import InterchangeError
from observe.interchange.csv_events import read_events_csv
from observe.model import Session, new_id, to_ms
from observe.privacy import name_warning
from observe.scheme import Scheme
from observe.validity import duration_problem, session_problems
from observe.validity.dates import EXAMPLE, range_problem
from observe.validity.limits import MAX_CODE_LENGTH
from observe.validity.text import shown, text_problem

#: Longer than most observed interactions (a warning; past a day, times are refused):
#: more likely milliseconds read as seconds.
LONG_SESSION = 4 * 3600.0


@frozen
class ImportedSession:
    """The session built from a file, and what the user should be told about it."""

    session: Session
    warnings: tuple[str, ...] = ()  # worth checking: said as "warning:"
    notes: tuple[str, ...] = ()  # what was done on the user's behalf: said as "note:"


def check_dyad_code(dyad: str) -> tuple[str, str | None]:
    """The dyad code as it will be stored, and a warning if it looks like a person's name.

    Dyad codes are pseudonymous (``D017``): a report or an export may leave the laptop, so a
    family's name must never be in one; :func:`observe.privacy.name_warning` says when the
    code looks like one (a warning, not an error: a name cannot be told for certain).
    """
    code = dyad.strip()
    if not code:
        raise InterchangeError(
            "the dyad code is empty; give the family's pseudonymous code with --dyad, e.g. D017"
        )
    wrong = text_problem(code, MAX_CODE_LENGTH, one_line=True)
    if wrong is not None:
        raise InterchangeError(
            f'the dyad code "{shown(code)}" {wrong}; '
            "give the family's pseudonymous code with --dyad, e.g. D017"
        )
    return code, name_warning(code)


def parse_started_at(text: str | None, *, now: datetime | None = None) -> datetime:
    """The wall-clock start: an ISO 8601 time (without an offset: local time), default now;
    a date outside the years sessions are kept for (:mod:`observe.validity.dates`) is
    refused."""
    if text is None or not text.strip():
        return (now or datetime.now()).astimezone().replace(microsecond=0)
    try:
        started = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InterchangeError(
            f'the start time "{shorten(text)}" is not an ISO 8601 date and time; '
            f"write it like 2026-03-02T10:15:00 (or with an offset, {EXAMPLE})"
        ) from None
    if started.tzinfo is None:
        try:
            started = started.astimezone()
        except (ValueError, OverflowError, OSError):  # a year next to 1 or 9999
            started = started.replace(tzinfo=UTC)
    wrong = range_problem(started, text.strip())
    if wrong is not None:
        raise InterchangeError(f"the start time {wrong}; give the time the session started")
    return started


def session_from_csv(
    text: str,
    scheme: Scheme,
    source: str,
    *,
    dyad: str | None,
    observer: str | None,
    visit: str | None = None,
    context: str | None = None,
    duration: float | None = None,
    started_at: datetime | None = None,
) -> ImportedSession:
    """An ended session (``origin="import"``) holding exactly the file's events.

    The duration defaults to the last event's time; a ``duration`` shorter than that is an
    error naming the rows after it. A file written by ``observe export --format csv``
    carries its session's dyad, observer, visit, context, start and duration: those the
    caller leaves as None are taken from it (a file of several sessions is refused).
    """
    wrong = None if duration is None else duration_problem(duration)
    if wrong is not None:
        raise InterchangeError(
            f"the duration {wrong}; give --duration as the session's length in seconds, e.g. 600"
        )
    result = read_events_csv(text, scheme, source, duration=duration)
    exported = exported_session(result.session_values)
    notes: list[str] = []
    if exported:
        taken = {
            "dyad": dyad is None,
            "observer": observer is None,
            "visit": visit is None,
            "context": context is None,
            "started_at": started_at is None,
            "session_duration": duration is None,
        }
        used = [name for name, missing in taken.items() if missing and exported.get(name)]
        if used:
            notes.append(
                f"{source} is an export of session {exported.get('session_id', '?')[:8]}: "
                f"its {_and_list(used)} were taken from the file (give them as options to "
                "change them); the events get new ids"
            )
        dyad = exported.get("dyad") if dyad is None else dyad
        observer = exported.get("observer") if observer is None else observer
        visit = exported.get("visit", "") if visit is None else visit
        context = exported.get("context", "") if context is None else context
        if started_at is None and exported.get("started_at"):
            started_at = parse_started_at(exported["started_at"])
        if duration is None and exported.get("session_duration"):
            duration = _exported_duration(exported["session_duration"], source)
            result = read_events_csv(text, scheme, source, duration=duration)
        scheme_id = exported.get("scheme_id")
        if scheme_id and scheme_id != scheme.id:
            notes.append(
                f"{source} was exported from scheme {scheme_id} and is imported with scheme "
                f"{scheme.id}: check that its codes mean the same in both"
            )
    dyad, dyad_warning = check_dyad_code(dyad or "")
    observer = (observer or "").strip()
    if not observer:
        raise InterchangeError(
            "the observer is empty; give who coded the session with --observer, e.g. OBS1"
        )
    visit, context = (visit or "").strip(), (context or "").strip()
    events = result.events
    if not events and duration is None:
        raise InterchangeError(
            f"{source} has no events; add one row per event under the header, or give "
            "--duration to import a session in which nothing was coded"
        )
    length = to_ms(duration if duration is not None else events[-1].t)
    warnings: list[str] = []
    if dyad_warning:
        warnings.append(dyad_warning)
    if length > LONG_SESSION:
        warnings.append(
            f"the last event of {source} is {length / 3600:.1f} hours into the session; "
            "times are read as seconds: if the file has milliseconds, divide them by 1000 "
            "and import again"
        )
    for code in result.closed_at_end:
        warnings.append(
            f'"{code}" was still going after the last row of {source}; it has been stopped '
            f"at the end of the session ({length:g} s)"
        )
    started = started_at or parse_started_at(None)
    session = Session(
        id=new_id(),
        dyad=dyad,
        observer=observer,
        started_at=started.isoformat(),
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit=visit,
        context=context,
        duration=length,
        status="ended",
        events=events,
        origin="import",
        ended_at=(started + timedelta(seconds=length)).isoformat(),
    )
    _check_whole(session, source)
    return ImportedSession(session=session, warnings=tuple(warnings), notes=tuple(notes))


def _check_whole(session: Session, source: str) -> None:
    """The session as it will be stored, held to the one model every way in is held to."""
    problems = session_problems(session)
    if problems:
        raise InterchangeError(
            f"the session from {source} cannot be imported: {problems[0].sentence}; "
            "correct it and import again"
        )


def exported_session(values: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """The session columns of an export (one session: the reader refuses several)."""
    return {name: found[0] for name, found in values.items() if found}


def _exported_duration(text: str, source: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if duration_problem(value) is not None:
        raise InterchangeError(
            f'{source} gives the session_duration "{shorten(text)}", which is not a number of '
            "seconds from 0 to a day; correct it, or give --duration, and import again"
        )
    return value


def _and_list(names: list[str]) -> str:
    words = [{"session_duration": "duration", "started_at": "start time"}.get(n, n) for n in names]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
