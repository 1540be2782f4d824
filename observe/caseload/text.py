"""The caseload in words: ``observe caseload``'s tables, and its ``--json`` structure."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from observe import display
from observe.caseload.model import Caseload, Family, VisitFigures, Visitor
from observe.convert import unstructure


def due_text(days: int | None, *, short: bool = False) -> str:
    """``overdue by 12 days``, ``due today``, ``in 5 days``; ``no date`` where the schedule
    has none. ``short``: ``overdue 12 d``, ``today``, ``in 5 d``."""
    if days is None:
        return "no date"
    if short:
        return f"overdue {-days} d" if days < 0 else "today" if days == 0 else f"in {days} d"
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"in {days} day{'s' if days != 1 else ''}"


def trend_text(recent: Sequence[VisitFigures], figure: str) -> str:
    """A figure over the last visits, oldest first: ``62→70→75%``, ``2.1→1.6 s``."""
    value: Callable[[VisitFigures], float | None] = lambda v: getattr(v, figure)  # noqa: E731
    if figure == "median_latency":
        parts = [display.number(value(v), 1) for v in recent]
        return "→".join(parts) + (" s" if any(value(v) is not None for v in recent) else "")
    parts = [display.percent(value(v)).rstrip("%") for v in recent]
    return "→".join(parts) + ("%" if any(value(v) is not None for v in recent) else "")


FAMILY_HEADER = (
    "Dyad", "Visits", "Last seen", "Next due", "", "Visitor",
    "Answered", "Fitting", "Latency",
)  # fmt: skip
VISITOR_HEADER = (
    "Visitor", "Families", "Sessions", "Last check", "Check", "With", "Agreement", "Kappa",
    "Certified to", "Next check", "",
)  # fmt: skip
#: The visitor table's word for each kind of check.
CHECK_WORDS = {
    "double-coded visit": "visit",
    "certification attempt": "pack",
    "drift check": "drift",
}


def family_row(family: Family, *, short: bool = False) -> tuple[str, ...]:
    return (
        family.dyad,
        str(family.visits),
        family.last_observation,
        family.next_due or display.MISSING,
        due_text(family.due_in_days, short=short),
        family.visitor or display.MISSING,
        trend_text(family.recent, "response_rate"),
        trend_text(family.recent, "match_rate"),
        trend_text(family.recent, "median_latency"),
    )


def visitor_row(visitor: Visitor, below: str = " ⚑", *, short: bool = False) -> tuple[str, ...]:
    """The visitor's row; ``below`` marks an agreement below the archive's standard."""
    check = visitor.last_check
    if check is None:
        done: tuple[str, ...] = ("none yet", *[display.MISSING] * 4)
    else:
        mark = below if check.below_standard else ""
        done = (
            check.date,
            CHECK_WORDS[check.kind],
            check.with_observer,
            display.percent(check.percent_agreement) + mark,
            display.number(check.kappa),
        )
    return (
        visitor.name,
        str(visitor.families),
        str(visitor.sessions),
        *done,
        visitor.certified_until or display.MISSING,
        visitor.next_check_due,
        due_text(visitor.due_in_days, short=short),
    )


def caseload_text(caseload: Caseload) -> str:
    families = caseload.families
    overdue = sum(1 for f in families if f.overdue)
    lines = [
        f"Caseload on {caseload.today}: observations {caseload.schedule} "
        f"(caseload.schedule); reliability checks every {caseload.reliability_every} "
        "after the last (caseload.reliability_every).",
        "",
        f"Families: {len(families)}, {overdue} overdue. Answered, Fitting and Latency are "
        "the last three visits' response rate, match rate and median latency, oldest first.",
        "",
    ]
    if families:
        rows = [family_row(f) for f in families]
        lines += display.text_table(FAMILY_HEADER, rows, right={1})
    else:
        lines.append("No family matches.")
    flagged = [f for f in families if any(flag.kind != "note" for flag in f.flags)]
    if flagged:
        lines += ["", "What changed at the latest visits:"]
        for family in flagged:
            for flag in family.flags:
                if flag.kind != "note":
                    mark = "+" if flag.kind == "strength" else "?"
                    lines.append(f"  {mark} {family.dyad}: {flag.text}")
    lines += [
        "",
        f"Visitors: {len(caseload.visitors)} (⚑ below the archive's standard or a failed "
        "attempt). Check: a double-coded visit, a certification attempt at a training pack "
        "(pack) or a drift check; the next is due then, or when the certification runs out "
        "if sooner.",
        "",
    ]
    if caseload.visitors:
        rows = [visitor_row(v) for v in caseload.visitors]
        lines += display.text_table(VISITOR_HEADER, rows, right={1, 2, 6, 7})
    problems = [
        f"  {v.name}: {v.last_check.problem}"
        for v in caseload.visitors
        if v.last_check is not None and v.last_check.problem
    ]
    if problems:
        lines += ["", "Agreement not computed:", *problems]
    return "\n".join(lines)


def caseload_json(caseload: Caseload) -> str:
    return json.dumps(unstructure(caseload), indent=2, ensure_ascii=False)
