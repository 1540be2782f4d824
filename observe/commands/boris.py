"""``observe import-boris FILE.boris``: a BORIS project's ethogram as a coding scheme and its
observations as sessions, with one report of everything that could not come in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from observe.commands.context import cli_context
from observe.errors import InterchangeError, ObserveError

if TYPE_CHECKING:
    from observe.interchange.boris import Imported
    from observe.interchange.boris_install import Installed


def _read(path: Path) -> bytes:
    from observe.interchange.boris import MAX_PROJECT_BYTES
    from observe.reading import InputRefused, read_bounded

    try:
        return read_bounded(path, MAX_PROJECT_BYTES, what="a BORIS project")
    except InputRefused as refused:
        advice = (
            "import its observations from several smaller projects"
            if refused.too_large
            else "give the path to the .boris file BORIS saved"
        )
        raise InterchangeError(f"{path} {refused.reason}; {advice}") from None
    except FileNotFoundError:
        raise InterchangeError(f"there is no file {path}; check the path") from None
    except IsADirectoryError:
        raise InterchangeError(
            f"{path} is a folder, not a BORIS project; give the path to the .boris file"
        ) from None
    except OSError as error:
        raise InterchangeError(
            f"{path} cannot be read ({error.strerror or error}); check the path and try again"
        ) from None


@click.command("import-boris")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--scheme-only", is_flag=True, help="Import the ethogram as a scheme, no sessions.")
@click.option(
    "--dyad",
    default=None,
    metavar="D",
    help="Every observation is of this family (its pseudonymous code, never a name).",
)
@click.option(
    "--dyad-variable",
    default=None,
    metavar="NAME",
    help="The independent variable holding each observation's family code (default: dyad, "
    "if there is one, else the observation id, if it is a code and not a name or a date).",
)
@click.option("--observer", default=None, metavar="O", help="Who coded the observations.")
@click.option(
    "--observer-variable",
    default=None,
    metavar="NAME",
    help="The independent variable saying who coded each observation (default: observer).",
)
@click.option("--infant", default=None, metavar="SUBJECT", help="The subject who is the infant.")
@click.option(
    "--no-subject",
    default=None,
    metavar="SUBJECT",
    help="Whose the events coded with no focal subject are.",
)
@click.option(
    "--scheme-id",
    default=None,
    metavar="ID",
    help="The id of the scheme made from the ethogram (default: boris- and the project's name).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Take the project's version of a scheme or session imported before that differs.",
)
@click.option("--dry-run", is_flag=True, help="Print the report, store nothing.")
def import_boris_command(
    file: Path,
    scheme_only: bool,
    dyad: str | None,
    dyad_variable: str | None,
    observer: str | None,
    observer_variable: str | None,
    infant: str | None,
    no_subject: str | None,
    scheme_id: str | None,
    replace: bool,
    dry_run: bool,
) -> None:
    """Import a BORIS project (.boris or .boris.gz): its ethogram becomes a coding scheme in
    the archive's schemes/ folder and its live and video observations become sessions.

    What cannot be carried over is listed in the report printed at the end. Nothing is
    stored unless all of it can be; importing the same project again adds nothing.
    """
    from observe.interchange.boris import Options, import_project, project_data
    from observe.interchange.boris_install import install
    from observe.interchange.boris_sessions import Choices
    from observe.scheme.fields import SLUG, SLUG_HINT
    from observe.workspace import open_archive

    if scheme_id is not None and not SLUG.match(scheme_id):
        raise ObserveError(f'--scheme-id "{scheme_id}" cannot be a scheme id; use {SLUG_HINT}')
    options = Options(
        scheme_only=scheme_only,
        scheme_id=scheme_id,
        infant=infant,
        no_subject=no_subject,
        choices=Choices(dyad, dyad_variable, observer, observer_variable),
    )
    imported = import_project(project_data(_read(file), str(file)), str(file), options)
    for warning in imported.warnings:
        click.echo(f"warning: {warning}", err=True)
    if dry_run:
        _say_what_would_be(imported)
    else:
        with open_archive(cli_context().data_dir) as archive:
            installed = install(archive, imported, replace=replace)
        _say_what_was_done(file, imported, installed)
    click.echo(imported.report.text())


def _say_what_would_be(imported: Imported) -> None:
    events = sum(len(s.events) for s in imported.sessions)
    click.echo(
        f"would import the scheme {imported.scheme.id} and {_count(len(imported.sessions))} "
        f"({events:,} events); nothing was stored (--dry-run)"
    )


def _say_what_was_done(file: Path, imported: Imported, installed: Installed) -> None:
    merged = installed.merged
    where = "written to" if installed.scheme_written else "already installed as"
    click.echo(
        f"scheme {imported.scheme.id} {imported.scheme.version}: {where} {installed.scheme_path}"
    )
    if not imported.sessions:
        return
    events = sum(len(s.events) for s in merged.added)
    click.echo(f"imported {_count(len(merged.added), 'new ')} ({events:,} events) from {file}")
    observation_of = dict(zip((s.id for s in imported.sessions), imported.observations))
    for session in merged.added:
        click.echo(
            f'  observation "{observation_of[session.id]}" → session {session.id[:8]} '
            f"(dyad {session.dyad}, {len(session.events):,} events)"
        )
    if merged.same:
        click.echo(f"{_count(merged.same)} already in the archive, unchanged")
    if merged.differing and merged.replaced:
        click.echo(f"{_count(len(merged.differing))} replaced by the project's version")
    elif merged.differing:
        click.echo(
            f"warning: {_count(len(merged.differing))} imported before now differ in the "
            "project and were left as they are: "
            + ", ".join(f"{s.id[:8]} ({s.dyad})" for s in merged.differing)
            + "; run again with --replace to take the project's version",
            err=True,
        )


def _count(count: int, kind: str = "") -> str:
    return f"{count} {kind}session{'' if count == 1 else 's'}"
