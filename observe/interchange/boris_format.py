"""A BORIS project file, read and checked: the part of it observe takes, as plain values.

BORIS (Behavioral Observation Research Interactive Software) keeps a project in one JSON
file, ``*.boris`` (or gzip-compressed, ``*.boris.gz``). What this module reads of it, as
BORIS's own reader and writer use it (format version 7.0; BORIS writes 8.6 instead when a
project holds observations of pictures, which observe does not import):

- ``project_format_version``: the text ``"7.0"``; ``project_name``, ``project_date``
  (ISO 8601), ``project_description``, ``time_format`` (how BORIS shows times);
- ``subjects_conf``: ``{"0": {"key", "name", "description"}, ...}``, who can be coded;
- ``behaviors_conf`` (the ethogram): ``{"0": {"type", "key", "code", "description",
  "color", "category", "modifiers", "excluded", "coding map"}, ...}``. ``type`` is
  ``"Point event"`` or ``"State event"`` (either ``"... with coding map"``); ``key`` is one
  character or a key sequence such as ``F1``; ``modifiers`` is ``{"0": {"name", "type",
  "values", "description"}, ...}`` with type 0 (pick one value), 1 (pick several), 2 (a
  number typed in) or 3 (a value from an external data file), each value possibly followed
  by its shortcut, ``"fast (f)"``; ``excluded`` lists, comma-separated, the behaviours
  whose states stop when this one starts;
- ``behavioral_categories``: category names; ``independent_variables``:
  ``{"0": {"label", "description", "type", "default value", "possible values"}}``;
- ``observations``: ``{id: {"type": "LIVE" | "MEDIA" | "IMAGES", "date", "description",
  "time offset", "independent_variables": {label: value}, "file", "media_info",
  "events", ...}}``. A live event is five fields, ``[time, subject, behaviour code,
  modifiers, comment]``: the time in seconds (the time offset included), the subject's name
  (``""``: no focal subject), the modifiers one text per modifier set joined by ``|``
  (values of one set joined by ``,``; ``"None"`` for a set left empty). A media event adds a
  frame index. A state event is written once when it starts and once when it stops: which
  is which, BORIS works out by counting the earlier events of the same subject, behaviour
  and modifiers (:mod:`~observe.interchange.boris_pairs`).

Every problem is one sentence naming the file, the observation and the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any, Literal

from attrs import field, frozen

from observe.errors import InterchangeError
from observe.interchange.boris_reading import Reader
from observe.validity.exact import json_value
from observe.validity.text import shown

#: The newest project format this reader knows: 7.0, and 8.6, which BORIS writes for a
#: project with picture observations (otherwise the same).
NEWEST_FORMAT = (8, 6)
#: Before 4.0 modifiers were plain text; BORIS converts such a file when it opens it.
OLDEST_FORMAT = (4, 0)

POINT_TYPES = ("Point event", "Point event with coding map")
STATE_TYPES = ("State event", "State event with coding map")
LIVE, MEDIA, IMAGES = "LIVE", "MEDIA", "IMAGES"
#: Modifier set types.
PICK_ONE, PICK_SEVERAL, NUMBER, EXTERNAL = 0, 1, 2, 3

_SHORTCUT = re.compile(r" \(.*\)$")


@frozen
class ModifierSet:
    """One set of modifiers of a behaviour (BORIS asks for one value of each)."""

    name: str
    kind: int
    values: tuple[str, ...]  # without their shortcuts
    description: str = ""


@frozen
class Behaviour:
    code: str
    kind: Literal["point", "state"]
    key: str
    description: str
    category: str
    colour: str
    modifiers: tuple[ModifierSet, ...]
    excluded: tuple[str, ...]
    coding_map: str


@frozen
class Subject:
    name: str
    key: str
    description: str


@frozen
class Record:
    """One event as the file holds it; ``position``: its place in the file's list."""

    time: float
    subject: str
    code: str
    modifiers: str
    comment: str
    position: int


@frozen
class Observation:
    id: str
    kind: str
    date: str
    description: str
    time_offset: float
    records: tuple[Record, ...]
    variables: dict[str, str] = field(hash=False)
    media: tuple[str, ...] = ()
    media_length: float | None = None
    #: Timed by the time of day (or since 1970) rather than from the start.
    clock_of_day: bool = False
    #: Settings of the observation observe has no place for, by name, with their values.
    settings: tuple[tuple[str, str], ...] = ()


@frozen
class Project:
    source: str
    version: str
    name: str
    date: str
    description: str
    subjects: tuple[Subject, ...]
    behaviours: tuple[Behaviour, ...]
    categories: tuple[str, ...]
    variables: tuple[str, ...]  # the independent variables' labels
    observations: tuple[Observation, ...]
    #: Parts of the project observe has no place for (coding maps, converters), by name.
    unused_parts: tuple[str, ...]
    #: What observe wrote under the ``observe`` key when it exported the project, if any.
    extras: Any = field(default=None, eq=False, hash=False)

    def behaviour(self, code: str) -> Behaviour | None:
        return self._by_code.get(code)

    @cached_property
    def _by_code(self) -> dict[str, Behaviour]:
        found: dict[str, Behaviour] = {}
        for behaviour in self.behaviours:
            found.setdefault(behaviour.code, behaviour)
        return found


def read_project(data: object, source: str) -> Project:
    """The project in parsed JSON ``data`` read from ``source``; InterchangeError naming the
    first problem (a format newer than :data:`NEWEST_FORMAT` is refused first)."""
    if not isinstance(data, dict) or not (
        "observations" in data or "behaviors_conf" in data or "project_format_version" in data
    ):
        raise InterchangeError(
            f"{source} is not a BORIS project (it has no ethogram and no observations); "
            "give the .boris file BORIS saved"
        )
    version = _version(data.get("project_format_version"), source)
    reading = _Reader(source)
    subjects = tuple(
        reading.subject(key, item)
        for key, item in reading.numbered(data.get("subjects_conf", {}), "subjects_conf")
    )
    behaviours = tuple(
        reading.behaviour(key, item)
        for key, item in reading.numbered(data.get("behaviors_conf", {}), "behaviors_conf")
    )
    observations = reading.table(data.get("observations", {}), "observations")
    unused = [
        label
        for name, label in (
            ("coding_map", "modifier coding maps"),
            ("behaviors_coding_map", "behaviour coding maps"),
            ("converters", "converters"),
        )
        if data.get(name)
    ]
    return Project(
        source=source,
        version=version,
        name=reading.text(data.get("project_name", ""), "project_name"),
        date=reading.text(data.get("project_date", ""), "project_date"),
        description=reading.text(data.get("project_description", ""), "project_description"),
        subjects=subjects,
        behaviours=behaviours,
        categories=tuple(_categories(data, reading)),
        variables=tuple(
            reading.text(item.get("label", ""), f"independent_variables {key} label")
            for key, item in reading.numbered(
                data.get("independent_variables", {}), "independent_variables"
            )
        ),
        observations=tuple(reading.observation(obs_id, item) for obs_id, item in observations),
        unused_parts=tuple(unused),
        extras=data.get("observe"),
    )


def version_tuple(text: str) -> tuple[int, ...] | None:
    """``"7.0"`` → (7, 0); None for text that is no version."""
    parts = text.strip().split(".")
    if not all(part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


def _version(value: object, source: str) -> str:
    if value is None:
        raise InterchangeError(
            f"{source} has no project_format_version, so it is not a BORIS project this "
            "importer can read (or one older than BORIS 2); open it in BORIS, save it, and "
            "import the saved file"
        )
    numbers = version_tuple(value) if isinstance(value, str) else None
    if numbers is None:
        raise InterchangeError(
            f"{source} gives the project_format_version {json_value(value)}, not a version "
            'such as "7.0"; give the .boris file BORIS saved'
        )
    newest = ".".join(map(str, NEWEST_FORMAT))
    if numbers > NEWEST_FORMAT:
        raise InterchangeError(
            f"{source} is a BORIS project of format version {value}, newer than the "
            f"{newest} this observe reads; update observe, or save the project from a BORIS "
            "that writes format 7.0, and import again"
        )
    if numbers < OLDEST_FORMAT:
        raise InterchangeError(
            f"{source} is a BORIS project of format version {value}, older than 4.0 "
            "(modifiers written as plain text); open it in a current BORIS, save it, and "
            "import the saved file"
        )
    return str(value)


def _categories(data: Mapping[str, Any], reading: _Reader) -> list[str]:
    names = reading.list_of_text(data.get("behavioral_categories", []), "behavioral_categories")
    configured = data.get("behavioral_categories_config")
    if isinstance(configured, dict):
        for key, item in reading.numbered(configured, "behavioral_categories_config"):
            name = reading.text(item.get("name", ""), f"behavioral_categories_config {key} name")
            if name and name not in names:
                names.append(name)
    return names


def strip_shortcut(value: str) -> str:
    """A modifier value without the shortcut BORIS shows after it: ``"fast (f)"`` → fast."""
    return _SHORTCUT.sub("", value)


class _Reader(Reader):
    """Reads the parts of a project, naming the file in every sentence."""

    def subject(self, key: str, item: Mapping[str, Any]) -> Subject:
        where = f"subjects_conf {key}"
        name = self.text(item.get("name"), f"{where} name")
        if not name.strip():
            raise self.fail(f"{where} name", "is empty")
        return Subject(
            name=name,
            key=self.text(item.get("key", ""), f"{where} key"),
            description=self.text(item.get("description", ""), f"{where} description"),
        )

    def behaviour(self, key: str, item: Mapping[str, Any]) -> Behaviour:
        where = f"behaviors_conf {key}"
        code = self.text(item.get("code"), f"{where} code")
        if not code.strip():
            raise self.fail(f"{where} code", "is empty")
        where = f'the behaviour "{shown(code)}"'
        kind_text = self.text(item.get("type"), f"{where}'s type")
        if kind_text not in (*POINT_TYPES, *STATE_TYPES):
            raise self.fail(
                f"{where}'s type", f'is "{shown(kind_text)}", not "Point event" or "State event"'
            )
        modifiers = item.get("modifiers", {})
        if modifiers == "":
            modifiers = {}
        excluded = self.text(item.get("excluded", ""), f"{where}'s excluded")
        return Behaviour(
            code=code,
            kind="state" if kind_text in STATE_TYPES else "point",
            key=self.text(item.get("key", ""), f"{where}'s key"),
            description=self.text(item.get("description", ""), f"{where}'s description"),
            category=self.text(item.get("category", ""), f"{where}'s category"),
            colour=self.text(item.get("color", ""), f"{where}'s color"),
            modifiers=tuple(
                self.modifier_set(f"{where}'s modifier set {index}", entry)
                for index, entry in self.numbered(modifiers, f"{where}'s modifiers")
            ),
            excluded=tuple(c for c in (part.strip() for part in excluded.split(",")) if c),
            coding_map=self.text(item.get("coding map", ""), f"{where}'s coding map"),
        )

    def modifier_set(self, where: str, item: Mapping[str, Any]) -> ModifierSet:
        kind = item.get("type", PICK_ONE)
        if isinstance(kind, bool) or kind not in (PICK_ONE, PICK_SEVERAL, NUMBER, EXTERNAL):
            raise self.fail(f"{where} type", f"is {json_value(kind)}, not 0, 1, 2 or 3")
        values = self.list_of_text(item.get("values", []), f"{where} values")
        return ModifierSet(
            name=self.text(item.get("name", ""), f"{where} name"),
            kind=kind,
            values=tuple(strip_shortcut(v) for v in values),
            description=self.text(item.get("description", ""), f"{where} description"),
        )

    def observation(self, obs_id: str, item: Mapping[str, Any]) -> Observation:
        where = f'observation "{shown(obs_id)}"'
        kind = self.text(item.get("type"), f"{where}'s type")
        if kind not in (LIVE, MEDIA, IMAGES):
            raise self.fail(f"{where}'s type", f'is "{shown(kind)}", not LIVE, MEDIA or IMAGES')
        variables = item.get("independent_variables", {})
        if not isinstance(variables, dict) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in variables.values()
        ):
            raise self.fail(f"{where}'s independent_variables", "are not a table of values")
        offset = item.get("time offset", 0.0)
        offset = 0.0 if offset is None else self.number(offset, f"{where}'s time offset")
        if kind == IMAGES:  # not imported: its events are not read
            return Observation(obs_id, kind, "", "", offset, (), {})
        records = item.get("events", [])
        if not isinstance(records, list):
            raise self.fail(f"{where}'s events", f"are {json_value(records)}, not a list")
        media, length = self.media(where, item) if kind == MEDIA else ((), None)
        return Observation(
            id=obs_id,
            kind=kind,
            date=self.text(item.get("date", ""), f"{where}'s date"),
            description=self.text(item.get("description", ""), f"{where}'s description"),
            time_offset=offset,
            records=tuple(self.record(where, n, r) for n, r in enumerate(records)),
            variables={str(k): str(v) for k, v in variables.items()},
            media=media,
            media_length=length,
            clock_of_day=bool(
                item.get("start_from_current_time") or item.get("start_from_current_epoch_time")
            ),
            settings=tuple(_settings(item)),
        )

    def record(self, where: str, number: int, value: object) -> Record:
        here = f"{where}, event {number + 1},"
        if not isinstance(value, list) or len(value) < 5:
            raise self.fail(
                here[:-1],
                f"is {json_value(value)}"
                + (f" of {len(value)} fields" if isinstance(value, list) else "")
                + ", not [time, subject, behaviour, modifiers, comment]",
            )
        time, subject, code, modifiers, comment = value[:5]
        return Record(
            time=self.number(time, f"{here} its time"),
            subject=self.text(subject, f"{here} its subject"),
            code=self.text(code, f"{here} its behaviour"),
            modifiers=self.text(modifiers, f"{here} its modifiers"),
            comment=self.text(comment, f"{here} its comment"),
            position=number,
        )

    def media(self, where: str, item: Mapping[str, Any]) -> tuple[tuple[str, ...], float | None]:
        files = item.get("file", {})
        paths: list[str] = []
        if isinstance(files, dict):
            for player in sorted(files):
                paths.extend(p for p in files[player] if isinstance(p, str))
        info = item.get("media_info", {})
        lengths = info.get("length", {}) if isinstance(info, dict) else {}
        first = files.get("1", []) if isinstance(files, dict) else []
        known = [lengths.get(p) for p in first] if isinstance(lengths, dict) else []
        if first and all(isinstance(v, int | float) and math.isfinite(v) for v in known):
            return tuple(paths), float(sum(known))
        return tuple(paths), None


def _settings(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Settings of an observation that change what its times mean, which observe has no
    place for: said in the report when they are set."""
    found = []
    interval = item.get("observation time interval")
    if isinstance(interval, list) and any(interval):
        found.append(("observation time interval", " to ".join(f"{v} s" for v in interval)))
    scan = item.get("scan_sampling_time")
    if scan:
        found.append(("scan sampling", f"every {scan} s"))
    return found
