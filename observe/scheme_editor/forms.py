"""The editor's forms, as data: which fields each table of a scheme has, and what typing
into a field writes in the file.

A form shows each field of :data:`FORMS` with its label. What is typed is written as the
file would hold it (:func:`value_of`): a number field's "10" as ``10.0``, an optional
field left blank is left out of the file (once the form leaves the field: until then a
value typed again goes back in its place, with the comment its line had). Text that is not
a number is written as text, so validation says what it says of such a file ("must be a
number of seconds, not text") beside the field, and saving waits until it is put right.
"""

from __future__ import annotations

from typing import Any, Literal

from attrs import frozen

from observe.scheme import DEFAULT_RULE_ID, DEFAULT_RULE_LABEL
from observe.scheme_editor.document import SchemeDocument

Kind = Literal["text", "id", "seconds", "whole", "choice", "flag", "key", "codes", "anchors"]


@frozen
class FormField:
    name: str
    label: str
    kind: Kind
    #: Left out of the file when blank (else blank text stays, and validation asks for it).
    optional: bool = False
    #: What a blank optional field means, shown in it.
    blank: str = ""


_LABEL = FormField("label", "Label", "text")
_ID = FormField("id", "Id", "id")
_DESCRIPTION = FormField("description", "Description", "text", optional=True, blank="none")
_GROUP = FormField("group", "Group", "text", optional=True, blank="none (shown with no group)")
_KIND = FormField("kind", "Point/state", "choice")
_ACTOR = FormField("actor", "Actor", "choice", optional=True)

FORMS: dict[str, tuple[FormField, ...]] = {
    "scheme": (
        FormField("name", "Name", "text"),
        FormField("version", "Version", "text"),
        _DESCRIPTION,
        FormField("response_window", "Response window (s)", "seconds"),
        FormField("repair_window", "Repair window (s)", "seconds"),
        FormField("intensity_levels", "Intensity levels", "whole", optional=True, blank="0: none"),
    ),
    "actors": (_LABEL, _ID, FormField("infant", "The infant", "flag"), _DESCRIPTION),
    "cues": (
        _LABEL,
        _ID,
        FormField("key", "Key", "key"),
        _KIND,
        _GROUP,
        FormField("window", "Window (s)", "seconds", optional=True, blank="the scheme's"),
        _ACTOR,
        _DESCRIPTION,
    ),
    "responses": (_LABEL, _ID, FormField("key", "Key", "key"), _KIND, _GROUP, _ACTOR, _DESCRIPTION),
    "contingencies": (
        _LABEL,
        _ID,
        _DESCRIPTION,
        FormField("antecedents", "Looks from", "codes"),
        FormField("consequents", "Looks for", "codes"),
        FormField("window", "Window (s)", "seconds", optional=True, blank="the scheme's"),
        FormField(
            "repair_window", "Repair window (s)", "seconds", optional=True, blank="the scheme's"
        ),
    ),
    "state_groups": (
        _LABEL,
        _ID,
        _DESCRIPTION,
        FormField("codes", "States", "codes"),
        FormField("exclusive", "One at a time", "flag"),
        FormField("exhaustive", "Always one on", "flag"),
        FormField("initial", "Starts in", "choice", optional=True),
    ),
    "ratings": (
        _LABEL,
        _ID,
        _DESCRIPTION,
        FormField("min", "Lowest", "whole"),
        FormField("max", "Highest", "whole"),
        FormField("anchors", "Anchors", "anchors"),
    ),
}

#: What the tables are called in the editor, one and many.
NAMES = {
    "actors": ("actor", "actors"),
    "cues": ("cue", "cues"),
    "responses": ("response", "responses"),
    "contingencies": ("rule", "rules"),
    "state_groups": ("state group", "state groups"),
    "ratings": ("rating", "ratings"),
}

#: The defaults the file format gives fields a new table leaves out (shown in the form).
DEFAULTS = {
    "kind": "point",
    "exclusive": True,
    "exhaustive": False,
    "infant": False,
    "min": 1,
    "max": 5,
}


def field_of(table: str, name: str) -> FormField:
    return next(f for f in FORMS[table] if f.name == name)


def value_of(field: FormField, typed: str) -> Any:
    """What typing ``typed`` into ``field`` writes in the file (None: leave it out).

    A required field left blank is written blank, in its place (validation asks for it),
    never left out: retyping it puts it back where it was, with its comment."""
    text = typed.strip() if field.kind in ("id", "seconds", "whole") else typed
    if not text.strip():
        return None if field.optional else ""
    if field.kind == "seconds":
        number = _number(text)
        return float(number) if isinstance(number, (int, float)) else text
    if field.kind == "whole":
        number = _number(text)
        return number if number is not None else text
    return text


def shown(value: Any) -> str:
    """A value of the file as a form field shows it ("10.0" as "10")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text.replace(",", "."))  # "2,5" is how many people write 2.5
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def add_entry(document: SchemeDocument, table: str, label: str) -> int:
    """A new table of ``table`` labelled ``label``, with a free id made from the label and
    the fields it starts with; what it still lacks, validation asks for. Returns its index.

    A scheme without ``[[contingencies]]`` has the default rule; a file that lists rules
    has only those. So the first rule added lists the default rule too, as it was (every
    cue to every response, with each cue's own matches and window), and what the scheme
    measured stays."""
    fields: dict[str, Any] = {
        "id": document.free_id(slug_of(label) or table, table),
        "label": label,
    }
    if table == "contingencies":
        if document.count("contingencies") == 0:
            document.add(
                "contingencies",
                {
                    "id": DEFAULT_RULE_ID,
                    "label": DEFAULT_RULE_LABEL,
                    "antecedents": [c.id for c in document.draft.cues],
                    "consequents": [r.id for r in document.draft.responses],
                },
            )
            fields["id"] = document.free_id(fields["id"], table)
        fields.update(antecedents=[], consequents=[])
    elif table == "state_groups":
        fields["codes"] = []
    elif table == "ratings":
        fields.update(min=1, max=5)
    return document.add(table, fields)


def slug_of(label: str) -> str:
    """An id made from a label ("Sleepy cues" → "sleepy_cues")."""
    out = []
    for ch in label.lower():
        out.append(ch if ch.isascii() and ch.isalnum() else "_")
    slug = "_".join(part for part in "".join(out).split("_") if part)
    return slug[:64].strip("_")
