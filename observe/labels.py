"""What a code is called wherever it is shown: the coding screen, review, reports, exports.

A code's label comes from the session's own scheme snapshot. An event whose code the
snapshot does not know (an old file, a hand-edited bundle) is shown by its id, so nothing
is ever hidden or shown blank.
"""

from __future__ import annotations

from observe.scheme.model import Scheme
from observe.scheme.rules import ContingencyRule


def code_label(scheme: Scheme, code: str) -> str:
    """The label of ``code`` in ``scheme`` ("Hungry (early cues)"), or the id itself."""
    found = scheme.code(code)
    return found.label if found is not None else code


def actor_word(scheme: Scheme, code: str) -> str:
    """Who shows the code, in one word: ``cue`` (the infant) or ``response`` (the caregiver)."""
    return "cue" if scheme.is_cue(code) else "response"


def actor_role(scheme: Scheme, code: str) -> str:
    """Who shows the code: ``infant`` (a cue) or ``caregiver`` (a response), as exports name
    the actor."""
    return "infant" if scheme.is_cue(code) else "caregiver"


def names_actors(scheme: Scheme) -> bool:
    """Whether screens name each code's actor ("Parent A") rather than saying cue or
    response: a scheme with more than two actors."""
    return len(scheme.actors) > 2


def actor_label(scheme: Scheme, code: str) -> str:
    """Who shows the code as the screens say it: the actor's label ("Parent A") in a scheme
    with more than two actors, else :func:`actor_word`; a code the scheme lacks, by the
    word."""
    if names_actors(scheme) and scheme.code(code) is not None:
        return scheme.actor_of(code).label
    return actor_word(scheme, code)


def antecedent_word(scheme: Scheme, rule: ContingencyRule) -> str:
    """What one antecedent of ``rule`` is called wherever it is shown: a ``cue`` when the
    infant shows every one (the default rule's always), else a ``bid`` (a caregiver's
    invitation the infant answers)."""
    if rule.default:
        return "cue"
    infant = scheme.infant.id
    actors = {
        scheme.actor_of(code).id for code in rule.antecedents if scheme.code(code) is not None
    }
    return "cue" if actors == {infant} else "bid"
