"""The codes of a scheme (infant cues, caregiver responses) and its end-of-session ratings.

``[[cues]]`` and ``[[responses]]`` are two lists of codes. What sets them apart: a cue is
the infant's unless it names another actor, a response the first caregiver's; a cue says
which responses answer it (``matches``); and the default contingency rule runs from every
cue to every response (:mod:`observe.scheme.rules`). Any code may name its actor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from attrs import field, frozen

CodeKind = Literal["point", "state"]


def tuple_of_str(value: object) -> tuple[str, ...]:
    return tuple(value)  # type: ignore[call-overload]


@frozen
class Cue:
    """A behaviour that calls for a response (the infant's, unless ``actor`` says otherwise)."""

    id: str
    label: str
    key: str
    matches: tuple[str, ...] = field(default=(), converter=tuple_of_str)
    window: float | None = None  # per-cue response window (s); None: the scheme's
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""
    #: The actor id; None: the scheme's infant.
    actor: str | None = None


@frozen
class Response:
    """A behaviour that may answer a cue (the first caregiver's, unless ``actor`` says)."""

    id: str
    label: str
    key: str
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""
    #: The actor id; None: the scheme's first actor who is not the infant.
    actor: str | None = None


Code = Cue | Response


def _sorted_anchors(value: Mapping[int, str]) -> dict[int, str]:
    return dict(sorted(dict(value).items()))


@frozen
class Rating:
    """A global rating entered at the end of a session, from ``min`` to ``max``."""

    id: str
    label: str
    min: int = 1
    max: int = 5
    description: str = ""
    #: What chosen points of the scale mean (``{1: "…", 5: "…", 9: "…"}``), lowest first.
    anchors: dict[int, str] = field(factory=dict, converter=_sorted_anchors, hash=False)

    def anchor(self, value: int) -> str | None:
        """The anchor text written for exactly ``value``, if the scheme gives one."""
        return self.anchors.get(value)
