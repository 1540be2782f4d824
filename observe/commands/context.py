"""What every subcommand gets from the ``observe`` group: the archive directory and --debug."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import click


class CliContext(NamedTuple):
    """The archive folder and ``--debug`` of the running command (a NamedTuple, not attrs:
    ``observe --help`` loads this module and need not load attrs)."""

    data_dir: Path
    debug: bool


def cli_context() -> CliContext:
    """The context of the running ``observe`` command."""
    found = click.get_current_context().find_object(CliContext)
    if found is None:  # a command invoked outside the group (tests calling it directly)
        from observe import locations

        return CliContext(data_dir=locations.data_dir(), debug=False)
    return found
