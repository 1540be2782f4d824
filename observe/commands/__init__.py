"""The subcommands of ``observe``, one module per command group, each loaded when it is used.

``observe session list`` loads the session commands and nothing of the analysis, the
reports or the reliability code; ``observe --help`` loads every command module to read its
help, so each keeps its heavy imports inside the functions that need them
(``tests/test_cli_imports.py`` holds them to it).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import click

#: Every subcommand of ``observe``: its name and where it is defined (``module:attribute``).
COMMANDS: dict[str, str] = {
    "code": "observe.commands.code:code_command",
    "scheme": "observe.commands.scheme:scheme_group",
    "session": "observe.commands.session:session_group",
    "demo": "observe.commands.demo:demo_command",
    "export": "observe.commands.exchange:export_command",
    "import-bundle": "observe.commands.exchange:import_bundle_command",
    "import-boris": "observe.commands.boris:import_boris_command",
    "analyze": "observe.commands.analyze:analyze",
    "report": "observe.commands.report:report",
    "reliability": "observe.commands.reliability:reliability",
    "settings": "observe.commands.settings:settings_group",
    "caseload": "observe.commands.caseload:caseload_command",
    "moments": "observe.commands.moments:moments_group",
    "train": "observe.commands.train:train_group",
    "certification": "observe.commands.certification:certification_group",
}
#: Subcommands defined in a module of their own, added to their group when it is loaded.
SUBCOMMANDS: dict[str, dict[str, str]] = {
    "session": {
        "import": "observe.commands.session_import:import_command",
        "pair": "observe.commands.session_pair:pair_command",
        "unpair": "observe.commands.session_pair:unpair_command",
        "link-video": "observe.commands.link_video:link_video_command",
    },
}


def load(where: str) -> click.Command:
    """The command at ``module:attribute``."""
    module, _, attribute = where.partition(":")
    command = getattr(importlib.import_module(module), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{where} is not a click command")
    return command


class LazyGroup(click.Group):
    """A group whose subcommands are named up front and loaded on first use (click's
    "Lazily Loading Subcommands")."""

    def __init__(
        self,
        *args: object,
        lazy_commands: Mapping[str, str] | None = None,
        lazy_subcommands: Mapping[str, Mapping[str, str]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands = dict(lazy_commands or {})
        self.lazy_subcommands = {
            name: dict(more) for name, more in (lazy_subcommands or {}).items()
        }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            command = load(self.lazy_commands[cmd_name])
            if isinstance(command, click.Group):
                for name, where in self.lazy_subcommands.get(cmd_name, {}).items():
                    command.add_command(load(where), name)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)
