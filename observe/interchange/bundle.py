"""JSON bundles: sessions, with their scheme snapshots, carried from one archive to another.

Several home visitors' laptops are combined into one programme archive by exporting a
bundle on each (``observe export ... --format json``) and importing them all
(``observe import-bundle``). A session keeps its id, so importing the same bundle twice,
or two bundles holding the same session, never duplicates it.

A bundle is read as untrusted input: everything in it is checked before anything is
stored (ids that are safe as file names, the scheme snapshot against its digest, event
codes, times), and every problem is one sentence naming the bundle and the session.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from observe import __version__
from observe.convert import structure, unstructure
from observe.errors import InterchangeError
from observe.model import Event, Session
from observe.scheme import Scheme
from observe.validity import Problem, Rule, event_problems

BUNDLE_FORMAT = "observe-bundle"
BUNDLE_VERSION = 1
_SESSION_ID = re.compile(r"[0-9a-f]{32}")


def bundle_data(
    sessions: Iterable[Session], *, exported_at: datetime | None = None
) -> dict[str, Any]:
    """The JSON-ready bundle of ``sessions`` (in the order given)."""
    return {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "generator": f"observe {__version__}",
        "exported_at": (exported_at or datetime.now().astimezone()).isoformat(timespec="seconds"),
        "sessions": [unstructure(session) for session in sessions],
    }


def bundle_text(sessions: Iterable[Session], *, exported_at: datetime | None = None) -> str:
    """The bundle as JSON text (UTF-8, indented, keys sorted: diffable and deterministic)."""
    data = bundle_data(sessions, exported_at=exported_at)
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def parse_bundle(text: str, source: str) -> list[Session]:
    """The sessions of a bundle, checked; :class:`InterchangeError` naming the first problem.

    A session listed twice with the same content counts once; with different content it is
    an error (which one is right cannot be known).
    """
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
    items = _sessions_list(data, source)
    sessions: dict[str, Session] = {}
    for number, item in enumerate(items, start=1):
        session = _session(item, number, source)
        earlier = sessions.get(session.id)
        if earlier is not None and earlier != session:
            raise InterchangeError(
                f"{source} holds session {session.id[:8]} twice with different content; "
                "export it again from the laptop it was recorded on"
            )
        sessions[session.id] = session
    return list(sessions.values())


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
        where += f" ({item['id'][:8]})"
    try:
        session = structure(item, Session)
    except Exception as error:
        raise InterchangeError(
            f"{where} is not a valid session ({_first_reason(error)}); "
            "export it again from the laptop it was recorded on"
        ) from None
    problems = session_problems(session)
    if problems:
        raise InterchangeError(
            f"{where} cannot be imported: {problems[0]}; "
            "export it again from the laptop it was recorded on"
        )
    return session


def _first_reason(error: BaseException) -> str:
    """The innermost message of a (possibly grouped) cattrs error, cut short."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def session_problems(session: Session) -> list[str]:
    """What makes a session from outside unsafe or unusable in the archive (empty: none)."""
    problems: list[str] = []
    if not _SESSION_ID.fullmatch(session.id):
        problems.append(f"its id {session.id[:40]!r} is not a session id (32 hex digits)")
        return problems  # the id names a file: nothing else matters until it is safe
    if session.scheme_digest != session.scheme.digest:
        problems.append(
            "its scheme snapshot does not match the digest recorded with it "
            "(the file was edited or damaged)"
        )
    if session.status != "ended":
        problems.append(f"it is {session.status}, not ended (end it before exporting it)")
    if not session.dyad.strip():
        problems.append("it has no dyad code")
    problems.extend(_scheme_problems(session))
    problems.extend(_event_problems(session))
    return problems


def _scheme_problems(session: Session) -> list[str]:
    scheme = session.scheme
    ids = [code.id for code in (*scheme.cues, *scheme.responses)]
    problems = []
    if len(set(ids)) != len(ids):
        problems.append(f"its scheme {scheme.id} uses a code id twice")
    windows = [scheme.response_window, scheme.repair_window]
    windows += [cue.window for cue in scheme.cues if cue.window is not None]
    if not all(math.isfinite(w) and w > 0 for w in windows):
        problems.append(f"its scheme {scheme.id} has a window that is not a positive number")
    return problems


def _event_problems(session: Session) -> list[str]:
    scheme = session.scheme
    if not math.isfinite(session.duration) or session.duration < 0:
        return [f"its duration {session.duration} is not a number of seconds"]
    seen: set[str] = set()
    previous = 0.0
    for event in session.events:
        problems = event_problems(
            scheme,
            code=event.code,
            t=event.t,
            kind=event.kind,
            intensity=event.intensity,
            duration=session.duration,
        )
        if problems:
            return [_worded(problems[0], event, scheme)]
        if event.t < previous:
            return ["its events are not in time order"]
        if event.id in seen:
            return [f"its event id {event.id[:8]} is used twice"]
        seen.add(event.id)
        previous = event.t
    return []


def _worded(problem: Problem, event: Event, scheme: Scheme) -> str:
    """A problem of an event said as part of "session N cannot be imported: …"."""
    if problem.field == "code":
        return f'its event at {event.t:g} s has the code "{event.code}", not in its scheme'
    if problem.field == "t":
        return f"its event {event.id[:8]} has the time {event.t}, outside the session"
    if problem.field == "kind":
        code_kind = "point" if problem.rule is Rule.POINT_CODE_KIND else "state"
        return (
            f'its event at {event.t:g} s is a {event.kind} of the {code_kind} code "{event.code}"'
        )
    return (
        f"its event at {event.t:g} s has the intensity {event.intensity}, "
        f"outside its scheme's 1 to {scheme.intensity_levels}"
    )


__all__: Sequence[str] = [
    "BUNDLE_FORMAT",
    "BUNDLE_VERSION",
    "bundle_data",
    "bundle_text",
    "parse_bundle",
    "session_problems",
]
