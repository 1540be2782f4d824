"""The sessions whose analysis must never change: a seeded set of random sessions of the
schemes written before rules existed, the worked examples of these tests, and the demo
archive (stored in ``before_rules/demo-events.json``, so a change to the simulation cannot
change what is compared).

``before_rules/analyses.json`` holds the sha256 of each part of their ``observe analyze
--json`` output as the version before contingency rules, state groups and excluded periods
wrote it (main at 566def1), and of their running figures at a few moments; see
``test_old_figures.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from observe.model import Event, Session
from observe.scheme import Cue, Rating, Response, Scheme, find_scheme

HERE = Path(__file__).parent / "before_rules"
DEMO_EVENTS = HERE / "demo-events.json"
ANALYSES = HERE / "analyses.json"

#: The worked example of ``test_worked_example.py`` (the documented --json example).
WORKED_EVENTS = [
    (10, "tired"),
    (12, "play"),
    (20, "settle"),
    (30, "over", "point", 2),
    (30, "reduce", "point", 2),
    (50, "tired", "point", 1),
    (51.5, "settle", "point", 2),
    (70, "over"),
    (72, "play"),
    (90, "tired"),
    (110, "feed"),
]


def tiny_scheme() -> Scheme:
    """The ``tiny_scheme`` fixture of ``tests/conftest.py`` (its digest is checked)."""
    return Scheme(
        id="tiny",
        name="Tiny test scheme",
        version="1.0",
        response_window=5.0,
        repair_window=30.0,
        intensity_levels=3,
        cues=[
            Cue("hungry", "Hungry", "h", matches=["feed", "calm"], window=10.0, group="Needs"),
            Cue("tired", "Tired", "t", matches=["settle"], group="Needs"),
            Cue("over", "Overstimulated", "o", matches=["reduce"], window=3.0, group="Regulation"),
            Cue("fussing", "Fussing", "u", matches=["calm"], kind="state", group="Regulation"),
        ],
        responses=[
            Response("feed", "Offers feed", "f"),
            Response("calm", "Calms", "c"),
            Response("settle", "Settles to sleep", "s"),
            Response("reduce", "Reduces stimulation", "r"),
            Response("play", "Increases play", "p"),
        ],
        ratings=[Rating("overall_warmth", "Overall warmth", 1, 5)],
    )


def session_of(
    session_id: str,
    scheme: Scheme,
    events: list[tuple],
    duration: float,
    dyad: str = "R001",
    started_at: str | None = None,
    visit: str = "1",
) -> Session:
    built = [
        Event(
            id=f"{session_id[:24]}{k:08x}",
            code=code,
            t=t,
            kind=rest[0] if rest else "point",
            intensity=rest[1] if len(rest) > 1 else None,
        )
        for k, (t, code, *rest) in enumerate(events)
    ]
    built.sort(key=lambda e: e.t)
    return Session(
        id=session_id,
        dyad=dyad,
        observer="OBS1",
        started_at=started_at or f"2026-03-02T10:{int(session_id[-2:], 16) % 60:02d}:00+00:00",
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit=visit,
        duration=duration,
        status="ended",
        events=built,
    )


def random_sessions(schemes: list[Scheme], count: int, seed: int = 12) -> list[Session]:
    """``count`` random sessions, cycling through ``schemes``: times on whole seconds, half
    seconds and milliseconds, many placed on or a millisecond either side of a window or
    repair boundary of an earlier event, every kind, intensities, codes the scheme lacks."""
    rng = random.Random(f"before-rules|{seed}")
    sessions = []
    for number in range(count):
        scheme = schemes[number % len(schemes)]
        cues = [c.id for c in scheme.cues]
        responses = [r.id for r in scheme.responses]
        codes = [*cues, *responses, "sneeze"]
        events: list[tuple] = []
        for _ in range(rng.randint(0, 20)):
            t = rng.choice(
                [rng.randint(0, 40), rng.randint(0, 240) / 2, rng.randint(0, 120_000) / 1000]
            )
            events.append(_random_event(rng, float(t), codes))
        for _ in range(rng.randint(0, 15) if events else 0):
            anchor_t, anchor_code, *_ = rng.choice(events)
            edges = [0, 2, scheme.response_window, scheme.repair_window]
            cue = scheme.cue(anchor_code)
            if cue is not None and cue.window is not None:
                edges.append(cue.window)
            t = round(anchor_t + rng.choice(edges) + rng.choice([-0.001, 0, 0.001]), 3)
            fitting = list(cue.matches) if cue is not None and cue.matches else responses
            pool = rng.choice([fitting, responses, codes])
            events.append(_random_event(rng, max(t, 0.0), pool))
        last = max((t for t, *_ in events), default=0.0)
        duration = round(last + rng.choice([0.0, rng.randint(0, 30_000) / 1000, 0.5]), 3)
        sessions.append(session_of(f"{number:032x}", scheme, events, duration))
    return sessions


def _random_event(rng: random.Random, t: float, codes: list[str]) -> tuple:
    kind = rng.choice(["point", "point", "start", "stop"])
    intensity = rng.choice([None, None, 1, 2, 3])
    return (t, rng.choice(codes), kind, intensity)


def old_schemes(data_dir: Path) -> list[Scheme]:
    """The tiny test scheme and the three schemes that shipped before rules existed."""
    return [
        tiny_scheme(),
        *(find_scheme(name, data_dir) for name in ("infant-cues", "feeding", "play")),
    ]


def worked_sessions() -> list[Session]:
    """The worked examples of ``test_worked_example.py`` and ``test_outcomes.py``'s kind."""
    tiny = tiny_scheme()
    return [
        session_of("f" * 31 + "0", tiny, WORKED_EVENTS, 120.0, dyad="W001"),
        session_of("f" * 31 + "1", tiny, [(10, "tired"), (11, "settle")], 30.0, dyad="W001"),
        session_of("f" * 31 + "2", tiny, [(5, "feed")], 30.0, dyad="W001"),
        session_of(
            "f" * 31 + "3",
            tiny,
            [(10, "tired"), (11, "play"), (15, "over"), (20, "settle")],
            25.0,
            dyad="W001",
        ),
        session_of(
            "f" * 31 + "4",
            tiny,
            [(3, "fussing", "start", 2), (4, "calm", "point", 1), (9, "fussing", "stop")],
            12.5,
            dyad="W001",
        ),
    ]


def demo_sessions(data_dir: Path) -> list[Session]:
    """The demo archive (``observe demo``) as main wrote it, from its stored events."""
    stored = json.loads(DEMO_EVENTS.read_text(encoding="utf-8"))
    schemes = {s.id: s for s in old_schemes(data_dir)}
    sessions = []
    for item in stored:
        scheme = schemes[item["scheme"]]
        sessions.append(
            session_of(
                item["id"],
                scheme,
                [tuple(event) for event in item["events"]],
                item["duration"],
                item["dyad"],
                item["started_at"],
                item["visit"],
            )
        )
    return sessions
