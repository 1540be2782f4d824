"""A coding scheme made from a BORIS ethogram.

- **Actors and codes**: the subjects are the actors, each behaviour a code of the subject
  who does it (:mod:`~observe.interchange.boris_actors`); the infant's codes are the cues,
  everyone else's the responses. A code's label is the behaviour's code as BORIS shows it,
  its description BORIS's description, its group the behaviour's category; a point event
  is a point code, a state event a state code.
- **Keys**: BORIS's where the coding screen can take them, else another, each change in the
  report (:mod:`~observe.interchange.boris_keys`).
- **Intensity**: the first modifier set of a behaviour that holds whole numbers from 1 to 9
  (a set to pick one value from whose values are such numbers, or a number typed in) is its
  intensity; the scheme codes as many levels as the highest such number. Any other
  modifier set has no place in observe and is named in the report.
- **Rule**: BORIS says nothing of which responses fit which cue, so the scheme has one
  rule, every infant cue answered by any response of the other actors, every one fitting
  (add ``matches`` to the rule to say which fit).
- **State groups**: states of one subject that all exclude each other in BORIS (each lists
  the others in its ``excluded``) are an exclusive state group, unless an observation has
  two of them on at once; any other exclusion is named in the report.
- The windows are observe's defaults (5 s to respond, 30 s to repair): BORIS has none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from observe.errors import InterchangeError
from observe.interchange.boris_actors import Cast, cast, slug, unique
from observe.interchange.boris_format import (
    NUMBER,
    PICK_ONE,
    Behaviour,
    Observation,
    Project,
    Record,
)
from observe.interchange.boris_keys import KeyWanted, assign_keys
from observe.interchange.boris_pairs import paired
from observe.interchange.boris_report import ImportReport
from observe.scheme.fields import MAX_ID_LENGTH, MAX_TEXT_LENGTHS
from observe.scheme.loading import scheme_from_data
from observe.scheme.model import Scheme
from observe.scheme.validation import MAX_INTENSITY_LEVELS, validate_data

RESPONSE_WINDOW = 5.0
REPAIR_WINDOW = 30.0
RULE_ID = "cue-response"


@frozen
class Ethogram:
    """The scheme, and how each BORIS event finds its code."""

    scheme: Scheme
    #: (behaviour code, subject name) → code id.
    code_of: dict[tuple[str, str], str] = field(hash=False)
    #: Behaviour code → the subject whose events with no focal subject are.
    no_subject: dict[str, str] = field(hash=False)
    #: Behaviour code → the position of its intensity modifier set.
    intensity_set: dict[str, int] = field(hash=False)

    def code_for(self, record: Record) -> str:
        return code_for(record, self.code_of, self.no_subject)


def code_for(
    record: Record, code_of: dict[tuple[str, str], str], no_subject: dict[str, str]
) -> str:
    """The code of a BORIS event: its behaviour's, for its subject (or the subject whose
    events with no focal subject are)."""
    return code_of[(record.code, record.subject or no_subject[record.code])]


def set_values(modifiers: str) -> list[str]:
    """The value of each modifier set of an event, in the order of the sets."""
    return modifiers.split("|") if modifiers else []


def as_level(value: str) -> int | None:
    """``value`` as an intensity: a whole number from 1 to 9 (``"3"``, ``"3.0"``), else None."""
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if math.isfinite(number) and number.is_integer() and 1 <= number <= MAX_INTENSITY_LEVELS:
        return int(number)
    return None


def build_scheme(
    project: Project,
    observations: Sequence[Observation],
    *,
    scheme_id: str | None,
    infant: str | None,
    no_subject: str | None,
    report: ImportReport,
) -> Ethogram:
    """The scheme of ``project``'s ethogram; ``observations``: those that will be imported
    (their events say who does what and which numbers an intensity takes)."""
    records = [(o.id, r) for o in observations for r in o.records]
    who = cast(project, records, infant=infant, no_subject=no_subject, report=report)
    taken = set(who.actor_of_subject.values())
    code_of: dict[tuple[str, str], str] = {}
    tables: list[dict[str, Any]] = []
    for behaviour in project.behaviours:
        doers = who.doers[behaviour.code]
        for subject in doers:
            wanted = slug(behaviour.code, "code")
            if len(doers) > 1:
                wanted = f"{wanted}-{who.actor_of_subject[subject]}"[:MAX_ID_LENGTH].strip("-_")
            code_id = unique(wanted, taken)
            code_of[(behaviour.code, subject)] = code_id
            label = behaviour.code if len(doers) == 1 else f"{behaviour.code} ({subject})"
            tables.append(_code(behaviour, code_id, label, subject, who, report))
        if len(doers) > 1:
            report.changed(
                f'"{behaviour.code}" is coded for {", ".join(doers)}: it is one code for each '
                "(observe gives every code one actor)"
            )
    _report_categories(project, report)
    levels = intensities(project, records, report)
    keys, changes = assign_keys([KeyWanted(t["id"], t["label"], t["key"]) for t in tables])
    for table in tables:
        table["key"] = keys[table["id"]]
    for change in changes:
        report.changed(f"key of {change.sentence()}")
    groups = _state_groups(project, who, code_of, observations, report)
    data = _file_data(project, who, tables, groups, levels[1], scheme_id, report)
    problems = validate_data(data, "")
    if problems:
        raise InterchangeError(
            f"the scheme made from {project.source} is not valid ({problems[0]}); correct the "
            "ethogram in BORIS and import again"
        )
    return Ethogram(scheme_from_data(data), code_of, who.no_subject, levels[0])


def _code(
    behaviour: Behaviour, code_id: str, label: str, subject: str, who: Cast, report: ImportReport
) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": code_id,
        "label": _fit(label, "label", f'the label of "{behaviour.code}"', report),
        "key": behaviour.key,
        "kind": behaviour.kind,
    }
    category = behaviour.category.strip()
    if category:
        if len(category) <= MAX_TEXT_LENGTHS["group"] and category.isprintable():
            table["group"] = category
        else:
            report.left_out(
                f'the category "{category[:40]}…" of "{behaviour.code}" (a group is one line '
                f"of at most {MAX_TEXT_LENGTHS['group']} characters)"
            )
    if behaviour.description.strip():
        table["description"] = _fit(
            behaviour.description, "description", f'the description of "{behaviour.code}"', report
        )
    if subject != who.infant:
        table["actor"] = who.actor_of_subject[subject]
    if behaviour.coding_map:
        report.left_out(
            f'the coding map "{behaviour.coding_map}" of "{behaviour.code}" (its events keep '
            "their times; the area picked on the map was their modifier)"
        )
    return table


def _fit(text: str, name: str, what: str, report: ImportReport) -> str:
    """``text`` within the length a scheme's ``name`` may have (cut, and said, if longer)."""
    limit = MAX_TEXT_LENGTHS[name]
    if len(text) <= limit:
        return text
    report.changed(f"{what} was cut to the {limit} characters a {name} may have")
    return text[: limit - 1] + "…"


def _report_categories(project: Project, report: ImportReport) -> None:
    used = {b.category for b in project.behaviours}
    unused = [c for c in project.categories if c not in used]
    if unused:
        report.left_out(f"categories no behaviour belongs to: {', '.join(unused)}")
    if any(b.colour for b in project.behaviours):
        report.left_out("the colours of behaviours (observe draws codes in its own)")


def intensities(
    project: Project, records: Iterable[tuple[str, Record]], report: ImportReport
) -> tuple[dict[str, int], int]:
    """Each behaviour's intensity set (behaviour → its position) and the scheme's levels."""
    chosen: dict[str, int] = {}
    levels = 0
    for behaviour in project.behaviours:
        for position, modifier in enumerate(behaviour.modifiers):
            numbers = [as_level(v) for v in modifier.values]
            fits = modifier.kind == NUMBER or (
                modifier.kind == PICK_ONE and bool(numbers) and None not in numbers
            )
            if fits and behaviour.code not in chosen:
                chosen[behaviour.code] = position
                levels = max(levels, *(n for n in numbers if n is not None), 0)
                continue
            kinds = {0: "one of", 1: "several of", 2: "a number", 3: "external data"}
            values = ", ".join(modifier.values[:6]) + ("…" if len(modifier.values) > 6 else "")
            report.left_out(
                f'the modifier set "{modifier.name or position + 1}" of "{behaviour.code}" '
                f"({kinds[modifier.kind]}{': ' + values if values else ''}): observe keeps one "
                "intensity, a whole number from 1 to 9, per event"
            )
    for _, record in records:  # a number typed in: its levels are the numbers coded
        position = chosen.get(record.code)
        values = set_values(record.modifiers)
        if position is not None and position < len(values):
            levels = max(levels, as_level(values[position]) or 0)
    return chosen, levels


def _state_groups(
    project: Project,
    who: Cast,
    code_of: dict[tuple[str, str], str],
    observations: Sequence[Observation],
    report: ImportReport,
) -> list[dict[str, Any]]:
    states = {b.code: b for b in project.behaviours if b.kind == "state"}

    def mutual(a: str, b: str) -> bool:
        return a in states and b in states and b in states[a].excluded and a in states[b].excluded

    for code, behaviour in states.items():
        for other in behaviour.excluded:
            if other not in states or not mutual(code, other):
                report.tally(
                    "exclusions observe has no place for (it keeps groups of states that all "
                    "exclude each other)",
                    f'"{code}" stops "{other}"',
                    unit="behaviour",
                )
    groups: list[dict[str, Any]] = []
    taken: set[str] = set()
    for subject, actor in who.actor_of_subject.items():
        done = [c for c in states if subject in who.doers[c]]
        for members in _cliques(done, mutual, report):
            codes = [code_of[(c, subject)] for c in members]
            clash = _both_on(
                codes, lambda r: code_for(r, code_of, who.no_subject), observations, states
            )
            if clash:
                report.left_out(
                    f"the exclusion of {', '.join(members)} for {subject}: {clash}, so they "
                    "are not made a state group"
                )
                continue
            groups.append(
                {
                    "id": unique(slug(f"{actor}-states", "states"), taken),
                    "label": f"{subject}: states that exclude each other"[:80],
                    "codes": codes,
                }
            )
    return groups


def _cliques(
    codes: list[str], mutual: Callable[[str, str], bool], report: ImportReport
) -> list[list[str]]:
    """The groups of ``codes`` that all exclude each other (connected, each pair mutual)."""
    found, seen = [], set()
    for code in codes:
        if code in seen:
            continue
        component, waiting = [], [code]
        while waiting:
            current = waiting.pop()
            if current in seen:
                continue
            seen.add(current)
            component.append(current)
            waiting.extend(c for c in codes if c not in seen and mutual(current, c))
        if len(component) < 2:
            continue
        ordered = [c for c in codes if c in component]
        if all(mutual(a, b) for a in ordered for b in ordered if a != b):
            found.append(ordered)
        else:
            report.left_out(
                f"the exclusions among {', '.join(ordered)}: not every one excludes every other"
            )
    return found


def _both_on(
    codes: list[str],
    coded: Callable[[Record], str],
    observations: Sequence[Observation],
    states: dict[str, Behaviour],
) -> str | None:
    """Where two of ``codes`` are on at once in an observation (None: nowhere)."""
    wanted = set(codes)
    for observation in observations:
        on: set[str] = set()
        for record, kind in paired(observation.records, states):
            code = coded(record)
            if code not in wanted:
                continue
            if kind == "start" and on:
                return f'observation "{observation.id}" has two of them on at {record.time:g} s'
            if kind == "start":
                on.add(code)
            else:
                on.discard(code)
    return None


def say_rule(scheme: Scheme, report: ImportReport) -> None:
    """Say, when the scheme has the rule an ethogram gets, that every response fits."""
    rule = next((r for r in scheme.contingencies if r.id == RULE_ID), None)
    if rule is None or rule.matches or rule.windows or rule.window is not None:
        return
    others = ", ".join(a.label for a in scheme.actors if not a.infant)
    report.chose(
        f"responses: any response of {others} within {scheme.response_window:g} s answers a "
        "cue, and every one fits (BORIS has no windows or matches; set them in the scheme file)"
    )


def _file_data(
    project: Project,
    who: Cast,
    tables: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    levels: int,
    scheme_id: str | None,
    report: ImportReport,
) -> dict[str, Any]:
    """What a scheme file of this scheme would parse to."""
    infant_id = who.actor_of_subject[who.infant]
    name = project.name.strip() or Path(project.source).name.split(".")[0] or "BORIS project"
    actors = []
    for subject in project.subjects:
        actor = {"id": who.actor_of_subject[subject.name], "label": subject.name[:80]}
        actor["infant"] = actor["id"] == infant_id
        if subject.description.strip():
            actor["description"] = subject.description.strip()[: MAX_TEXT_LENGTHS["description"]]
        actors.append(actor)
    cues = [t for t in tables if "actor" not in t]
    responses = [t for t in tables if "actor" in t]
    if not cues or not responses:
        whose = "the infant's" if not cues else "anyone's but the infant's"
        raise InterchangeError(
            f"none of the behaviours of {project.source} is {whose}, and observe codes the "
            "infant's cues and a caregiver's responses; give those behaviours their subject in "
            "the observations, or a category named after the subject, and import again"
        )
    consequents = list(dict.fromkeys(t["actor"] for t in responses))
    description = f'From the BORIS project "{name}".'
    if project.description.strip():
        description += "\n\n" + project.description.strip()
    return {
        "scheme": {
            "id": scheme_id or slug(f"boris-{name}", "boris")[:MAX_ID_LENGTH].strip("-_"),
            "name": name[: MAX_TEXT_LENGTHS["name"]],
            "version": "1.0",
            "description": description[: MAX_TEXT_LENGTHS["description"]],
            "response_window": RESPONSE_WINDOW,
            "repair_window": REPAIR_WINDOW,
            "intensity_levels": levels,
        },
        "actors": actors,
        "cues": cues,
        "responses": responses,
        "contingencies": [
            {
                "id": RULE_ID,
                "label": "Responses to the infant's cues",
                "antecedents": [infant_id],
                "consequents": consequents,
            }
        ],
        **({"state_groups": groups} if groups else {}),
    }
