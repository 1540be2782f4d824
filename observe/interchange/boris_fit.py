"""observe's extras (:mod:`~observe.interchange.boris_extras`) put back into what was read
from the BORIS part of a project observe exported.

- **The scheme**: when the ethogram and the subjects are as exported, the scheme is the one
  exported, exactly (same digest, so its sessions are the sessions exported). When they were
  changed in BORIS, the scheme is made from them as from any ethogram, and then given what
  of the exported scheme still fits: its id, name, version, description, windows and
  ratings, its actors' ids, each remaining code's label, description, window and matches,
  its rules and state groups that name only codes still there. What does not fit is named
  in the report.
- **A session**: its id, start (with its offset from UTC), origin, ratings, pauses,
  periods that cannot be coded and its mark as a second observer's coding come back; when
  the observation's events are as exported, so do their ids, the intensities of stops
  (BORIS keeps a state's modifiers on its start) and the session's length and end.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from attrs import evolve

from observe.interchange.boris_extras import (
    Extras,
    ObservationExtras,
    ethogram_digest,
    events_digest,
    subject_names,
)
from observe.interchange.boris_format import Observation, Project
from observe.interchange.boris_report import ImportReport
from observe.interchange.boris_scheme import Ethogram, intensities
from observe.model import Session
from observe.scheme.loading import scheme_from_data
from observe.scheme.snapshot import scheme_file_data
from observe.scheme.validation import validate_data


def exact_scheme(
    extras: Extras, project: Project, observations: Sequence[Observation]
) -> Ethogram | None:
    """The exported scheme itself, when the ethogram is as exported and every event is of a
    behaviour and subject it has a code for (None otherwise)."""
    if ethogram_digest(project) != extras.ethogram:
        return None
    snapshot = extras.scheme
    names = subject_names(snapshot)
    code_of = {(c.id, names[snapshot.actor_of(c.id).id]): c.id for c in snapshot.codes}
    if any((r.code, r.subject) not in code_of for o in observations for r in o.records):
        return None
    records = [(o.id, r) for o in observations for r in o.records]
    chosen, _ = intensities(project, records, ImportReport(project.source))
    return Ethogram(snapshot, code_of, {}, chosen)


def infant_of(extras: Extras) -> str:
    """The subject name of the exported scheme's infant."""
    return subject_names(extras.scheme)[extras.scheme.infant.id]


def fitted_scheme(built: Ethogram, extras: Extras, report: ImportReport) -> Ethogram:
    """The scheme made from a changed ethogram, with what of the exported one still fits."""
    report.changed(
        "the ethogram or the subjects were changed in BORIS after observe exported them: the "
        "scheme is made from them, with the exported scheme's settings where they still fit"
    )
    data = scheme_file_data(built.scheme)
    old = scheme_file_data(extras.scheme)
    for name in ("id", "name", "version", "description", "response_window", "repair_window"):
        data["scheme"][name] = old["scheme"].get(name, data["scheme"].get(name))
    data["scheme"]["intensity_levels"] = max(
        data["scheme"].get("intensity_levels", 0), old["scheme"].get("intensity_levels", 0)
    )
    _rename_actors(data, extras)
    codes = data["cues"] + data["responses"]
    _restore_codes(data, {t["id"]: t for t in old["cues"] + old["responses"]})
    if old.get("ratings"):
        data["ratings"] = old["ratings"]
    known = {t["id"] for t in codes} | {a.id for a in built.scheme.actors}
    _restore_rules(data, old, known, report)
    _restore_groups(data, old, {t["id"] for t in codes if t.get("kind") == "state"}, report)
    problems = validate_data(data, "")
    if problems:
        report.left_out(f"the exported scheme's settings, which no longer fit: {problems[0]}")
        return built
    return evolve(built, scheme=scheme_from_data(data))


def _rename_actors(data: dict[str, Any], extras: Extras) -> None:
    """Give each actor the exported actor's id whose subject it is."""
    by_name = {name: actor for actor, name in subject_names(extras.scheme).items()}
    codes = {t["id"] for t in data["cues"] + data["responses"]}
    rename: dict[str, str] = {}
    for actor in data.get("actors", []):
        wanted = by_name.get(actor["label"])
        if wanted and wanted not in codes and wanted not in rename.values():
            rename[actor["id"]] = wanted
    for actor in data.get("actors", []):
        actor["id"] = rename.get(actor["id"], actor["id"])
    for table in data["responses"] + data["cues"]:
        if "actor" in table:
            table["actor"] = rename.get(table["actor"], table["actor"])
    for rule in data.get("contingencies", []):
        for side in ("antecedents", "consequents"):
            rule[side] = [rename.get(n, n) for n in rule[side]]


def _restore_codes(data: dict[str, Any], old_codes: dict[str, dict[str, Any]]) -> None:
    responses = {t["id"] for t in data["responses"]}
    for name in ("cues", "responses"):
        for table in data[name]:
            was = old_codes.get(table["id"])
            if was is None or was.get("kind", "point") != table.get("kind", "point"):
                continue
            for field in ("label", "description", "window"):
                if field in was:
                    table[field] = was[field]
                else:
                    table.pop(field, None)
            matches = [m for m in was.get("matches", []) if m in responses]
            if name == "cues" and matches:
                table["matches"] = matches


def _restore_rules(
    data: dict[str, Any], old: dict[str, Any], known: set[str], report: ImportReport
) -> None:
    rules = old.get("contingencies", [])
    if not rules:  # the exported scheme had the default rule: keep it if every cue can
        if all(t.get("matches") for t in data["cues"]):
            data.pop("contingencies", None)
        return
    kept = [r for r in rules if _named(r) <= known]
    for rule in rules:
        if rule not in kept:
            report.left_out(
                f'the rule "{rule["id"]}" of the exported scheme: it names codes no longer '
                "in the ethogram"
            )
    if kept:
        data["contingencies"] = kept


def _named(rule: dict[str, Any]) -> set[str]:
    names = {*rule["antecedents"], *rule["consequents"]}
    for antecedent, codes in rule.get("matches", {}).items():
        names |= {antecedent, *codes}
    return names | set(rule.get("windows", {}))


def _restore_groups(
    data: dict[str, Any], old: dict[str, Any], states: set[str], report: ImportReport
) -> None:
    kept = [g for g in old.get("state_groups", []) if set(g["codes"]) <= states]
    for group in old.get("state_groups", []):
        if group not in kept:
            report.left_out(
                f'the state group "{group["id"]}" of the exported scheme: its states are no '
                "longer all in the ethogram"
            )
    if not kept:
        return
    taken = {c for g in kept for c in g["codes"]}
    made = [g for g in data.get("state_groups", []) if not set(g["codes"]) & taken]
    data["state_groups"] = kept + made


def fitted_session(
    session: Session,
    extras: ObservationExtras | None,
    observation: Observation,
    report: ImportReport,
) -> Session:
    """``session`` with what the export kept of it (unchanged without extras)."""
    if extras is None:
        return session
    kept = extras.session
    ratings = {k: v for k, v in kept.ratings.items() if session.scheme.rating(k) is not None}
    for rating in kept.ratings.keys() - ratings.keys():
        report.left_out(
            f'the rating "{rating}" of observation "{observation.id}": the scheme has it no more'
        )
    fitted = evolve(
        session,
        id=kept.id,
        started_at=kept.started_at,
        origin=kept.origin,
        ratings=ratings,
        pauses=kept.pauses,
        excluded=kept.excluded,
        second_coding_of=kept.second_coding_of,
        second_coding_at=kept.second_coding_at,
    )
    order = extras.boris_order
    count = len(session.events)
    same = (
        events_digest(observation) == extras.events
        and len(extras.event_ids) == count
        and sorted(order) == list(range(count))
    )
    if same:  # session.events are in BORIS's order: back to observe's, with their ids
        events = [
            evolve(
                event,
                id=extras.event_ids[order[n]],
                intensity=extras.stop_intensities.get(str(order[n]), event.intensity),
            )
            for n, event in enumerate(session.events)
        ]
        placed = [events[n] for n in sorted(range(count), key=lambda n: order[n])]
        return evolve(fitted, events=placed, duration=kept.duration, ended_at=kept.ended_at)
    report.changed(
        f'observation "{observation.id}" was changed in BORIS after observe exported it: its '
        "events are as BORIS has them now"
    )
    duration = max(kept.duration, session.duration)
    ended = datetime.fromisoformat(kept.started_at) + timedelta(seconds=duration)
    return evolve(fitted, duration=duration, ended_at=ended.isoformat())
