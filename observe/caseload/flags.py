"""The flags beside a family in the caseload: changes in its headline figures over its
last three visits, worded from what is going well.

A flag describes a change in the figures, never the family: *Answers more of the baby's
cues over the last three visits (62% → 70% → 75%)* is a strength; *Fewer cues answered than
at the visit before — worth a look (80% → 62%)* asks the supervisor to look, with the
figures that say why. Words that label a family (poor, at risk, failing, …) are never used
(``tests/caseload/test_flags.py`` holds every flag to that).

- A **strength** is a rise of at least :data:`RATE_STEP` in the response rate or the match
  rate, or a median latency :data:`LATENCY_FASTER` s shorter, from the first of the last
  three visits (or the one before, with two) to the latest, where the latest is not a
  drop from the visit before it.
- A **look** is a drop of at least :data:`RATE_STEP` in a rate, or a median latency
  :data:`LATENCY_SLOWER` s longer, from the visit before to the latest (or, failing that,
  from the first of the last three visits to the latest).
- A figure resting on fewer than :data:`MIN_CUES` cues (a median latency: answered cues)
  is compared with nothing — as the trend report draws such a visit hollow — and a
  ``note`` says so; with three comparable visits whose figures each stayed within a step,
  the note is *Steady*.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from observe import display
from observe.caseload.model import Flag, VisitFigures

RATE_STEP = 0.10
LATENCY_FASTER = 0.5
LATENCY_SLOWER = 1.0
MIN_CUES = 10
LOOK = "worth a look"


def _answered(visit: VisitFigures) -> int:
    return round((visit.response_rate or 0.0) * visit.cues)


Figure = tuple[str, Callable[[VisitFigures], float | None], Callable[[VisitFigures], int]]
_FIGURES: tuple[Figure, ...] = (
    ("response_rate", lambda v: v.response_rate, lambda v: v.cues),
    ("match_rate", lambda v: v.match_rate, lambda v: v.cues),
    ("median_latency", lambda v: v.median_latency, _answered),
)  # fmt: skip

_STRENGTH = {
    "response_rate": "Answers more of the baby's cues",
    "match_rate": "More responses fit the baby's cue",
    "median_latency": "Responds sooner",
}
_LOOK = {
    "response_rate": "Fewer cues answered",
    "match_rate": "Fewer responses fitted the cue",
    "median_latency": "Responses came later",
}


def family_flags(recent: Sequence[VisitFigures]) -> tuple[Flag, ...]:
    """The flags of a family's last (up to) three counted visits, oldest first."""
    if not recent:
        return ()
    latest = recent[-1]
    if len(recent) == 1:
        return (Flag("note", "One visit so far: nothing to compare yet"),)
    if latest.cues < MIN_CUES:
        return (
            Flag(
                "note",
                f"The latest visit had {latest.cues} cue{'s' if latest.cues != 1 else ''}: "
                f"too few to compare (at least {MIN_CUES})",
            ),
        )
    flags: list[Flag] = []
    for name, value, base in _FIGURES:
        usable = [v for v in recent if value(v) is not None and base(v) >= MIN_CUES]
        if len(usable) < 2 or usable[-1] is not latest:
            continue
        before = recent[-2] if usable[-2] is recent[-2] else None
        flag = _look(name, value, before, latest) if before is not None else None
        if flag is None:
            flag = _strength(name, value, usable, before) or _look_over(name, value, usable)
        if flag is not None:
            flags.append(flag)
    if not flags and len(recent) == 3 and all(_steady(recent, figure) for figure in _FIGURES):
        flags.append(Flag("note", "Steady over the last three visits"))
    return tuple(flags)


def _steady(recent: Sequence[VisitFigures], figure: Figure) -> bool:
    """Whether a figure stayed within one step over the visits (None: not comparable)."""
    name, value, base = figure
    values = [value(v) for v in recent if value(v) is not None and base(v) >= MIN_CUES]
    step = LATENCY_FASTER if name == "median_latency" else RATE_STEP
    return len(values) == len(recent) and max(values) - min(values) < step - 1e-9  # type: ignore[type-var, operator]


def _look_over(
    name: str, value: Callable[[VisitFigures], float | None], usable: Sequence[VisitFigures]
) -> Flag | None:
    """A drop from the first of the last three visits to the latest (not from the one
    before: that is :func:`_look`)."""
    if len(usable) < 3:
        return None
    old, new = value(usable[0]), value(usable[-1])
    assert old is not None and new is not None
    step = LATENCY_SLOWER if name == "median_latency" else RATE_STEP
    if _change(name, old, new) > -step + 1e-9:
        return None
    path = " → ".join(_shown(name, value(v)) for v in usable)
    return Flag("look", f"{_LOOK[name]} over the last three visits — {LOOK} ({path})")


def _change(name: str, old: float, new: float) -> float:
    """How much better ``new`` is than ``old`` (a latency is better shorter)."""
    return old - new if name == "median_latency" else new - old


def _shown(name: str, value: float | None) -> str:
    return display.seconds(value) if name == "median_latency" else display.percent(value)


def _look(
    name: str,
    value: Callable[[VisitFigures], float | None],
    before: VisitFigures,
    latest: VisitFigures,
) -> Flag | None:
    old, new = value(before), value(latest)
    assert old is not None and new is not None
    step = LATENCY_SLOWER if name == "median_latency" else RATE_STEP
    if _change(name, old, new) <= -step + 1e-9:
        return Flag(
            "look",
            f"{_LOOK[name]} than at the visit before — {LOOK} "
            f"({_shown(name, old)} → {_shown(name, new)})",
        )
    return None


def _strength(
    name: str,
    value: Callable[[VisitFigures], float | None],
    usable: Sequence[VisitFigures],
    before: VisitFigures | None,
) -> Flag | None:
    first, latest = usable[0], usable[-1]
    old, new = value(first), value(latest)
    assert old is not None and new is not None
    step = LATENCY_FASTER if name == "median_latency" else RATE_STEP
    if _change(name, old, new) < step - 1e-9:
        return None
    previous = value(before) if before is not None else None
    if previous is not None and previous != old and _change(name, previous, new) < 0:
        return None  # better than at first, but down from the visit before: no strength
    path = " → ".join(_shown(name, value(v)) for v in usable)
    span = "over the last three visits" if len(usable) == 3 else "than at the visit before"
    if len(usable) == 2 and usable[0] is not before:  # the visit before had too few cues
        span = "than two visits before"
    return Flag("strength", f"{_STRENGTH[name]} {span} ({path})")
