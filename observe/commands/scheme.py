"""``observe scheme``: list, show, check and start coding schemes (DESIGN §2, §8)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.errors import ObserveError

if TYPE_CHECKING:
    from observe.scheme import Scheme

#: What ``scheme new`` copies unless told otherwise: ``observe.scheme.DEFAULT_SCHEME_ID``,
#: written out so that reading the command's options does not load the scheme package
#: (``tests/test_cli_imports.py`` holds the two the same).
DEFAULT_FROM = "infant-cues"


@click.group("scheme")
def scheme_group() -> None:
    """Coding schemes: which cues and responses are coded, with which keys."""


@scheme_group.command("list")
def list_command() -> None:
    """List the installed coding schemes (shipped and your own)."""
    from observe.scheme import DEFAULT_SCHEME_ID, scheme_catalogue, user_schemes_dir

    catalogue = scheme_catalogue(cli_context().data_dir)
    own = [item for item in catalogue.schemes if not item.shipped]
    rows = [
        (
            item.scheme.id + (" (default)" if item.scheme.id == DEFAULT_SCHEME_ID else ""),
            item.scheme.version,
            "shipped" if item.shipped else f"yours ({item.path.name})",
            f"{len(item.scheme.cues)} cues, {len(item.scheme.responses)} responses",
        )
        for item in catalogue.schemes
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    for item, row in zip(catalogue.schemes, rows, strict=True):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())
        click.echo(f"    {item.scheme.name}")
    if not rows:
        click.echo("no coding schemes are installed.")
    if own:
        click.echo(f"\nYour own schemes are in {user_schemes_dir(cli_context().data_dir)}")
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo("\nSee one with: observe scheme show ID")
    click.echo("Start your own with: observe scheme new NAME [--from ID]")


@scheme_group.command("show")
@click.argument("id_or_path")
def show_command(id_or_path: str) -> None:
    """Show a scheme's codes, keys, windows, matches and ratings."""
    from observe.commands.scheme_page import describe_scheme
    from observe.scheme import find_scheme

    scheme = find_scheme(id_or_path, cli_context().data_dir)
    click.echo(describe_scheme(scheme))


@scheme_group.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def validate_command(file: Path) -> None:
    """Check a scheme file and report every problem in it."""
    from observe.scheme import load_scheme, scheme_catalogue, user_schemes_dir

    scheme = load_scheme(file)
    archive_dir = cli_context().data_dir
    clash = scheme_catalogue(archive_dir).get(scheme.id)
    if clash is not None and not _same_file(clash.path, file):
        owner = "a shipped scheme" if clash.shipped else str(clash.path)
        message = (
            f'its id "{scheme.id}" is already used by {owner}; '
            "give it another id in its [scheme] table"
        )
        if _same_file(file.parent, user_schemes_dir(archive_dir)):
            raise ObserveError(f"{file} is valid TOML but cannot be installed: {message}.")
        click.echo(f"note: {message} before copying it into {user_schemes_dir(archive_dir)}.")
    click.echo(
        f'ok: {file} is a valid coding scheme: "{scheme.id}" ({scheme.name}, version '
        f"{scheme.version}) with {_counts(scheme)}."
    )


def _counts(scheme: Scheme) -> str:
    """``8 cues, 10 responses and 3 ratings`` (actors, rules and state groups when listed)."""
    from observe.scheme import DEFAULT_ACTORS

    parts = []
    if scheme.actors != DEFAULT_ACTORS:
        parts.append(f"{len(scheme.actors)} actors")
    parts += [_count(len(scheme.cues), "cue"), _count(len(scheme.responses), "response")]
    if scheme.contingencies:
        parts.append(_count(len(scheme.contingencies), "rule"))
    if scheme.state_groups:
        parts.append(_count(len(scheme.state_groups), "state group"))
    parts.append(_count(len(scheme.ratings), "rating"))
    return ", ".join(parts[:-1]) + f" and {parts[-1]}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


@scheme_group.command("new")
@click.argument("name")
@click.option(
    "--from",
    "from_id",
    default=DEFAULT_FROM,
    show_default=True,
    help="The installed scheme (id) or scheme file (path) to start from.",
)
def new_command(name: str, from_id: str) -> None:
    """Start your own scheme NAME as a copy of an installed one."""
    from observe.scheme_editor import create_user_scheme
    from observe.workspace import open_archive

    archive_dir = cli_context().data_dir
    with open_archive(archive_dir) as archive:
        # Another observe holding the archive gets to finish first: one writer at a time.
        archive.require_writable()
        path = create_user_scheme(archive_dir, name, from_id)
    click.echo(f"created {path}")
    click.echo(
        f"Next: edit it in a text editor, then check it with: observe scheme validate {path}"
    )


commands: list[click.Command] = [scheme_group]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
