"""The coding-scheme types: which codes an observer codes, whose they are, and which rules,
state groups and ratings a session of the scheme has (DESIGN §2, §12).

A scheme is immutable. A session stores a full snapshot of its scheme plus the
snapshot's digest, so editing a scheme file never changes a recorded session. Reading
schemes from TOML is :mod:`observe.scheme.loading`; which schemes are installed is
:mod:`observe.scheme.catalogue`; ``observe.scheme`` offers all of it under one name. The
parts have modules of their own: codes and ratings (:mod:`~observe.scheme.codes`), actors
(:mod:`~observe.scheme.actors`), contingency rules (:mod:`~observe.scheme.rules`), state
groups (:mod:`~observe.scheme.states`).

**The canonical form and the digest.** A scheme's digest is the sha256 of its canonical
JSON (the one cattrs converter's form, keys sorted). The fields that came with actors,
rules, state groups and anchors (``Scheme.actors``, ``contingencies``, ``state_groups``,
``Cue.actor``, ``Response.actor``, ``Rating.anchors``) are left out of that form, and so
of every session file and bundle, while they hold their defaults: every scheme written
before them has the digest and the snapshot it always had, and reads back the same.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property

from attrs import field, frozen

from observe.convert import converter, omit_while_default
from observe.scheme.actors import DEFAULT_ACTORS, Actor, actors_or_default
from observe.scheme.codes import Code, CodeKind, Cue, Rating, Response
from observe.scheme.rules import Contingency, ContingencyRule, default_rule, resolve
from observe.scheme.states import StateGroup

#: The scheme a new session uses unless the observer picks another.
DEFAULT_SCHEME_ID = "infant-cues"

__all__ = [
    "DEFAULT_SCHEME_ID",
    "Actor",
    "Code",
    "CodeKind",
    "Contingency",
    "ContingencyRule",
    "Cue",
    "Rating",
    "Response",
    "Scheme",
    "StateGroup",
]


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
    #: Who is coded; none given: the infant and the caregiver (:data:`DEFAULT_ACTORS`).
    actors: tuple[Actor, ...] = field(default=DEFAULT_ACTORS, converter=actors_or_default)
    #: The rules the file lists; none: the default rule (see :attr:`rules`).
    contingencies: tuple[Contingency, ...] = field(default=(), converter=tuple)
    state_groups: tuple[StateGroup, ...] = field(default=(), converter=tuple)

    # -- codes -------------------------------------------------------------------------

    @property
    def codes(self) -> tuple[Code, ...]:
        """Every code: the cues, then the responses, as the file lists them."""
        return (*self.cues, *self.responses)

    def cue(self, code: str) -> Cue | None:
        return next((c for c in self.cues if c.id == code), None)

    def response(self, code: str) -> Response | None:
        return next((r for r in self.responses if r.id == code), None)

    def code(self, code: str) -> Code | None:
        return self._codes_by_id.get(code)

    def is_cue(self, code: str) -> bool:
        return self.cue(code) is not None

    def is_response(self, code: str) -> bool:
        return self.response(code) is not None

    def by_key(self, key: str) -> Code | None:
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

    def rating(self, rating_id: str) -> Rating | None:
        return next((r for r in self.ratings if r.id == rating_id), None)

    # -- actors ------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    @property
    def infant(self) -> Actor:
        """The actor who is the infant: the actor of a cue that names none."""
        return next((a for a in self.actors if a.infant), self.actors[0])

    @property
    def caregiver(self) -> Actor:
        """The first actor who is not the infant: the actor of a response that names none."""
        return next((a for a in self.actors if not a.infant), self.actors[-1])

    def actor_of(self, code_id: str) -> Actor:
        """Whose code ``code_id`` is. Raises ``KeyError`` for a code the scheme lacks."""
        code = self._codes_by_id.get(code_id)
        if code is None:
            raise KeyError(f"{code_id!r} is not a code of scheme {self.id}")
        if code.actor is None:
            return self.infant if isinstance(code, Cue) else self.caregiver
        actor = self.actor(code.actor)
        if actor is None:
            raise KeyError(f"{code_id!r} names the actor {code.actor!r}, not one of {self.id}")
        return actor

    def codes_of(self, actor_id: str) -> tuple[Code, ...]:
        """The codes of one actor, in the order of the file (cues, then responses)."""
        return tuple(c for c in self.codes if self.actor_of(c.id).id == actor_id)

    # -- rules and state groups ------------------------------------------------------------

    @cached_property
    def rules(self) -> tuple[ContingencyRule, ...]:
        """The rules in force, complete: those the file lists, or the default rule."""
        if not self.contingencies:
            return (
                default_rule(
                    self.cues,
                    [r.id for r in self.responses],
                    self.response_window,
                    self.repair_window,
                ),
            )
        codes_of_actor = {a.id: [c.id for c in self.codes_of(a.id)] for a in self.actors}
        return tuple(
            resolve(
                rule,
                self._codes_by_id,
                codes_of_actor,
                self.response_window,
                self.repair_window,
            )
            for rule in self.contingencies
        )

    def rule(self, rule_id: str) -> ContingencyRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def state_group(self, group_id: str) -> StateGroup | None:
        return next((g for g in self.state_groups if g.id == group_id), None)

    def state_group_of(self, code_id: str) -> StateGroup | None:
        """The state group ``code_id`` belongs to (a code is in one at most), or None."""
        return next((g for g in self.state_groups if code_id in g.codes), None)

    # -- identity ----------------------------------------------------------------------

    @property
    def digest(self) -> str:
        """sha256 of the canonical JSON of this scheme: the identity of a snapshot."""
        canonical = json.dumps(
            converter.unstructure(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @cached_property
    def _codes_by_id(self) -> dict[str, Code]:
        found: dict[str, Code] = {}
        for code in self.codes:
            found.setdefault(code.id, code)
        return found


omit_while_default(Cue, "actor")
omit_while_default(Response, "actor")
omit_while_default(Rating, "anchors")
omit_while_default(Scheme, "actors", "contingencies", "state_groups")
