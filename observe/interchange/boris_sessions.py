"""Sessions made from the observations of a BORIS project.

Each live or media observation becomes one ended session (``origin`` "import"): every
event with its time in seconds from the observation's start (BORIS adds the observation's
time offset to every time; it is taken off, and said), its kind made explicit (BORIS counts
starts and stops, :mod:`~observe.interchange.boris_pairs`), its intensity from the
behaviour's intensity modifier, its comment as its note. A state still on after the last
event stops at the end of the session, and the report says so. Observations of pictures
are not imported (their times are picture numbers), and the report names them.

**Who, and which visit.** A session's dyad code must be a family's pseudonymous code, and a
BORIS observation id is often a name or a date ("Smith family", "2024-03-02 10:15"). So:

- ``--dyad D`` gives every observation the dyad D (checked as every typed dyad code is: a
  code that looks like a name is warned about);
- otherwise each observation's independent variable ``dyad`` (``--dyad-variable NAME``
  for another) gives it, else the observation id does. What is taken from the file must be
  a code: one line of at most 64 characters that neither looks like a person's name
  (:mod:`observe.privacy`) nor is a date. Otherwise the observation is refused, with the
  two options to give: the import chooses a code on the user's behalf, and a name stored
  under a warning would already be in the archive.
- The observer: ``--observer O``, else the independent variable ``observer``
  (``--observer-variable NAME``); BORIS records no observer, so one must be given.
- The visit label: the independent variable ``visit``, else the observation id when it is
  a code (as above) and not the dyad; the context: the variable ``context``.

The session id and the event ids are made from the project's name and date and the
observation id, so importing the same project twice gives the same sessions, which the
archive then already holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from attrs import frozen

from observe.errors import InterchangeError
from observe.interchange.boris_format import IMAGES, MEDIA, Observation, Project, Record
from observe.interchange.boris_pairs import paired
from observe.interchange.boris_report import ImportReport
from observe.interchange.boris_scheme import Ethogram, as_level, set_values
from observe.interchange.csv_session import check_dyad_code, parse_started_at
from observe.model import Event, Session, to_ms
from observe.privacy import looks_like_a_name
from observe.validity import session_problems
from observe.validity.limits import MAX_CODE_LENGTH
from observe.validity.text import shown, text_problem

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}:\d{2}")
_EMPTY = ("", "None", "NA")


@frozen
class Choices:
    """What the user said about who each observation is of, and by whom."""

    dyad: str | None = None
    #: The independent variable holding the dyad code; None: "dyad", if an observation has it.
    dyad_variable: str | None = None
    observer: str | None = None
    #: The independent variable naming the observer; None: "observer", if there is one.
    observer_variable: str | None = None

    @property
    def dyad_from(self) -> str:
        return self.dyad_variable or "dyad"

    @property
    def observer_from(self) -> str:
        return self.observer_variable or "observer"


def importable(project: Project, report: ImportReport) -> list[Observation]:
    """The observations that become sessions: live and media ones (pictures are named)."""
    pictures = [o.id for o in project.observations if o.kind == IMAGES]
    if pictures:
        report.left_out(
            f"observations of pictures (their times are picture numbers): {_ids(pictures)}"
        )
    return [o for o in project.observations if o.kind != IMAGES]


def session_id(project: Project, observation_id: str) -> str:
    """The id of the session an observation becomes: the same on every import."""
    identity = "\0".join(("boris", project.name, project.date, observation_id))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def event_id(session: str, index: int) -> str:
    return hashlib.sha256(f"{session}\0{index}".encode()).hexdigest()[:32]


def build_sessions(
    project: Project,
    observations: Sequence[Observation],
    ethogram: Ethogram,
    choices: Choices,
    report: ImportReport,
) -> tuple[list[Session], list[str]]:
    """The sessions of ``observations``, and the warnings to print (a dyad code typed with
    ``--dyad`` that looks like a name)."""
    known = list(
        dict.fromkeys([*project.variables, *(k for o in observations for k in o.variables)])
    )
    for given in (choices.dyad_variable, choices.observer_variable):
        if given and given.casefold() not in {v.casefold() for v in known}:
            named = ", ".join(known) or "none"
            raise InterchangeError(
                f'{project.source} has no independent variable "{shown(given)}" (its '
                f"independent variables: {named}); give the label as BORIS shows it"
            )
    warnings: list[str] = []
    if choices.dyad is not None:
        _, warning = check_dyad_code(choices.dyad)
        warnings += [warning] if warning else []
    sessions = [_session(project, o, ethogram, choices, report) for o in observations]
    _report_observations(project, observations, choices, report)
    return sessions, warnings


def _session(
    project: Project,
    observation: Observation,
    ethogram: Ethogram,
    choices: Choices,
    report: ImportReport,
) -> Session:
    where = f'{project.source}: observation "{shown(observation.id)}"'
    scheme = ethogram.scheme
    states = {b.code for b in project.behaviours if b.kind == "state"}
    base = observation.time_offset
    if observation.clock_of_day and observation.records:
        base = min(r.time for r in observation.records)
        report.changed(
            f'observation "{observation.id}" was timed by the clock: its times count from its '
            f"first event ({base:g} s)"
        )
    elif base:
        report.left_out(
            f'the time offset of observation "{observation.id}" ({base:g} s): its times count '
            "from its start, without it"
        )
    identity = session_id(project, observation.id)
    events: list[Event] = []
    on_since: dict[str, float] = {}
    for index, (record, kind) in enumerate(paired(observation.records, states)):
        t = to_ms(record.time - base)
        code = ethogram.code_for(record)
        if t < 0:
            raise InterchangeError(
                f"{where}, the event of {record.code} at {record.time:g} s: its time is before "
                "the observation's start (its time offset); correct it in BORIS and import again"
            )
        if kind == "start" and code in on_since:
            raise InterchangeError(
                f'{where}: "{record.code}" starts again at {record.time:g} s with other '
                f"modifiers while it is still on since {on_since[code]:g} s, and observe keeps "
                "one state of a code at a time; stop the first in BORIS and import again"
            )
        if kind == "start":
            on_since[code] = record.time
        elif kind == "stop":
            on_since.pop(code, None)
        intensity = None if kind == "stop" else _intensity(record, ethogram, project, report)
        note = record.comment if record.comment.strip() else None
        events.append(Event(event_id(identity, index), code, t, kind, intensity, note))
    duration = max([e.t for e in events] + [observation.media_length or 0.0])
    for code in on_since:
        events.append(Event(event_id(identity, len(events)), code, duration, "stop"))
        report.changed(
            f'"{scheme.code(code).label if scheme.code(code) else code}" was still on after the '
            f'last event of observation "{observation.id}": it stops at its end ({duration:g} s)'
        )
    dyad, from_id = _dyad(observation, choices, where)
    started = _started(project, observation, where)
    session = Session(
        id=identity,
        dyad=dyad,
        observer=_observer(observation, choices, where),
        started_at=started.isoformat(),
        scheme=scheme,
        scheme_digest=scheme.digest,
        visit=_visit(observation, from_id, report),
        context=_variable(observation, "context") or "",
        duration=duration,
        status="ended",
        events=events,
        notes=observation.description,
        origin="import",
        ended_at=(started + timedelta(seconds=duration)).isoformat(),
    )
    problems = session_problems(session)
    if problems:
        raise InterchangeError(
            f"{where} cannot be imported: {problems[0].sentence}; correct it in BORIS and "
            "import again"
        )
    return session


def _intensity(
    record: Record, ethogram: Ethogram, project: Project, report: ImportReport
) -> int | None:
    """The intensity of an event, from its behaviour's intensity set; every other modifier
    value is counted for the report."""
    behaviour = project.behaviour(record.code)
    position = ethogram.intensity_set.get(record.code)
    levels = ethogram.scheme.intensity_levels
    found = None
    for index, value in enumerate(set_values(record.modifiers)):
        if value.strip() in _EMPTY:
            continue
        if index == position:
            level = as_level(value)
            if level is not None and level <= levels:
                found = level
            else:
                report.tally(
                    f"intensities that are not whole numbers from 1 to {levels or 9}",
                    f'"{record.code}"',
                    value,
                )
            continue
        sets = behaviour.modifiers if behaviour else ()
        name = sets[index].name if index < len(sets) and sets[index].name else f"set {index + 1}"
        report.tally("modifiers observe has no place for", f'"{name}" of "{record.code}"', value)
    return found


def _dyad(observation: Observation, choices: Choices, where: str) -> tuple[str, bool]:
    """The dyad code, and whether it is the observation id."""
    if choices.dyad is not None:
        return check_dyad_code(choices.dyad)[0], False
    variable = _variable(observation, choices.dyad_from)
    if variable or choices.dyad_variable:
        what = f'its independent variable "{choices.dyad_from}"'
        return _code_from_file(variable or "", what, where), False
    return _code_from_file(observation.id, "its id", where), True


def _code_from_file(value: str, what: str, where: str) -> str:
    code = value.strip()
    reason = _not_a_code(code)
    if reason is not None:
        raise InterchangeError(
            f'{where}: {what} "{shown(code)}" {reason}, so it is not taken as the family\'s '
            "code; give --dyad D (every observation is of one family) or --dyad-variable NAME "
            "(the independent variable holding each family's pseudonymous code, such as D014)"
        )
    return code


def _not_a_code(code: str) -> str | None:
    """Why ``code`` from the file cannot be a dyad code (None: it can)."""
    if not code:
        return "is empty"
    wrong = text_problem(code, MAX_CODE_LENGTH, one_line=True)
    if wrong is not None:
        return wrong
    if looks_like_a_name(code):
        return "looks like a person's name"
    if _DATE.search(code):
        return "holds a date or a time"
    return None


def _observer(observation: Observation, choices: Choices, where: str) -> str:
    observer = choices.observer or _variable(observation, choices.observer_from)
    if not observer or not observer.strip():
        raise InterchangeError(
            f"{where} does not say who coded it (BORIS records no observer); give --observer "
            f"O, or --observer-variable NAME for the independent variable that says"
        )
    wrong = text_problem(observer.strip(), MAX_CODE_LENGTH, one_line=True)
    if wrong is not None:
        raise InterchangeError(f'{where}: the observer "{shown(observer)}" {wrong}')
    return observer.strip()


def _visit(observation: Observation, id_is_dyad: bool, report: ImportReport) -> str:
    variable = _variable(observation, "visit")
    if variable is not None:
        return variable.strip()
    if id_is_dyad:
        return ""
    if _not_a_code(observation.id.strip()) is None:
        return observation.id.strip()
    report.tally(
        "observation ids not kept as visit labels (too long, or like a name or a date)",
        f'"{shown(observation.id)}"',
        unit="observation",
    )
    return ""


def _variable(observation: Observation, name: str) -> str | None:
    """An independent variable's value by its label (case aside), or None."""
    wanted = name.strip().casefold()
    return next((v for k, v in observation.variables.items() if k.casefold() == wanted), None)


def _started(project: Project, observation: Observation, where: str) -> datetime:
    text = observation.date.strip() or project.date.strip()
    if not text:
        raise InterchangeError(
            f"{where} has no date, and neither has the project; give the observation its "
            "date in BORIS and import again"
        )
    try:
        return parse_started_at(text)
    except InterchangeError as error:
        raise InterchangeError(f"{where}'s date: {error}") from None


def _report_observations(
    project: Project,
    observations: Sequence[Observation],
    choices: Choices,
    report: ImportReport,
) -> None:
    used = {choices.dyad_from, choices.observer_from, "visit", "context"}
    used = {u.casefold() for u in used}
    unused = [v for v in project.variables if v.casefold() not in used]
    if unused:
        report.left_out(
            f"independent variables: {', '.join(unused)} (observe keeps a session's dyad, "
            "observer, visit and context)"
        )
    media = [o for o in observations if o.kind == MEDIA and o.media]
    if media:
        files = "; ".join(f'"{o.id}": {", ".join(o.media)}' for o in media[:5])
        more = f" and {len(media) - 5} more" if len(media) > 5 else ""
        report.left_out(
            f"the media files of observations coded from video, and their frame numbers "
            f"(observe keeps the events' times): {files}{more}"
        )
    for observation in observations:
        for name, value in observation.settings:
            report.left_out(f'the {name} of observation "{observation.id}" ({value})')


def _ids(ids: Sequence[str]) -> str:
    shown_ids = ", ".join(f'"{i}"' for i in ids[:8])
    return shown_ids + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
