"""What an event may be: the rule every way of entering one asks.

The rule for one event: its code is a code of the scheme, its kind fits that code (a point
code is a ``point``; a state code starts and stops), its time is a finite number of seconds
within the session and within the longest session observe keeps
(:data:`~observe.validity.limits.MAX_SESSION_SECONDS`), its intensity is one of the scheme's
levels, and its note is no longer than a note may be. The event editor of the review screen,
``observe session import`` (CSV), ``observe import-bundle`` and the check of a whole session
(:mod:`observe.validity.session`) all ask here, so an event one of them accepts the others
accept too.

Each problem is a :class:`Problem`: which rule it breaks, the field of the event it is
about, and a sentence saying what is wrong (``time 90 s is after the end of the session
(60 s)``). Callers put it into their own context: a form names the field, a CSV reader the
row, a bundle reader the session; they may word the problem their own way from its rule.
"""

from __future__ import annotations

import difflib
import enum
import math
from typing import Literal

from attrs import frozen

from observe.display import shorten
from observe.scheme.model import Cue, Response, Scheme
from observe.validity.limits import MAX_EVENT_NOTE_LENGTH, MAX_SESSION_SECONDS
from observe.validity.text import text_problem

EventField = Literal["code", "t", "kind", "intensity", "note"]


class Rule(enum.Enum):
    """A rule an event can break."""

    CODE_EMPTY = "the event has no code"
    CODE_UNKNOWN = "the code is not in the scheme"
    POINT_CODE_KIND = "a point code starts or stops"
    STATE_CODE_KIND = "a state code is coded as a point"
    TIME_NOT_FINITE = "the time is not a finite number"
    TIME_BEFORE_START = "the time is before the start of the session"
    TIME_AFTER_END = "the time is after the end of the session"
    TIME_PAST_LONGEST = "the time is later than the longest session observe keeps"
    NO_INTENSITY = "an intensity in a scheme without intensity levels"
    INTENSITY_OUTSIDE = "the intensity is not one of the scheme's levels"
    NOTE_UNFIT = "the note is too long, or holds control characters"


_FIELDS: dict[Rule, EventField] = {
    Rule.CODE_EMPTY: "code",
    Rule.CODE_UNKNOWN: "code",
    Rule.POINT_CODE_KIND: "kind",
    Rule.STATE_CODE_KIND: "kind",
    Rule.TIME_NOT_FINITE: "t",
    Rule.TIME_BEFORE_START: "t",
    Rule.TIME_AFTER_END: "t",
    Rule.TIME_PAST_LONGEST: "t",
    Rule.NO_INTENSITY: "intensity",
    Rule.INTENSITY_OUTSIDE: "intensity",
    Rule.NOTE_UNFIT: "note",
}


@frozen
class Problem:
    """One rule an event breaks, and the sentence that says so (no location, no full stop)."""

    rule: Rule
    sentence: str

    @property
    def field(self) -> EventField:
        """The field of the event the problem is about."""
        return _FIELDS[self.rule]


def event_problems(
    scheme: Scheme,
    *,
    code: str,
    t: float | None,
    kind: str | None,
    intensity: float | None,
    duration: float | None,
    note: str | None = None,
) -> list[Problem]:
    """What is wrong with an event of a session of ``scheme`` lasting ``duration`` seconds,
    in the order of the event's fields (code, time, kind, intensity, note); empty when
    nothing is.

    ``t`` None: a time that could not be read (the caller says why), not checked here.
    ``kind`` None: the kind follows from the code (a state code toggles), not checked.
    ``intensity`` None: no intensity; a number otherwise (``nan`` for text that is no
    number). ``duration`` None: the session has no end yet, so no time is after it (but
    none is past the longest session either). ``note`` None: no note, or none to check.
    """
    problems: list[Problem] = []
    definition = code_definition(scheme, code) if code else None
    if not code:
        problems.append(Problem(Rule.CODE_EMPTY, "the code is empty"))
    elif definition is None:
        problems.append(Problem(Rule.CODE_UNKNOWN, unknown_code(code, scheme)))
    if t is not None:
        problems.extend(_time_problems(t, duration))
    if definition is not None and kind is not None:
        if definition.kind == "point" and kind != "point":
            problems.append(
                Problem(Rule.POINT_CODE_KIND, f'"{code}" is a point code, so it cannot {kind}')
            )
        elif definition.kind == "state" and kind not in ("start", "stop"):
            problems.append(
                Problem(
                    Rule.STATE_CODE_KIND, f'"{code}" is a state code, so its kind is start or stop'
                )
            )
    if intensity is not None:
        problems.extend(_intensity_problems(intensity, scheme))
    if note is not None:
        wrong = text_problem(note, MAX_EVENT_NOTE_LENGTH, one_line=False)
        if wrong is not None:
            problems.append(Problem(Rule.NOTE_UNFIT, f"the note {wrong}"))
    return problems


#: The codes of the scheme asked about last, by id: an import asks about every event of a
#: session against one scheme, and ``Scheme.code`` looks through the codes one by one.
_last_codes: tuple[Scheme, dict[str, Cue | Response]] | None = None


def code_definition(scheme: Scheme, code: str) -> Cue | Response | None:
    """``scheme.code(code)``, in constant time for the scheme asked about last."""
    global _last_codes
    cached = _last_codes
    if cached is None or cached[0] is not scheme:
        codes: dict[str, Cue | Response] = {}
        for definition in (*scheme.cues, *scheme.responses):
            codes.setdefault(definition.id, definition)  # the first wins, as in Scheme.code
        cached = _last_codes = (scheme, codes)
    return cached[1].get(code)


def _time_problems(t: float, duration: float | None) -> list[Problem]:
    if not math.isfinite(t):
        return [Problem(Rule.TIME_NOT_FINITE, f"time {t} is not a number of seconds")]
    if t < 0:
        return [Problem(Rule.TIME_BEFORE_START, f"time {t:g} is negative")]
    if duration is not None and t > duration:
        return [
            Problem(
                Rule.TIME_AFTER_END,
                f"time {t:g} s is after the end of the session ({duration:g} s)",
            )
        ]
    if t > MAX_SESSION_SECONDS:
        return [
            Problem(
                Rule.TIME_PAST_LONGEST,
                f"time {t:g} s is more than {MAX_SESSION_SECONDS / 3600:g} hours into the "
                "session, later than the longest session observe keeps",
            )
        ]
    return []


def _intensity_problems(intensity: float, scheme: Scheme) -> list[Problem]:
    levels = scheme.intensity_levels
    if levels <= 0:
        return [
            Problem(
                Rule.NO_INTENSITY,
                f"an intensity is given, but scheme {scheme.id} does not code intensity",
            )
        ]
    value = float(intensity)
    if not (math.isfinite(value) and value.is_integer() and 1 <= value <= levels):
        return [
            Problem(
                Rule.INTENSITY_OUTSIDE,
                f"intensity {intensity:g} is not a whole number from 1 to {levels}",
            )
        ]
    return []


def unknown_code(code: str, scheme: Scheme) -> str:
    """``"fed" is not a code in scheme tiny (did you mean "feed"?)``: the close codes, the
    same code in another case, or the code whose key was typed instead, are suggested."""
    ids = [c.id for c in (*scheme.cues, *scheme.responses)]
    by_lower = {i.lower(): i for i in ids}
    suggestions = [by_lower[code.lower()]] if code.lower() in by_lower else []
    keyed = scheme.by_key(code) if len(code) == 1 else None
    if keyed is not None and keyed.id not in suggestions:
        suggestions.append(keyed.id)
    for close in difflib.get_close_matches(code, ids, n=3, cutoff=0.6):
        if close not in suggestions:
            suggestions.append(close)
    hint = ""
    if suggestions:
        hint = " (did you mean " + " or ".join(f'"{s}"' for s in suggestions[:3]) + "?)"
    return f'"{shorten(code)}" is not a code in scheme {scheme.id}{hint}'
