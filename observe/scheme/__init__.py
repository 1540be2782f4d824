"""Coding schemes: which infant cues and caregiver responses an observer codes (DESIGN §2).

One name for everything about schemes. The pieces live in their own modules:

- :mod:`observe.scheme.model`: the immutable types (:class:`Scheme`, :class:`Cue`, ...);
- :mod:`observe.scheme.loading`: TOML to :class:`Scheme`, every problem reported at once
  (checks in :mod:`observe.scheme.validation`);
- :mod:`observe.scheme.catalogue`: the shipped and the user's installed schemes, and
  finding one by id or path.
"""

from __future__ import annotations

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
from observe.scheme.model import DEFAULT_SCHEME_ID, CodeKind, Cue, Rating, Response, Scheme
from observe.scheme.validation import RESERVED_KEYS

__all__ = [
    "DEFAULT_SCHEME_ID",
    "RESERVED_KEYS",
    "CodeKind",
    "Cue",
    "InstalledScheme",
    "Rating",
    "Response",
    "Scheme",
    "SchemeCatalogue",
    "SchemeNotFound",
    "find_scheme",
    "installed_schemes",
    "load_scheme",
    "parse_scheme",
    "scheme_catalogue",
    "shipped_scheme_paths",
    "user_schemes_dir",
]
