"""REDCap's rules for a data dictionary and a data import file, as far as they can be
checked without a REDCap server.

From REDCap's documentation of the data dictionary (its eighteen columns; variable names
of lower-case letters, digits and underscores, a letter first, unique, at most 26
characters recommended; form names likewise, each form's rows together; the record id the
first field, a text field; the field types; choices ``raw, label | raw, label`` for
dropdown, radio and checkbox fields and for no others; validation types, and their min
and max, for text fields only) and of the data import CSV (the record id first, then
``redcap_repeat_instrument`` and ``redcap_repeat_instance``, then each instrument's fields
and its ``<form>_complete`` status 0, 1 or 2; a repeating instrument's rows name it and
number their instance from 1; raw values, never labels).

Each check returns the problems it finds, as sentences: none means valid.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

DICTIONARY_HEADER = [
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
]
FIELD_TYPES = {
    "text", "notes", "dropdown", "radio", "checkbox", "calc", "file", "descriptive",
    "slider", "yesno", "truefalse", "sql",
}  # fmt: skip
WITH_CHOICES = {"dropdown", "radio", "checkbox"}
VALIDATIONS = {
    "date_ymd", "date_mdy", "date_dmy", "datetime_ymd", "datetime_mdy", "datetime_dmy",
    "datetime_seconds_ymd", "datetime_seconds_mdy", "datetime_seconds_dmy", "time",
    "integer", "number", "email", "phone", "zipcode", "alpha_only",
}  # fmt: skip
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
RAW_VALUE = re.compile(r"^(-?[0-9]+|[A-Za-z0-9_]+)$")
INTEGER = re.compile(r"^-?[0-9]+$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
DATETIME_SECONDS = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")
REPEAT = ["redcap_repeat_instrument", "redcap_repeat_instance"]


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def choices(text: str) -> dict[str, str]:
    """``1, hungry | 2, full`` → {"1": "hungry", "2": "full"}."""
    found = {}
    for choice in text.split("|"):
        raw, _, label = choice.partition(",")
        found[raw.strip()] = label.strip()
    return found


def dictionary_problems(text: str) -> list[str]:
    rows = read(text)
    problems: list[str] = []
    if not rows or rows[0] != DICTIONARY_HEADER:
        return ["the header is not REDCap's eighteen columns in their order"]
    fields = rows[1:]
    if not fields:
        return ["there are no fields"]
    names = [row[0] for row in fields]
    forms = [row[1] for row in fields]
    for name, count in Counter(names).items():
        if count > 1:
            problems.append(f"{name} is the name of {count} fields")
    seen_forms: list[str] = []
    for form in forms:
        if not seen_forms or seen_forms[-1] != form:
            if form in seen_forms:
                problems.append(f"the rows of form {form} are not together")
            seen_forms.append(form)
    for form in set(forms):
        if not NAME.match(form) or len(form) < 2:
            problems.append(f"form name {form!r} is not lower-case letters, digits and _")
        if f"{form}_complete" in names:
            problems.append(f"{form}_complete is REDCap's own field")
    if fields[0][3] != "text":
        problems.append("the record id (the first field) is not a text field")
    for row in fields:
        if len(row) != len(DICTIONARY_HEADER):
            problems.append(f"{row[0]} has {len(row)} columns")
            continue
        problems += _field_problems(row)
    return problems


def _field_problems(row: list[str]) -> list[str]:
    name, _, _, kind, label, choice_text, _, validation, low, high = row[:10]
    identifier, required = row[10], row[12]
    problems = []
    if not NAME.match(name) or not 2 <= len(name) <= 26:
        problems.append(f"field name {name!r} is not 2 to 26 lower-case letters, digits and _")
    if name.startswith("redcap_"):
        problems.append(f"{name} takes a name REDCap keeps for itself")
    if kind not in FIELD_TYPES:
        problems.append(f"{name} has the field type {kind!r}")
    if not label.strip():
        problems.append(f"{name} has no label")
    if kind in WITH_CHOICES:
        parts = [part.strip() for part in choice_text.split("|")]
        raws = []
        for part in parts:
            raw, comma, shown = part.partition(",")
            if not comma or not RAW_VALUE.match(raw.strip()) or not shown.strip():
                problems.append(f"{name}: choice {part!r} is not 'raw, label'")
            raws.append(raw.strip())
        if len(set(raws)) != len(raws):
            problems.append(f"{name} gives a raw value twice")
    elif choice_text and kind not in ("calc", "slider"):
        problems.append(f"{name} is a {kind} field with choices")
    if validation:
        if kind != "text":
            problems.append(f"{name}: a {kind} field has a validation")
        elif validation not in VALIDATIONS:
            problems.append(f"{name}: {validation!r} is not a validation REDCap has")
    for bound in (low, high):
        if bound and not validation:
            problems.append(f"{name} has a min or max without a validation")
        if bound and validation == "integer" and not INTEGER.match(bound):
            problems.append(f"{name}: {bound!r} is no whole number")
    if identifier not in ("", "y") or required not in ("", "y"):
        problems.append(f"{name}: Identifier? and Required Field? take y or nothing")
    return problems


def expected_header(dictionary: str) -> list[str]:
    """The data file's columns for this dictionary, as REDCap lays out its own exports."""
    fields = read(dictionary)[1:]
    header = [fields[0][0], *REPEAT]
    forms = list(dict.fromkeys(row[1] for row in fields))
    for form in forms:
        header += [row[0] for row in fields[1:] if row[1] == form] + [f"{form}_complete"]
    return header


def data_problems(data: str, dictionary: str, repeating: set[str]) -> list[str]:
    rows = read(data)
    header, lines = rows[0], rows[1:]
    if header != expected_header(dictionary):
        return ["the data's columns are not the dictionary's fields in order"]
    fields = {row[0]: row for row in read(dictionary)[1:]}
    form_of = {row[0]: row[1] for row in fields.values()}
    form_of.update({f"{form}_complete": form for form in set(form_of.values())})
    first_form = read(dictionary)[1][1]
    problems: list[str] = []
    instances: Counter[tuple[str, str, str]] = Counter()
    for number, line in enumerate(lines, start=2):
        record, instrument, instance = line[0], line[1], line[2]
        if not record:
            problems.append(f"row {number} has no record id")
        if instrument:
            if instrument not in repeating:
                problems.append(f"row {number}: {instrument!r} is not a repeating instrument")
            if not INTEGER.match(instance) or int(instance) < 1:
                problems.append(f"row {number}: instance {instance!r} is not 1, 2, …")
        elif instance:
            problems.append(f"row {number}: an instance without its instrument")
        instances[(record, instrument, instance)] += 1
        own = instrument or first_form
        for column, cell in zip(header[3:], line[3:]):
            if not cell:
                continue
            if form_of[column] != own:
                problems.append(f"row {number} ({own}) fills {column} of {form_of[column]}")
            elif column.endswith("_complete") and column not in fields:
                if cell not in ("0", "1", "2"):
                    problems.append(f"row {number}: {column} is {cell!r}")
            else:
                problem = _value_problem(fields[column], cell)
                if problem:
                    problems.append(f"row {number}, {column}: {problem}")
    for key, count in instances.items():
        if count > 1:
            problems.append(f"{key} is in {count} rows")
    return problems


def _value_problem(field: list[str], cell: str) -> str | None:
    kind, choice_text, validation, low, high = field[3], field[5], field[7], field[8], field[9]
    if kind in WITH_CHOICES and cell not in choices(choice_text):
        return f"{cell!r} is not one of its raw values"
    if kind == "yesno" and cell not in ("0", "1"):
        return f"{cell!r} is not 0 or 1"
    if validation == "integer":
        if not INTEGER.match(cell):
            return f"{cell!r} is not a whole number"
        if (low and int(cell) < int(low)) or (high and int(cell) > int(high)):
            return f"{cell} is outside {low} to {high}"
    if validation == "number" and not NUMBER.match(cell):
        return f"{cell!r} is not a number REDCap reads"
    if validation == "datetime_seconds_ymd" and not DATETIME_SECONDS.match(cell):
        return f"{cell!r} is not YYYY-MM-DD HH:MM:SS"
    return None
