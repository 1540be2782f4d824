"""BORIS projects for the tests, written from the format's description (format 7.0: the
ethogram ``behaviors_conf``, the subjects ``subjects_conf``, live observations whose events
are five fields ``[time, subject, behaviour, modifiers, comment]``), and running observe on
them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from observe.cli import main
from observe.model import Session
from observe.store import Archive

FILES = Path(__file__).parent / "boris_files"
HOME_VISITS = FILES / "home_visits.boris"


def behaviour(
    code: str,
    key: str,
    *,
    kind: str = "Point event",
    category: str = "",
    modifiers: dict[str, Any] | str = "",
    excluded: str = "",
    description: str = "",
) -> dict[str, Any]:
    return {
        "type": kind,
        "key": key,
        "code": code,
        "description": description,
        "color": "",
        "category": category,
        "modifiers": modifiers,
        "excluded": excluded,
        "coding map": "",
    }


def live(events: list[list[Any]], **fields: Any) -> dict[str, Any]:
    """A live observation as BORIS saves one."""
    return {
        "file": {},
        "type": "LIVE",
        "date": "2024-05-06T09:30:00.000",
        "description": "",
        "time offset": 0.0,
        "events": events,
        "observation time interval": [0, 0],
        "independent_variables": {},
        "visualize_spectrogram": False,
        "close_behaviors_between_videos": False,
        "scan_sampling_time": 0,
        "start_from_current_time": False,
        **fields,
    }


def project(
    observations: dict[str, dict[str, Any]] | None = None,
    *,
    behaviours: list[dict[str, Any]] | None = None,
    subjects: list[str] = ("Infant", "Mother"),  # type: ignore[assignment]
    version: str = "7.0",
    **fields: Any,
) -> dict[str, Any]:
    """A small project: an infant's cue (c) and a mother's response (r), both points."""
    chosen = behaviours or [
        behaviour("cue", "c", category="Infant"),
        behaviour("response", "r", category="Mother"),
    ]
    return {
        "time_format": "s",
        "project_name": "Small project",
        "project_date": "2024-05-01T08:00:00",
        "project_description": "",
        "project_format_version": version,
        "subjects_conf": {
            str(n): {"key": "", "name": name, "description": ""} for n, name in enumerate(subjects)
        },
        "behaviors_conf": {str(n): b for n, b in enumerate(chosen)},
        "behavioral_categories": [],
        "independent_variables": {},
        "coding_map": {},
        "behaviors_coding_map": [],
        "converters": {},
        "observations": observations if observations is not None else {},
        **fields,
    }


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def observe(archive: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive), *args])


def stored(archive: Path) -> dict[str, Session]:
    """Every session of the archive by id."""
    with Archive.open(archive, readonly=True) as opened:
        return {s.id: opened.load(s.id) for s in opened.list_sessions()}


def by_observation(archive: Path, output: str) -> dict[str, Session]:
    """The sessions an import's output names, by their observation ids."""
    sessions = stored(archive)
    found = {}
    for line in output.splitlines():
        if line.startswith('  observation "'):
            observation, _, rest = line[len('  observation "') :].partition('" → session ')
            prefix = rest.split()[0]
            found[observation] = next(s for i, s in sessions.items() if i.startswith(prefix))
    return found
