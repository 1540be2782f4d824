"""The one way the command line and the terminal UI open the archive."""

from __future__ import annotations

from pathlib import Path

from observe.store import Archive


def open_archive(data_dir: Path, *, readonly: bool = False) -> Archive:
    """Open the archive in ``data_dir`` with the session-list figures of the analysis."""
    from observe.analysis import index_figures

    return Archive.open(data_dir, readonly=readonly, figures=index_figures)
