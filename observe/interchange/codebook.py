"""Codebooks: what every column of a research export holds, and what every code means.

A codebook is itself a CSV file (a data dictionary), so statistics software can read it as
well as a person: one row per column of the export (``variable`` the column, ``type`` and
``meaning``), followed, for a column that holds codes, by one row per code (``value`` the
code, ``scheme`` the coding scheme and version it comes from, ``label`` and ``meaning``).

``type`` is one of four words, which every package can be told when it reads the export —
a reader left to guess would take a scheme version ``1.0`` for a number, or a visit ``02``
for the number 2:

- ``text``: read as text (ids, codes, versions, visit labels);
- ``integer``: a whole number, empty where there is none;
- ``number``: a decimal number (seconds, rates as fractions 0–1), empty where there is none
  (a figure that cannot be computed is empty, never 0);
- ``boolean``: ``true`` or ``false``.

Cells are written by :func:`cell`: an exact number as Python writes it (``1.9``, ``0.8``),
nothing for a missing value, ``true``/``false``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from attrs import frozen

from observe.model import Session
from observe.pairing import Pairing

ColumnType = Literal["text", "integer", "number", "boolean"]
CODEBOOK_COLUMNS = ("variable", "value", "scheme", "type", "label", "meaning")


@frozen
class Column:
    """One column of an export: its name, type and what it holds."""

    name: str
    type: ColumnType
    meaning: str


@frozen
class Code:
    """One value a column can hold, explained."""

    value: str
    meaning: str
    label: str = ""
    scheme: str = ""  # "infant-cues 1.0": the scheme the code belongs to


def cell(value: object) -> str:
    """A value as an export writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A CSV table (CRLF line ends, like every export of observe) of ``rows`` of values."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return out.getvalue()


def codebook_text(columns: Sequence[Column], codes: Mapping[str, Sequence[Code]]) -> str:
    """The codebook CSV of an export with ``columns``; ``codes`` gives, by column name, the
    values that column can hold."""
    rows: list[tuple[str, ...]] = []
    for column in columns:
        rows.append((column.name, "", "", column.type, "", column.meaning))
        # dict.fromkeys: a code shared by two snapshots of one scheme is explained once
        for code in dict.fromkeys(codes.get(column.name, ())):
            rows.append((column.name, code.value, code.scheme, "", code.label, code.meaning))
    return csv_text(CODEBOOK_COLUMNS, rows)


SECOND_CODING = Column(
    "second_coding",
    "boolean",
    "true where the session is a second observer's coding of a visit whose primary coding "
    "is another session (a double-coded visit's non-primary coding, as marked in the "
    "archive with observe session pair when the file was written): leave its rows out of "
    "family-level figures, or use them for observer agreement.",
)
PRIMARY_SESSION = Column(
    "primary_session",
    "text",
    "For a second coding, the session_id of its visit's primary coding, the one "
    "family-level figures count; empty otherwise.",
)

SESSION_COLUMNS = (
    Column("session_id", "text", "The session's id (observe session show ID shows it)."),
    Column("dyad", "text", "The family's pseudonymous dyad code (never a name)."),
    Column("visit", "text", "The visit label as the observer entered it (text: 2 and 02 differ)."),
    Column("observer", "text", "The code of the observer who coded the session."),
    Column("origin", "text", "Where the session came from; see its values below."),
    Column("scheme_id", "text", "The id of the coding scheme the session was coded with."),
    Column("scheme_version", "text", "That scheme's version (text: 1.10 is not 1.1)."),
    SECOND_CODING,
    PRIMARY_SESSION,
)

ORIGINS = (
    Code("live", "coded live in observe's coding screen"),
    Code("import", "imported from a CSV file of events (observe session import)"),
    Code("demo", "synthetic demonstration data made by observe demo, not a real family"),
    Code("recording", "coded afterwards from a video of the visit (observe code --video)"),
)
BOOLEANS = (
    Code("true", "yes"),
    Code("false", "no"),
)


def session_cells(session: Session, visits: Pairing) -> list[object]:
    """The values of :data:`SESSION_COLUMNS` for one session; ``visits``: the archive's
    double-coded visits (:func:`observe.pairing.pairing`)."""
    visit = visits.visit(session.id)
    second = visit is not None and visit.primary != session.id
    return [
        session.id,
        session.dyad,
        session.visit,
        session.observer,
        session.origin,
        session.scheme.id,
        session.scheme.version,
        second,
        visit.primary if visit is not None and second else None,
    ]
