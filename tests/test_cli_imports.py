"""Each ``observe`` command loads only what it uses.

If these failed, every ``observe --help`` and every quick command (``observe session list``)
would again pay for loading the analysis, the PDF library, the terminal UI and the archive
before printing a line — start-up three times slower than a bare click app. Each run is in a
fresh interpreter so nothing else has loaded those modules first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from observe.commands import COMMANDS, SUBCOMMANDS, load

#: Nothing ``observe --help`` needs: the work of the commands, not their help.
NOT_FOR_HELP = {
    "attr",
    "attrs",
    "cattrs",
    "filelock",
    "platformdirs",
    "reportlab",
    "textual",
    "tinydb",
    "observe.analysis",
    "observe.interchange",
    "observe.live",
    "observe.media",
    "observe.model",
    "observe.reports",
    "observe.scheme",
    "observe.store",
    "observe.tui",
    "observe.workspace",
}
#: Nothing listing the sessions needs.
NOT_FOR_LISTING = {
    "reportlab",
    "textual",
    "observe.analysis",
    "observe.interchange",
    "observe.reports",
    "observe.tui",
    "observe.commands.analyze",
    "observe.commands.exchange",
    "observe.commands.reliability",
    "observe.commands.report",
    "observe.commands.scheme",
}


def loaded_by(*args: str) -> tuple[set[str], str]:
    """The modules (and their packages) loaded by running ``observe ARGS``, and its output."""
    code = (
        "import json, sys\n"
        "from observe.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    modules = set(json.loads(result.stderr.strip().splitlines()[-1]))
    return modules, result.stdout


def touched(modules: set[str], names: set[str]) -> set[str]:
    """The names in ``names`` that are loaded, themselves or as a package of a loaded one."""
    return {name for name in names for m in modules if m == name or m.startswith(f"{name}.")}


def test_help_lists_every_command_without_loading_their_work() -> None:
    modules, output = loaded_by("--help")
    for name in COMMANDS:
        assert f"  {name} " in output
    assert touched(modules, NOT_FOR_HELP) == set()


def test_listing_sessions_loads_no_analysis_reports_or_other_commands(tmp_path: Path) -> None:
    modules, output = loaded_by("--data-dir", str(tmp_path / "archive"), "session", "list")
    assert "no sessions" in output
    assert touched(modules, NOT_FOR_LISTING) == set()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_named_in_the_registry_is_the_command_of_that_name(name: str) -> None:
    """A misspelt registry entry would make ``observe NAME`` fail only when it is run."""
    command = load(COMMANDS[name])
    assert command.name == name
    for sub, where in SUBCOMMANDS.get(name, {}).items():
        assert isinstance(command, click.Group)
        assert load(where).name == sub


def test_scheme_new_starts_from_the_default_scheme() -> None:
    """``scheme new`` names its default without loading the schemes: the name it writes
    must stay the scheme observe uses by default."""
    from observe.commands.scheme import DEFAULT_FROM
    from observe.scheme import DEFAULT_SCHEME_ID

    assert DEFAULT_FROM == DEFAULT_SCHEME_ID
