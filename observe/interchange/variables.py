"""The research tables as variables for REDCap, SPSS and Stata: typed, labelled, coded.

The cue and visit tables (:mod:`observe.interchange.cues`, :mod:`~observe.interchange.visits`)
hold words: a cue's code, an outcome, ``true``. REDCap, SPSS and Stata keep such a column as
whole numbers with labels. :func:`research_datasets` turns each column of the two tables
into a :class:`Variable` (its kind, a short label, its meaning from the codebook, its value
labels) and each row into the values those programs store:

- a coded column (cue and response codes, outcomes, intensity fits, origins) holds 1, 2, …
  in the order its codebook lists the codes (a scheme's codes in the order of its file, the
  schemes in the order the sessions first use them); the label of each number is the code
  itself, the very word the CSV export holds, so a file read back with its labels applied
  gives the CSV's values;
- a boolean is 0 (``false``) or 1 (``true``);
- a rating is its whole number, and the points its scheme anchors carry the anchor as label;
- ``started_at``, which the CSV writes as ISO 8601 with its offset from UTC, becomes the
  local date and time of the visit (what the visitor's clock showed) and, beside it,
  ``started_offset``, that offset (``+01:00``): together they are the moment (REDCap's
  date and time is to the second, SPSS's and Stata's to the millisecond).

Names and labels are the CSV's; each writer fits them to its program's limits
(:func:`fitted_names`, :func:`fit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Literal

from attrs import field, frozen

from observe.interchange.codebook import Code, Column
from observe.interchange.cues import cue_codes, cue_columns, cue_rows
from observe.interchange.visits import columns as visit_columns
from observe.interchange.visits import rating_ids, rating_of, visit_codes, visit_rows
from observe.model import Session

Kind = Literal["text", "integer", "number", "boolean", "coded", "datetime"]

#: The short label of every column (statistics packages show it beside the name; Stata
#: takes 80 characters at most). A column missing here is labelled by its name.
LABELS = {
    "session_id": "Session id",
    "dyad": "Dyad: the family's pseudonymous code",
    "visit": "Visit label as entered",
    "observer": "Observer code",
    "origin": "Where the session came from",
    "scheme_id": "Coding scheme id",
    "scheme_version": "Coding scheme version",
    "second_coding": "A second observer's coding of the visit",
    "primary_session": "Session id of the visit's primary coding",
    "cue_number": "Number of the cue in its session",
    "cue": "Infant cue",
    "cue_time": "Cue onset (s on the session clock)",
    "intensity": "Cue intensity as coded",
    "response_window": "Response window of the cue (s)",
    "first_response": "First caregiver response within the window",
    "first_response_time": "Onset of the first response (s)",
    "latency": "Latency from cue to first response (s)",
    "outcome": "What followed the cue",
    "repair_response": "Response that repaired the cue",
    "time_to_repair": "Time from first response to repair (s)",
    "next_cue_time": "Onset of the infant's next cue (s): end of the episode",
    "intensity_fit": "Response intensity against the cue's",
    "context": "Context of the visit",
    "started_at": "Start of the session (local date and time)",
    "started_offset": "Offset of that local time from UTC",
    "duration": "Observed time (s)",
    "cues": "Infant cues coded",
    "matched": "Cues matched",
    "repaired": "Cues repaired",
    "mismatched": "Cues mismatched",
    "unanswered": "Cues unanswered",
    "response_rate": "Response rate (0-1)",
    "match_rate": "Match rate (0-1)",
    "attuned_rate": "Matched or repaired (0-1)",
    "repair_rate": "Repair rate of the misses (0-1)",
    "latency_n": "Answered cues (n of the latency median)",
    "latency_median": "Median latency (s)",
    "latency_q1": "Latency, first quartile (s)",
    "latency_q3": "Latency, third quartile (s)",
    "within_2s": "Cues answered within 2 s (0-1 of all cues)",
    "within_5s": "Cues answered within 5 s (0-1 of all cues)",
    "time_to_repair_n": "Repaired cues (n of the repair median)",
    "time_to_repair_median": "Median time to repair (s)",
    "intensity_matched": "Response intensity equal to the cue's",
    "intensity_under": "Response intensity below the cue's",
    "intensity_over": "Response intensity above the cue's",
    "units_window_and_response": "1-s units in a cue window with a response",
    "units_window_only": "1-s units in a cue window without a response",
    "units_response_only": "1-s units outside cue windows with a response",
    "units_neither": "1-s units outside cue windows without a response",
    "odds_ratio": "Odds ratio of a response in a cue window",
    "yules_q": "Yule's Q (-1 to +1)",
}
OFFSET = Column(
    "started_offset",
    "text",
    "The offset from UTC of the local time in started_at (e.g. +01:00): the two together "
    "are the moment the session started.",
)
STARTED_LOCAL = (
    "When the session started, as the clock of the laptop that coded it showed it (local "
    "time; started_offset gives its offset from UTC)."
)
BOOLEAN_VALUES = {"false": 0, "true": 1}


@frozen
class Variable:
    """One column of a research table as a statistics package keeps it."""

    name: str  # the column's name in the CSV exports
    kind: Kind
    label: str
    meaning: str
    #: Value labels, lowest value first: every code of a coded column, the anchored points
    #: of a rating, 0 and 1 of a boolean.
    values: tuple[tuple[int, str], ...] = field(default=(), converter=tuple)
    #: The lowest and highest whole number a rating or an intensity can take.
    scale: tuple[int, int] | None = None


@frozen
class Dataset:
    """A research table: its variables, and its rows of stored values."""

    name: str  # "cues" or "visits"
    variables: tuple[Variable, ...] = field(converter=tuple)
    rows: list[list[object]]

    def column(self, name: str) -> list[object]:
        index = [v.name for v in self.variables].index(name)
        return [row[index] for row in self.rows]


def research_datasets(sessions: Sequence[Session]) -> tuple[Dataset, Dataset]:
    """The cue table and the visit table of ``sessions``, as variables and stored values."""
    levels = [s.scheme.intensity_levels for s in sessions if s.scheme.intensity_levels]
    scales: dict[str, tuple[int, int]] = {"intensity": (1, max(levels))} if levels else {}
    ratings: dict[str, str] = {}
    for rating_id in rating_ids(sessions):
        described = rating_of(sessions, rating_id)
        if described is not None:
            rating = described[1]
            scales[f"rating_{rating_id}"] = (rating.min, rating.max)
            ratings[f"rating_{rating_id}"] = rating.label
    cues = _dataset(
        "cues", cue_columns(sessions), cue_rows(sessions), cue_codes(sessions), scales, {}
    )
    visits = _dataset(
        "visits",
        visit_columns(sessions),
        visit_rows(sessions),
        visit_codes(sessions),
        scales,
        ratings,
    )
    return cues, visits


def _dataset(
    name: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    codes: Mapping[str, Sequence[Code]],
    scales: Mapping[str, tuple[int, int]],
    ratings: Mapping[str, str],
) -> Dataset:
    variables: list[Variable] = []
    converters = []  # one per column: how its CSV value becomes the stored one(s)
    for index, column in enumerate(columns):
        found = [row[index] for row in rows]
        variable = _variable(column, codes.get(column.name, ()), found, scales, ratings)
        variables.append(variable)
        converters.append(_converter(variable))
        if variable.kind == "datetime":  # stored as two: the local time, then its offset
            variables.append(_variable(OFFSET, (), [], scales, ratings))
    stored = []
    for row in rows:
        values: list[object] = []
        for value, convert in zip(row, converters):
            converted = convert(value)
            values.extend(converted if isinstance(converted, tuple) else (converted,))
        stored.append(values)
    return Dataset(name, variables, stored)


def _variable(
    column: Column,
    codes: Sequence[Code],
    found: Sequence[object],
    scales: Mapping[str, tuple[int, int]],
    ratings: Mapping[str, str],
) -> Variable:
    label = LABELS.get(column.name) or _rating_label(column.name, ratings, scales)
    scale = scales.get(column.name)
    if column.type == "boolean":
        values = tuple((number, word) for word, number in BOOLEAN_VALUES.items())
        return Variable(column.name, "boolean", label, column.meaning, values)
    if column.name == "started_at":
        return Variable(column.name, "datetime", label, STARTED_LOCAL)
    if column.type == "text" and codes:
        words = list(dict.fromkeys([code.value for code in codes]))
        words += [w for w in dict.fromkeys(found) if isinstance(w, str) and w not in words]
        numbered = tuple((number, word) for number, word in enumerate(words, start=1))
        return Variable(column.name, "coded", label, column.meaning, numbered)
    if column.type == "integer" and codes:  # a rating's anchored points
        anchors: dict[int, str] = {}
        for code in codes:
            anchors.setdefault(int(code.value), code.label or code.value)
        points = tuple(sorted(anchors.items()))
        return Variable(column.name, "integer", label, column.meaning, points, scale)
    return Variable(column.name, column.type, label, column.meaning, (), scale)


def _rating_label(
    name: str, ratings: Mapping[str, str], scales: Mapping[str, tuple[int, int]]
) -> str:
    if name in ratings and name in scales:
        low, high = scales[name]
        return f"{ratings[name]} (rating {low}-{high})"
    return name.replace("_", " ").capitalize()


def _converter(variable: Variable) -> Callable[[object], object]:
    """How a CSV value of ``variable`` becomes the value it is stored as (a pair for a
    date and time: the local time and its offset)."""
    if variable.kind == "boolean":
        return lambda value: None if value is None else int(bool(value))
    if variable.kind == "coded":
        numbers = {word: number for number, word in variable.values}
        return lambda value: None if value is None else numbers[value]
    if variable.kind == "datetime":
        return _local_and_offset
    return lambda value: value


def _local_and_offset(value: object) -> tuple[datetime | None, str | None]:
    if not isinstance(value, str) or not value:
        return None, None
    moment = datetime.fromisoformat(value)
    offset = moment.utcoffset()
    if offset is None:
        return moment, None
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return moment.replace(tzinfo=None), f"{sign}{hours:02d}:{minutes:02d}"


def fit(text: str, *, characters: int | None = None, utf8_bytes: int | None = None) -> str:
    """``text`` cut to at most ``characters`` characters and ``utf8_bytes`` bytes of UTF-8,
    ending in "…" where it was cut."""

    def fits(candidate: str) -> bool:
        return (characters is None or len(candidate) <= characters) and (
            utf8_bytes is None or len(candidate.encode("utf-8")) <= utf8_bytes
        )

    if fits(text):
        return text
    cut = text
    while cut and not fits(cut.rstrip() + "…"):
        cut = cut[:-1]
    return cut.rstrip() + "…"


_NOT_IN_A_NAME = re.compile(r"[^a-z0-9_]")


def fitted_names(names: Sequence[str], limit: int) -> list[str]:
    """``names`` made into names REDCap, SPSS and Stata all accept, each at most ``limit``
    characters and all different: lower-case letters, digits and ``_``, a letter first. A
    character outside those (a rating id's ``-``) becomes ``_``; a name too long is cut, and
    one that would then repeat an earlier name ends in ``_2``, ``_3``, …"""
    taken: set[str] = set()
    fitted = []
    for name in names:
        base = _NOT_IN_A_NAME.sub("_", name.lower())
        if not base[:1].isalpha():
            base = f"v_{base}"
        candidate, number = base[:limit], 1
        while candidate in taken:
            number += 1
            suffix = f"_{number}"
            candidate = base[: limit - len(suffix)] + suffix
        taken.add(candidate)
        fitted.append(candidate)
    return fitted
