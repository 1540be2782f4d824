"""The pieces every simulated session is built of: seeded ids, one session's events in the
making, and the random draws of timing and intensity (:mod:`observe.interchange.simulate`,
:mod:`observe.interchange.simulate_rules`).

Everything draws from the session's own ``random.Random``, never the global generator, so
the same arguments always give the same session.
"""

from __future__ import annotations

import math
import random
import uuid

from observe.model import Event, to_ms
from observe.scheme import Scheme

EVENT_NOTES = (
    "looked away briefly",
    "brief eye contact",
    "sibling came into the room",
    "phone rang",
    "caregiver talking to visitor",
    "infant turned head",
)


def seeded_id(rng: random.Random) -> str:
    """A uuid-shaped hex id drawn from the session's own generator (deterministic)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(rng.gauss(0.0, sigma))


class EventBuilder:
    """Collects the events of one simulated session; sorted once at the end."""

    def __init__(self, scheme: Scheme, rng: random.Random, duration: float, skill: float) -> None:
        self.scheme = scheme
        self.rng = rng
        self.duration = duration
        self.skill = skill
        self.rows: list[tuple[float, int, Event]] = []

    def add(
        self, code: str, t: float, kind: str = "point", intensity: int | None = None
    ) -> Event | None:
        t = to_ms(t)
        if t < 0 or t > self.duration:
            return None
        note = None
        if self.rng.random() < 0.02:
            note = self.rng.choice(EVENT_NOTES)
        event = Event(
            id=seeded_id(self.rng), code=code, t=t, kind=kind, intensity=intensity, note=note
        )  # type: ignore[arg-type]
        # The sequence number keeps equal times in the order they were generated.
        self.rows.append((t, len(self.rows), event))
        return event

    def events(self) -> list[Event]:
        self.rows.sort(key=lambda row: (row[0], row[1]))
        return [event for _t, _n, event in self.rows]


def cue_intensity(builder: EventBuilder) -> int | None:
    """A cue's intensity, where the scheme codes one (left out of about a third of cues)."""
    levels = builder.scheme.intensity_levels
    if levels <= 0 or builder.rng.random() < 0.3:
        return None
    return builder.rng.randint(1, levels)


def response_intensity(builder: EventBuilder, cue_level: int | None) -> int | None:
    """A response's intensity: usually the cue's (more often with skill), else one off."""
    levels = builder.scheme.intensity_levels
    if levels <= 0 or cue_level is None:
        return None
    rng = builder.rng
    if rng.random() < 0.4 + 0.5 * builder.skill:
        return cue_level
    shifted = cue_level + rng.choice((-1, 1))
    return min(levels, max(1, shifted))
