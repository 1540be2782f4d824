"""Whose behaviour each code of an imported BORIS ethogram is.

In BORIS any subject may do any behaviour: an event names its subject. In observe every
code belongs to one actor. So each BORIS subject becomes an actor, and each behaviour a code
of the subject who does it in the observations; a behaviour that several subjects do (a
smile of the baby's and of the mother's) becomes one code for each of them. A behaviour no
subject does in the observations goes to the subject its category names (a category
"Mother" or "Mother's behaviour"), else to the infant, and the report lists it so that it
can be given to another actor in the scheme file.

Events with no focal subject (BORIS's ``""``) are the subject's named by ``--no-subject``;
without it, those of a behaviour that one subject alone does are that subject's, and any
other is refused with the observation and the time of the first of them.

Which subject is the infant: the one ``--infant`` names, else the one subject whose name
or description says infant, baby or child, else the first subject.
"""

from __future__ import annotations

import re
import unicodedata

from attrs import frozen

from observe.errors import InterchangeError
from observe.interchange.boris_format import Project, Record, Subject
from observe.interchange.boris_report import ImportReport
from observe.scheme.fields import MAX_ID_LENGTH
from observe.validity.text import shown

_INFANT_WORDS = re.compile(r"\b(infant|baby|babies|child|newborn|neonate|toddler)\b", re.I)


def slug(text: str, fallback: str) -> str:
    """An id as a scheme file takes it, made from ``text``: ``"Looks at mum"`` → looks-at-mum."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    made = re.sub(r"[^a-z0-9_]+", "-", plain).strip("-_")[:MAX_ID_LENGTH].strip("-_")
    return made or fallback


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``-3``, …: an id no other has (kept within the length)."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = wanted[: MAX_ID_LENGTH - len(suffix)].rstrip("-_") + suffix
    taken.add(candidate)
    return candidate


@frozen
class Cast:
    """The actors made from the subjects, and whose each behaviour is."""

    #: Subject name → actor id, in the order of the subjects.
    actor_of_subject: dict[str, str]
    infant: str  # the subject who is the infant
    #: Behaviour code → the subjects who do it, in the order of the subjects.
    doers: dict[str, tuple[str, ...]]
    #: Behaviour code → whose its events with no focal subject are.
    no_subject: dict[str, str]


def cast(
    project: Project,
    records: list[tuple[str, Record]],
    *,
    infant: str | None,
    no_subject: str | None,
    report: ImportReport,
) -> Cast:
    """Who is who in ``project``, from its subjects and the events ``records`` (each with
    the id of its observation) that will be imported."""
    source = project.source
    if len(project.subjects) < 2:
        raise InterchangeError(
            f"{source} has {'no subjects' if not project.subjects else 'one subject'}, and "
            "observe codes the infant and at least one caregiver, each a subject: add them "
            "in BORIS (Project, Subjects), give each event its subject, and import again"
        )
    names = [s.name for s in project.subjects]
    taken: set[str] = set()
    actor_of = {s.name: unique(slug(s.name, "subject"), taken) for s in project.subjects}
    baby = _infant(project.subjects, infant, source, report)
    helper = _named(no_subject, names, "--no-subject", source) if no_subject else None
    doers: dict[str, list[str]] = {b.code: [] for b in project.behaviours}
    first_unsubjected: dict[str, tuple[str, float]] = {}
    for obs_id, record in records:
        if project.behaviour(record.code) is None:
            raise InterchangeError(
                f'{source}: observation "{shown(obs_id)}" has an event at {record.time:g} s of '
                f'the behaviour "{shown(record.code)}", which is not in the ethogram; add it '
                "to the ethogram in BORIS or delete its events, then import again"
            )
        if not record.subject:
            first_unsubjected.setdefault(record.code, (obs_id, record.time))
        subject = record.subject or helper
        if subject is None:
            continue
        if subject not in actor_of:
            raise InterchangeError(
                f'{source}: observation "{shown(obs_id)}" has an event at {record.time:g} s of '
                f'the subject "{shown(subject)}", who is not in the project\'s subjects; add '
                "the subject in BORIS or correct the event, then import again"
            )
        if subject not in doers[record.code]:
            doers[record.code].append(subject)
    ordered = {code: tuple(n for n in names if n in found) for code, found in doers.items()}
    unsubjected: dict[str, str] = {}
    for code, (obs_id, time) in first_unsubjected.items():
        if helper:
            unsubjected[code] = helper
            continue
        found = ordered[code]
        if len(found) > 1:
            raise InterchangeError(
                f'{source}: observation "{shown(obs_id)}" has an event at {time:g} s of '
                f'"{shown(code)}" with no focal subject, and the project codes "{shown(code)}" '
                f"for {', '.join(found)}, so whose it is cannot be told; give --no-subject "
                "SUBJECT to say whose events with no subject are, or give them their subject "
                "in BORIS"
            )
        if found:
            unsubjected[code] = found[0]
            report.chose(
                f'events of "{code}" with no focal subject are {found[0]}\'s, the one subject '
                "coded with it (--no-subject SUBJECT says otherwise)"
            )
    for behaviour in project.behaviours:
        if ordered[behaviour.code]:
            continue
        owner = _owner_by_category(behaviour.category, names)
        ordered[behaviour.code] = (owner or baby,)
        if behaviour.code in first_unsubjected:
            unsubjected[behaviour.code] = owner or baby
        if owner:
            report.tally(
                "behaviours no subject is coded with, given to the subject their category names",
                f'"{behaviour.code}" to {owner}',
                unit="behaviour",
            )
        else:
            report.chose(
                f'"{behaviour.code}" is coded for no subject and its category names none: it '
                f"is the infant's ({baby}); give it another actor in the scheme file if it is not"
            )
    return Cast(actor_of, baby, ordered, unsubjected)


def _named(name: str, names: list[str], option: str, source: str) -> str:
    """The subject ``name`` names (case aside), or an error listing the subjects."""
    found = [n for n in names if n.casefold() == name.strip().casefold()]
    if not found:
        raise InterchangeError(
            f'{option} "{shown(name)}" is not a subject of {source}; its subjects are '
            f"{', '.join(names)}"
        )
    return found[0]


def _infant(
    subjects: tuple[Subject, ...], chosen: str | None, source: str, report: ImportReport
) -> str:
    names = [s.name for s in subjects]
    if chosen:
        return _named(chosen, names, "--infant", source)
    said = [s.name for s in subjects if _INFANT_WORDS.search(f"{s.name} {s.description}")]
    if len(said) == 1:
        report.chose(f"the infant is {said[0]}, the subject its name or description says is")
        return said[0]
    report.chose(
        f"the infant is {names[0]}, the first subject (no one subject's name or description "
        "says infant, baby or child); --infant SUBJECT chooses another"
    )
    return names[0]


def _owner_by_category(category: str, names: list[str]) -> str | None:
    """The one subject a behaviour's category names, if it names exactly one."""
    words = {w.casefold() for w in re.findall(r"\w+", category)}
    found = [
        n
        for n in names
        if n.casefold() == category.strip().casefold()
        or all(w.casefold() in words for w in re.findall(r"\w+", n))
    ]
    return found[0] if len(found) == 1 else None
