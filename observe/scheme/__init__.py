"""Coding schemes: which codes an observer codes, whose they are, and the rules, state
groups and ratings of a session (DESIGN §2, §12).

One name for everything about schemes. The pieces live in their own modules:

- :mod:`observe.scheme.model`: the immutable types (:class:`Scheme`, :class:`Cue`, ...),
  with the parts in :mod:`~observe.scheme.codes`, :mod:`~observe.scheme.actors`,
  :mod:`~observe.scheme.rules` and :mod:`~observe.scheme.states`;
- :mod:`observe.scheme.loading`: TOML to :class:`Scheme`, every problem reported at once
  (checks in :mod:`observe.scheme.validation`, which calls those of each table:
  :mod:`~observe.scheme.actor_checks`, :mod:`~observe.scheme.rule_checks`,
  :mod:`~observe.scheme.state_checks`; single fields in :mod:`~observe.scheme.fields`);
- :mod:`observe.scheme.snapshot`: a session's scheme snapshot held to the rules of a file;
- :mod:`observe.scheme.catalogue`: the shipped and the user's installed schemes, and
  finding one by id or path.
"""

from __future__ import annotations

from observe.scheme.actors import CAREGIVER_ACTOR_ID, DEFAULT_ACTORS, INFANT_ACTOR_ID, Actor
from observe.scheme.catalogue import (
    InstalledScheme,
    SchemeCatalogue,
    find_scheme,
    installed_schemes,
    scheme_catalogue,
    shipped_scheme_paths,
    user_schemes_dir,
)
from observe.scheme.loading import SchemeNotFound, load_scheme, parse_scheme
from observe.scheme.model import (
    DEFAULT_SCHEME_ID,
    Code,
    CodeKind,
    Contingency,
    ContingencyRule,
    Cue,
    Rating,
    Response,
    Scheme,
    StateGroup,
)
from observe.scheme.rules import DEFAULT_RULE_ID, DEFAULT_RULE_LABEL
from observe.scheme.validation import RESERVED_KEYS

__all__ = [
    "CAREGIVER_ACTOR_ID",
    "DEFAULT_ACTORS",
    "DEFAULT_RULE_ID",
    "DEFAULT_RULE_LABEL",
    "DEFAULT_SCHEME_ID",
    "INFANT_ACTOR_ID",
    "RESERVED_KEYS",
    "Actor",
    "Code",
    "CodeKind",
    "Contingency",
    "ContingencyRule",
    "Cue",
    "InstalledScheme",
    "Rating",
    "Response",
    "Scheme",
    "SchemeCatalogue",
    "SchemeNotFound",
    "StateGroup",
    "find_scheme",
    "installed_schemes",
    "load_scheme",
    "parse_scheme",
    "scheme_catalogue",
    "shipped_scheme_paths",
    "user_schemes_dir",
]
