"""The words a report uses for one contingency rule: what its antecedent is called, who
answers it, and the sentences built on those.

The default rule of a scheme (infant cues answered by the caregiver, DESIGN §5) keeps the
words the reports have always used, so an old scheme's report reads as it always did. A rule
a scheme lists is worded from its actors: an antecedent of the infant is a *cue*, one of
anyone else a *bid*; who answers is named by the labels of the actors of its consequents
("the infant", "Parent A or Parent B").
"""

from __future__ import annotations

from attrs import frozen

from observe.labels import antecedent_word, code_label
from observe.scheme import ContingencyRule, Scheme


@frozen
class Words:
    """The phrases of one rule (the defaults are the default rule's)."""

    cue: str = "cue"
    #: What one antecedent is, after "How many times the observer coded".
    coded: str = "an infant cue (a signal such as hunger or tiredness)"
    #: Who answers, as the subject of a sentence in its middle.
    who: str = "the caregiver"
    #: One answer, after "No" / "Next" ("No caregiver response began …").
    response: str = "caregiver response"
    next_cue: str = "the baby's next cue"
    signal: str = "the baby's signal"
    nobody: str = "no caregiver answers every cue"
    caveat: str = (
        "Faster is not always better: what matters is a quick response that fits the cue, and "
        "for some cues, such as a baby's signal that they need a break, giving space is the "
        "fitting response."
    )
    lane: str = "Infant cues"
    answer_lane: str = "Caregiver"

    @property
    def cues(self) -> str:
        return f"{self.cue}s"

    @property
    def Who(self) -> str:
        return self.who[:1].upper() + self.who[1:]

    @property
    def whose(self) -> str:
        return f"{self.who}'s"


DEFAULT_WORDS = Words()


def _either(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _actors(scheme: Scheme, codes: tuple[str, ...]) -> list[str]:
    """The actor ids of ``codes``, in the scheme's order of actors (unknown codes left out)."""
    found = set()
    for code in codes:
        if scheme.code(code) is not None:
            found.add(scheme.actor_of(code).id)
    return [actor.id for actor in scheme.actors if actor.id in found]


def rule_words(scheme: Scheme, rule: ContingencyRule) -> Words:
    """The words of ``rule`` (module docstring)."""
    if rule.default:
        return DEFAULT_WORDS
    labels = {actor.id: actor.label for actor in scheme.actors}
    infant = scheme.infant.id
    first = _actors(scheme, rule.antecedents)
    answering = _actors(scheme, rule.consequents)
    cue = antecedent_word(scheme, rule)

    def named(actors: list[str]) -> str:
        if actors == [infant]:
            return "the " + labels[infant].lower()
        return _either([labels[actor] for actor in actors]) or "the answer"

    who = named(answering)
    by = named(first)
    examples = _either([code_label(scheme, code) for code in rule.antecedents[:3]])
    more = ", …" if len(rule.antecedents) > 3 else ""
    return Words(
        cue=cue,
        coded=f"a {cue} of {by} ({examples}{more})",
        who=who,
        response=f"response from {who}",
        next_cue=f"the next {cue}",
        signal=f"the {cue}",
        nobody=f"no one answers every {cue}",
        caveat=(
            f"Faster is not always better: what matters is a quick response that fits the "
            f"{cue}; for some {cue}s giving space is the fitting response."
        ),
        lane=f"{cue.capitalize()}s",
        answer_lane=labels[answering[0]] if len(answering) == 1 else "Answers",
    )


def actor_phrase(scheme: Scheme, codes: tuple[str, ...]) -> str:
    """Whose ``codes`` are, in words: ``Parent A or Parent B``."""
    labels = {actor.id: actor.label for actor in scheme.actors}
    return _either([labels[actor] for actor in _actors(scheme, codes)])
