"""Checking a scheme file's actors (``[[actors]]``) and the actor of each code.

A file may leave actors out: then it has the infant and the caregiver
(:data:`~observe.scheme.actors.DEFAULT_ACTORS`), and a code may still name one of them.
A file that lists actors lists exactly one infant and at least one other actor; actor ids
are distinct from each other and from every code id (a rule may name either).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from observe.scheme.actors import DEFAULT_ACTORS
from observe.scheme.consistency import CodeEntry
from observe.scheme.fields import check_bool, check_slug, check_text, check_unknown_fields
from observe.scheme.problems import Problems, describe_type, did_you_mean

ACTOR_FIELDS = ("id", "label", "infant", "description")

Tables = list[tuple[int, dict[str, Any]]]


@frozen
class KnownActors:
    """The actors of the file as far as they could be read."""

    ids: tuple[str, ...]
    infant: str | None  # the actor of a cue that names none
    caregiver: str | None  # the actor of a response that names none
    listed: bool  # the file lists its actors (else: the defaults)


DEFAULTS = KnownActors(
    ids=tuple(a.id for a in DEFAULT_ACTORS),
    infant=next(a.id for a in DEFAULT_ACTORS if a.infant),
    caregiver=next(a.id for a in DEFAULT_ACTORS if not a.infant),
    listed=False,
)


def check_actors(
    data: Mapping[str, Any], tables: Tables, codes: Mapping[str, CodeEntry], problems: Problems
) -> KnownActors:
    """The actors of the file, every problem of ``[[actors]]`` reported."""
    if "actors" not in data:
        return DEFAULTS
    if data["actors"] == []:
        problems.add(
            ("actors",), "is empty; list the actors (one with infant = true) or leave it out"
        )
        return DEFAULTS
    first: dict[str, int] = {}
    infants: list[tuple[int, str | None]] = []
    others: list[str | None] = []
    for index, table in tables:
        base = ("actors", index)
        check_unknown_fields(base, table, ACTOR_FIELDS, problems)
        check_slug(base, table, problems)
        check_text(base, table, "label", problems, required=True)
        check_text(base, table, "description", problems, required=False, allow_empty=True)
        infant = table.get("infant", False)
        check_bool((*base, "infant"), infant, problems)
        actor_id = table.get("id")
        actor_id = actor_id if isinstance(actor_id, str) else None
        if infant is True:
            infants.append((index, actor_id))
        else:
            others.append(actor_id)
        if actor_id is None:
            continue
        if actor_id in first:
            problems.add(
                (*base, "id"),
                f'"{actor_id}" is already the id of actors[{first[actor_id]}]; '
                "every actor needs its own id",
            )
        else:
            first[actor_id] = index
        if actor_id in codes:
            problems.add(
                (*base, "id"),
                f'"{actor_id}" is already the id of {codes[actor_id].where}; an actor needs an id '
                "no code has (a rule may name either)",
            )
    if tables and not infants:
        problems.add(
            ("actors",),
            "none of the actors is the infant; add infant = true to the infant's [[actors]] entry",
        )
    for index, _ in infants[1:]:
        first_index, first_id = infants[0]
        named = f' ("{first_id}")' if first_id else ""
        problems.add(
            ("actors", index, "infant"),
            f"actors[{first_index}]{named} is already the infant; only one actor may be",
        )
    if tables and not others:
        problems.add(
            ("actors",),
            "lists only the infant; add the caregiver (or caregivers) whose behaviour is coded",
        )
    caregiver = next((o for o in others if o is not None), None)
    return KnownActors(tuple(first), infants[0][1] if infants else None, caregiver, listed=True)


def check_code_actors(
    cues: Tables, responses: Tables, known: KnownActors, problems: Problems
) -> dict[str, str]:
    """Each code's actor id (code id -> actor id), the problems of ``actor`` fields reported.

    A code without ``actor`` is its table's: a cue the infant's, a response the first
    caregiver's (as :meth:`Scheme.actor_of <observe.scheme.model.Scheme.actor_of>` says).
    """
    actor_of: dict[str, str] = {}
    for name, tables in (("cues", cues), ("responses", responses)):
        for index, table in tables:
            actor = _actor_of(name, index, table, known, problems)
            code = table.get("id")
            if actor is not None and isinstance(code, str):
                actor_of.setdefault(code, actor)
    return actor_of


def _actor_of(
    name: str, index: int, table: Mapping[str, Any], known: KnownActors, problems: Problems
) -> str | None:
    if "actor" not in table:
        return known.infant if name == "cues" else known.caregiver
    path = (name, index, "actor")
    actor = table["actor"]
    if not isinstance(actor, str):
        problems.add(
            path, f'must be an actor id in quotes, e.g. "parent_a", not {describe_type(actor)}'
        )
        return None
    if actor in known.ids:
        return actor
    hint = did_you_mean(actor, known.ids) or f" (the actors are: {', '.join(known.ids)})"
    if not known.listed:
        hint += "; list the scheme's actors in [[actors]]"
    problems.add(path, f'"{actor}" is not an actor{hint}')
    return None
