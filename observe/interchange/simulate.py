"""Synthetic sessions: a seeded model of a caregiver-infant interaction.

The same generator fills the archive for ``observe demo``, feeds the tests and drives the
benchmarks, so it has to be deterministic (one ``random.Random`` per session, seeded from
the arguments; never the global generator) and linear in the number of events.

The model, per session:

- infant cues arrive as a Poisson process; each session weights the cue types differently;
  a state cue (``kind = "state"``) starts and, some seconds later, stops;
- the caregiver notices a cue with a probability that rises with ``skill`` and responds
  after a lognormal latency (shorter with skill; sometimes beyond the response window);
- the response matches the cue with a probability that rises with skill; a non-matching
  response is sometimes followed by a matching one (a repair), usually within the repair
  window;
- now and then the caregiver does something with no cue before it (spontaneous responses);
- where the scheme codes intensity, cues carry one and responses usually mirror it (a less
  skilled caregiver is more often under or over);
- an occasional pause, a few ratings, and short neutral observer notes.

A scheme that lists contingency rules or state groups (a scheme for a real instrument, such
as ``home-visit``) is simulated rule by rule instead, with its state groups and now and
then a period that cannot be coded (:mod:`observe.interchange.simulate_rules`); every other
scheme's sessions are exactly what they always were.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from observe.interchange.simulate_events import (
    EventBuilder,
    cue_intensity,
    lognormal,
    response_intensity,
    seeded_id,
)
from observe.interchange.simulate_rules import instrument_events, is_instrument
from observe.model import Interval, Pause, Session, to_ms
from observe.scheme import Cue, Response, Scheme

DEMO_OBSERVER = "demo"

#: Cues per minute of an average demo session.
DEFAULT_CUE_RATE = 3.0
#: Caregiver actions per minute with no cue before them.
SPONTANEOUS_RATE = 0.4

_SESSION_NOTES = (
    "Calm start; infant alert and looking around.",
    "Interaction in the living room; sibling present for part of the time.",
    "Short interruption when the doorbell rang.",
    "Caregiver talked through the routine during the visit.",
    "Infant had napped shortly before the visit.",
    "Interaction recorded during a feed and some floor play.",
    "",
)


def _respond(
    builder: EventBuilder,
    response: Response,
    t: float,
    intensity: int | None,
    state_busy_until: dict[str, float],
) -> bool:
    """Record a caregiver response at ``t`` (a state response also gets its stop)."""
    if response.kind == "state":
        if t <= state_busy_until.get(response.id, -1.0):
            return False
        stop = min(builder.duration, t + max(1.0, lognormal(builder.rng, 8.0, 0.5)))
        if stop - t < 0.5:
            return False
        if builder.add(response.id, t, "start", intensity) is None:
            return False
        builder.add(response.id, stop, "stop")
        state_busy_until[response.id] = stop
        return True
    return builder.add(response.id, t, "point", intensity) is not None


def _answer_cue(
    builder: EventBuilder,
    cue: Cue,
    t_cue: float,
    intensity: int | None,
    state_busy_until: dict[str, float],
) -> None:
    """The caregiver's reaction to one cue: maybe nothing, a match, or a miss and a repair."""
    rng, skill, scheme = builder.rng, builder.skill, builder.scheme
    if not scheme.responses or rng.random() >= 0.45 + 0.5 * skill:
        return  # not noticed
    matching = [r for r in scheme.responses if r.id in cue.matches]
    other = [r for r in scheme.responses if r.id not in cue.matches]
    latency = lognormal(rng, 4.0 - 2.5 * skill, 0.6)
    t_response = t_cue + max(0.05, latency)
    picks_match = matching and (not other or rng.random() < 0.35 + 0.6 * skill)
    chosen = rng.choice(matching if picks_match else other)
    if not _respond(
        builder, chosen, t_response, response_intensity(builder, intensity), state_busy_until
    ):
        return
    if picks_match or not matching or rng.random() >= 0.2 + 0.6 * skill:
        return
    # A repair: usually inside the repair window, sometimes too late to count.
    delay = lognormal(rng, 0.25 * scheme.repair_window, 0.6)
    _respond(
        builder,
        rng.choice(matching),
        t_response + max(0.2, delay),
        response_intensity(builder, intensity),
        state_busy_until,
    )


def _weights(rng: random.Random, count: int) -> list[float]:
    """This session's mix of cue types: some cues are more common than others."""
    return [rng.uniform(0.4, 2.0) for _ in range(count)]


def _cue_events(builder: EventBuilder, cue_rate: float, state_busy_until: dict[str, float]) -> None:
    rng, scheme = builder.rng, builder.scheme
    cues: Sequence[Cue] = scheme.cues
    if not cues or cue_rate <= 0:
        return
    weights = _weights(rng, len(cues))
    per_second = cue_rate / 60.0
    t = rng.expovariate(per_second)
    while t < builder.duration:
        cue = rng.choices(cues, weights)[0]
        intensity = cue_intensity(builder)
        if cue.kind == "state":
            if t > state_busy_until.get(cue.id, -1.0):
                stop = min(builder.duration, t + max(1.0, lognormal(rng, 15.0, 0.6)))
                if stop - t >= 0.5:
                    builder.add(cue.id, t, "start", intensity)
                    builder.add(cue.id, stop, "stop")
                    state_busy_until[cue.id] = stop
                    _answer_cue(builder, cue, t, intensity, state_busy_until)
        else:
            builder.add(cue.id, t, "point", intensity)
            _answer_cue(builder, cue, t, intensity, state_busy_until)
        t += rng.expovariate(per_second)


def _spontaneous_events(builder: EventBuilder, state_busy_until: dict[str, float]) -> None:
    rng, scheme = builder.rng, builder.scheme
    if not scheme.responses:
        return
    per_second = SPONTANEOUS_RATE / 60.0
    t = rng.expovariate(per_second)
    while t < builder.duration:
        _respond(builder, rng.choice(scheme.responses), t, None, state_busy_until)
        t += rng.expovariate(per_second)


def _pauses(rng: random.Random, started: datetime, duration: float) -> tuple[list[Pause], float]:
    """At most one pause (about one session in four); returns the pauses and the wall time
    they took, so the wall-clock end is right."""
    if duration < 60 or rng.random() >= 0.25:
        return [], 0.0
    at = to_ms(rng.uniform(0.2, 0.8) * duration)
    length = round(rng.uniform(20.0, 180.0))
    paused_wall = started + timedelta(seconds=at)
    resumed_wall = paused_wall + timedelta(seconds=length)
    pause = Pause(at=at, paused_wall=paused_wall.isoformat(), resumed_wall=resumed_wall.isoformat())
    return [pause], length


def _ratings(rng: random.Random, scheme: Scheme, skill: float) -> dict[str, int]:
    ratings: dict[str, int] = {}
    for rating in scheme.ratings:
        if rng.random() < 0.15:
            continue  # the observer skipped this one
        centre = rating.min + skill * (rating.max - rating.min)
        value = round(centre + rng.gauss(0.0, 0.6))
        ratings[rating.id] = min(rating.max, max(rating.min, value))
    return ratings


def simulate_session(
    scheme: Scheme,
    *,
    seed: int,
    dyad: str,
    visit: str,
    started_at: str,
    duration: float,
    skill: float,
    cue_rate: float = DEFAULT_CUE_RATE,
    observer: str = DEMO_OBSERVER,
    context: str = "",
) -> Session:
    """An ended, synthetic session (``origin="demo"``) of ``duration`` seconds.

    ``skill`` (0–1) is how attuned the simulated caregiver is; ``cue_rate`` is infant cues
    per minute (with the default rate a session has about 6 events per minute, so a
    100,000-event session needs ``duration`` ≈ 1,000,000 s). The same arguments always give
    the same session, ids included (so adding the demo twice does not duplicate it); any
    changed argument gives different ids.
    """
    skill = min(1.0, max(0.0, float(skill)))
    duration = to_ms(max(0.0, float(duration)))
    # A string seed is hashed with sha512 by ``random``: stable across runs and platforms.
    rng = random.Random(
        "|".join(
            map(str, (seed, dyad, visit, started_at, duration, skill, cue_rate, observer, context))
        )
    )
    session_id = seeded_id(rng)
    builder = EventBuilder(scheme, rng, duration, skill)
    excluded: tuple[Interval, ...] = ()
    if is_instrument(scheme):
        excluded = instrument_events(builder, cue_rate)
    else:
        state_busy_until: dict[str, float] = {}
        _cue_events(builder, cue_rate, state_busy_until)
        _spontaneous_events(builder, state_busy_until)
    started = datetime.fromisoformat(started_at)
    pauses, paused_for = _pauses(rng, started, duration)
    ended = started + timedelta(seconds=duration + paused_for)
    return Session(
        id=session_id,
        dyad=dyad,
        observer=observer,
        started_at=started_at,
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit=visit,
        context=context,
        duration=duration,
        status="ended",
        events=builder.events(),
        notes=rng.choice(_SESSION_NOTES),
        ratings=_ratings(rng, scheme, skill),
        pauses=pauses,
        origin="demo",
        ended_at=ended.isoformat(),
        excluded=excluded,
    )


# -- the demo archive ------------------------------------------------------------------


def _plan() -> list[tuple[str, list[float], float]]:
    """(dyad, skill per visit, cues per minute): two dyads improving over their visits,
    one steady, one whose infant shows fewer cues."""
    return [
        ("DEMO-01", [0.2, 0.35, 0.5, 0.65, 0.8, 0.9], DEFAULT_CUE_RATE),
        ("DEMO-02", [0.3, 0.45, 0.6, 0.75], DEFAULT_CUE_RATE * 1.2),
        ("DEMO-03", [0.6, 0.62, 0.58, 0.6, 0.61], DEFAULT_CUE_RATE),
        ("DEMO-04", [0.45, 0.5, 0.5, 0.55], DEFAULT_CUE_RATE * 0.4),
    ]


_CONTEXTS = ("free play", "feeding", "nappy change", "free play")
_FIRST_VISIT = datetime.fromisoformat("2026-01-12T10:00:00+00:00")


def demo_sessions(scheme: Scheme, seed: int = 7) -> list[Session]:
    """The demo archive: several dyads (``DEMO-01`` …) × 4–6 visits about two weeks apart,
    5–15 minutes each, observer ``demo``. Deterministic for a seed."""
    rng = random.Random(f"demo|{seed}")
    sessions: list[Session] = []
    for number, (dyad, skills, cue_rate) in enumerate(_plan()):
        first = _FIRST_VISIT + timedelta(days=number, hours=rng.randint(0, 5))
        for visit_index, skill in enumerate(skills):
            started = first + timedelta(
                days=14 * visit_index + rng.randint(-2, 2), minutes=rng.randint(0, 50)
            )
            sessions.append(
                simulate_session(
                    scheme,
                    seed=seed,
                    dyad=dyad,
                    visit=str(visit_index + 1),
                    started_at=started.isoformat(),
                    duration=float(rng.randint(300, 900)),
                    skill=skill,
                    cue_rate=cue_rate,
                    context=_CONTEXTS[(number + visit_index) % len(_CONTEXTS)],
                )
            )
    return sessions
