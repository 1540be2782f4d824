"""What in a session counts as a cue and what as a response, for one contingency rule
(DESIGN §5, §12).

Every figure of DESIGN §5 is computed per rule (``scheme.rules``, :mod:`observe.scheme.rules`):
the rule's **antecedents** play the part of the cues and its **consequents** the part of
the responses. A scheme that lists no rules has one, the default ``cue-response`` rule
(every cue → every response, the cues' own windows and matches), so for it "cue" and
"response" mean exactly what they always meant. Below, *cue* and *response* are the rule's.

- A **cue** is an event whose code is one of the rule's antecedents and whose kind is
  ``point`` or ``start``: a state cue counts once, at its onset; its ``stop`` is not a cue.
- A **response** is an event whose code is one of the rule's consequents and whose kind is
  ``point`` or ``start``: its time is its onset; ``stop`` events are neither.
- Events whose code the rule does not name are ignored by that rule.
- A cue's **response window** ``W`` is ``rule.window_for(code)`` (for the default rule: the
  cue's own ``window``, else the scheme's ``response_window``); the **repair window** ``P``
  is the rule's ``repair_window``; a response **fits** a cue when ``rule.fits(cue, response)``
  (for the default rule: the cue's ``matches``).
- **Excluded periods** (:mod:`observe.analysis.codable`): an event whose onset lies inside
  one is left out, as if not coded. A cue left out that way is kept aside
  (``Timeline.outside``), to be listed as not codable; a response left out could not be
  anyone's first response or repair anyway (:mod:`observe.analysis.outcomes` never looks
  past the start of a period).

The session clock has millisecond resolution (DESIGN §3), so the analysis works on whole
milliseconds: every comparison (``t ≤ t_c + W``, ``latency ≤ 2 s``, unit boundaries) is exact
integer arithmetic, and a response exactly at the end of a window counts even where binary
floating point would put ``t_c + W`` a hair off. Results are converted back to seconds.

Building a timeline sorts once (stable, so events at the same moment keep the order they
were recorded in) and reads every event once into flat parallel lists (times, codes,
intensities): later passes read those compact lists, never the event objects again, and
create no object per event. Cues are also grouped by type, with, for every cue type, the
responses that fit it.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from observe.analysis.codable import Excluded, excluded_of, to_milliseconds
from observe.model import Event, Session
from observe.scheme import ContingencyRule, Scheme

ONSET_KINDS = frozenset(("point", "start"))

__all__ = ["ONSET_KINDS", "CueType", "Timeline", "build_timeline", "to_milliseconds"]


class Responses(NamedTuple):
    """Responses by onset: ``times[i]`` (ms), ``codes[i]``, ``intensities[i]``."""

    times: list[int]
    codes: list[str]
    intensities: list[int | None]


class Matching(NamedTuple):
    """The responses that fit one cue type, by onset: ``times[i]`` (ms) and ``indices[i]``,
    the response's place among all responses (for its code and intensity)."""

    times: list[int]
    indices: list[int]


class CueType(NamedTuple):
    """The codable cues of one type, by onset, and the responses that fit that type.

    ``positions[i]`` is the place of the type's i-th cue among all cues of the session (onset
    order, the cues left out by an excluded period included), so per-type results can be
    put back in session order.
    """

    code: str
    window_ms: int  # W: the same for every cue of a type
    positions: list[int]
    times: list[int]
    intensities: list[int | None]
    matching: Matching


class Timeline(NamedTuple):
    scheme: Scheme
    cue_events: list[Event]  # every cue, by onset (for event ids in the live view)
    cue_times: list[int]  # ms, the codable cues by onset (episodes, contingency)
    cue_windows: list[int]  # ms, W of each of those
    responses: Responses  # every codable response, by onset
    types: dict[str, CueType]  # every antecedent of the rule, in the rule's order
    repair_window_ms: int
    duration_ms: int
    rule: ContingencyRule
    excluded: Excluded  # the session's excluded periods (ms)
    outside: list[int]  # positions (in cue_events) of cues inside an excluded period


def build_timeline(
    session: Session, rule: ContingencyRule | None = None, *, until: float | None = None
) -> Timeline:
    """The cues and responses of ``session`` for ``rule`` (default: the scheme's first rule,
    the default rule for a scheme that lists none); with ``until``, only events up to that
    session-clock time (inclusive) and a duration of ``until`` (the live view)."""
    scheme = session.scheme
    rule = rule if rule is not None else scheme.rules[0]
    types = {
        code: CueType(
            code=code,
            window_ms=to_milliseconds(rule.window_for(code)),
            positions=[],
            times=[],
            intensities=[],
            matching=Matching([], []),
        )
        for code in rule.antecedents
    }
    matched_by: dict[str, list[Matching]] = {}
    for code in rule.antecedents:
        for response_id in rule.matches_for(code):
            if rule.is_consequent(response_id):
                matched_by.setdefault(response_id, []).append(types[code].matching)

    until_ms = to_milliseconds(until) if until is not None else None
    excluded = excluded_of(session, until_ms)
    cue_events: list[Event] = []
    cue_times: list[int] = []
    cue_windows: list[int] = []
    outside: list[int] = []
    responses = Responses([], [], [])
    response_times, response_codes, response_levels = responses
    for event in sorted(session.events, key=_onset):
        if event.kind not in ONSET_KINDS:
            continue
        t_ms = to_milliseconds(event.t)
        if until_ms is not None and t_ms > until_ms:
            break
        code = event.code
        cue_type = types.get(code)
        if cue_type is not None:
            if excluded and excluded.inside(t_ms):
                outside.append(len(cue_events))
                cue_events.append(event)
                continue
            cue_type.positions.append(len(cue_events))
            cue_type.times.append(t_ms)
            cue_type.intensities.append(event.intensity)
            cue_events.append(event)
            cue_times.append(t_ms)
            cue_windows.append(cue_type.window_ms)
        elif rule.is_consequent(code):
            if excluded and excluded.inside(t_ms):
                continue
            for matching in matched_by.get(code, ()):
                matching.times.append(t_ms)
                matching.indices.append(len(response_times))
            response_times.append(t_ms)
            response_codes.append(code)
            response_levels.append(event.intensity)

    duration_ms = until_ms if until_ms is not None else to_milliseconds(session.duration)
    return Timeline(
        scheme=scheme,
        cue_events=cue_events,
        cue_times=cue_times,
        cue_windows=cue_windows,
        responses=responses,
        types=types,
        repair_window_ms=to_milliseconds(rule.repair_window),
        duration_ms=max(duration_ms, 0),
        rule=rule,
        excluded=excluded,
        outside=outside,
    )


_onset = attrgetter("t")
