"""The subcommands of ``observe``, one module per command group."""

from __future__ import annotations

import click

from observe.commands.analyze import commands as analyze_commands
from observe.commands.demo import commands as demo_commands
from observe.commands.exchange import commands as exchange_commands
from observe.commands.reliability import commands as reliability_commands
from observe.commands.report import commands as report_commands
from observe.commands.scheme import commands as scheme_commands
from observe.commands.session import commands as session_commands
from observe.commands.session import session_group
from observe.commands.session_import import import_command
from observe.commands.settings import commands as settings_commands

session_group.add_command(import_command)

COMMANDS: list[click.Command] = [
    *scheme_commands,
    *session_commands,
    *demo_commands,
    *exchange_commands,
    *analyze_commands,
    *report_commands,
    *reliability_commands,
    *settings_commands,
]
