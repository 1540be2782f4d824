"""REDCap: a flat CSV to import and the data dictionary of its project
(``observe export --format redcap``).

**One record per family, visits and cues as repeating instruments.** A REDCap project's
record is its study participant, and here the participant is the family (the dyad): a
programme follows a family over visits, REDCap's record dashboard then shows a family with
its visits, and an analyst exports cue within visit within family as it is nested. REDCap
repeats instruments within a record but does not nest them, so the record has three
instruments:

- ``family`` (not repeating): ``record_id``, the dyad code;
- ``observed_visit`` (repeating): one instance per session, its metadata, figures and
  ratings (the columns of ``--format visits``, the dyad being the record);
- ``infant_cue`` (repeating): one instance per cue (the columns of ``--format cues``
  after the session's), with ``cue_session`` and ``cue_visit``, the session id and the
  ``observed_visit`` instance it belongs to, which join a cue to its visit.

A family's visits are numbered 1, 2, … by their start, and its cues by visit and then
time, so a later export of the same family with visits added keeps every instance number
and adds the new ones.

**The files.** The dictionary has REDCap's eighteen columns, one row per field, the
``family`` fields first. The data CSV has REDCap's layout: ``record_id``, then
``redcap_repeat_instrument`` and ``redcap_repeat_instance``, then each instrument's fields
in the dictionary's order followed by its ``<form>_complete`` status (2, Complete: the
sessions have ended); one row for each family's ``family`` instrument (both repeat columns
empty), one for each visit and one for each cue. Codes are stored as numbers with the
choices ``1, hungry | 2, full | …`` (:mod:`observe.interchange.variables`), a boolean as
REDCap's ``yesno`` (1 yes, 0 no), numbers without an exponent, the start as REDCap's
``YYYY-MM-DD HH:MM:SS`` in the visit's local time (to the second, as REDCap keeps it) with
its UTC offset beside it. Field
names are at most 26 characters (REDCap's recommendation): a rating whose name is longer
is cut (:func:`~observe.interchange.variables.fitted_names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from itertools import groupby

from attrs import evolve, frozen

from observe.interchange.codebook import SESSION_COLUMNS, csv_text
from observe.interchange.variables import Dataset, Variable, fitted_names, research_datasets
from observe.model import Session
from observe.store.index import started_key

FAMILY, VISIT, CUE = "family", "observed_visit", "infant_cue"
#: REDCap's recommended longest field name.
NAME_LIMIT = 26
#: A choice list this long or shorter is shown as radio buttons, a longer one as a list.
RADIO_CHOICES = 5
#: A rating scale of this many points or fewer is a radio choice, a longer one a number.
RADIO_SCALE = 11
COMPLETE = 2  # REDCap's form status "Complete"

DICTIONARY_COLUMNS = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
REPEAT_COLUMNS = ("redcap_repeat_instrument", "redcap_repeat_instance")
#: Where a section header starts in the visit instrument.
SECTIONS = {
    "session_id": "The session",
    "cues": "Figures over the session's cues (as observe analyze gives them)",
}


@frozen
class Field:
    """One row of the data dictionary."""

    name: str
    form: str
    type: str  # text, radio, dropdown, yesno
    label: str
    note: str = ""
    choices: str = ""
    validation: str = ""
    minimum: str = ""
    maximum: str = ""
    section: str = ""

    def row(self) -> list[str]:
        return [
            self.name,
            self.form,
            self.section,
            self.type,
            self.label,
            self.choices,
            self.note,
            self.validation,
            self.minimum,
            self.maximum,
            *[""] * 8,
        ]


@frozen
class RedcapExport:
    """The two files, and what they hold."""

    data: str
    dictionary: str
    families: int
    visits: int
    cues: int
    #: ``column → field name`` for each name that had to be changed to fit REDCap.
    renamed: dict[str, str]


RECORD_ID = Field(
    "record_id",
    FAMILY,
    "text",
    "Dyad: the family's pseudonymous code",
    note="The record is the family: its visits and their cues are the repeating "
    "instruments observed_visit and infant_cue.",
)


def redcap_export(sessions: Sequence[Session]) -> RedcapExport:
    """The REDCap data and dictionary of ``sessions``."""
    ordered = _in_record_order(sessions)
    cues, visits = research_datasets(ordered)
    session_names = {column.name for column in SESSION_COLUMNS}
    visit_vars = [v for v in visits.variables if v.name != "dyad"]
    cue_vars = [v for v in cues.variables if v.name not in session_names]
    columns = ["record_id", "cue_session", "cue_visit"]
    columns += [v.name for v in visit_vars] + [v.name for v in cue_vars]
    names = dict(zip(columns, fitted_names(columns, NAME_LIMIT)))
    first_rating = next((v.name for v in visit_vars if v.name.startswith("rating_")), None)
    sections = {**SECTIONS, **({first_rating: "Ratings"} if first_rating else {})}
    visit_fields = [_field(v, names[v.name], VISIT, sections.get(v.name, "")) for v in visit_vars]
    link_fields = [
        Field(
            names["cue_session"],
            CUE,
            "text",
            "Session id of the cue's visit",
            note="The session_id of the observed_visit instance the cue was coded in.",
        ),
        Field(
            names["cue_visit"],
            CUE,
            "text",
            "Instance of the cue's visit",
            note="The redcap_repeat_instance of that observed_visit in this record.",
            validation="integer",
            minimum="1",
        ),
    ]
    cue_fields = link_fields + [_field(v, names[v.name], CUE, "") for v in cue_vars]
    forms = {FAMILY: [RECORD_ID], VISIT: visit_fields, CUE: cue_fields}
    dictionary = csv_text(DICTIONARY_COLUMNS, [f.row() for fs in forms.values() for f in fs])
    header = [RECORD_ID.name, *REPEAT_COLUMNS]
    for form, fields in forms.items():
        header += [f.name for f in fields if f is not RECORD_ID] + [f"{form}_complete"]
    rows = _rows(visits, cues, visit_vars, cue_vars, header)
    renamed = {column: name for column, name in names.items() if column != name}
    return RedcapExport(
        data=csv_text(header, rows),
        dictionary=dictionary,
        families=len({s.dyad for s in sessions}),
        visits=len(visits.rows),
        cues=len(cues.rows),
        renamed=renamed,
    )


def _in_record_order(sessions: Sequence[Session]) -> list[Session]:
    """The sessions family by family (families in the order they come), each family's
    by start (the moment, whatever the offset), then id."""
    families = {dyad: index for index, dyad in enumerate(dict.fromkeys(s.dyad for s in sessions))}
    return sorted(
        sessions,
        key=lambda s: (families[s.dyad], started_key({"started_at": s.started_at}), s.id),
    )


def _field(variable: Variable, name: str, form: str, section: str) -> Field:
    base = Field(name, form, "text", variable.label, note=variable.meaning, section=section)
    low, high = variable.scale or ("", "")
    if variable.kind == "boolean":
        return evolve(base, type="yesno")
    if variable.kind == "coded":
        kind = "radio" if len(variable.values) <= RADIO_CHOICES else "dropdown"
        return evolve(base, type=kind, choices=_choices(variable.values))
    if variable.kind == "datetime":
        return evolve(base, validation="datetime_seconds_ymd")
    if variable.kind == "integer" and variable.scale and high - low < RADIO_SCALE:
        anchors = dict(variable.values)
        points = [(p, anchors.get(p, str(p))) for p in range(low, high + 1)]
        return evolve(base, type="radio", choices=_choices(points))
    if variable.kind == "integer":
        note = variable.meaning
        if variable.values:
            note += " Anchors: " + "; ".join(f"{p} = {text}" for p, text in variable.values)
        return evolve(base, validation="integer", minimum=str(low), maximum=str(high), note=note)
    if variable.kind == "number":
        return evolve(base, validation="number")
    return base


_NOT_IN_A_CHOICE = re.compile(r"[|\r\n\t]")


def _choices(values: Sequence[tuple[int, str]]) -> str:
    """REDCap's choice list, ``1, hungry | 2, full``; a ``|`` in a label (it separates the
    choices) becomes ``/``."""
    return " | ".join(
        f"{number}, {_NOT_IN_A_CHOICE.sub(lambda m: '/' if m[0] == '|' else ' ', label)}"
        for number, label in values
    )


def _rows(
    visits: Dataset,
    cues: Dataset,
    visit_vars: Sequence[Variable],
    cue_vars: Sequence[Variable],
    header: Sequence[str],
) -> list[list[object]]:
    """The data rows: each family's own row, then its visits, then its cues. The visits
    come family by family, each family's in the order of its instances."""
    where = {name: index for index, name in enumerate(header)}
    visit_cells = _cells(visits, visit_vars)
    cue_cells = _cells(cues, cue_vars)
    cues_of: dict[object, list[list[object]]] = {}
    for session_id, cells in zip(cues.column("session_id"), cue_cells):
        cues_of.setdefault(session_id, []).append(cells)

    def line(dyad: object, form: str, instance: object, cells: Sequence[object]) -> list[object]:
        row: list[object] = [None] * len(header)
        row[0], row[1], row[2] = dyad, form if form != FAMILY else None, instance
        complete = where[f"{form}_complete"]
        row[complete - len(cells) : complete] = cells
        row[complete] = COMPLETE
        return row

    rows: list[list[object]] = []
    visit_rows = zip(visits.column("dyad"), visits.column("session_id"), visit_cells)
    for dyad, family in groupby(visit_rows, key=lambda visit: visit[0]):
        sessions = [(session_id, cells) for _, session_id, cells in family]
        rows.append(line(dyad, FAMILY, None, []))
        for instance, (_, cells) in enumerate(sessions, start=1):
            rows.append(line(dyad, VISIT, instance, cells))
        number = 0
        for instance, (session_id, _) in enumerate(sessions, start=1):
            for cells in cues_of.get(session_id, []):
                number += 1
                rows.append(line(dyad, CUE, number, [session_id, instance, *cells]))
    return rows


def _cells(dataset: Dataset, variables: Sequence[Variable]) -> list[list[object]]:
    """Each row's values of ``variables``, as REDCap imports them."""
    names = [v.name for v in dataset.variables]
    at = [names.index(v.name) for v in variables]
    return [[_cell(row[i]) for i in at] for row in dataset.rows]


def _cell(value: object) -> object:
    """A stored value as REDCap imports it."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float):
        return redcap_number(value)
    return value


def redcap_number(value: float) -> str:
    """A number as REDCap's ``number`` validation takes it: the shortest text that reads
    back as the same float, never with an exponent (``1e-05`` → ``0.00001``)."""
    text = repr(value)
    if "e" not in text and "E" not in text:
        return text
    return format(Decimal(text), "f")
