"""The readable parts of ``observe reliability`` beyond the event alignment: the time-unit
kappa, intensities, ratings, the thresholds used, and the summary over several
double-coded visits. Rates are whole percentages and kappas two decimals, as everywhere
(:mod:`observe.display`)."""

from __future__ import annotations

import textwrap

from observe.analysis.reliability_codings import actor_title
from observe.analysis.reliability_results import (
    ActorAgreement,
    IntensityAgreement,
    RatingComparison,
    Reliability,
    ReliabilitySummary,
    Thresholds,
    TimeUnits,
)
from observe.display import MISSING, number, percent, text_table

#: Explanations are cut at 80 columns, the width of the smallest terminal supported.
WIDTH = 80


def time_unit_lines(
    units: TimeUnits, labels: dict[str, str] | None = None, not_codable: bool = False
) -> list[str]:
    """The time-unit kappa per actor, with and without tolerance, and its flags
    (``labels``: each actor's heading, by key: a result's ``actors``; ``not_codable``:
    either session has excluded periods)."""
    plural = "s" if units.tolerance_units != 1 else ""
    lines = wrap(
        f"Second by second (time-unit kappa): the two records compared in {units.unit:g}-s "
        "units; with tolerance, a unit where they differ counts as agreeing when the other "
        f"observer coded the same code within ±{units.tolerance_units} unit{plural} "
        f"({units.tolerance:g} s)."
    )
    rows = [
        (
            actor_title(actor, labels),
            str(figures.units),
            percent(figures.percent_agreement),
            number(figures.kappa),
            percent(figures.percent_agreement_with_tolerance),
            number(figures.kappa_with_tolerance),
        )
        for actor, figures in units.per_actor.items()
    ]
    lines += text_table(("", "Units", "Agreement", "Kappa", "With tolerance", "Kappa"), rows)
    if units.excluded_units:
        lines += wrap(
            f"{units.excluded_units} unit{'s' if units.excluded_units != 1 else ''} left out: "
            + (
                "one of the observers was paused."
                if not not_codable
                else "one of the observers was paused, or marked the time as not codable."
            )
        )
    for flag in units.flags:
        lines += wrap(f"Below standard: {flag}")
    return lines


def intensity_lines(intensity: IntensityAgreement) -> list[str]:
    if intensity.levels == 0:
        return ["Intensities: the scheme codes none."]
    if intensity.pairs == 0:
        return ["Intensities: no agreeing pair where both observers gave an intensity."]
    line = (
        f"Intensities, where both coded the same code and both gave an intensity "
        f"({intensity.pairs} pairs): the same level in {percent(intensity.exact_rate)}, "
        f"at most one level apart in {percent(intensity.within_one_rate)}"
    )
    if intensity.one_observer_only:
        line += f"; {intensity.one_observer_only} more with an intensity from only one observer"
    return wrap(line + ".")


def rating_lines(ratings: dict[str, RatingComparison]) -> list[str]:
    if not ratings:
        return ["Global ratings: the schemes share none."]
    rows = [
        (
            rating.label,
            value_text(rating.a),
            value_text(rating.b),
            difference_text(rating.difference),
            f"{rating.min}–{rating.max}",
        )
        for rating in ratings.values()
    ]
    return [
        "Global ratings (one visit: each observer's rating and the difference)",
        *text_table(("Rating", "A", "B", "B - A", "Scale"), rows),
    ]


def thresholds_lines(thresholds: Thresholds) -> list[str]:
    return wrap(
        f"Flagged below: {percent(thresholds.percent_agreement)} agreement, kappa "
        f"{thresholds.kappa:.2f}, a rating's weighted kappa {thresholds.rating_kappa:.2f} "
        f"and ICC {thresholds.rating_icc:.2f} (this archive's settings: "
        "`observe settings show`)."
    )


def summary_text(summary: ReliabilitySummary, visits: dict[str, str]) -> str:
    """Several double-coded visits: one line per pair, then the ratings over all of them.
    ``visits`` names each pair's visit by observer A's session id."""
    count = len(summary.pairs)
    first = summary.pairs[0] if summary.pairs else None
    lines = [
        f"Observer agreement over {count} double-coded visit{'s' if count != 1 else ''}"
        + (
            f", tolerance {first.tolerance:g} s, time unit {first.time_units.unit:g} s"
            if first
            else ""
        ),
        "",
    ]
    keys = summary_actors(summary)
    rows = [
        _pair_row(result, visits.get(result.session_a, MISSING), keys) for result in summary.pairs
    ]
    titles = tuple(keys.values())
    lines += text_table(
        ("Visit", "A", "B", "Agreement", "Kappa", *titles, "Flags"),
        rows,
        right=set(range(3, 6 + len(titles))),
    )
    lines += wrap(
        f"Agreement, Kappa: event-based; {', '.join(titles)}: time-unit kappa with tolerance. "
        "Flags: figures below standard; `observe reliability ID_A ID_B` shows one pair in full."
    )
    lines += ["", "Global ratings over the visits both observers rated"]
    rows = [
        (
            rating.label,
            str(rating.n),
            str(rating.exact),
            str(rating.within_one),
            mean_difference_text(rating.mean_difference),
            number(rating.weighted_kappa),
            number(rating.icc),
        )
        for rating in summary.ratings.values()
    ]
    if rows:
        lines += text_table(
            ("Rating", "n", "Same", "Within 1", "B - A", "Weighted kappa", "ICC"), rows
        )
        lines += wrap(
            "n: visits both rated; Same / Within 1: of those, equal / at most one point apart; "
            "B - A: mean difference; weighted kappa: quadratic weights; ICC: ICC(1,1), "
            "one-way random, single rating, absolute agreement."
        )
    else:
        lines.append("No rating that both observers' schemes share.")
    for rating in summary.ratings.values():
        for flag in rating.flags:
            lines += wrap(f"Below standard: {flag}")
    for caution, labels in cautions(summary).items():
        lines += wrap(f"Note: {', '.join(labels)}: {caution}")
    lines += ["", *thresholds_lines(summary.thresholds)]
    return "\n".join(lines)


def cautions(summary: ReliabilitySummary) -> dict[str, list[str]]:
    """Each caution about the ratings once, with the ratings it concerns."""
    found: dict[str, list[str]] = {}
    for rating in summary.ratings.values():
        if rating.caution:
            found.setdefault(rating.caution, []).append(rating.label)
    return found


def summary_actors(summary: ReliabilitySummary) -> dict[str, str]:
    """Every actor compared in any pair (key → heading), in the order first met; the two
    of a scheme without actors when no pair has any."""
    found: dict[str, str] = {}
    for result in summary.pairs:
        for key in result.time_units.per_actor:
            found.setdefault(key, actor_title(key, result.actors))
    return found or {key: actor_title(key) for key in ("cue", "response")}


def actor_agreement_lines(
    per_actor: dict[str, ActorAgreement], labels: dict[str, str]
) -> list[str]:
    """The event alignment's figures per actor (each actor's block of the matrix)."""
    rows = [
        (
            f"  {actor_title(actor, labels)}",
            str(figures.pairs),
            str(figures.agreements),
            percent(figures.percent_agreement),
            number(figures.kappa),
        )
        for actor, figures in per_actor.items()
    ]
    return [
        "Per actor (each actor's codes lined up with the same actor's)",
        *text_table(("", "Pairs", "Agreed", "Agreement", "Kappa"), rows),
    ]


def _pair_row(result: Reliability, visit: str, keys: dict[str, str]) -> tuple[str, ...]:
    per_actor = result.time_units.per_actor
    flagged = len(result.flags) + len(result.time_units.flags)
    kappas = tuple(
        number(per_actor[actor].kappa_with_tolerance) if actor in per_actor else MISSING
        for actor in keys
    )
    return (
        visit,
        result.session_a[:8],
        result.session_b[:8],
        percent(result.percent_agreement),
        number(result.kappa),
        *kappas,
        str(flagged) if flagged else MISSING,
    )


def value_text(value: int | None) -> str:
    return MISSING if value is None else str(value)


def difference_text(value: int | None) -> str:
    if value is None:
        return MISSING
    return f"{value:+d}" if value else "0"


def mean_difference_text(value: float | None) -> str:
    if value is None:
        return MISSING
    shown = f"{value:+.2f}"
    return "0.00" if shown in ("+0.00", "-0.00") else shown


def wrap(text: str) -> list[str]:
    """A sentence cut into lines of at most :data:`WIDTH` characters."""
    return textwrap.wrap(text, WIDTH, break_on_hyphens=False)
