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
were recorded in) and groups, for every cue type, the responses that match it; everything
after that is binary search.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from observe.model import Event, Session
from observe.scheme import Scheme

ONSET_KINDS = frozenset(("point", "start"))


def to_milliseconds(seconds: float) -> int:
    return round(seconds * 1000)


class Cues(NamedTuple):
    """Cues by onset: ``events[i]`` starts at ``times[i]`` (ms), window ``windows[i]`` (ms).

    Codes and intensities are copied out of the events once, so that later passes read
    compact lists rather than every event object again (it matters for large sessions).
    """

    events: list[Event]
    times: list[int]
    windows: list[int]
    codes: list[str]
    intensities: list[int | None]


class Responses(NamedTuple):
    """Responses sorted by onset: ``times[i]`` (ms) is the onset of ``events[i]``."""

    times: list[int]
    events: list[Event]
    codes: list[str]
    intensities: list[int | None]

    def add(self, event: Event, t_ms: int) -> None:
        self.times.append(t_ms)
        self.events.append(event)
        self.codes.append(event.code)
        self.intensities.append(event.intensity)


class Timeline(NamedTuple):
    scheme: Scheme
    cues: Cues
    responses: Responses  # every response, by onset
    matching: dict[str, Responses]  # cue id -> the responses in that cue's ``matches``
    repair_window_ms: int
    duration_ms: int


def build_timeline(session: Session, *, until: float | None = None) -> Timeline:
    """The cues and responses of ``session``; with ``until``, only events up to that
    session-clock time (inclusive) and a duration of ``until`` (the live view)."""
    scheme = session.scheme
    cue_windows = {
        cue.id: to_milliseconds(cue.window if cue.window is not None else scheme.response_window)
        for cue in scheme.cues
    }
    response_ids = {response.id for response in scheme.responses}
    matched_by: dict[str, list[str]] = {}
    for cue in scheme.cues:
        for response_id in cue.matches:
            matched_by.setdefault(response_id, []).append(cue.id)

    until_ms = to_milliseconds(until) if until is not None else None
    cues = Cues([], [], [], [], [])
    responses = Responses([], [], [], [])
    matching: dict[str, Responses] = {cue.id: Responses([], [], [], []) for cue in scheme.cues}
    for event in sorted(session.events, key=_onset):
        if event.kind not in ONSET_KINDS:
            continue
        t_ms = round(event.t * 1000)
        if until_ms is not None and t_ms > until_ms:
            break
        window_ms = cue_windows.get(event.code)
        if window_ms is not None:
            cues.events.append(event)
            cues.times.append(t_ms)
            cues.windows.append(window_ms)
            cues.codes.append(event.code)
            cues.intensities.append(event.intensity)
        elif event.code in response_ids:
            responses.add(event, t_ms)
            for cue_id in matched_by.get(event.code, ()):
                matching[cue_id].add(event, t_ms)

    duration_ms = until_ms if until_ms is not None else to_milliseconds(session.duration)
    return Timeline(
        scheme=scheme,
        cues=cues,
        responses=responses,
        matching=matching,
        repair_window_ms=to_milliseconds(scheme.repair_window),
        duration_ms=max(duration_ms, 0),
    )


_onset = attrgetter("t")
