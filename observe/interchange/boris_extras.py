"""observe's own part of a BORIS project it exported: the ``observe`` key.

BORIS has no place for a scheme's windows, matches, rules, state groups' settings and
ratings, nor for a session's id, ratings, pauses, periods that cannot be coded, or its start
with its offset from UTC. The export keeps them under the project's ``observe`` key, which
BORIS leaves alone (it keeps every key of a project it opens when it saves it):

```
"observe": {"format": "observe-boris", "version": 1, "generator": "observe 1.2",
            "scheme": {the scheme, as a session keeps its snapshot},
            "ethogram": sha256 of the behaviours and subjects as exported,
            "observations": {observation id: {
                "session": {"id", "started_at", "ended_at", "duration", "ratings",
                            "pauses", "excluded", "origin", "second_coding_of",
                            "second_coding_at"},
                "events": sha256 of the observation's events as exported,
                "event_ids": [each event's id, in observe's order],
                "boris_order": [for each event in BORIS's order, its place in observe's],
                "stop_intensities": {place in observe's order: intensity}}}}
```

On import the BORIS part is read as from any BORIS project, and then the extras are put
back where they still fit (:mod:`~observe.interchange.boris_fit`): the scheme exactly as it
was when the ethogram is as exported; each session's id, start, ratings, pauses and
periods; and, for an observation whose events are as exported, the events' ids. The
digests compare what BORIS could have changed, read as :mod:`observe.interchange.boris_format`
reads it, so a project BORIS merely opened and saved is the project observe wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from attrs import field, frozen

from observe import __version__
from observe.convert import unstructure
from observe.errors import InterchangeError
from observe.interchange.boris_format import Observation, Project
from observe.interchange.boris_pairs import in_boris_order
from observe.model import Interval, Pause, Session, SessionOrigin
from observe.scheme.model import Scheme
from observe.scheme.snapshot import snapshot_problems
from observe.validity import NotExactly, structure_exactly
from observe.validity.text import shown

EXTRAS_FORMAT = "observe-boris"
EXTRAS_VERSION = 1
_AGAIN = (
    'export the sessions from observe again, or delete the project\'s "observe" key to '
    "import it as BORIS keeps it"
)


@frozen
class SessionExtras:
    id: str
    started_at: str
    ended_at: str | None
    duration: float
    ratings: dict[str, int] = field(hash=False)
    pauses: tuple[Pause, ...]
    excluded: tuple[Interval, ...]
    origin: SessionOrigin
    second_coding_of: str | None
    second_coding_at: str | None


@frozen
class ObservationExtras:
    session: SessionExtras
    events: str
    event_ids: tuple[str, ...]
    boris_order: tuple[int, ...]
    stop_intensities: dict[str, int] = field(hash=False)


@frozen
class Extras:
    format: str
    version: int
    generator: str
    scheme: Scheme
    ethogram: str
    observations: dict[str, ObservationExtras] = field(hash=False)


def subject_names(scheme: Scheme) -> dict[str, str]:
    """Actor id → the name of its BORIS subject: its label (made unique, without ``|``,
    which BORIS does not allow in a name)."""
    names: dict[str, str] = {}
    for actor in scheme.actors:
        name = actor.label.replace("|", "/").strip() or actor.id
        if name in names.values():
            name = f"{name} ({actor.id})"
        names[actor.id] = name
    return names


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ethogram_digest(project: Project) -> str:
    """What BORIS's user could change of the ethogram and the subjects, as one digest."""
    return _digest(
        {
            "behaviours": [unstructure(b) for b in project.behaviours],
            "subjects": [unstructure(s) for s in project.subjects],
        }
    )


def events_digest(observation: Observation) -> str:
    """The events of an observation (in BORIS's order) and its time offset, as one digest."""
    return _digest(
        {
            "offset": observation.time_offset,
            "events": [
                [round(r.time, 3), r.subject, r.code, r.modifiers, r.comment]
                for r in in_boris_order(observation.records)
            ],
        }
    )


def extras_data(
    scheme: Scheme, sessions: Sequence[Session], ids: Sequence[str], project: Project
) -> dict[str, Any]:
    """The ``observe`` key of the project ``project`` (as read back) exported from
    ``sessions``, whose observation ids are ``ids``."""
    observations = {o.id: o for o in project.observations}
    kept: dict[str, Any] = {}
    for obs_id, session in zip(ids, sessions):
        observation = observations[obs_id]
        data = unstructure(session)
        kept[obs_id] = {
            "session": {
                name: data.get(name, [] if name == "excluded" else None)
                for name in (
                    "id",
                    "started_at",
                    "ended_at",
                    "duration",
                    "ratings",
                    "pauses",
                    "excluded",
                    "origin",
                    "second_coding_of",
                    "second_coding_at",
                )
            },
            "events": events_digest(observation),
            "event_ids": [e.id for e in session.events],
            "boris_order": [r.position for r in in_boris_order(observation.records)],
            "stop_intensities": {
                str(n): e.intensity
                for n, e in enumerate(session.events)
                if e.kind == "stop" and e.intensity
            },
        }
    return {
        "format": EXTRAS_FORMAT,
        "version": EXTRAS_VERSION,
        "generator": f"observe {__version__}",
        "scheme": unstructure(scheme),
        "ethogram": ethogram_digest(project),
        "observations": kept,
    }


def read_extras(data: object, source: str) -> Extras | None:
    """The extras of a project observe exported (None for a project without them)."""
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("format") != EXTRAS_FORMAT:
        raise InterchangeError(
            f'{source} has an "observe" key that observe did not write; {_AGAIN}'
        )
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > EXTRAS_VERSION:
        raise InterchangeError(
            f'{source} holds observe\'s part of the project (its "observe" key) in version '
            f"{version}, newer than the {EXTRAS_VERSION} this observe reads; update observe "
            "and import again"
        )
    try:
        extras = structure_exactly(data, Extras)
    except NotExactly as wrong:
        where = f" {wrong.field}" if wrong.field else ""
        raise InterchangeError(
            f'{source}: observe\'s part of the project ("observe"{where}) {wrong.reason}; {_AGAIN}'
        ) from None
    problems = snapshot_problems(extras.scheme)
    if problems:
        raise InterchangeError(
            f"{source}: the scheme in observe's part of the project is not valid "
            f"({shown(problems[0], 160)}); {_AGAIN}"
        )
    return extras
