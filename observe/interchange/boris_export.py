"""Sessions written as a BORIS project (``observe export … --format boris``).

The project is one BORIS opens (format 7.0, as :mod:`~observe.interchange.boris_format`
describes it): the scheme's actors are its subjects (keys 1, 2, … to switch between them),
its codes the behaviours (the code id as BORIS's code, the label and description as its
description, the group as its category, a point code a point event, a state code a state
event; the states of an exclusive group exclude each other), each session a live
observation with its events. An event's intensity is the value of the behaviour's one
modifier set, "intensity", to pick from 1 to the scheme's levels; its note is the event's
comment; a stop is written with its start's modifiers, so that BORIS, which counts starts
and stops, pairs them as observe did. The dyad, observer, visit and context are each
observation's independent variables.

What BORIS has no place for (the scheme's windows, matches, rules and ratings, the
sessions' ids, ratings, pauses, periods that cannot be coded and second-coding marks, the
exact start with its offset from UTC) is kept under the project's ``observe`` key
(:mod:`~observe.interchange.boris_extras`); BORIS keeps it when it saves the project, and
``observe import-boris`` puts it back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from observe import __version__
from observe.errors import InterchangeError
from observe.interchange.boris_extras import extras_data, subject_names
from observe.interchange.boris_format import read_project
from observe.model import Event, Session
from observe.scheme.model import Scheme

FORMAT_VERSION = "7.0"
VARIABLES = ("dyad", "observer", "visit", "context")
_VARIABLE_MEANING = {
    "dyad": "the family's pseudonymous code (observe)",
    "observer": "who coded the visit (observe)",
    "visit": "the visit label (observe)",
    "context": "the context of the interaction, such as feeding (observe)",
}


def observation_ids(sessions: Sequence[Session]) -> list[str]:
    """Each session's observation id: its dyad, its visit and the start of its id."""
    ids: list[str] = []
    for session in sessions:
        visit = f" {session.visit}" if session.visit else ""
        wanted = f"{session.dyad}{visit} ({session.id[:8]})"
        ids.append(wanted if wanted not in ids else f"{session.dyad}{visit} ({session.id})")
    return ids


def sessions_to_boris(sessions: Sequence[Session], *, exported_at: datetime | None = None) -> str:
    """The BORIS project of ``sessions`` (all of one scheme) as JSON text."""
    data = project_data(sessions, exported_at=exported_at)
    return json.dumps(data, ensure_ascii=True, allow_nan=False) + "\n"


def project_data(
    sessions: Sequence[Session], *, exported_at: datetime | None = None
) -> dict[str, Any]:
    """The BORIS project of ``sessions`` as JSON-ready data, with observe's extras."""
    scheme = _one_scheme(sessions)
    when = (exported_at or datetime.now().astimezone()).replace(microsecond=0)
    names = subject_names(scheme)
    groups = list(dict.fromkeys(c.group for c in scheme.codes if c.group))
    ids = observation_ids(sessions)
    data: dict[str, Any] = {
        "time_format": "s",
        "project_date": when.replace(tzinfo=None).isoformat(),
        "project_name": scheme.name,
        "project_description": (
            f"Exported from observe {__version__} on {when.date().isoformat()}: "
            f"{len(sessions)} session{'' if len(sessions) == 1 else 's'} coded with the "
            f"scheme {scheme.id} {scheme.version}."
        ),
        "project_format_version": FORMAT_VERSION,
        "subjects_conf": {
            str(n): {
                "key": str(n + 1) if n < 9 else "",
                "name": names[actor.id],
                "description": actor.description,
            }
            for n, actor in enumerate(scheme.actors)
        },
        "behaviors_conf": {
            str(n): _behaviour(scheme, code.id) for n, code in enumerate(scheme.codes)
        },
        "observations": {
            obs_id: _observation(session, names) for obs_id, session in zip(ids, sessions)
        },
        "behavioral_categories": groups,
        "behavioral_categories_config": {
            str(n): {"name": group, "color": ""} for n, group in enumerate(groups)
        },
        "independent_variables": {
            str(n): {
                "label": name,
                "description": _VARIABLE_MEANING[name],
                "type": "text",
                "default value": "",
                "possible values": "",
            }
            for n, name in enumerate(VARIABLES)
        },
        "coding_map": {},
        "behaviors_coding_map": [],
        "converters": {},
    }
    project = read_project(data, "the exported project")
    data["observe"] = extras_data(scheme, sessions, ids, project)
    return data


def _one_scheme(sessions: Sequence[Session]) -> Scheme:
    if not sessions:
        raise InterchangeError("there are no sessions to write as a BORIS project")
    digests = {s.scheme_digest: s for s in sessions}
    if len(digests) > 1:
        shown = ", ".join(f"{s.scheme.id} {s.scheme.version}" for s in digests.values())
        raise InterchangeError(
            f"a BORIS project has one ethogram, and these sessions were coded with "
            f"{len(digests)} different schemes ({shown}); export the sessions of each scheme "
            "to a file of its own"
        )
    return sessions[0].scheme


def _behaviour(scheme: Scheme, code_id: str) -> dict[str, Any]:
    code = scheme.code(code_id)
    assert code is not None
    group = scheme.state_group_of(code.id)
    excluded = [c for c in group.codes if c != code.id] if group and group.exclusive else []
    modifiers = {}
    if scheme.intensity_levels:
        modifiers["0"] = {
            "name": "intensity",
            "description": f"observe's intensity, 1 to {scheme.intensity_levels}",
            "type": 0,
            "values": [str(level) for level in range(1, scheme.intensity_levels + 1)],
        }
    return {
        "type": "State event" if code.kind == "state" else "Point event",
        "key": code.key,
        "code": code.id,
        "description": f"{code.label}: {code.description}" if code.description else code.label,
        "color": "",
        "category": code.group or "",
        "modifiers": modifiers,
        "excluded": ",".join(excluded),
        "coding map": "",
    }


def _check_pairing(session: Session, event: Event, started: dict[str, str]) -> None:
    """BORIS tells a start from a stop by counting: a state must start before it stops, and
    stop before it starts again, or BORIS would read the one for the other."""
    wrong = None
    if event.kind == "stop" and event.code not in started:
        wrong = "stops, though it had not started"
    elif event.kind == "start" and event.code in started:
        wrong = "starts again, though it had not stopped"
    if wrong:
        raise InterchangeError(
            f"session {session.id[:8]} ({session.dyad}): its event at {event.t:g} s of "
            f'"{event.code}" {wrong}, which BORIS would read the other way round; correct it '
            "in the review screen (observe, v on the session) and export again"
        )


def _observation(session: Session, names: dict[str, str]) -> dict[str, Any]:
    scheme = session.scheme
    started = datetime.fromisoformat(session.started_at)
    start_modifiers: dict[str, str] = {}
    events = []
    for event in session.events:
        _check_pairing(session, event, start_modifiers)
        subject = names[scheme.actor_of(event.code).id]
        if not scheme.intensity_levels:
            modifiers = ""
        elif event.kind == "stop":  # BORIS pairs a stop with the start of the same modifiers
            modifiers = start_modifiers[event.code]
        else:
            modifiers = str(event.intensity) if event.intensity else "None"
        if event.kind == "start":
            start_modifiers[event.code] = modifiers
        elif event.kind == "stop":
            del start_modifiers[event.code]
        events.append([event.t, subject, event.code, modifiers, event.note or ""])
    return {
        "file": {},
        "type": "LIVE",
        "date": started.strftime("%Y-%m-%dT%H:%M:%S.") + f"{started.microsecond // 1000:03d}",
        "description": session.notes,
        "time offset": 0.0,
        "events": events,
        "observation time interval": [0, 0],
        "independent_variables": {name: getattr(session, name) for name in VARIABLES},
        "visualize_spectrogram": False,
        "visualize_waveform": False,
        "media_creation_date_as_offset": False,
        "media_scan_sampling_duration": 0,
        "image_display_duration": 1,
        "close_behaviors_between_videos": False,
        "scan_sampling_time": 0,
        "start_from_current_time": False,
        "start_from_current_epoch_time": False,
    }
