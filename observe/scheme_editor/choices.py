"""What a form offers to choose from: the actors a code can belong to, the state a group
starts in, the codes a rule or a group can list (read from the scheme as it is now, so a
code added a moment ago is there)."""

from __future__ import annotations

from observe.scheme_editor.document import SchemeDocument

KINDS = [("point: a moment", "point"), ("state: its key starts and stops it", "state")]


def choices_for(
    document: SchemeDocument, table: str, index: int | None, name: str
) -> list[tuple[str, str]]:
    """(shown, value) for a choice field; the value "" leaves the field out of the file."""
    draft = document.draft
    if name == "kind":
        return list(KINDS)
    if name == "actor":
        default = draft.infant if table == "cues" else draft.caregiver
        whose = "a cue's" if table == "cues" else "a response's"
        return [(f"{default.label} ({whose} own)", "")] + [
            (actor.label, actor.id) for actor in draft.actors if actor.id != default.id
        ]
    if name == "initial":
        listed = document.value((table, index, "codes"), [])
        listed = listed if isinstance(listed, list) else []
        return [("none", "")] + [
            (_code_label(document, code), code) for code in listed if isinstance(code, str)
        ]
    raise KeyError(name)


def codes_for(
    document: SchemeDocument, table: str, name: str, listed: list[str]
) -> list[tuple[str, str]]:
    """(shown, id) of what a list field can hold: for a rule, every code and every actor
    (standing for all its codes); for a state group, the state codes. What the file lists
    that the scheme lacks stays, so it can be taken out."""
    draft = document.draft
    if table == "state_groups":
        options = [(_code_label(document, c.id), c.id) for c in draft.codes if c.kind == "state"]
    else:
        options = [(_code_label(document, c.id), c.id) for c in draft.codes]
        options += [(f"all of {a.label}'s codes", a.id) for a in draft.actors]
    known = {value for _, value in options}
    options += [(f"{code} (not in this scheme)", code) for code in listed if code not in known]
    return options


def _code_label(document: SchemeDocument, code_id: str) -> str:
    code = document.draft.code(code_id)
    if code is None:
        return code_id
    key = f"{code.key} " if code.key else ""
    return f"{key}{code.label} ({document.draft.actor_of(code_id).label})"
