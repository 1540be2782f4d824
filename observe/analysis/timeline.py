"""What in a session counts as a cue and what as a response (DESIGN §5).

- A **cue** is an event whose code is one of the scheme's cues and whose kind is ``point`` or
  ``start``: a state cue counts once, at its onset; its ``stop`` is not a cue.
- A **response** is an event whose code is one of the scheme's caregiver responses and whose
  kind is ``point`` or ``start``: its time is its onset; ``stop`` events are neither.
- Events whose code the scheme does not know are ignored.
- A cue's **response window** ``W`` is the cue's own ``window``, else the scheme's
  ``response_window``; the **repair window** ``P`` is the scheme's ``repair_window``.

The session clock has millisecond resolution (DESIGN §3), so the analysis works on whole
milliseconds: every comparison (``t ≤ t_c + W``, ``latency ≤ 2 s``, unit boundaries) is exact
integer arithmetic, and a response exactly at the end of a window counts even where binary
floating point would put ``t_c + W`` a hair off. Results are converted back to seconds.

Building a timeline sorts once (stable, so events at the same moment keep the order they
were recorded in) and reads every event once into flat parallel lists (times, codes,
intensities): later passes read those compact lists, never the event objects again, and
create no object per event. Cues are also grouped by type, with, for every cue type, the
responses that match it.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from observe.model import Event, Session
from observe.scheme import Scheme

ONSET_KINDS = frozenset(("point", "start"))


def to_milliseconds(seconds: float) -> int:
    return round(seconds * 1000)


class Responses(NamedTuple):
    """Responses by onset: ``times[i]`` (ms), ``codes[i]``, ``intensities[i]``."""

    times: list[int]
    codes: list[str]
    intensities: list[int | None]


class Matching(NamedTuple):
    """The responses that match one cue type, by onset: ``times[i]`` (ms) and ``indices[i]``,
    the response's place among all responses (for its code and intensity)."""

    times: list[int]
    indices: list[int]


class CueType(NamedTuple):
    """The cues of one type, by onset, and the responses that match that type.

    ``positions[i]`` is the place of the type's i-th cue among all cues of the session (onset
    order), so per-type results can be put back in session order.
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
    cue_times: list[int]  # ms, by onset
    cue_windows: list[int]  # ms, W of each cue
    responses: Responses  # every response, by onset
    types: dict[str, CueType]  # every cue type of the scheme, in scheme order
    repair_window_ms: int
    duration_ms: int


def build_timeline(session: Session, *, until: float | None = None) -> Timeline:
    """The cues and responses of ``session``; with ``until``, only events up to that
    session-clock time (inclusive) and a duration of ``until`` (the live view)."""
    scheme = session.scheme
    types = {
        cue.id: CueType(
            code=cue.id,
            window_ms=to_milliseconds(
                cue.window if cue.window is not None else scheme.response_window
            ),
            positions=[],
            times=[],
            intensities=[],
            matching=Matching([], []),
        )
        for cue in scheme.cues
    }
    response_ids = {response.id for response in scheme.responses}
    matched_by: dict[str, list[Matching]] = {}
    for cue in scheme.cues:
        for response_id in cue.matches:
            matched_by.setdefault(response_id, []).append(types[cue.id].matching)

    until_ms = to_milliseconds(until) if until is not None else None
    cue_events: list[Event] = []
    cue_times: list[int] = []
    cue_windows: list[int] = []
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
            cue_type.positions.append(len(cue_times))
            cue_type.times.append(t_ms)
            cue_type.intensities.append(event.intensity)
            cue_events.append(event)
            cue_times.append(t_ms)
            cue_windows.append(cue_type.window_ms)
        elif code in response_ids:
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
        repair_window_ms=to_milliseconds(scheme.repair_window),
        duration_ms=max(duration_ms, 0),
    )


_onset = attrgetter("t")
