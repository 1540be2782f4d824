"""The families of ``observe demo --families N``: the five everyone knows, then N − 5 more.

Families 1–5 are the demo the README and the tests describe: ``DEMO-01`` … ``DEMO-04``
(:func:`~observe.interchange.simulate.demo_sessions`) and ``DEMO-05``, whose one visit two
observers coded (:func:`~observe.interchange.second_observer.demo_reliability_pair`).
Asking for fewer keeps the first N of them.

Family 6 onwards (``DEMO-0006`` …) is drawn by the same simulator from a generator of its
own, seeded from the seed and the family's number, so family k is the same whatever N:
asking for more families later adds only the new ones. Each family gets its own coding
scheme (mostly ``infant-cues``; family 6 and about one family in ten after it
``home-visit``, the scheme with two caregivers, rules in both directions, the infant's
state and periods that could not be coded, so a demo of six families or more shows all of
it), number of visits (1–7, about four on average, so 500
families make about 2,000 sessions), visit rhythm, contexts, infant cue rate and a skill
trajectory over its visits (improving, steady, declining or uneven); about one family in
thirty has a visit coded by a second observer as well. Every session is ``origin="demo"``,
observer ``demo`` (``demo-2`` for the second codings).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from attrs import frozen

from observe.interchange.second_observer import (
    DEMO_RELIABILITY_DYAD,
    demo_reliability_pair,
    second_observer,
)
from observe.interchange.simulate import DEFAULT_CUE_RATE, demo_sessions, simulate_session
from observe.model import Session
from observe.scheme import DEFAULT_SCHEME_ID, Scheme

#: Today's demo: DEMO-01 … DEMO-05.
DEFAULT_FAMILIES = 5
#: About 20,000 sessions: ten years of a busy programme, and still a few minutes to write.
MAX_FAMILIES = 5_000

#: The schemes the further families are coded with, and how often each is chosen.
FAMILY_SCHEMES = {DEFAULT_SCHEME_ID: 6, "feeding": 2, "play": 2}
#: The scheme for a real instrument: family 6, then about one family in ten (chosen by a
#: generator of its own, so every other family is what it was before it was added).
INSTRUMENT_SCHEME = "home-visit"
INSTRUMENT_SHARE = 0.1
_CONTEXTS = {
    INSTRUMENT_SCHEME: ("free play", "feeding", "family time", "bathing", "nappy change"),
    DEFAULT_SCHEME_ID: ("free play", "feeding", "nappy change", "bathing", "free play"),
    "feeding": ("feeding", "bottle feed", "breastfeed", "meal time"),
    "play": ("free play", "floor play", "book sharing", "toy play"),
}
_VISITS = (1, 2, 3, 4, 5, 6, 7)
_VISIT_WEIGHTS = (5, 10, 25, 25, 20, 10, 5)  # about 3.95 visits a family
_RHYTHMS = (7, 14, 14, 14, 21, 28)  # days between visits
_FIRST_DAY = datetime.fromisoformat("2025-12-01T09:00:00+00:00")
_YEAR_DAYS = 358  # every visit within the year from _FIRST_DAY (±2 days)
_DOUBLE_CODED = 1 / 30


@frozen
class DemoFamily:
    """One demo family's sessions (visits in order) and which of them a second observer
    also coded: ``(first coding, second coding)``."""

    dyad: str
    sessions: tuple[Session, ...]
    double_coded: tuple[tuple[Session, Session], ...] = ()

    @property
    def visits(self) -> int:
        return len({session.visit for session in self.sessions})


def family_code(number: int) -> str:
    """``DEMO-01`` … ``DEMO-05`` for today's families, ``DEMO-0006`` … after them."""
    return f"DEMO-{number:02d}" if number <= DEFAULT_FAMILIES else f"DEMO-{number:04d}"


def demo_families(
    scheme_for: Callable[[str], Scheme], families: int = DEFAULT_FAMILIES, seed: int = 7
) -> list[DemoFamily]:
    """The first ``families`` demo families, in order; ``scheme_for`` gives a scheme by id
    (the default one for families 1–5, those of :data:`FAMILY_SCHEMES` after them)."""
    if families < 1:
        return []
    default = scheme_for(DEFAULT_SCHEME_ID)
    today = demo_sessions(default, seed=seed)
    found: list[DemoFamily] = []
    for number in range(1, min(families, DEFAULT_FAMILIES - 1) + 1):
        dyad = family_code(number)
        found.append(DemoFamily(dyad, tuple(s for s in today if s.dyad == dyad)))
    if families >= DEFAULT_FAMILIES:
        first, second = demo_reliability_pair(default, seed=seed)
        found.append(DemoFamily(DEMO_RELIABILITY_DYAD, (first, second), ((first, second),)))
    schemes: dict[str, Scheme] = {}
    if families > DEFAULT_FAMILIES:
        ids = (*FAMILY_SCHEMES, INSTRUMENT_SCHEME)
        schemes = {scheme_id: scheme_for(scheme_id) for scheme_id in ids}
    for number in range(DEFAULT_FAMILIES + 1, families + 1):
        found.append(_family(schemes, number, seed))
    return found


def _skills(rng: random.Random, visits: int) -> list[float]:
    """The caregiver's skill at each visit: improving, steady, declining or uneven."""
    shape = rng.choices(("improving", "steady", "declining", "uneven"), (45, 30, 10, 15))[0]
    if shape == "improving":
        start, step, noise = rng.uniform(0.1, 0.5), rng.uniform(0.05, 0.15), 0.03
    elif shape == "steady":
        start, step, noise = rng.uniform(0.3, 0.8), 0.0, 0.03
    elif shape == "declining":
        start, step, noise = rng.uniform(0.5, 0.85), -rng.uniform(0.03, 0.1), 0.03
    else:
        start, step, noise = rng.uniform(0.3, 0.7), 0.0, 0.15
    return [
        round(min(0.95, max(0.05, start + step * visit + rng.gauss(0.0, noise))), 3)
        for visit in range(visits)
    ]


def _instrument_family(number: int, seed: int) -> bool:
    """Whether family ``number`` is coded with :data:`INSTRUMENT_SCHEME`."""
    if number == DEFAULT_FAMILIES + 1:
        return True
    return random.Random(f"demo-family-scheme|{seed}|{number}").random() < INSTRUMENT_SHARE


def _family(schemes: dict[str, Scheme], number: int, seed: int) -> DemoFamily:
    rng = random.Random(f"demo-family|{seed}|{number}")
    dyad = family_code(number)
    scheme_id = rng.choices(list(FAMILY_SCHEMES), list(FAMILY_SCHEMES.values()))[0]
    if _instrument_family(number, seed):
        scheme_id = INSTRUMENT_SCHEME
    scheme = schemes[scheme_id]
    contexts: Sequence[str] = _CONTEXTS[scheme_id]
    visits = rng.choices(_VISITS, _VISIT_WEIGHTS)[0]
    rhythm = rng.choice(_RHYTHMS)
    cue_rate = round(DEFAULT_CUE_RATE * rng.uniform(0.4, 1.6), 2)
    latest = max(0, _YEAR_DAYS - rhythm * (visits - 1))  # the last visit within the year
    first = _FIRST_DAY + timedelta(days=rng.randint(2, latest), hours=rng.randint(0, 7))
    sessions: list[Session] = []
    for visit, skill in enumerate(_skills(rng, visits)):
        started = first + timedelta(
            days=rhythm * visit + rng.randint(-2, 2), minutes=rng.randint(0, 50)
        )
        sessions.append(
            simulate_session(
                scheme,
                seed=seed,
                dyad=dyad,
                visit=str(visit + 1),
                started_at=started.isoformat(),
                duration=float(rng.randint(300, 900)),
                skill=skill,
                cue_rate=cue_rate,
                context=rng.choice(contexts),
            )
        )
    pairs: list[tuple[Session, Session]] = []
    if rng.random() < _DOUBLE_CODED:
        first_coding = rng.choice(sessions)
        second = second_observer(first_coding, seed=seed)
        sessions.insert(sessions.index(first_coding) + 1, second)
        pairs.append((first_coding, second))
    return DemoFamily(dyad, tuple(sessions), tuple(pairs))


__all__ = [
    "DEFAULT_FAMILIES",
    "FAMILY_SCHEMES",
    "INSTRUMENT_SCHEME",
    "MAX_FAMILIES",
    "DemoFamily",
    "demo_families",
    "family_code",
]
