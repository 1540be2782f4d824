"""Where a report goes when no output file is given: the archive's ``reports/`` folder,
named by dyad, visit and date (so a clinician finds it by name and a new report of the
same thing replaces the old one)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from observe import display, locations
from observe.model import Session

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_part(text: str) -> str:
    """A piece of a file name: letters, digits, ``.``, ``_`` and ``-`` only."""
    cleaned = _UNSAFE.sub("-", text).strip("-.")
    return cleaned or "unnamed"


def default_report_path(archive_dir: Path, subject: Session | Sequence[Session] | str) -> Path:
    """The default path of the report on one session, or on a dyad's sessions (a trend).

    Session: ``reports/<dyad>_visit-<visit>_<date>_<id8>.pdf`` (the id keeps two
    observers' sessions of the same visit apart). Trend: ``reports/<dyad>_trend_<first
    date>_to_<last date>.pdf``, or ``reports/<dyad>_trend.pdf`` given only the dyad code.
    """
    folder = locations.reports_dir(Path(archive_dir))
    if isinstance(subject, str):
        return folder / f"{safe_part(subject)}_trend.pdf"
    if isinstance(subject, Session):
        visit = f"_visit-{safe_part(subject.visit)}" if subject.visit else ""
        day = display.when(subject.started_at, "day")
        return folder / f"{safe_part(subject.dyad)}{visit}_{day}_{subject.id[:8]}.pdf"
    sessions = sorted(subject, key=lambda s: s.started_at)
    if not sessions:
        raise ValueError("a trend report needs at least one session")
    first = display.when(sessions[0].started_at, "day")
    last = display.when(sessions[-1].started_at, "day")
    return folder / f"{safe_part(sessions[0].dyad)}_trend_{first}_to_{last}.pdf"
