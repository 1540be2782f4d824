"""A second observer's coding of the same interaction, derived from a session (seeded).

For demos, tests and benchmarks of observer agreement (DESIGN §6). The second observer:

- started their clock ``clock_offset`` seconds after the first, so every time is that much
  earlier on their clock (``observe reliability FIRST SECOND`` should find an offset of
  ``+clock_offset``); events before their clock started are lost;
- presses each key a little earlier or later (normal jitter with standard deviation
  ``jitter`` seconds, cut at ±2.5 ``jitter``);
- misses an event now and then (``miss_rate``; a state's stop goes with its start);
- codes a different code of the same actor now and then (``confuse_rate``: a cue as
  another cue, a response as another response, a state as another state);
- codes something the first observer did not (``extra_rate`` per event, a point code of
  the same actor a few seconds away);
- codes an intensity one level off now and then (``intensity_rate``; two levels one time in
  five) and rates the session a point or two apart (``rating_rate`` per rating), within the
  scale;
- could not code the periods the first observer could not (the baby carried out of the
  room is out of both observers' view), on their own clock.

The session is marked as a second coding of ``session`` (DESIGN §6), as a second observer
marks theirs when they start it, so the visit counts once, from the first observer's.

Deterministic: the same session and arguments always give the same session, ids included.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from attrs import evolve

from observe.interchange.simulate import seeded_id
from observe.model import Event, Interval, Session, to_ms
from observe.scheme import Code, Scheme

SECOND_OBSERVER = "demo-2"


def second_observer(
    session: Session,
    *,
    seed: int,
    clock_offset: float = 4.3,
    jitter: float = 0.3,
    miss_rate: float = 0.05,
    confuse_rate: float = 0.05,
    extra_rate: float = 0.03,
    intensity_rate: float = 0.1,
    rating_rate: float = 0.3,
    observer: str = SECOND_OBSERVER,
) -> Session:
    """The second observer's ended session of the interaction ``session`` recorded."""
    # intensities and ratings draw from a generator of their own, so the rest of the
    # coding (times, codes, ids) is the same with or without their noise
    noise = random.Random(f"second-observer-noise|{seed}|{session.id}|{intensity_rate}")
    rng = random.Random(
        "|".join(
            map(str, (seed, session.id, clock_offset, jitter, miss_rate, confuse_rate, extra_rate))
        )
    )
    scheme = session.scheme
    duration = to_ms(max(0.0, session.duration - clock_offset))
    events: list[Event] = []
    open_states: dict[str, tuple[str, float] | None] = {}  # first observer's code -> ours
    for event in session.events:
        if event.kind == "stop":
            started = open_states.pop(event.code, None)
            if started is not None:
                code, start = started
                t = min(duration, max(start + 0.1, _moved(rng, event.t, clock_offset, jitter)))
                events.append(_event(rng, code, t, "stop", None))
            continue
        if rng.random() < miss_rate:
            if event.kind == "start":
                open_states[event.code] = None
            continue
        t = _moved(rng, event.t, clock_offset, jitter)
        if t < 0 or t > duration:
            if event.kind == "start":
                open_states[event.code] = None
            continue
        code = event.code
        if rng.random() < confuse_rate:
            busy = {started[0] for started in open_states.values() if started is not None}
            code = _other_code(rng, scheme, code, busy)
        if event.kind == "start":
            open_states[event.code] = (code, to_ms(t))
        level = _nudged(noise, event.intensity, 1, scheme.intensity_levels, intensity_rate)
        events.append(_event(rng, code, t, event.kind, level))
        if rng.random() < extra_rate:
            extra = _extra(rng, scheme, code, t + rng.uniform(2.0, 8.0) * rng.choice((-1, 1)))
            if extra is not None and 0 <= extra.t <= duration:
                events.append(extra)
    events.sort(key=lambda e: e.t)
    started_at = _later(session.started_at, clock_offset)
    pauses = tuple(
        evolve(p, at=max(0.0, p.at - clock_offset))
        for p in session.pauses
        if p.at - clock_offset >= 0
    )
    return Session(
        id=seeded_id(rng),
        dyad=session.dyad,
        observer=observer,
        started_at=started_at,
        scheme=scheme,
        scheme_digest=session.scheme_digest,
        visit=session.visit,
        context=session.context,
        duration=duration,
        status="ended",
        events=events,
        notes="Second observer's coding of the same interaction (synthetic).",
        ratings=_rated(noise, session, rating_rate),
        pauses=pauses,
        origin="demo",
        ended_at=session.ended_at,
        excluded=_shifted(session.excluded, clock_offset, duration),
        second_coding_of=session.id,  # marked as its second coding when it was made
        second_coding_at=started_at,
    )


def _shifted(
    periods: tuple[Interval, ...], clock_offset: float, duration: float
) -> tuple[Interval, ...]:
    """The excluded periods on the second observer's clock, within their session."""
    shifted = []
    for period in periods:
        start = max(0.0, period.start - clock_offset)
        end = duration if period.end is None else min(duration, period.end - clock_offset)
        if end > start:
            shifted.append(Interval(start, end))
    return tuple(shifted)


def _nudged(
    noise: random.Random, value: int | None, low: int, high: int, rate: float
) -> int | None:
    """``value``, now and then (``rate``) one step off (two, one time in five), within
    ``low``..``high``."""
    if value is None or rate <= 0 or high <= low or noise.random() >= rate:
        return value
    step = 2 if noise.random() < 0.2 else 1
    return min(high, max(low, value + step * noise.choice((-1, 1))))


def _rated(noise: random.Random, session: Session, rate: float) -> dict[str, int]:
    """The first observer's ratings, each now and then (``rate``) a point or two off."""
    rated = {}
    for rating_id, value in session.ratings.items():
        rating = session.scheme.rating(rating_id)
        low, high = (rating.min, rating.max) if rating is not None else (value, value)
        nudged = _nudged(noise, value, low, high, rate)
        rated[rating_id] = value if nudged is None else nudged
    return rated


def _moved(rng: random.Random, t: float, clock_offset: float, jitter: float) -> float:
    """``t`` on the second observer's clock, pressed a little early or late."""
    spread = max(-2.5 * jitter, min(2.5 * jitter, rng.gauss(0.0, jitter))) if jitter > 0 else 0.0
    return to_ms(t - clock_offset + spread)


def _same_actor(scheme: Scheme, code: str) -> list[Code]:
    """The codes of ``code``'s actor, in the scheme's order (cues, then responses)."""
    actor = scheme.actor_of(code).id
    return [c for c in scheme.codes if scheme.actor_of(c.id).id == actor]


def _other_code(rng: random.Random, scheme: Scheme, code: str, busy: set[str]) -> str:
    """Another code of the same actor and kind (point or state), else ``code`` itself; a
    state already running (``busy``) is not started again."""
    own = scheme.code(code)
    if own is None:
        return code
    family = _same_actor(scheme, code)
    others = [c.id for c in family if c.id != code and c.kind == own.kind and c.id not in busy]
    return rng.choice(others) if others else code


def _extra(rng: random.Random, scheme: Scheme, code: str, t: float) -> Event | None:
    """A point code of the same actor as ``code`` that the first observer did not code."""
    if scheme.code(code) is None:
        return None
    family = _same_actor(scheme, code)
    points = [c.id for c in family if c.kind == "point"]
    if not points:
        return None
    return _event(rng, rng.choice(points), to_ms(t), "point", None)


def _event(rng: random.Random, code: str, t: float, kind: str, intensity: int | None) -> Event:
    return Event(id=seeded_id(rng), code=code, t=t, kind=kind, intensity=intensity)  # type: ignore[arg-type]


def _later(started_at: str, seconds: float) -> str:
    try:
        return (datetime.fromisoformat(started_at) + timedelta(seconds=seconds)).isoformat()
    except ValueError:
        return started_at


#: The demo family whose one visit two observers coded (``observe demo``). A family of its
#: own, so the other demo families' trends show one coding per visit.
DEMO_RELIABILITY_DYAD = "DEMO-05"


def demo_reliability_pair(scheme: Scheme, seed: int = 7) -> tuple[Session, Session]:
    """One demo visit coded by two observers (the second's clock started 4.3 s later), so
    the demo archive has a pair to try ``observe reliability`` on."""
    from observe.interchange.simulate import simulate_session

    first = simulate_session(
        scheme,
        seed=seed,
        dyad=DEMO_RELIABILITY_DYAD,
        visit="1",
        started_at="2026-02-05T10:30:00+00:00",
        duration=600.0,
        skill=0.6,
        context="free play",
    )
    # the pair `observe demo` has always written: the intensities and ratings as the first
    # observer's, so its figures stay those users have seen (further demo families, and
    # every other caller, get the noise in those too)
    return first, second_observer(first, seed=seed, intensity_rate=0.0, rating_rate=0.0)
