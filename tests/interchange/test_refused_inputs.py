"""Every field of a session that arrives from outside is checked, and a bad one changes nothing.

Bundles are how one laptop's sessions enter another's archive, and CSV files how sessions coded
elsewhere enter it. If these failed, a date that is no date would be shown as one, a time of
10⁹ s would make a report hang, a 100,000-character dyad would make it fail, a rating the
scheme does not have would be counted, or half of a bad import would be left in the archive.
Each case runs the real command against an archive that already holds a session, and checks
the one sentence it prints (the file, the session or row, the field, the reason) and that
every file of the archive has the same bytes afterwards.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

from observe.convert import structure, unstructure
from observe.interchange.bundle import bundle_data
from observe.model import Session, new_id
from observe.scheme import Scheme
from observe.store import Archive
from observe.validity import NotExactly, structure_exactly

Data = dict[str, Any]


def _set(path: str, value: object) -> Callable[[Data], None]:
    """A change to the session's JSON: the value at a dotted path (``events.0.t``)."""

    def change(session: Data) -> None:
        *parents, last = path.split(".")
        target: Any = session
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _scheme(path: str, value: object) -> Callable[[Data], None]:
    """A change to the scheme snapshot, with the digest recorded for the changed snapshot (so
    the snapshot itself is what is checked, as a scheme file would be)."""
    changed = _set(f"scheme.{path}", value)

    def change(session: Data) -> None:
        changed(session)
        session["scheme_digest"] = structure(session["scheme"], Scheme).digest

    return change


def _remove(name: str) -> Callable[[Data], None]:
    return lambda session: session.pop(name)


def _many_events(count: int) -> Callable[[Data], None]:
    def change(session: Data) -> None:
        session["duration"] = 86_400.0
        session["events"] = [
            {"id": new_id(), "code": "hungry", "t": i * 0.5, "kind": "point",
             "intensity": None, "note": None}
            for i in range(count)
        ]  # fmt: skip

    return change


LONG = "x" * 100_000

#: (what is wrong, the change to a good session's JSON, the words the refusal must hold).
BUNDLE_CASES: list[tuple[str, Callable[[Data], None], str]] = [
    ("start not a date", _set("started_at", "2026-13-45T99:99"),
     'its started_at "2026-13-45T99:99" is not a date and time'),
    ("start without offset", _set("started_at", "2026-03-02T10:00:00"),
     'its started_at "2026-03-02T10:00:00" has no offset from UTC'),
    ("start out of range", _set("started_at", "9999-12-31T23:59:59+14:00"),
     "its started_at \"9999-12-31T23:59:59+14:00\" is not between 1900 and 2100"),
    ("start not text", _set("started_at", 20260302), "its field started_at must be text"),
    ("end not a date", _set("ended_at", "garbage"),
     'its ended_at "garbage" is not a date and time'),
    ("rating not in the scheme", _set("ratings", {"nope": 99}),
     'its rating "nope" is not a rating of its scheme tiny'),
    ("rating out of its range", _set("ratings.overall_warmth", 99),
     "its rating overall_warmth is 99, outside the scale 1 to 5"),
    ("rating as text", _set("ratings.overall_warmth", "4"),
     'its field ratings["overall_warmth"] must be a whole number, not the text "4"'),
    ("rating as a fraction", _set("ratings.overall_warmth", 4.5),
     'ratings["overall_warmth"] must be a whole number, not the number 4.5'),
    ("pause before the start", _set("pauses.0.at", -1),
     "its pause at -1 s is before the start of the session"),
    ("pause after the end", _set("pauses.0.at", 1e9),
     "its pause at 1e+09 s is after the end of the session (60 s)"),
    ("pause wall clock", _set("pauses.0.paused_wall", "yesterday"),
     "its pause 1's paused_wall \"yesterday\" is not a date and time"),
    ("pause missing its wall clock", lambda s: s["pauses"][0].pop("paused_wall"),
     "its field pauses[0].paused_wall is missing"),
    ("time as text", _set("events.0.t", "5"),
     'its field events[0].t must be a number, not the text "5"'),
    ("time 1e300", _set("events.0.t", 1e300), "time 1e+300 s is after the end of the session"),
    ("time 1e20", _set("events.0.t", 1e20), "time 1e+20 s is after the end of the session"),
    ("time negative", _set("events.0.t", -1), "time -1 is negative"),
    ("time too large to hold", _set("events.0.t", 10**400),
     "its field events[0].t is a number too large to hold"),
    ("duration 1e300", _set("duration", 1e300),
     "its duration 1e+300 s is more than 24 hours, longer than the longest session"),
    ("duration 1e9", _set("duration", 1e9), "its duration 1e+09 s is more than 24 hours"),
    ("duration negative", _set("duration", -5), "its duration -5.0 is not a number of seconds"),
    ("duration as text", _set("duration", "60"),
     'its field duration must be a number, not the text "60"'),
    ("dyad of 100,000 characters", _set("dyad", LONG),
     "its dyad is 100,000 characters long, more than the 64 it may be"),
    ("dyad empty", _set("dyad", "  "), "it has no dyad code"),
    ("dyad of two lines", _set("dyad", "D01\nD02"), "its dyad holds a line break"),
    ("observer too long", _set("observer", LONG), "its observer is 100,000 characters long"),
    ("visit too long", _set("visit", "v" * 65), "its visit is 65 characters long"),
    ("context too long", _set("context", LONG), "its context is 100,000 characters long"),
    ("notes too long", _set("notes", "n" * 10_001),
     "its notes is 10,001 characters long, more than the 10,000 it may be"),
    ("notes with an escape sequence", _set("notes", "ok\x1b[2J"),
     "its notes holds a control character"),
    ("event note too long", _set("events.0.note", "n" * 1_001),
     "its event at 3 s: the note is 1,001 characters long, more than the 1,000"),
    ("event id not an id", _set("events.0.id", "e1"), 'has the id "e1", not an event id'),
    ("event id twice", lambda s: s["events"][1].__setitem__("id", s["events"][0]["id"]),
     "is used twice"),
    ("event code not in the scheme", _set("events.0.code", "nonsense"),
     'its event at 3 s has the code "nonsense", not in its scheme'),
    ("event kind unknown", _set("events.0.kind", "jump"),
     'its field events[0].kind must be one of "point", "start", "stop", not the text "jump"'),
    ("event kind wrong for its code", _set("events.0.kind", "start"),
     'its event at 3 s is a start of the point code "hungry"'),
    ("intensity outside the scheme", _set("events.0.intensity", 7), "has the intensity 7"),
    ("intensity true", _set("events.0.intensity", True),
     "its field events[0].intensity must be a whole number or null, not true"),
    ("intensity as a float", _set("events.0.intensity", 2.0),
     "events[0].intensity must be a whole number or null, not the number 2.0"),
    ("events out of order", _set("events.0.t", 7.0), "its events are not in time order"),
    ("too many events", _many_events(100_001),
     "it has 100,001 events, more than the 100,000 a session may hold"),
    ("session id unsafe", _set("id", "../../etc/passwd"),
     'its id "../../etc/passwd" is not a session id'),
    ("status live", _set("status", "live"), "it is live, not ended"),
    ("origin unknown", _set("origin", "alien"), "its field origin must be one of"),
    ("field unknown", _set("colour", "blue"),
     'has fields this version of observe does not know ("colour")'),
    ("field missing", _remove("dyad"), "its field dyad is missing"),
    ("digest not the snapshot's", _set("scheme.response_window", 60.0),
     "its scheme snapshot does not match the digest"),
    ("snapshot window not positive", _scheme("response_window", -1.0),
     "its scheme snapshot tiny is not a valid scheme (scheme.response_window: must be a "
     "number of seconds greater than 0"),
    ("snapshot id not a slug", _scheme("id", "Bad Id"),
     'is not a valid scheme (scheme.id: "Bad Id" is not a valid id'),
    ("snapshot key used twice", _scheme("cues.1.key", "h"), 'cues[1].key: "h" is already'),
    ("snapshot key of the coding screen", _scheme("cues.1.key", "x"),
     'cues[1].key: "x" is used by the coding screen'),
    ("snapshot label too long", _scheme("cues.0.label", "L" * 81),
     "cues[0].label: is 81 characters long; shorten it to at most 80"),
    ("snapshot description too long", _scheme("description", "d" * 2_001),
     "scheme.description: is 2,001 characters long"),
    ("snapshot name too long", _scheme("name", LONG), "scheme.name: is 100,000 characters long"),
    ("snapshot window as text", _set("scheme.response_window", "5"),
     'its field scheme.response_window must be a number, not the text "5"'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "words"),
    [case[1:] for case in BUNDLE_CASES],
    ids=[case[0] for case in BUNDLE_CASES],
)
def test_a_bundle_with_a_bad_field_is_refused_in_one_sentence_and_changes_nothing(
    holding,
    archive_state,
    full_session: Session,
    tmp_path: Path,
    change: Callable[[Data], None],
    words: str,
) -> None:
    session = full_session
    data = bundle_data([session])
    change(data["sessions"][0])
    bundle = tmp_path / "visits.json"
    bundle.write_text(json.dumps(data), encoding="utf-8")
    before = archive_state(holding.path)
    result = holding.run("import-bundle", str(bundle))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {bundle} session 1 ("), lines[0]
    assert words in lines[0]
    assert "Traceback" not in result.output and len(lines[0]) < 600
    assert archive_state(holding.path) == before


def test_the_good_session_behind_every_case_imports(
    holding, full_session: Session, tmp_path: Path
) -> None:
    """The cases above fail because of their one change, not because the session is bad."""
    session = full_session
    bundle = tmp_path / "visits.json"
    bundle.write_text(json.dumps(bundle_data([session])), encoding="utf-8")
    result = holding.run("import-bundle", str(bundle))
    assert result.exit_code == 0, result.output
    with Archive.open(holding.path, readonly=True) as archive:
        assert archive.load(session.id) == session


def test_a_dyad_that_looks_like_a_name_is_imported_with_a_warning(
    holding, full_session: Session, tmp_path: Path
) -> None:
    session = evolve(full_session, dyad="Jane Smith")
    bundle = tmp_path / "visits.json"
    bundle.write_text(json.dumps(bundle_data([session])), encoding="utf-8")
    result = holding.run("import-bundle", str(bundle))
    assert result.exit_code == 0, result.output
    assert f"warning: session {session.id[:8]}:" in result.stderr
    assert "looks like a person's name" in result.stderr


def test_json_values_are_never_coerced(full_session: Session) -> None:
    """The archive's own converter would read the text "5" as 5 s; a bundle is read exactly."""
    data = copy.deepcopy(unstructure(full_session))
    assert structure_exactly(data, Session) == structure(data, Session)
    data["events"][0]["t"] = "5"
    assert structure(data, Session).events[0].t == 5.0, "the trusting converter coerces"
    with pytest.raises(NotExactly) as refused:
        structure_exactly(data, Session)
    assert refused.value.field == "events[0].t"
