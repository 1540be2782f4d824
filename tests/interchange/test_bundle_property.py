"""Any bundle either imports with every field valid, or is refused and changes nothing.

A bundle is built from a good session and changed at random — any field, at any depth,
replaced by a value of another type, an edge of its range or text that only looks right;
fields removed and added; the scheme snapshot changed with its digest made to fit. Then
``observe import-bundle`` runs against an archive holding another session. If this failed,
some way of writing a bundle would slip a field the archive cannot use past the checks, or
a refused import would leave part of itself behind.

Whether an imported session is valid is judged here by a plain statement of the rules
(README "Limits"), not by asking the code under test.
"""

from __future__ import annotations

import copy
import json
import math
import re
import shutil
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from observe.convert import structure, unstructure
from observe.interchange.bundle import bundle_data
from observe.model import new_id
from observe.scheme import Scheme
from observe.store import Archive

HEX_ID = re.compile(r"[0-9a-f]{32}")
EDGE_TEXT = [
    "", " ", "5", "garbage", "2026-13-45T99:99", "2026-03-02T10:00:00",
    "2026-03-02T10:00:00+01:00", "9999-12-31T23:59:59+14:00", "1899-12-31T23:59:59+00:00",
    "Jane Smith", "x" * 64, "x" * 65, "n" * 1_001, "n" * 10_001, "a\x1b[2J", "two\nlines",
    "hungry", "feed", "fussing", "nonsense", "point", "start", "stop", "ended", "live",
    "import", "overall_warmth", "Bad Id", "h", "x", new_id(), new_id()[:31],
]  # fmt: skip
EDGE_NUMBERS = [
    -1, 0, 1, 2, 3, 4, 5, 7, 99, 59.999, 60, 60.001, 86_400, 86_401, 1e9, 1e20, 1e300,
    10**20, 10**400, -0.0, 0.5, 2.0, 4.5,
]  # fmt: skip
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(EDGE_NUMBERS),
    st.integers(-5, 100),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from(EDGE_TEXT),
    st.text(max_size=6),
    st.lists(st.sampled_from([1, "a", None]), max_size=2),
    st.dictionaries(st.sampled_from(["a", "overall_warmth", "t"]), st.integers(0, 9), max_size=2),
)


_LINE = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF), max_size=70)
_WALL = st.datetimes(datetime(1890, 1, 1), datetime(2110, 1, 1), timezones=st.just(UTC)).map(
    datetime.isoformat
)
#: Values that are often valid for a field of that name (and sometimes just out of range).
_USUAL: dict[str, st.SearchStrategy[Any]] = {
    "duration": st.floats(0, 90_000),
    "at": st.floats(-1, 70),
    "t": st.floats(-1, 70),
    "intensity": st.none() | st.integers(0, 4),
    "overall_warmth": st.integers(0, 6),
    "note": st.none() | _LINE,
    "notes": _LINE,
    "label": _LINE,
    "description": _LINE,
    "group": st.none() | _LINE,
    "dyad": _LINE,
    "observer": _LINE,
    "visit": _LINE,
    "context": _LINE,
    "started_at": _WALL,
    "ended_at": st.none() | _WALL,
    "paused_wall": _WALL,
    "resumed_wall": st.none() | _WALL,
    "kind": st.sampled_from(["point", "start", "stop", "state"]),
    "window": st.none() | st.floats(-1, 40),
    "response_window": st.floats(-1, 40),
    "repair_window": st.floats(-1, 40),
}


def _as_float(number: float) -> float | int:
    """A number as a float where one can hold it; 10**400 stays a (hostile) whole number."""
    try:
        return float(number)
    except OverflowError:
        return number


def _alike(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int | float):
        numbers = st.sampled_from(EDGE_NUMBERS) | st.floats(0, 100) | st.integers(0, 10)
        return numbers.map(_as_float) if isinstance(value, float) else numbers
    if isinstance(value, str):
        return st.sampled_from(EDGE_TEXT) | st.text(max_size=6)
    if isinstance(value, list) and value:
        return st.lists(st.sampled_from(value), max_size=len(value) + 1)
    return VALUES


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, its own included."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def changed_sessions(draw: st.DrawFn, session: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(session)
    for _ in range(draw(st.integers(1, 2))):
        field = draw(st.sampled_from(sorted(data)))  # each field as likely, the scheme too
        path = draw(st.sampled_from(_paths(data[field], (field,))))
        parent = _at(data, path[:-1])
        actions = ["alike", "alike", "replace", "remove", "add"]
        usual = _USUAL.get(str(path[-1]))
        action = draw(st.sampled_from(actions + ["usual"] * 4 if usual is not None else actions))
        if action == "usual" and usual is not None:
            parent[path[-1]] = draw(usual)
        elif action == "alike":  # a value of the same JSON type: in range, or just out of it
            parent[path[-1]] = draw(_alike(parent[path[-1]]))
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "remove" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["colour", "t", "id", "extra"]))] = draw(VALUES)
    if draw(st.booleans()):  # let the snapshot, not its digest, be what is judged
        try:
            data["scheme_digest"] = structure(data["scheme"], Scheme).digest
        except Exception:
            pass
    return data


def _wall_clock(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is not None and datetime(1900, 1, 1, tzinfo=UTC) <= moment < datetime(
        2100, 1, 1, tzinfo=UTC
    )


def _line(text: object, limit: int) -> bool:
    return isinstance(text, str) and len(text) <= limit and text.isprintable()


def _prose(text: object, limit: int) -> bool:
    return (
        isinstance(text, str)
        and len(text) <= limit
        and not any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text)
    )


def _number(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value)


def _every_field_valid(session: dict[str, Any]) -> bool:
    """The rules of README "Limits", stated plainly, on a session as the archive holds it."""
    scheme = session["scheme"]
    codes = {code["id"]: code for code in (*scheme["cues"], *scheme["responses"])}
    ratings = {rating["id"]: rating for rating in scheme["ratings"]}
    duration = session["duration"]
    events = session["events"]
    times = [event["t"] for event in events]
    ids = [event["id"] for event in events]
    return all(
        [
            HEX_ID.fullmatch(session["id"]) is not None,
            session["status"] == "ended",
            session["scheme_digest"] == structure(scheme, Scheme).digest,
            _line(session["dyad"], 64) and session["dyad"].strip() != "",
            _line(session["observer"], 64),  # empty in sessions of older versions
            _line(session["visit"], 64) and _line(session["context"], 64),
            _prose(session["notes"], 10_000),
            _wall_clock(session["started_at"]),
            session["ended_at"] is None or _wall_clock(session["ended_at"]),
            _number(duration) and 0 <= duration <= 86_400,
            len(events) <= 100_000 and times == sorted(times) and len(set(ids)) == len(ids),
            all(
                HEX_ID.fullmatch(event["id"])
                and _number(event["t"])
                and 0 <= event["t"] <= duration
                and event["code"] in codes
                and (event["kind"] == "point") == (codes[event["code"]]["kind"] == "point")
                and event["kind"] in ("point", "start", "stop")
                and (
                    event["intensity"] is None
                    or (
                        type(event["intensity"]) is int
                        and 1 <= event["intensity"] <= scheme["intensity_levels"]
                    )
                )
                and (event["note"] is None or _prose(event["note"], 1_000))
                for event in events
            ),
            all(
                key in ratings
                and type(value) is int
                and ratings[key]["min"] <= value <= ratings[key]["max"]
                for key, value in session["ratings"].items()
            ),
            all(
                _number(pause["at"])
                and 0 <= pause["at"] <= duration
                and _wall_clock(pause["paused_wall"])
                and (pause["resumed_wall"] is None or _wall_clock(pause["resumed_wall"]))
                for pause in session["pauses"]
            ),
            session.get("second_coding_of") is None
            or (
                HEX_ID.fullmatch(session["second_coding_of"]) is not None
                and session["second_coding_of"] != session["id"]
            ),
            session.get("second_coding_at") is None or _wall_clock(session["second_coding_at"]),
        ]
    )


def _kept_as_given(stored: Any, given: Any) -> bool:
    """The archive holds what the bundle said, nothing coerced (times kept to the ms)."""
    if isinstance(given, dict):
        return (
            isinstance(stored, dict)
            and stored.keys() == given.keys()
            and all(
                _kept_as_given(stored[key], value)
                if key not in ("t", "at", "duration")
                else stored[key] == round(value, 3)
                for key, value in given.items()
            )
        )
    if isinstance(given, list):
        return (
            isinstance(stored, list)
            and len(stored) == len(given)
            and all(_kept_as_given(a, b) for a, b in zip(stored, given))
        )
    if isinstance(given, bool) or isinstance(stored, bool):
        return type(given) is type(stored) and given == stored
    if isinstance(stored, float) and isinstance(given, int):
        return stored == given  # a JSON number without a fraction is still a number
    return type(stored) is type(given) and stored == given


def _state(path: Path) -> dict[str, bytes | None]:
    return {
        str(entry.relative_to(path)): entry.read_bytes() if entry.is_file() else None
        for entry in sorted(path.rglob("*"))
    }


_FIXTURES_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@settings(max_examples=200, deadline=None, suppress_health_check=_FIXTURES_OK)
@given(data=st.data())
def test_any_bundle_imports_with_every_field_valid_or_changes_nothing(
    holding, full_session, data: st.DataObject
) -> None:
    session = unstructure(full_session)
    changed = data.draw(changed_sessions(session))
    bundle = bundle_data([])
    bundle["sessions"] = [changed]
    work = Path(tempfile.mkdtemp(prefix="bundle-"))
    try:
        archive = work / "archive"
        shutil.copytree(holding.path, archive)
        path = work / "visits.json"
        path.write_text(json.dumps(bundle), encoding="utf-8")
        before = _state(archive)
        result = type(holding)(archive).run("import-bundle", str(path))
        event("imported" if result.exit_code == 0 else "refused")
        if result.exit_code == 0:
            with Archive.open(archive, readonly=True) as opened:
                stored = unstructure(opened.load(changed["id"]))
            assert _every_field_valid(stored), changed
            assert _kept_as_given(stored, changed), (stored, changed)
        else:
            assert result.exit_code == 1, result.output
            lines = result.stderr.splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"error: {path}"), result.stderr
            assert _state(archive) == before
    finally:
        shutil.rmtree(work)
