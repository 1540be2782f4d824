"""The feedback a trainee reads after submitting: the figures the decision rests on, each
condition of the criteria met or not, and every disagreement with the master coding."""

from __future__ import annotations

from observe.display import percent, text_table
from observe.training.pack import Pack
from observe.training.scoring import Check, Disagreement, Score, onset_reach


def check_parts(check: Check) -> tuple[str, str, str]:
    """(value, threshold, verdict) in words: ``88%``, ``85%``, ``pass``."""
    if check.figure == "kappa":
        value = "–" if check.value is None else f"{check.value:.2f}"
        needs = f"{check.threshold:.2f}"
    else:
        value, needs = percent(check.value), f"{check.threshold * 100:g}%"
    return value, needs, "pass" if check.passed else "NOT MET"


def check_text(check: Check) -> str:
    """``agreement 88% (needs ≥ 85%): pass``."""
    value, needs, verdict = check_parts(check)
    return f"{check.figure} {value} (needs ≥ {needs}): {verdict}"


def time_text(t: float | None) -> str:
    if t is None:
        return "–"
    minutes, rest = divmod(t, 60)
    return f"{int(minutes)}:{rest:06.3f}"


def disagreement_row(item: Disagreement) -> tuple[str, str, str, str, str]:
    """(what, trainee's code, at, master's code, at)."""
    what: str = item.kind
    if item.kind == "onset" and item.master_t is not None and item.trainee_t is not None:
        delta = item.trainee_t - item.master_t
        what = f"onset {abs(delta):.1f} s {'late' if delta > 0 else 'early'}"
    return (
        what,
        item.trainee_code or "–",
        time_text(item.trainee_t),
        item.master_code or "–",
        time_text(item.master_t),
    )


def disagreement_line(item: Disagreement) -> str:
    """One line for a list: ``missed  you: –  master: hungry at 0:12.300``."""
    what, mine, mine_t, master, master_t = disagreement_row(item)
    yours = "nothing" if mine == "–" else f"{mine} at {mine_t}"
    theirs = "nothing" if master == "–" else f"{master} at {master_t}"
    return f"{what}: you coded {yours}; the master coded {theirs}"


def feedback_text(pack: Pack, score: Score, *, practice: str | None = None) -> str:
    """The whole feedback as text (the CLI prints it; the PDF says the same)."""
    result = score.reliability
    criteria = pack.criteria
    verdict = "PASSED" if score.passed else "NOT PASSED"
    lines = [f"Training pack {pack.name} ({pack.short}): {verdict}"]
    if practice:
        lines.append(f"PRACTICE ONLY, not counted for certification: {practice}")
    lines += [
        f"Criteria: {criteria.described()}",
        "",
        f"Percent agreement  {percent(result.percent_agreement)} "
        f"({result.agreements} of {result.pairs} pairs coded the same)",
        "Cohen's kappa      "
        + ("–" if result.kappa is None else f"{result.kappa:.2f}")
        + " (agreement beyond chance; 1 = perfect, 0 = chance)",
        "",
        "The decision rests on:",
        *(f"  {check_text(check)}" for check in score.checks),
    ]
    rows = [
        (code, str(figures.pairs), str(figures.agreements), percent(figures.agreement))
        for code, figures in result.per_code.items()
    ]
    lines += ["", "Per code (pairs in which you or the master coded it)"]
    lines += text_table(("Code", "Pairs", "Agreed", "Agreement"), rows)
    lines += ["", f"Disagreements ({len(score.disagreements)}), in the recording's time order"]
    if score.disagreements:
        lines += text_table(
            ("What", "You", "At", "Master", "At"),
            [disagreement_row(item) for item in score.disagreements],
        )
        reach = onset_reach(criteria.tolerance)
        lines += [
            f"An onset more than {criteria.tolerance:g} s from the master's (up to {reach:g} s)"
            " counts as a miss and an extra in the figures, as in observe reliability."
        ]
    else:
        lines.append("None: you coded every moment as the master did.")
    return "\n".join(lines)
