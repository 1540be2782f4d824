""" "Moments to revisit": the unanswered and mismatched cues, with what followed.

These are what a home visitor talks through with the family, so the wording describes
what the infant signalled and what happened next, never what the caregiver failed to do.

"What followed" names the next caregiver response after the cue's first response (or
after its window, if it had none). When that response came once the baby had already
shown a new cue, it says so: by DESIGN §5 the response belongs to the new cue's episode,
so it is not a repair of this one, even where it would have suited it.

Each contingency rule has moments of its own (:class:`RuleView`): its antecedents are the
"cues", its consequents the "responses", worded by :mod:`observe.reports.rule_words`.
"""

from __future__ import annotations

from bisect import bisect_right

from attrs import frozen
from observe.reports.rule_words import Words, rule_words

from observe import display
from observe.analysis.outcomes import next_cues
from observe.analysis.replay import worth_revisiting
from observe.analysis.results import CueResult, SessionAnalysis, Summary
from observe.labels import code_label
from observe.model import Event, Session
from observe.scheme import ContingencyRule


@frozen
class Moment:
    t: float
    cue: str  # the cue's label
    happened: str
    followed: str
    note: str | None


@frozen
class RuleView:
    """One rule's figures with the rule and its words: what a report's rule sections show."""

    rule: ContingencyRule
    words: Words
    summary: Summary
    by_cue: dict[str, Summary]
    cues: tuple[CueResult, ...]


def rule_views(session: Session, analysis: SessionAnalysis) -> list[RuleView]:
    """The rules of ``session``'s scheme with their figures, in the scheme's order."""
    scheme = session.scheme
    rules = {rule.id: rule for rule in scheme.rules}
    views = []
    for found in analysis.rules:
        rule = rules.get(found.id)
        if rule is not None:
            words = rule_words(scheme, rule)
            views.append(RuleView(rule, words, found.summary, found.by_cue, found.cues))
    return views


def caregiver_responses(session: Session, rule: ContingencyRule | None = None) -> list[Event]:
    """The coded responses (of ``rule``: its consequents; else the caregiver's), in session
    order (a state response's stop is not a new response)."""
    scheme = session.scheme
    answers = scheme.is_response if rule is None else rule.is_consequent
    return [e for e in session.events if answers(e.code) and e.kind != "stop"]


def _labels(session: Session, codes: tuple[str, ...]) -> str:
    names = [code_label(session.scheme, code) for code in codes]
    if not names:
        return "no listed response"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def moments_to_revisit(session: Session, view: RuleView) -> list[Moment]:
    """The cues (the rule's antecedents) worth a second look, in session order."""
    rule = view.rule
    responses = sorted(caregiver_responses(session, rule), key=lambda e: e.t)
    times = [e.t for e in responses]
    cue_notes = {
        (e.t, e.code): e.note for e in session.events if e.note and rule.is_antecedent(e.code)
    }
    moments = []
    for result, next_cue in zip(view.cues, next_cues(view.cues), strict=True):
        if not worth_revisiting(result):
            continue
        moments.append(
            Moment(
                t=result.t,
                cue=code_label(session.scheme, result.code),
                happened=_happened(session, view, result),
                followed=_followed(session, view, result, next_cue, responses, times),
                note=cue_notes.get((result.t, result.code)),
            )
        )
    return moments


def marked_moments(session: Session) -> list[Moment]:
    """The moments the observer marked while coding (``Session.marks``), in time order."""
    return [
        Moment(
            t=mark.t,
            cue="Marked while coding",
            happened="The observer marked this moment while coding.",
            followed="",
            note=mark.note or None,
        )
        for mark in session.marks
    ]


def _happened(session: Session, view: RuleView, result: CueResult) -> str:
    rule, words = view.rule, view.words
    suits = _labels(session, rule.matches_for(result.code))
    if result.outcome == "unanswered":
        window = rule.window_for(result.code)
        return (
            f"No {words.response} began within {window:g} s. "
            f"Responses that often suit this {words.cue}: {suits}."
        )
    response = code_label(session.scheme, result.response or "")
    who = words.Who
    if not rule.default and result.response and session.scheme.code(result.response):
        who = session.scheme.actor_of(result.response).label  # the one who answered
    return (
        f"{who} responded after {display.seconds(result.latency)} with {response}. "
        f"Responses that often suit this {words.cue}: {suits}."
    )


def _followed(
    session: Session,
    view: RuleView,
    result: CueResult,
    next_cue: CueResult | None,
    responses: list[Event],
    times: list[float],
) -> str:
    """What followed ``result``: ``responses`` in time order, ``times`` their times (found
    by halving, so a long session's many moments cost no more each than a short one's)."""
    rule, words = view.rule, view.words
    cue = words.cue
    after = result.t + (
        result.latency if result.latency is not None else rule.window_for(result.code)
    )
    following = bisect_right(times, after)
    if following == len(responses):
        return f"No further {words.response} in this session."
    first = responses[following]
    suits = rule.fits(result.code, first.code)
    said = (
        f"Next {words.response}: {code_label(session.scheme, first.code)} at "
        f"{display.clock(first.t)} ({display.seconds(first.t - result.t)} after the {cue})."
    )
    if next_cue is not None and first.t >= next_cue.t:
        new_cue = (
            f"{words.next_cue} ({code_label(session.scheme, next_cue.code)} at "
            f"{display.clock(next_cue.t)})"
        )
        if suits:
            return (
                f"{said} It would suit this {cue}, but it came after {new_cue}, so it belongs "
                f"with that {cue} and does not count as putting this one right."
            )
        return f"{said} It came after {new_cue}, so it belongs with that {cue}."
    return f"{said} It is one that suits this {cue}." if suits else said
