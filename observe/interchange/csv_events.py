"""Events from a CSV file: sessions coded elsewhere (a spreadsheet, another tool).

The file has a header row and one row per event. Columns, in any order, names in any case:

- ``time`` (required): seconds on the session clock, e.g. ``12.5`` (a decimal comma, ``12,5``,
  is accepted too); kept to the millisecond;
- ``code`` (required): a code id of the scheme (a cue or a response);
- ``kind`` (optional): ``point``, ``start`` or ``stop``. Left empty (or without the column), a
  point code is a ``point`` and a state code toggles, as its key does on the coding screen:
  ``start`` when it is not going, ``stop`` when it is;
- ``intensity`` (optional): a whole number from 1 to the scheme's ``intensity_levels``;
- ``note`` (optional): free text.

The file written by ``observe export --format csv`` reads as it is: its session columns
(``session_id``, ``dyad``, ``started_at``, ...) are handed to the caller, and ``event_id``,
``actor`` and ``actor_id`` are left aside; rows of more than one session are refused with a
sentence saying how to cut the file. Any other column is an error naming it: a misspelt
``intensty`` silently ignored would lose the data in it.

Commas, semicolons or tabs separate the cells (whichever the header uses); a byte-order
mark and blank rows are fine. Rows need not be in time order: events are sorted
by time, rows with the same time keeping their order.

A state code still going after the last row is closed at the session's duration (or, without
one, at the last event's time), as ending a live session closes open states; the result says
which were closed so the caller can tell the user.

Every problem names the file and the row as a spreadsheet numbers it (the header is row 1),
says what is wrong and what to do. All bad rows are reported at once (the first ten).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from attrs import field, frozen

from observe.errors import InterchangeError
from observe.interchange.csv_cells import read_row
from observe.interchange.csv_export import IMPORT_COLUMNS, SESSION_COLUMNS, events_to_csv
from observe.interchange.csv_rows import (
    check_row_count,
    is_blank,
    read_records,
    too_many_rows,
)
from observe.model import Event, new_id
from observe.scheme import Scheme
from observe.validity.events import code_definition
from observe.validity.limits import MAX_EVENTS

COLUMNS = IMPORT_COLUMNS
REQUIRED_COLUMNS = ("time", "code")
#: Columns of ``observe export --format csv`` that are not events' own: recognised, and
#: handed to the caller (the session's metadata) or left aside (ids, the actor).
EXPORT_ONLY_COLUMNS = (*SESSION_COLUMNS, "event_id", "actor", "actor_id")
MAX_REPORTED_PROBLEMS = 10


class CsvRowsError(InterchangeError):
    """One or more rows of an events CSV are wrong. ``problems``: ``"row 7: ..."`` each."""

    def __init__(self, source: str, problems: Sequence[str], more: int = 0) -> None:
        self.source = source
        self.problems = list(problems)
        if len(self.problems) == 1 and not more:
            message = f"{source} {self.problems[0]}; fix the row and import again"
        else:
            count = len(self.problems) + more
            lines = "\n".join(f"  {source} {problem}" for problem in self.problems)
            if more:
                lines += f"\n  ... and {more} more"
            message = (
                f"{source} has {count} rows that cannot be imported; "
                f"fix them and import again:\n{lines}"
            )
        super().__init__(message)


@frozen
class CsvEvents:
    """What a CSV file holds: its events (sorted by time) and the state codes that were
    still going at the end and have been closed."""

    events: tuple[Event, ...]
    closed_at_end: tuple[str, ...] = ()
    #: For each session column of an export (``dyad``, ``session_id``, ...) the distinct
    #: values in the file, in row order; empty for a file of events alone.
    session_values: dict[str, tuple[str, ...]] = field(factory=dict)


@frozen
class _Row:
    number: int
    t: float
    code: str
    kind: str  # point | start | stop | "" (toggle a state code)
    intensity: int | None
    note: str | None


def parse_events_csv(
    text: str, scheme: Scheme, source: str, *, duration: float | None = None
) -> list[Event]:
    """The events of a CSV file, sorted by time; :class:`InterchangeError` if any row is bad."""
    return list(read_events_csv(text, scheme, source, duration=duration).events)


def read_events_csv(
    text: str, scheme: Scheme, source: str, *, duration: float | None = None
) -> CsvEvents:
    """As :func:`parse_events_csv`, also naming the state codes closed at the end.

    ``duration``: the session's length; an event after it is an error, and open states are
    closed there (without it: at the last event's time). The rows are read one at a time
    (:mod:`observe.interchange.csv_rows`), so the time and memory an import takes grow with
    the file and no faster; a file of more rows than a session may hold events
    (:data:`~observe.validity.limits.MAX_EVENTS`) is refused before its rows are read as
    events.
    """
    records = read_records(text, source)
    header_number, header = next(
        ((number, cells) for number, cells in records if not is_blank(cells)), (0, [])
    )
    if not header_number:
        raise InterchangeError(
            f"{source} is empty; it needs a header row naming at least the columns "
            "time and code, then one row per event"
        )
    columns = _columns(header, header_number, source)
    ends = max(text.count("\n"), text.count("\r"))  # a line ends at one, or both
    if ends > header_number + MAX_EVENTS:  # more lines than a session may have rows
        check_row_count(records, source)
        records = read_records(text, source)
        for _ in range(header_number):
            next(records)
    problems: list[tuple[int, str]] = []  # (row number, "row N: what is wrong")
    rows: list[_Row] = []
    session_columns = [name for name in SESSION_COLUMNS if name in columns]
    session_values: dict[str, dict[str, None]] = {name: {} for name in session_columns}
    count = 0
    for number, cells in records:
        if is_blank(cells):
            continue
        for name in session_columns:
            value = _cell(cells, columns, name)
            if value:
                session_values[name].setdefault(value, None)
        if (
            session_columns
            and not _cell(cells, columns, "time")
            and not _cell(cells, columns, "code")
        ):
            continue  # an export's row for a session in which nothing was coded
        count += 1
        if count > MAX_EVENTS:  # lines ended by \r and \n alike escape the count above
            raise too_many_rows(source, f"more than {MAX_EVENTS:,} rows of events")
        row = _row(number, cells, columns, scheme, duration, problems)
        if row is not None:
            rows.append(row)
    rows.sort(key=lambda row: row.t)  # stable: equal times keep their row order
    events, closed = _events(rows, scheme, duration, problems)
    values = {name: tuple(found) for name, found in session_values.items()}
    _check_one_session(values, source)
    exported_from = values.get("scheme_id", ("",))[0] if values.get("scheme_id") else ""
    if problems and exported_from and exported_from != scheme.id:
        raise InterchangeError(
            f"{source} was exported from scheme {exported_from}, and its codes are not all "
            f"codes of scheme {scheme.id}: import it with --scheme {exported_from}"
        )
    if problems:
        shown = [text for _number, text in sorted(problems)[:MAX_REPORTED_PROBLEMS]]
        raise CsvRowsError(source, shown, more=len(problems) - len(shown))
    return CsvEvents(
        events=tuple(events),
        closed_at_end=tuple(closed),
        session_values=values,
    )


# -- reading ---------------------------------------------------------------------------


def _check_one_session(values: dict[str, tuple[str, ...]], source: str) -> None:
    """An export of several sessions cannot become one session: say how to cut it."""
    ids = values.get("session_id", ())
    several = [name for name, found in values.items() if len(found) > 1]
    if len(ids) <= 1 and not several:
        return
    if len(ids) > 1:
        shown = ", ".join(i[:8] for i in ids[:4]) + (", …" if len(ids) > 4 else "")
        what = f"the rows of {len(ids)} sessions ({shown})"
    else:
        what = f"rows with different {several[0]} values"
    raise InterchangeError(
        f"{source} holds {what}; a session is imported on its own: keep only the rows "
        "of one session (filter on the session_id column) and import that file"
    )


def _columns(header: Sequence[str], number: int, source: str) -> dict[str, int]:
    """Column name → position; names are matched ignoring case and surrounding spaces."""
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for position, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            continue
        if name in columns:
            raise InterchangeError(
                f"{source} row {number} (the header) names the column {name!r} twice; "
                "keep one and import again"
            )
        if name not in COLUMNS and name not in EXPORT_ONLY_COLUMNS:
            unknown.append(raw.strip())
        columns[name] = position
    if unknown:
        names = ", ".join(f'"{name}"' for name in unknown)
        noun = "column" if len(unknown) == 1 else "columns"
        close = difflib.get_close_matches(unknown[0].lower(), COLUMNS, n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise InterchangeError(
            f"{source} row {number} (the header) has the unknown {noun} {names}{hint}; "
            f"the columns are {', '.join(COLUMNS)} (time and code required): "
            "rename or remove it and import again"
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip()) or "nothing"
        raise InterchangeError(
            f"{source} row {number} (the header) has no {' or '.join(missing)} column "
            f"(it names {found}); the first row must name the columns, at least time and "
            "code: add it and import again"
        )
    return columns


def _cell(cells: Sequence[str], columns: dict[str, int], name: str) -> str:
    position = columns.get(name)
    if position is None or position >= len(cells):
        return ""
    return cells[position].strip()


def _row(
    number: int,
    cells: Sequence[str],
    columns: dict[str, int],
    scheme: Scheme,
    duration: float | None,
    problems: list[tuple[int, str]],
) -> _Row | None:
    """One row checked on its own (time, code, kind, intensity); None if it is bad."""
    used = set(columns.values())
    stray = [i for i, cell in enumerate(cells) if i not in used and cell.strip()]
    if stray:
        problems.append(
            (
                number,
                f"row {number}: has a value in column {stray[0] + 1}, which the header does not "
                "name; remove it or name the column",
            )
        )
        return None
    event, found = read_row(
        time_text=_cell(cells, columns, "time"),
        code=_cell(cells, columns, "code"),
        kind_text=_cell(cells, columns, "kind"),
        intensity_text=_cell(cells, columns, "intensity"),
        note_text=_cell(cells, columns, "note"),
        scheme=scheme,
        duration=duration,
    )
    if event is None:
        problems.append((number, f"row {number}: " + "; ".join(found)))
        return None
    return _Row(
        number=number,
        t=event.t,
        code=event.code,
        kind=event.kind,
        intensity=event.intensity,
        note=event.note,
    )


def _events(
    rows: Sequence[_Row],
    scheme: Scheme,
    duration: float | None,
    problems: list[tuple[int, str]],
) -> tuple[list[Event], list[str]]:
    """Events in time order, checking that state codes start and stop in turn."""
    going: dict[str, _Row] = {}
    events: list[Event] = []
    for row in rows:
        kind = row.kind
        definition = code_definition(scheme, row.code)
        if definition is not None and definition.kind == "state":
            if not kind:
                kind = "stop" if row.code in going else "start"
            if kind == "start" and row.code in going:
                problems.append(
                    (
                        row.number,
                        f'row {row.number}: "{row.code}" starts at {row.t:g} s while it is '
                        f"already going (started at {going[row.code].t:g} s, row "
                        f"{going[row.code].number}); "
                        "add its stop before this row or remove this start",
                    )
                )
                continue
            if kind == "stop" and row.code not in going:
                problems.append(
                    (
                        row.number,
                        f'row {row.number}: "{row.code}" stops at {row.t:g} s but it was not '
                        "going; add its start (an earlier row) or remove this stop",
                    )
                )
                continue
            if kind == "start":
                going[row.code] = row
            else:
                del going[row.code]
        events.append(
            Event(
                id=new_id(),
                code=row.code,
                t=row.t,
                kind=kind,  # type: ignore[arg-type]
                intensity=row.intensity,
                note=row.note,
            )
        )
    end = duration if duration is not None else (events[-1].t if events else 0.0)
    closed = list(going)
    events.extend(Event(id=new_id(), code=code, t=end, kind="stop") for code in closed)
    return events, closed


__all__ = [
    "COLUMNS",
    "CsvEvents",
    "CsvRowsError",
    "events_to_csv",
    "parse_events_csv",
    "read_events_csv",
]
