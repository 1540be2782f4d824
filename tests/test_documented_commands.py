"""Every ``observe …`` command the README or a message tells a user to run exists.

A user who copies a command from the README, or follows the advice in an error message
(``… add one with `observe scheme new` …``), must not meet "No such command" or "No such
option" instead.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from observe.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SOURCES = sorted([*(ROOT / "observe").rglob("*.py"), *(ROOT / "reports").rglob("*.py")])

BACKTICKED = re.compile(r"`((?:\.venv/bin/)?observe(?: [^`]*)?)`")
CODE_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def commands_in_readme() -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = [m.group(1) for m in BACKTICKED.finditer(text)]
    for block in CODE_BLOCK.findall(text):
        for line in block.splitlines():
            for part in line.split("#", 1)[0].split("&&"):
                part = part.strip()
                if part.startswith(("observe", ".venv/bin/observe")):
                    found.append(part)
    return found


def commands_in_messages() -> list[tuple[str, str]]:
    return [
        (f"{path.relative_to(ROOT)}", m.group(1))
        for path in SOURCES
        for m in BACKTICKED.finditer(path.read_text(encoding="utf-8"))
    ]


def problem_with(command_line: str) -> str | None:
    """Why ``command_line`` would not run as written, or None if its commands and options exist.

    Placeholders (ID, FILE.pdf, ``{…}``, ``...``) and the alternatives in ``a|b`` are taken
    as written; only command names and option names are checked.
    """
    words = shlex.split(command_line.split("|")[0] if " | " in command_line else command_line)
    words = [w.strip("[]") for w in words[1:]]
    command: click.Command = main
    path = ["observe"]
    context = click.Context(main)
    takes_value = False
    for word in words:
        if "{" in word:  # a name filled in at run time: nothing after it can be checked
            return None
        if takes_value or not word or word in ("...", "…"):
            takes_value = False
            continue
        if word.startswith("-"):
            option = word.split("=", 1)[0]
            params = {name: param for param in command.params for name in param.opts}
            if option == "--help":
                continue
            if option not in params:
                return f"`{' '.join(path)}` has no option {option}"
            param = params[option]
            is_flag = isinstance(param, click.Option) and param.is_flag
            takes_value = "=" not in word and not is_flag
            continue
        if isinstance(command, click.Group):
            sub = command.get_command(context, word)
            if sub is None:
                return f"`{' '.join(path)}` has no command {word!r}"
            command, path = sub, [*path, word]
            context = click.Context(sub, parent=context)
    return None


def test_the_checker_notices_a_command_or_option_that_does_not_exist() -> None:
    assert problem_with("observe scheme add") == "`observe scheme` has no command 'add'"
    assert problem_with("observe report ID --colour") == "`observe report` has no option --colour"
    assert problem_with("observe report [ID] [-o FILE.pdf] [--paper a4|letter]") is None
    assert problem_with("observe --data-dir DIR session list") is None
    assert problem_with("observe --data-dir DIR sesion list") == "`observe` has no command 'sesion'"


@pytest.mark.parametrize("command_line", commands_in_readme())
def test_a_command_shown_in_the_readme_exists(command_line: str) -> None:
    assert problem_with(command_line) is None, f"README.md: {command_line}"


def test_commands_named_in_messages_exist() -> None:
    """An error or hint that names a command names one the user can run."""
    problems = [
        f"{where}: `{line}`: {problem}"
        for where, line in commands_in_messages()
        if (problem := problem_with(line)) is not None
    ]
    assert problems == []
