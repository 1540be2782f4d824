"""The coding-scheme types: which infant cues and caregiver responses an observer codes
(DESIGN §2).

A scheme is immutable. A session stores a full snapshot of its scheme plus the
snapshot's digest, so editing a scheme file never changes a recorded session. Reading
schemes from TOML is :mod:`observe.scheme.loading`; which schemes are installed is
:mod:`observe.scheme.catalogue`; ``observe.scheme`` offers all of it under one name.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from attrs import field, frozen

from observe.convert import converter

#: The scheme a new session uses unless the observer picks another.
DEFAULT_SCHEME_ID = "infant-cues"

CodeKind = Literal["point", "state"]


def _tuple_of_str(value: object) -> tuple[str, ...]:
    return tuple(value)  # type: ignore[arg-type]


@frozen
class Cue:
    """Infant behaviour that calls for a response."""

    id: str
    label: str
    key: str
    matches: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    window: float | None = None  # per-cue response window (s); None: the scheme's
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""


@frozen
class Response:
    """Caregiver behaviour."""

    id: str
    label: str
    key: str
    group: str | None = None
    kind: CodeKind = "point"
    description: str = ""


@frozen
class Rating:
    """A global rating entered at the end of a session."""

    id: str
    label: str
    min: int = 1
    max: int = 5
    description: str = ""


@frozen
class Scheme:
    id: str
    name: str
    version: str
    response_window: float
    repair_window: float
    cues: tuple[Cue, ...] = field(converter=tuple)
    responses: tuple[Response, ...] = field(converter=tuple)
    ratings: tuple[Rating, ...] = field(default=(), converter=tuple)
    description: str = ""
    intensity_levels: int = 0

    # -- lookups -----------------------------------------------------------------------

    def cue(self, code: str) -> Cue | None:
        return next((c for c in self.cues if c.id == code), None)

    def response(self, code: str) -> Response | None:
        return next((r for r in self.responses if r.id == code), None)

    def code(self, code: str) -> Cue | Response | None:
        return self.cue(code) or self.response(code)

    def is_cue(self, code: str) -> bool:
        return self.cue(code) is not None

    def is_response(self, code: str) -> bool:
        return self.response(code) is not None

    def by_key(self, key: str) -> Cue | Response | None:
        for code in (*self.cues, *self.responses):
            if code.key == key:
                return code
        return None

    def window_for(self, cue_id: str) -> float:
        """The response window of a cue: its own, else the scheme's."""
        cue = self.cue(cue_id)
        if cue is not None and cue.window is not None:
            return cue.window
        return self.response_window

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON of this scheme: the identity of a snapshot."""
        canonical = json.dumps(
            converter.unstructure(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
