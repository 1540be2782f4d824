"""Where observe keeps its archive.

The archive directory is, in order of precedence: the ``--data-dir`` option, the
``OBSERVE_DATA_DIR`` environment variable, the platform's user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "OBSERVE_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The archive directory (not created here)."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("observe", appauthor=False))


def schemes_dir(archive: Path) -> Path:
    """The user's own coding schemes inside an archive."""
    return archive / "schemes"


def reports_dir(archive: Path) -> Path:
    """Where reports go when no output path is given."""
    return archive / "reports"
