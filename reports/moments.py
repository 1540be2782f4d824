""" "Moments to revisit": the unanswered and mismatched cues, with what followed.

These are what a home visitor talks through with the family, so the wording describes
what the infant signalled and what happened next, never what the caregiver failed to do.

"What followed" names the next caregiver response after the cue's first response (or
after its window, if it had none). When that response came once the baby had already
shown a new cue, it says so: by DESIGN §5 the response belongs to the new cue's episode,
so it is not a repair of this one, even where it would have suited it.
"""

from __future__ import annotations

from bisect import bisect_right

from attrs import frozen

from observe import display
from observe.analysis.outcomes import next_cues
from observe.analysis.replay import worth_revisiting
from observe.analysis.results import CueResult, SessionAnalysis
from observe.labels import code_label
from observe.model import Event, Session


@frozen
class Moment:
    t: float
    cue: str  # the cue's label
    happened: str
    followed: str
    note: str | None


def caregiver_responses(session: Session) -> list[Event]:
    """The coded caregiver responses, in session order (a state response's stop is not
    a new response)."""
    scheme = session.scheme
    return [e for e in session.events if scheme.is_response(e.code) and e.kind != "stop"]


def _labels(session: Session, codes: tuple[str, ...]) -> str:
    names = [code_label(session.scheme, code) for code in codes]
    if not names:
        return "no listed response"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def moments_to_revisit(session: Session, analysis: SessionAnalysis) -> list[Moment]:
    """The cues worth a second look, in session order."""
    responses = sorted(caregiver_responses(session), key=lambda e: e.t)
    times = [e.t for e in responses]
    cue_notes = {
        (e.t, e.code): e.note for e in session.events if e.note and session.scheme.is_cue(e.code)
    }
    moments = []
    for result, next_cue in zip(analysis.cues, next_cues(analysis.cues), strict=True):
        if not worth_revisiting(result):
            continue
        moments.append(
            Moment(
                t=result.t,
                cue=code_label(session.scheme, result.code),
                happened=_happened(session, result),
                followed=_followed(session, result, next_cue, responses, times),
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


def _happened(session: Session, result: CueResult) -> str:
    cue = session.scheme.cue(result.code)
    suits = _labels(session, cue.matches if cue else ())
    if result.outcome == "unanswered":
        window = session.scheme.window_for(result.code)
        return (
            f"No caregiver response began within {window:g} s. "
            f"Responses that often suit this cue: {suits}."
        )
    response = code_label(session.scheme, result.response or "")
    return (
        f"The caregiver responded after {display.seconds(result.latency)} with {response}. "
        f"Responses that often suit this cue: {suits}."
    )


def _followed(
    session: Session,
    result: CueResult,
    next_cue: CueResult | None,
    responses: list[Event],
    times: list[float],
) -> str:
    """What followed ``result``: ``responses`` in time order, ``times`` their times (found
    by halving, so a long session's many moments cost no more each than a short one's)."""
    after = result.t + (
        result.latency if result.latency is not None else session.scheme.window_for(result.code)
    )
    following = bisect_right(times, after)
    if following == len(responses):
        return "No further caregiver response in this session."
    first = responses[following]
    cue = session.scheme.cue(result.code)
    suits = cue is not None and first.code in cue.matches
    said = (
        f"Next caregiver response: {code_label(session.scheme, first.code)} at "
        f"{display.clock(first.t)} ({display.seconds(first.t - result.t)} after the cue)."
    )
    if next_cue is not None and first.t >= next_cue.t:
        new_cue = (
            f"the baby's next cue ({code_label(session.scheme, next_cue.code)} at "
            f"{display.clock(next_cue.t)})"
        )
        if suits:
            return (
                f"{said} It would suit this cue, but it came after {new_cue}, so it belongs "
                "with that cue and does not count as putting this one right."
            )
        return f"{said} It came after {new_cue}, so it belongs with that cue."
    return f"{said} It is one that suits this cue." if suits else said
