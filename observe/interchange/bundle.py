"""JSON bundles: sessions, with their scheme snapshots, carried from one archive to another.

Several home visitors' laptops are combined into one programme archive by exporting a
bundle on each (``observe export ... --format json``) and importing them all
(``observe import-bundle``). A session keeps its id, so importing the same bundle twice,
or two bundles holding the same session, never duplicates it.

A bundle is read as untrusted input: everything in it is checked before anything is
stored, against the one model of what a session may hold (:mod:`observe.validity`): every
value of exactly the type the model declares (the text ``"5"`` is no time), ids that are
safe as file names, the scheme snapshot valid as a scheme file and matching its digest,
dates, times, durations, ratings, pauses and text fields within their limits. Every problem
is one sentence naming the bundle, the session and the field.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from attrs import frozen

from observe import __version__
from observe.convert import unstructure
from observe.errors import InterchangeError
from observe.model import Event, Session
from observe.scheme import Scheme
from observe.store.sessionfile import file_bytes_of
from observe.validity import (
    NotExactly,
    Problem,
    Rule,
    SessionProblem,
    session_problems,
    structure_exactly,
)
from observe.validity.text import shown

BUNDLE_FORMAT = "observe-bundle"
BUNDLE_VERSION = 1
_AGAIN = "export it again from the laptop it was recorded on"


def bundle_data(
    sessions: Iterable[Session],
    *,
    exported_at: datetime | None = None,
    certification: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """The JSON-ready bundle of ``sessions`` (in the order given). ``certification``: the
    archive's certification record's entries, as the training package writes them (left
    out when there are none, so a bundle without them is what it always was)."""
    data = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "generator": f"observe {__version__}",
        "exported_at": (exported_at or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "sessions": [unstructure(session) for session in sessions],
    }
    if certification:
        data["certification"] = list(certification)
    return data


def bundle_text(
    sessions: Iterable[Session],
    *,
    exported_at: datetime | None = None,
    certification: Sequence[dict[str, Any]] = (),
) -> str:
    """The bundle as JSON text (UTF-8, indented, keys sorted: diffable and deterministic)."""
    data = bundle_data(sessions, exported_at=exported_at, certification=certification)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


@frozen
class BundleContents:
    """What a bundle holds: the sessions built and checked, and the ids of those the archive
    holds already exactly as the bundle has them (``stored``: not built, not checked)."""

    sessions: list[Session]
    stored: tuple[str, ...] = ()


#: The lines of a bundle that say when and by which observe it was written, not what it
#: holds: at the top level of the layout :func:`bundle_text` writes (one space of indent;
#: a JSON string holds no line break, so no line inside a value can look like one).
_WHEN_WRITTEN = re.compile(rb'^ "(?:exported_at|generator)": "[^"\n]*",\n', re.MULTILINE)


def bundle_identity(raw: bytes) -> str:
    """The sha256 of what the bundle ``raw`` holds: its bytes without the lines saying when
    and by which observe it was exported. The same sessions exported again later (the same
    command, another day) make another file with the same identity, so importing it after
    the first is recognised as adding nothing without being parsed; any other difference,
    to a single byte of a session, gives another identity."""
    return hashlib.sha256(_WHEN_WRITTEN.sub(b"", raw[:4096], count=2) + raw[4096:]).hexdigest()


def parse_bundle(text: str, source: str) -> list[Session]:
    """The sessions of a bundle, checked; :class:`InterchangeError` naming the first problem.

    A session listed twice with the same content counts once; with different content it is
    an error (which one is right cannot be known).
    """
    return read_bundle(text, source).sessions


def read_bundle(
    text: str, source: str, stored_digest: Callable[[str], str | None] | None = None
) -> BundleContents:
    """:func:`parse_bundle`, skipping the sessions the archive holds already as they are.

    ``stored_digest(id)``: the sha256 of the archive's session file of that id (None: it
    has none). A session whose JSON in the bundle makes exactly that file
    (:func:`~observe.store.sessionfile.file_bytes_of`) is the stored session, byte for
    byte, checked when it was stored: it is neither built nor checked again. That is what
    makes a bundle exported again later (another file, the same sessions) cost a fraction
    of its first import: building and checking sessions is most of an import's work.
    """
    data = _decoded(text, source)
    items = _sessions_list(data, source)
    sessions: dict[str, Session] = {}
    stored: dict[str, None] = {}
    for number, item in enumerate(items, start=1):
        if stored_digest is not None and _stored_as_is(item, stored_digest):
            stored[item["id"]] = None
            continue
        session = _session(item, number, source)
        earlier = sessions.get(session.id)
        if earlier is not None and earlier != session:
            raise _twice(source, session.id)
        sessions[session.id] = session
    for session_id in stored:
        if session_id in sessions:  # once as the archive has it, once otherwise
            raise _twice(source, session_id)
    return BundleContents(list(sessions.values()), tuple(stored))


def _twice(source: str, session_id: str) -> InterchangeError:
    return InterchangeError(
        f"{source} holds session {session_id[:8]} twice with different content; "
        "export it again from the laptop it was recorded on"
    )


def _stored_as_is(item: object, stored_digest: Callable[[str], str | None]) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return False
    digest = stored_digest(item["id"])
    if digest is None:
        return False
    try:
        # Not sorted again: a bundle's keys are sorted (bundle_text), and JSON whose keys
        # are not makes other bytes, so it is built and checked like a new session.
        data = file_bytes_of(item, None, 0, sort=False)
    except (TypeError, ValueError, RecursionError):
        return False  # not JSON observe writes: built and checked, and refused there
    return hashlib.sha256(data).hexdigest() == digest


def _decoded(text: str, source: str) -> object:
    try:
        data = json.loads(text.removeprefix("\ufeff"), parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{source} is not JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "import a file written by observe export --format json"
        ) from None
    except (ValueError, RecursionError):
        raise InterchangeError(
            f"{source} is not a bundle written by observe export --format json; "
            "export the sessions again and import that file"
        ) from None
    return data


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _sessions_list(data: object, source: str) -> list[Any]:
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise InterchangeError(
            f'{source} is not an observe bundle (it has no "format": "{BUNDLE_FORMAT}"); '
            "import a file written by observe export --format json"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InterchangeError(
            f"{source} has no valid bundle version; export the sessions again and import that file"
        )
    if version > BUNDLE_VERSION:
        raise InterchangeError(
            f"{source} was written by a newer observe (bundle version {version}; this one "
            f"reads up to {BUNDLE_VERSION}); update observe and import again"
        )
    items = data.get("sessions")
    if not isinstance(items, list):
        raise InterchangeError(
            f"{source} has no list of sessions; export the sessions again and import that file"
        )
    return items


def _session(item: object, number: int, source: str) -> Session:
    where = f"{source} session {number}"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        where += f" ({shown(item['id'][:8])})"
    try:
        session = structure_exactly(item, Session)
    except NotExactly as wrong:
        if not wrong.field:
            raise InterchangeError(
                f"{where} is not a valid session (it {wrong.reason}); {_AGAIN}"
            ) from None
        raise InterchangeError(
            f"{where} cannot be imported: its field {wrong.field} {wrong.reason}; {_AGAIN}"
        ) from None
    problems = bundle_session_problems(session)
    if problems:
        raise InterchangeError(f"{where} cannot be imported: {problems[0]}; {_AGAIN}")
    return session


def bundle_session_problems(session: Session) -> list[str]:
    """What keeps a session from outside out of the archive (empty: nothing): the model's
    problems (:func:`observe.validity.session_problems`), and a session not yet ended."""
    found = session_problems(session)
    if found and found[0].field == "id":
        return [found[0].sentence]  # the id names a file: nothing else matters until it is safe
    problems = [_worded(problem, session.scheme) for problem in found]
    if session.status != "ended":
        problems.insert(0, f"it is {session.status}, not ended (end it before exporting it)")
    return problems


def _worded(found: SessionProblem, scheme: Scheme) -> str:
    """A problem of the session said as part of "session N cannot be imported: …"."""
    if found.event is None or found.problem is None:
        return found.sentence
    return _event_worded(found.problem, found.event, scheme)


def _event_worded(problem: Problem, event: Event, scheme: Scheme) -> str:
    if problem.field == "code":
        return f'its event at {event.t:g} s has the code "{shown(event.code)}", not in its scheme'
    if problem.field == "t":
        return f"its event {event.id[:8]}: {problem.sentence}"
    if problem.field == "kind":
        code_kind = "point" if problem.rule is Rule.POINT_CODE_KIND else "state"
        return (
            f'its event at {event.t:g} s is a {event.kind} of the {code_kind} code "{event.code}"'
        )
    if problem.field == "note":
        return f"its event at {event.t:g} s: {problem.sentence}"
    return (
        f"its event at {event.t:g} s has the intensity {event.intensity}, "
        f"outside its scheme's 1 to {scheme.intensity_levels}"
    )


__all__: Sequence[str] = [
    "BUNDLE_FORMAT",
    "BUNDLE_VERSION",
    "BundleContents",
    "bundle_data",
    "bundle_identity",
    "bundle_session_problems",
    "bundle_text",
    "parse_bundle",
    "read_bundle",
]
