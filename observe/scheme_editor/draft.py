"""A scheme read from a file that still has problems, as far as it can be read.

While someone edits a scheme, it is seldom valid: a new cue has no key yet, a rule no
consequents. The editor's previews (the table of codes, the grid of fits, the keyboard)
still need the scheme's codes, actors and rules, so :func:`draft_scheme` builds a
:class:`~observe.scheme.Scheme` from whatever the data holds, leaving out what it cannot
use (a table without an id, a window that is not a number, an actor that does not exist).
A draft is for showing only: what is saved and coded is the scheme the one validation
accepts (:meth:`~observe.scheme_editor.document.SchemeDocument.scheme`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from observe.scheme import Actor, Contingency, Cue, Rating, Response, Scheme, StateGroup
from observe.scheme.problems import is_int, is_positive

#: The windows a draft takes where the file gives none it can use (s).
DRAFT_RESPONSE_WINDOW = 5.0
DRAFT_REPAIR_WINDOW = 30.0


def draft_scheme(data: Mapping[str, Any]) -> Scheme:
    """The scheme ``data`` says, as far as it can be read (see the module's docstring)."""
    head = data.get("scheme")
    head = head if isinstance(head, dict) else {}
    actors = [
        Actor(table["id"], _text(table, "label") or table["id"], infant=table.get("infant") is True)
        for table in _tables(data, "actors")
    ]
    actor_ids = {actor.id for actor in actors} if actors else {"infant", "caregiver"}
    cues = [
        Cue(
            table["id"],
            _text(table, "label") or table["id"],
            _text(table, "key"),
            matches=_ids(table.get("matches")),
            window=_positive(table.get("window")),
            group=_text(table, "group") or None,
            kind="state" if table.get("kind") == "state" else "point",
            actor=_actor(table, actor_ids),
        )
        for table in _tables(data, "cues")
    ]
    taken = {cue.id for cue in cues}
    responses = [
        Response(
            table["id"],
            _text(table, "label") or table["id"],
            _text(table, "key"),
            group=_text(table, "group") or None,
            kind="state" if table.get("kind") == "state" else "point",
            actor=_actor(table, actor_ids),
        )
        for table in _tables(data, "responses", taken)
    ]
    response_window = _positive(head.get("response_window")) or DRAFT_RESPONSE_WINDOW
    return Scheme(
        id=_text(head, "id") or "draft",
        name=_text(head, "name"),
        version=_text(head, "version"),
        description=_text(head, "description"),
        response_window=response_window,
        repair_window=_positive(head.get("repair_window")) or DRAFT_REPAIR_WINDOW,
        intensity_levels=head["intensity_levels"] if is_int(head.get("intensity_levels")) else 0,
        actors=actors,
        cues=cues,
        responses=responses,
        contingencies=[_rule(table) for table in _tables(data, "contingencies")],
        state_groups=[
            StateGroup(
                table["id"],
                _text(table, "label") or table["id"],
                codes=_ids(table.get("codes")),
                exclusive=table.get("exclusive", True) is True,
                exhaustive=table.get("exhaustive") is True,
                initial=_text(table, "initial") or None,
            )
            for table in _tables(data, "state_groups")
        ],
        ratings=[_rating(table) for table in _tables(data, "ratings")],
    )


def _tables(
    data: Mapping[str, Any], name: str, taken: set[str] | None = None
) -> Iterator[dict[str, Any]]:
    """The tables of array ``name`` that have an id, each id once (and none in ``taken``)."""
    seen = taken if taken is not None else set()
    tables = data.get(name)
    for table in tables if isinstance(tables, list) else ():
        usable = isinstance(table, dict) and isinstance(table.get("id"), str) and table["id"]
        if usable and table["id"] not in seen:
            seen.add(table["id"])
            yield table


def _text(table: Mapping[str, Any], name: str) -> str:
    value = table.get(name)
    return value if isinstance(value, str) else ""


def _ids(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(item for item in value if isinstance(item, str)))


def _positive(value: object) -> float | None:
    return float(value) if is_positive(value) else None  # type: ignore[arg-type]


def _actor(table: Mapping[str, Any], actor_ids: set[str]) -> str | None:
    actor = table.get("actor")
    return actor if isinstance(actor, str) and actor in actor_ids else None


def _rule(table: dict[str, Any]) -> Contingency:
    matches = table.get("matches")
    windows = table.get("windows")
    return Contingency(
        table["id"],
        _text(table, "label") or table["id"],
        antecedents=_ids(table.get("antecedents")),
        consequents=_ids(table.get("consequents")),
        window=_positive(table.get("window")),
        repair_window=_positive(table.get("repair_window")),
        matches={
            key: _ids(value)
            for key, value in (matches.items() if isinstance(matches, dict) else ())
        },
        windows={
            key: float(value)
            for key, value in (windows.items() if isinstance(windows, dict) else ())
            if is_positive(value)
        },
    )


def _rating(table: dict[str, Any]) -> Rating:
    low = table.get("min", 1)
    high = table.get("max", 5)
    low, high = (low, high) if is_int(low) and is_int(high) and low < high else (1, 5)
    anchors = table.get("anchors")
    return Rating(
        table["id"],
        _text(table, "label") or table["id"],
        low,
        high,
        anchors={
            int(point): text
            for point, text in (anchors.items() if isinstance(anchors, dict) else ())
            if point.lstrip("-").isdigit() and isinstance(text, str)
        },
    )
