"""A BORIS project brought in: its ethogram as a coding scheme, its observations as sessions.

The pieces, each in its module: reading the file (:mod:`~observe.interchange.boris_format`),
who does which behaviour (:mod:`~observe.interchange.boris_actors`), the scheme
(:mod:`~observe.interchange.boris_scheme`, its keys :mod:`~observe.interchange.boris_keys`,
its file :mod:`~observe.interchange.boris_scheme_file`), the sessions
(:mod:`~observe.interchange.boris_sessions`, starts and stops
:mod:`~observe.interchange.boris_pairs`), observe's own extras in a project it exported
(:mod:`~observe.interchange.boris_extras`, :mod:`~observe.interchange.boris_fit`), and the
one report (:mod:`~observe.interchange.boris_report`). Nothing here writes: the command
stores the result through :mod:`~observe.interchange.boris_install`.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

from attrs import evolve, field, frozen

from observe.errors import InterchangeError
from observe.interchange.boris_extras import read_extras
from observe.interchange.boris_fit import exact_scheme, fitted_scheme, fitted_session, infant_of
from observe.interchange.boris_format import read_project
from observe.interchange.boris_report import ImportReport
from observe.interchange.boris_scheme import build_scheme, say_rule
from observe.interchange.boris_scheme_file import scheme_toml
from observe.interchange.boris_sessions import Choices, build_sessions, importable
from observe.model import Session
from observe.scheme.model import Scheme
from observe.validity import session_problems
from observe.validity.text import shown

#: A project is refused, unread, above this size: about 800,000 events (some 40 bytes each),
#: for which an import takes about 600 MB of memory (measured: a 20 MB project of 500,000
#: events, 370 MB), so the largest stays well under a gigabyte.
MAX_PROJECT_BYTES = 32 << 20
_GZIP = b"\x1f\x8b"


@frozen
class Options:
    """What the user chose on the command line."""

    scheme_only: bool = False
    scheme_id: str | None = None
    infant: str | None = None
    no_subject: str | None = None
    choices: Choices = field(factory=Choices)


@frozen
class Imported:
    """The scheme (and its file's text), the sessions with their observations' ids, the
    report, and warnings to print."""

    scheme: Scheme
    scheme_text: str
    sessions: tuple[Session, ...]
    observations: tuple[str, ...]
    report: ImportReport = field(eq=False)
    warnings: tuple[str, ...] = ()


def project_data(raw: bytes, source: str) -> object:
    """The JSON of a ``.boris`` file's bytes (gzip-compressed or not), read within
    :data:`MAX_PROJECT_BYTES`."""
    if raw.startswith(_GZIP):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unpacking:
                raw = unpacking.read(MAX_PROJECT_BYTES + 1)
        except (OSError, EOFError, zlib.error):
            raise InterchangeError(
                f"{source} is a damaged compressed file (gzip); save the project from BORIS "
                "again and import that file"
            ) from None
        if len(raw) > MAX_PROJECT_BYTES:
            raise InterchangeError(
                f"{source} unpacks to more than the {MAX_PROJECT_BYTES >> 20} MB a BORIS "
                "project may be; import its observations from several smaller projects"
            )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(
            f"{source} is not a BORIS project (byte {error.start + 1} is not UTF-8 text); "
            "give the .boris file BORIS saved"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{source} is not a BORIS project: it is not JSON (line {error.lineno}, column "
            f"{error.colno}: {error.msg}); give the .boris file BORIS saved"
        ) from None
    except RecursionError:
        raise InterchangeError(
            f"{source} is not a BORIS project (its JSON is nested too deeply to read); give "
            "the .boris file BORIS saved"
        ) from None


def import_project(data: object, source: str, options: Options) -> Imported:
    """The scheme and sessions of the BORIS project in ``data``; InterchangeError naming
    the first problem (then nothing is to be stored)."""
    project = read_project(data, source)
    extras = read_extras(project.extras, source)
    report = ImportReport(source)
    observations = importable(project, report)
    ethogram = exact_scheme(extras, project, observations) if extras else None
    if ethogram is None:
        infant = options.infant or (infant_of(extras) if extras else None)
        ethogram = build_scheme(
            project,
            observations,
            scheme_id=options.scheme_id,
            infant=infant,
            no_subject=options.no_subject,
            report=report,
        )
        if extras:
            ethogram = fitted_scheme(ethogram, extras, report)
    if options.scheme_id and ethogram.scheme.id != options.scheme_id:
        ethogram = evolve(ethogram, scheme=evolve(ethogram.scheme, id=options.scheme_id))
    scheme = ethogram.scheme
    say_rule(scheme, report)
    text = scheme_toml(scheme, _heading(project.name, source))
    if options.scheme_only:
        if observations:
            count = len(observations)
            report.left_out(
                f"the {count} observation{'' if count == 1 else 's'} (--scheme-only: the "
                "scheme alone is imported)"
            )
        return Imported(scheme, text, (), (), report)
    sessions, warnings = build_sessions(project, observations, ethogram, options.choices, report)
    if extras:
        sessions = [
            _checked(fitted_session(s, extras.observations.get(o.id), o, report), o.id, source)
            for s, o in zip(sessions, observations)
        ]
    return Imported(
        scheme,
        text,
        tuple(sessions),
        tuple(o.id for o in observations),
        report,
        tuple(warnings),
    )


def _checked(session: Session, observation: str, source: str) -> Session:
    """A session with observe's extras put back, held to the model again."""
    problems = session_problems(session)
    if problems:
        raise InterchangeError(
            f'{source}: observation "{shown(observation)}" cannot be imported: '
            f'{problems[0].sentence} (in what observe kept of it under the "observe" key); '
            "export the session from observe again"
        )
    return session


def _heading(name: str, source: str) -> str:
    project = f'"{name}" ({Path(source).name})' if name else Path(source).name
    return (
        f"Coding scheme made by observe import-boris from the BORIS project {project}.\n"
        "Edit it as any scheme, then check it with: observe scheme validate FILE"
    )
