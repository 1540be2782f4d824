"""``observe scheme``: list, show, check and start coding schemes (DESIGN §2, §8)."""

from __future__ import annotations

import json
import os
import re
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


# -- observe scheme new ----------------------------------------------------------------


def create_user_scheme(archive_dir: Path, name: str, from_id: str) -> Path:
    """Copy the TOML of scheme ``from_id`` to ``<archive>/schemes/NAME.toml`` with id NAME."""
    from observe.scheme import (
        SchemeNotFound,
        load_scheme,
        parse_scheme,
        scheme_catalogue,
        user_schemes_dir,
    )
    from observe.scheme.validation import SLUG, SLUG_HINT

    if not SLUG.match(name):
        raise ObserveError(f'"{name}" cannot be a scheme id; use {SLUG_HINT}, e.g. "my-feeding"')
    catalogue = scheme_catalogue(archive_dir)
    taken = catalogue.get(name)
    if taken is not None:
        raise ObserveError(
            f'there is already a scheme "{name}" ({taken.path}); choose another name'
        )
    source = catalogue.get(from_id)
    source_path = source.path if source is not None else Path(from_id).expanduser()
    looks_like_a_path = source_path.suffix == ".toml" or any(sep in from_id for sep in "/\\")
    if source is None and not looks_like_a_path and not source_path.is_file():
        raise SchemeNotFound(
            f'there is no coding scheme "{from_id}" to copy; the installed schemes are '
            f"{', '.join(catalogue.ids)} (or give the path to a .toml file)"
        )
    original = load_scheme(source_path)
    text = source_path.read_text(encoding="utf-8-sig")
    copied = _with_new_identity(text, original, name, str(source_path))
    parse_scheme(copied, f"the copy of {source_path}")  # the copy must load as it is written

    from observe.store.perms import durable_fsync, make_private_dir, open_private

    folder = user_schemes_dir(archive_dir)
    make_private_dir(folder.parent)
    make_private_dir(folder)
    target = folder / f"{name}.toml"
    try:
        descriptor = open_private(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        raise ObserveError(
            f"{target} already exists; choose another name or edit that file"
        ) from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(copied)
            handle.flush()
            durable_fsync(handle.fileno())
    except OSError as error:
        target.unlink(missing_ok=True)  # never leave half a scheme behind
        raise ObserveError(
            f"could not write {target} ({error.strerror or error}); "
            "free some disk space or check the folder, then try again"
        ) from None
    return target


_SCHEME_HEADER = re.compile(r"^\s*\[\s*scheme\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")
_STARTED_FROM = "# Started from"
_ASSIGNMENT = r"^(\s*{field}\s*=\s*)(\"(?:[^\"\\]|\\.)*\"|'[^']*')(\s*(#.*)?)$"


def _with_new_identity(text: str, original: Scheme, new_id: str, origin: str) -> str:
    """``text`` with the [scheme] table's id set to ``new_id`` and its name marked as a copy.

    Editing the text (rather than writing the Scheme out again) keeps the comments and
    layout of the original, which are what make a scheme file readable.
    """
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _SCHEME_HEADER.match(line)), None)
    if start is None:
        raise ObserveError(f"cannot find the [scheme] table in {origin}; copy the file by hand")
    end = next((i for i in range(start + 1, len(lines)) if _ANY_HEADER.match(lines[i])), len(lines))
    base_name = original.name.removesuffix(f" ({original.id})")  # a copy of a copy
    replacements = {
        "id": json.dumps(new_id),
        "name": json.dumps(f"{base_name} ({new_id})", ensure_ascii=False),
    }
    done = set()
    for index in range(start + 1, end):
        for field, value in replacements.items():
            match = re.match(_ASSIGNMENT.format(field=field), lines[index].rstrip("\r\n"))
            if match and field not in done:
                ending = lines[index][len(lines[index].rstrip("\r\n")) :]
                lines[index] = f"{match.group(1)}{value}{match.group(3)}{ending}"
                done.add(field)
    if "id" not in done:
        raise ObserveError(
            f"cannot find the id line of [scheme] in {origin}; copy the file by hand"
        )
    if lines and lines[0].startswith(_STARTED_FROM):
        del lines[0]  # the new line below says where this copy came from
    header = (
        f"{_STARTED_FROM} {original.id} (version {original.version}) "
        f"with: observe scheme new {new_id} --from {original.id}\n"
    )
    return header + "".join(lines)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
