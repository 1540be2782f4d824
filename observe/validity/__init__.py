"""What a session may contain: the one home of the rules its content must keep.

Every way into the archive asks here, so what one of them accepts the others accept too:
the event editor of the review screen, ``observe session import`` (CSV),
``observe import-bundle``, and whatever reads a session from outside later.

- :mod:`observe.validity.limits`: how much a session may hold (its length, its events, its
  text fields, the files it comes in), and why;
- :mod:`observe.validity.events`: what one event may be (:func:`event_problems`);
- :mod:`observe.validity.session`: what a whole session may be (:func:`session_problems`);
- :mod:`observe.validity.changes`: what one change may do to a session, asked before it is
  journaled (live coding and review), as a replayed journal is held to the same rules;
- :mod:`observe.validity.exact`: JSON from outside made into a session without coercing a
  value of the wrong type (:func:`structure_exactly`);
- :mod:`observe.validity.dates`, :mod:`observe.validity.text`: wall-clock times and text
  fields.
"""

from __future__ import annotations

from observe.validity.dates import wall_clock_problem
from observe.validity.events import EventField, Problem, Rule, event_problems, unknown_code
from observe.validity.exact import NotExactly, structure_exactly
from observe.validity.session import (
    SessionProblem,
    duration_problem,
    scheme_problems,
    session_problems,
    session_warnings,
)

__all__ = [
    "EventField",
    "NotExactly",
    "Problem",
    "Rule",
    "SessionProblem",
    "duration_problem",
    "event_problems",
    "scheme_problems",
    "session_problems",
    "session_warnings",
    "structure_exactly",
    "unknown_code",
    "wall_clock_problem",
]
