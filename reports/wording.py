"""How figures are shown and explained to a clinician.

Figures themselves are formatted by :mod:`observe.display` (the tests read the PDF back
with the same rules): rates are whole percentages (``80%``), times are seconds to one
decimal (``1.8 s``), Yule's Q has two decimals (``0.62``), and a figure that cannot be
computed is shown as ``–``. A median is never shown without the number of values it is
the middle of (``2.0 s (n = 29)``): a median of one response must not read like a firm one.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from observe.reports.rule_words import DEFAULT_WORDS, Words

from observe.analysis.results import Summary
from observe.display import median_text, percent  # (the TUI's too)

#: Said beside every latency figure and chart: a quick response is not the goal in itself.
LATENCY_CAVEAT = DEFAULT_WORDS.caveat


def text(value: str) -> str:
    """Free text (notes, labels) made safe for a reportlab Paragraph."""
    return escape(value)


def count_of(part: int, whole: int, noun: str = "cues") -> str:
    """``12 of 40 cues``; with nothing to count, says so instead of ``0 of 0``."""
    if whole == 0:
        return f"no {noun} to count"
    return f"{part} of {whole} {noun}".rstrip()


def window_phrase(windows: list[float]) -> str:
    """The response window(s) in words: ``5 s`` or ``3–10 s depending on the cue``."""
    distinct = sorted(set(windows))
    if not distinct:
        return "the response window"
    if len(distinct) == 1:
        return f"{distinct[0]:g} s"
    return f"{distinct[0]:g}–{distinct[-1]:g} s depending on the cue"


def key_figures(
    summary: Summary, window: str, repair_window: float, words: Words = DEFAULT_WORDS
) -> list[tuple[str, str, str]]:
    """(name, value, what it counts) for the figures at a glance, in ``words`` (a rule's)."""
    outcomes = summary.outcomes
    answered = summary.cues - outcomes.unanswered
    attuned = outcomes.matched + outcomes.repaired
    missed_match = outcomes.repaired + outcomes.mismatched
    cue, cues = words.cue, words.cues
    repairs = (
        f"{outcomes.repaired} of {missed_match}"
        if missed_match
        else f"no {cue} had a first response that did not suit"
    )
    return [
        (
            cues.capitalize(),
            str(summary.cues),
            f"How many times the observer coded {words.coded}.",
        ),
        (
            "Response rate",
            percent(summary.response_rate),
            f"{cues.capitalize()} {words.who} responded to within {window} "
            f"({count_of(answered, summary.cues, cues)}), with any response.",
        ),
        (
            "Match rate",
            percent(summary.match_rate),
            f"{cues.capitalize()} whose first response was one that suits the {cue} "
            f"({count_of(outcomes.matched, summary.cues, cues)}).",
        ),
        (
            "Attuned rate",
            percent(summary.attuned_rate),
            f"{cues.capitalize()} met with a suitable response, either at once or after a "
            f"first response that did not suit ({count_of(attuned, summary.cues, cues)}).",
        ),
        (
            "Repair rate",
            percent(summary.repair_rate),
            f"When the first response did not suit the {cue}, how often {words.who} then "
            f"found a suitable one within {repair_window:g} s of the {cue} and before "
            f"{words.next_cue} ({repairs}).",
        ),
        (
            "Median latency",
            median_text(summary.latency.median, summary.latency.n),
            f"Typical time from a {cue} to {words.whose} first response: half of the "
            f"answered {cues} were quicker than this "
            f"({_answered(summary.latency.n, cue)}). " + words.caveat,
        ),
    ]


def _answered(count: int, cue: str = "cue") -> str:
    if count == 0:
        return f"no answered {cue}s"
    return f"{count} answered {cue}{'s' if count != 1 else ''}"


def contingency_reading(q: float | None, cues: int, words: Words = DEFAULT_WORDS) -> str:
    """Yule's Q in plain words (``words``: the rule's)."""
    cue = words.cue
    if q is None:
        if cues >= 5:  # only a session without observed time gets here
            return "Not enough observed time to judge, so this figure is not shown."
        counted = f"no {cue}s" if cues == 0 else f"only {cues} {cue}{'s' if cues != 1 else ''}"
        return (
            f"Not enough {cue}s to judge: with {counted} (fewer than 5) this figure would be "
            "unreliable, so it is not shown."
        )
    if q >= 0.5:
        strength = "much more likely"
    elif q >= 0.2:
        strength = "somewhat more likely"
    elif q > -0.2:
        strength = "about as likely"
    elif q > -0.5:
        strength = "somewhat less likely"
    else:
        strength = "much less likely"
    comparison = "" if strength == "about as likely" else " than at other times"
    if strength == "about as likely":
        comparison = " as at other times"
    return (
        f"{words.Who} was {strength} to start a response in the seconds just after a "
        f"{cue}{comparison}. Yule's Q runs from -1 to +1: 0 means responses came no more "
        f"often after {cue}s than at any other moment, +1 means they came only after {cue}s."
    )
