"""Who does what in a coding scheme: its actors (the infant, one caregiver or several).

Every code belongs to one actor. A scheme file may list its actors (``[[actors]]``: id,
label, ``infant = true`` for exactly one of them); a file that lists none has the two a
scheme always had, the infant and the caregiver (:data:`DEFAULT_ACTORS`). A code names
its actor (``actor = "parent_b"``) or takes its table's: a cue is the infant's, a response
the first caregiver's (the first actor listed who is not the infant).
"""

from __future__ import annotations

from attrs import frozen

#: The actor ids of a scheme that lists no actors.
INFANT_ACTOR_ID = "infant"
CAREGIVER_ACTOR_ID = "caregiver"


@frozen
class Actor:
    """A person whose behaviour is coded: the infant, or a caregiver (or anyone else in
    the room a programme codes, such as a sibling or the visitor)."""

    id: str
    label: str
    infant: bool = False
    description: str = ""


#: The actors of a scheme that lists none (every scheme written before actors existed).
DEFAULT_ACTORS: tuple[Actor, ...] = (
    Actor(INFANT_ACTOR_ID, "Infant", infant=True),
    Actor(CAREGIVER_ACTOR_ID, "Caregiver"),
)


def actors_or_default(value: object) -> tuple[Actor, ...]:
    """The actors a scheme is built with: those given, or :data:`DEFAULT_ACTORS` if none."""
    actors = tuple(value)  # type: ignore[call-overload]
    return actors or DEFAULT_ACTORS
