"""Each observer's codes as the comparison sees them (DESIGN §6): per actor, on the common
time line (interaction time, :mod:`observe.analysis.reliability_clock`), in whole
milliseconds.

- **Onsets** (``point`` and ``start`` events of the compared codes) are what the event
  alignment pairs; each keeps its intensity and its time on its own session's clock.
- **Marks** are what the time-unit comparison tallies: the onsets, and each state code from
  its start to its stop (a state never stopped runs to the session's end).

The actors are today's two, derived from the scheme: a cue is the infant's, a response the
caregiver's. A scheme that names its own actors (DESIGN §12) changes :func:`code_actors`
only: everything downstream works per actor id.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from observe.analysis.alignment import Timed
from observe.analysis.reliability_clock import SessionClock, inside
from observe.analysis.reliability_units import Marks
from observe.analysis.timeline import ONSET_KINDS, to_milliseconds
from observe.labels import actor_word
from observe.model import Session
from observe.scheme import Scheme

ACTORS: tuple[str, ...] = ("cue", "response")
#: What each actor's codes are called in headings: "Infant cues", "Caregiver responses".
ACTOR_TITLES = {"cue": "Infant cues", "response": "Caregiver responses"}


def actor_title(actor: str) -> str:
    return ACTOR_TITLES.get(actor, actor)


def code_actors(scheme: Scheme) -> dict[str, str]:
    """Every code of ``scheme`` and the actor it belongs to (``cue``: the infant's,
    ``response``: the caregiver's)."""
    return {code.id: actor_word(scheme, code.id) for code in (*scheme.cues, *scheme.responses)}


@frozen
class Coding:
    """One observer's onsets of one actor's compared codes, in time order."""

    events: tuple[Timed, ...]  # (interaction time, code)
    intensities: tuple[int | None, ...]
    marks: Marks

    def shifted(self, offset_ms: int) -> Coding:
        """The same codes ``offset_ms`` later (observer B's, put on A's time line)."""
        return Coding(
            events=tuple((t + offset_ms, code) for t, code in self.events),
            intensities=self.intensities,
            marks=Marks(
                moments=tuple((t + offset_ms, code) for t, code in self.marks.moments),
                states=tuple(
                    (start + offset_ms, stop + offset_ms, code)
                    for start, stop, code in self.marks.states
                ),
            ),
        )

    def outside(self, stretches: Sequence[tuple[int, int]]) -> tuple[Coding, int]:
        """Without the onsets strictly inside ``stretches`` (the other observer's pauses),
        and how many were left out. Marks stay: the time-unit comparison leaves out the
        paused units themselves."""
        kept = [k for k, (t, _code) in enumerate(self.events) if not inside(t, stretches)]
        coding = Coding(
            events=tuple(self.events[k] for k in kept),
            intensities=tuple(self.intensities[k] for k in kept),
            marks=self.marks,
        )
        return coding, len(self.events) - len(kept)


def coding(session: Session, clock: SessionClock, codes: dict[str, str], actor: str) -> Coding:
    """The session's codes of ``actor`` among the compared ``codes`` (code → actor)."""
    onsets: list[tuple[int, str, int | None]] = []
    states: list[tuple[int, int, str]] = []
    open_since: dict[str, int] = {}
    for event in session.events:  # in time order; equal times in the recorded order
        if codes.get(event.code) != actor:
            continue
        t = clock.interaction(to_milliseconds(event.t))
        if event.kind in ONSET_KINDS:
            onsets.append((t, event.code, event.intensity))
        if event.kind == "start":
            if event.code in open_since:  # started again without a stop: the first ends here
                states.append((open_since[event.code], t, event.code))
            open_since[event.code] = t
        elif event.kind == "stop" and event.code in open_since:
            states.append((open_since.pop(event.code), t, event.code))
    end = clock.interaction_end
    states += [(start, max(start, end), code) for code, start in open_since.items()]
    onsets.sort(key=lambda item: item[0])  # stable: equal times keep the recorded order
    return Coding(
        events=tuple((t, code) for t, code, _ in onsets),
        intensities=tuple(intensity for _, _, intensity in onsets),
        marks=Marks(
            moments=tuple((t, code) for t, code, _ in onsets),
            states=tuple(sorted(states)),
        ),
    )
