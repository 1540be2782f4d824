"""The one way the command line and the terminal UI open the archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from observe.model import Session
from observe.store import Archive


def index_figures(session: Session) -> dict[str, Any]:
    """The session-list figures of the analysis, imported on first use: opening an
    archive that needs no repair computes none, and start-up need not load the analysis."""
    from observe.analysis import index_figures as figures

    return figures(session)


def open_archive(data_dir: Path, *, readonly: bool = False) -> Archive:
    """Open the archive in ``data_dir`` with the session-list figures of the analysis."""
    return Archive.open(data_dir, readonly=readonly, figures=index_figures)
