"""A journal edited by hand, or damaged into values no session may hold, is kept aside.

Every line of a journal carries its checksum, but a checksum only says a line is whole,
not that what it says makes sense: anyone can write a line with a time of 1e300 s, a pause
before the start or a code the scheme does not have, and compute its checksum. Replayed,
such a journal would reach the index, the figures and the reports, which assume every value
in range (an event time of 1e9 s once made ``report`` draw timeline strips for thirty
years). So a replayed session is held to the same model as every other way in
(:func:`observe.validity.session_problems`): one that breaks it is set aside like a
journal that cannot be read, named with what to do, and the session opens as its file
last saved it; ``session list``, ``session show``, ``report`` and resuming never fail.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.cli import main
from observe.errors import ArchiveError
from observe.model import Session, new_id
from observe.store import Archive
from observe.validity import session_problems

from .conftest import die, record

WALL = "2026-03-02T10:05:00+00:00"
#: The ids of the events the last :func:`hostile_archive` saved in the session file.
saved_ids: list[str] = []


def event(t: Any, code: Any = "hungry", **more: Any) -> dict[str, Any]:
    return {"id": new_id(), "code": code, "t": t, "kind": "point", **more}


def recorded(t: Any, code: Any = "hungry", **more: Any) -> dict[str, Any]:
    return {"type": "EventRecorded", "event": event(t, code, **more)}


#: Lines a hand or a failing disk could write, each with its checksum right, and a
#: fragment of the sentence that must name it.
HOSTILE: dict[str, tuple[dict[str, Any], str]] = {
    "an event at 1e300 s": (recorded(1e300), "longest session observe keeps"),
    "an event at 1e9 s": (recorded(1e9), "longest session observe keeps"),
    "an event at infinity": (recorded(float("inf")), "not a number of seconds"),
    "an event at NaN": (recorded(float("nan")), "not a number of seconds"),
    "an event before the start": (recorded(-5.0), "is negative"),
    "a code not in the scheme": (recorded(6.0, "nope"), '"nope" is not a code'),
    "an intensity of 99": (recorded(6.0, intensity=99), "intensity 99"),
    "a note of 100,000 characters": (recorded(6.0, note="x" * 100_000), "the note is"),
    "a pause before the start": (
        {"type": "SessionPaused", "t": -1.0, "wall": WALL},
        "before the start of the session",
    ),
    "a pause at 1e300 s": (
        {"type": "SessionPaused", "t": 1e300, "wall": WALL},
        "longest session observe keeps",
    ),
    "a rating of 99": (
        {"type": "SessionAnnotated", "ratings": {"overall_warmth": 99}, "notes": ""},
        "outside the scale",
    ),
    "a rating not in the scheme": (
        {"type": "SessionAnnotated", "ratings": {"bogus": 3}, "notes": ""},
        "is not a rating of its scheme",
    ),
    "notes with an escape sequence": (
        {"type": "SessionAnnotated", "ratings": {}, "notes": "\x1b[2J"},
        "control character",
    ),
    "an end of 1e300 s": (
        {"type": "SessionEnded", "duration": 1e300, "wall": WALL},
        "longest session observe keeps",
    ),
    "an end on a date that does not exist": (
        {"type": "SessionEnded", "duration": 6.0, "wall": "2026-13-45T99:99"},
        "ended_at",
    ),
}


def encode_line(record: dict[str, Any]) -> bytes:
    """A journal line as observe writes one, its checksum right, but with whatever values
    ``record`` has (``Infinity`` and ``NaN`` too, which Python's JSON reader accepts)."""
    body = json.dumps(record, separators=(",", ":")).encode()
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def hostile_archive(archive_dir: Path, session: Session, *lines: dict[str, Any]) -> bytes:
    """``session`` recorded live (three events saved in its file, one more only in its
    journal), the process killed, then ``lines`` appended to its journal with their
    checksums right; returns the journal's bytes as they then are."""
    archive = Archive.open(archive_dir)
    recorder = archive.recorder(session)
    saved_ids.clear()
    saved_ids.extend(e.id for e in record(recorder, 1.0, 2.0, 3.0))
    recorder.fold()
    record(recorder, 4.0)
    die(archive)
    journal = archive.journal_path(session.id)
    with journal.open("ab") as out:
        for line in lines:
            out.write(encode_line(line))
    return journal.read_bytes()


def kept_journals(archive_dir: Path, session: Session) -> list[Path]:
    return list((archive_dir / "sessions").glob(f"{session.id}.journal.damaged-*"))


@pytest.mark.parametrize("case", HOSTILE)
def test_a_journal_with_values_no_session_may_hold_is_kept_aside_and_named(
    archive_dir: Path, live_session: Session, case: str
) -> None:
    """What a user would meet otherwise: the hostile value in the index, in ``session
    show`` and in the report (a hang, an overflow, a LayoutError) — or a traceback."""
    line, fragment = HOSTILE[case]
    written = hostile_archive(archive_dir, live_session, line)
    with Archive.open(archive_dir) as archive:
        (kept,) = kept_journals(archive_dir, live_session)
        assert kept.read_bytes() == written, "kept as it was, never deleted"
        assert not archive.journal_path(live_session.id).exists()
        (problem,) = [p for p in archive.problems if kept.name in p]
        assert fragment in problem, problem
        assert "no session observe keeps" in problem
        assert "opens as its file last saved it (3 events)" in problem
        session = archive.load(live_session.id)
        assert [e.t for e in session.events] == [1.0, 2.0, 3.0]
        assert session_problems(session) == []
        (listed,) = archive.list_sessions()
        assert listed.events == 3
        resumed = archive.recorder(session)  # resuming records on, in a fresh journal
        record(resumed, 5.0)
        resumed.close()
        assert [e.t for e in archive.load(live_session.id).events] == [1.0, 2.0, 3.0, 5.0]
    assert kept.read_bytes() == written


@pytest.mark.parametrize("case", ["an event at 1e300 s", "a code not in the scheme"])
def test_session_list_show_and_report_name_a_hostile_journal_and_never_fail(
    archive_dir: Path, live_session: Session, case: str, tmp_path: Path
) -> None:
    """Through the command line: ``session show`` opens the archive read-only (it names
    the journal and moves nothing), ``session list`` and ``report`` after an opening for
    writing has set the journal aside."""
    line, fragment = HOSTILE[case]
    written = hostile_archive(archive_dir, live_session, line)
    journal = archive_dir / "sessions" / f"{live_session.id}.journal"
    shown = observe(archive_dir, "session", "show", live_session.id[:8])
    assert shown.exit_code == 0, shown.output
    assert "events (3)" in shown.stdout and fragment in shown.stderr
    assert f"the journal {journal} cannot be read" in shown.stderr
    assert journal.read_bytes() == written, "a read-only open moves nothing"
    assert observe(archive_dir, "demo").exit_code == 0  # opens the archive for writing
    listed = observe(archive_dir, "session", "list")
    assert listed.exit_code == 0, listed.output
    (kept,) = kept_journals(archive_dir, live_session)
    assert kept.name in listed.stderr and live_session.id[:8] in listed.stdout
    report = observe(archive_dir, "report", live_session.id[:8], "-o", str(tmp_path))
    assert report.exit_code == 0, report.output
    assert list(tmp_path.glob("*.pdf"))
    assert kept.name in report.stderr
    assert kept.read_bytes() == written


def test_a_hostile_journal_with_no_session_file_is_kept_and_the_session_not_listed(
    archive_dir: Path, live_session: Session
) -> None:
    """Its header is the only copy of the session: nothing of it can be trusted."""
    written = hostile_archive(archive_dir, live_session, HOSTILE["an event at 1e300 s"][0])
    (archive_dir / "sessions" / f"{live_session.id}.json").unlink()
    with Archive.open(archive_dir) as archive:
        (kept,) = kept_journals(archive_dir, live_session)
        assert kept.read_bytes() == written
        (problem,) = [p for p in archive.problems if kept.name in p]
        assert "has no saved file" in problem
        assert archive.list_sessions() == []
        with pytest.raises(ArchiveError, match="no saved file"):
            archive.load(live_session.id)


def test_a_hostile_journal_header_with_no_session_file_is_kept(
    archive_dir: Path, live_session: Session
) -> None:
    """The header itself says a session no way in accepts (a dyad of 100,000 characters,
    which once made ``report`` fail with a LayoutError)."""
    header = {
        "type": "JournalStarted",
        "journal": new_id(),
        "session": {**json.loads(json.dumps(_unstructured(live_session))), "dyad": "D" * 100_000},
    }
    sessions = archive_dir / "sessions"
    Archive.open(archive_dir).close()
    journal = sessions / f"{live_session.id}.journal"
    journal.write_bytes(encode_line(header))
    with Archive.open(archive_dir) as archive:
        (kept,) = kept_journals(archive_dir, live_session)
        (problem,) = [p for p in archive.problems if kept.name in p]
        assert "its dyad is 100,000 characters long" in problem
        assert archive.list_sessions() == []


def test_a_session_file_with_a_problem_of_its_own_still_opens_with_its_journal(
    archive_dir: Path, live_session: Session
) -> None:
    """Only what the journal brings is held against it: a problem the session file has
    already (here a dyad that is too long, as an older version may have written it) is
    not the journal's, and the journal's events are not set aside for it."""
    long_dyad = _with(live_session, dyad="D" * 100)
    hostile_archive(archive_dir, long_dyad)
    with Archive.open(archive_dir) as archive:
        assert kept_journals(archive_dir, long_dyad) == []
        assert [e.t for e in archive.load(long_dyad.id).events] == [1.0, 2.0, 3.0, 4.0]


def test_a_change_that_cannot_be_applied_is_named_as_a_damaged_line(
    archive_dir: Path, live_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change the model raises on while it is applied (none known today: this holds
    the door shut for the next one) is refused with the line it is on, not a traceback."""
    import observe.changes as changes
    import observe.store.replay as replay

    hostile_archive(archive_dir, live_session, recorded(5.0))

    def broken(session: Session, change: object) -> Session:
        raise OverflowError("no")

    # The changes are replayed at once, then one by one to find the line that raises.
    monkeypatch.setattr(changes, "apply_change", broken)
    monkeypatch.setattr(replay, "apply_change", broken)
    # Line 5: the first the session file does not hold yet (the header, three events).
    damaged = r"damaged at line 5 \(its change cannot be"
    with Archive.open(archive_dir) as archive, pytest.raises(ArchiveError, match=damaged):
        archive.load(live_session.id)


def _unstructured(session: Session) -> dict[str, Any]:
    from observe.convert import unstructure

    return unstructure(session)


def _with(session: Session, **changes: Any) -> Session:
    from attrs import evolve

    return evolve(session, **changes)


# -- any line at all -----------------------------------------------------------------------

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0, 1.5, 86_400, 86_400.001, -0.0, 1e-300]),
)
texts = st.one_of(st.text(max_size=30), st.sampled_from(["hungry", "feed", "fussing", ""]))
hostile_values = st.one_of(numbers, texts, st.none(), st.booleans(), st.lists(numbers, max_size=2))
hostile_events = st.fixed_dictionaries(
    {"id": st.one_of(st.just(None), texts), "code": texts, "t": st.one_of(numbers, hostile_values)},
    optional={
        "kind": st.sampled_from(["point", "start", "stop", "bogus"]),
        "intensity": hostile_values,
        "note": st.one_of(texts, st.just("n" * 1_001)),
    },
)
hostile_lines = st.one_of(
    st.builds(lambda e: {"type": "EventRecorded", "event": e}, hostile_events),
    st.builds(lambda e: {"type": "EventAmended", "event": e}, hostile_events),
    st.builds(lambda t, w: {"type": "SessionPaused", "t": t, "wall": w}, numbers, texts),
    st.builds(lambda t, w: {"type": "SessionEnded", "duration": t, "wall": w}, numbers, texts),
    st.builds(lambda t, w: {"type": "ExclusionStarted", "t": t, "wall": w}, numbers, texts),
    st.builds(lambda t, w: {"type": "ExclusionEnded", "t": t, "wall": w}, numbers, texts),
    st.builds(
        lambda r, n: {"type": "SessionAnnotated", "ratings": r, "notes": n},
        st.dictionaries(texts, hostile_values, max_size=2),
        texts,
    ),
    st.dictionaries(texts, hostile_values, max_size=3),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(hostile_lines, min_size=1, max_size=3))
def test_any_journal_lines_give_a_valid_session_or_a_kept_journal(
    tmp_path_factory: pytest.TempPathFactory, make_session, lines: list[dict[str, Any]]
) -> None:
    """Whatever lines follow a good journal, opening the archive raises nothing but a
    sentence, and then either the session holds only what a session may hold, or the
    journal was set aside (or refused as damaged) with a sentence naming it — never
    deleted, and the three events saved in the file always there."""
    archive_dir = tmp_path_factory.mktemp("hostile") / "archive"
    session = make_session(status="live")
    for line in lines:
        if isinstance(line.get("event"), dict) and line["event"]["id"] is None:
            line["event"]["id"] = new_id()
    hostile_archive(archive_dir, session, *lines)
    with Archive.open(archive_dir) as archive:
        try:
            loaded = archive.load(session.id)
        except ArchiveError as refused:
            assert f"{session.id}.journal" in str(refused)
            assert (archive_dir / "sessions" / f"{session.id}.journal").exists()
            return
        assert session_problems(loaded) == []
        assert set(saved_ids) <= {e.id for e in loaded.events}
        kept = kept_journals(archive_dir, session)
        journal = archive_dir / "sessions" / f"{session.id}.journal"
        assert journal.exists() or kept
        if kept:
            assert [p for p in archive.problems if kept[0].name in p]
        for summary in archive.list_sessions():
            assert summary.events == len(loaded.events)
