"""Exports for statistics software: SDIS for GSEQ and one CSV table for R/SPSS/pandas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from attrs import evolve

from observe.interchange.csv_events import parse_events_csv
from observe.interchange.csv_export import sessions_to_csv
from observe.interchange.sdis import sdis_code, sessions_to_sdis
from observe.interchange.simulate import demo_sessions
from observe.model import Session
from observe.scheme import Scheme

SessionFactory = Callable[..., Session]


def test_sdis_has_the_declaration_labels_events_bounds_and_slashes(
    make_session: SessionFactory,
) -> None:
    session = make_session(
        [(3.2, "hungry"), (5, "feed"), (12.75, "fussing", "start"), (15, "calm"),
         (20.5, "fussing", "stop")],
        duration=31,
        dyad="D017",
        visit="2",
    )  # fmt: skip
    text = sessions_to_sdis([session])
    assert text == (
        "Timed hungry tired over fussing feed calm settle reduce play ;\n"
        f"<D017_v2_{session.id[:8]}>\n"
        ",0.00 hungry,3.20 feed,5.00 fussing,12.75-20.50 calm,15.00 ,31.00/\n"
    )


def test_sdis_writes_one_block_per_session_in_onset_order(
    make_session: SessionFactory,
) -> None:
    first = make_session(
        [(1, "fussing", "start"), (2, "calm"), (9, "fussing", "stop")], duration=10
    )
    second = make_session([(4, "hungry")], duration=8, dyad="D018", visit="")
    text = sessions_to_sdis([first, second])
    blocks = text.split("\n<")[1:]
    assert len(blocks) == 2
    assert "fussing,1-9 calm,2" in blocks[0], "a state is written at its onset"
    assert blocks[1].startswith(f"D018_{second.id[:8]}>")
    assert text.count("/") == 2 and text.rstrip().endswith(",8/")


def test_sdis_closes_a_state_never_stopped_at_the_end(make_session: SessionFactory) -> None:
    session = make_session([(4, "fussing", "start")], duration=60)
    assert "fussing,4-60 ,60/" in sessions_to_sdis([session])


def test_sdis_times_share_one_precision_and_codes_are_words(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)[:3]
    text = sessions_to_sdis(sessions)
    times = re.findall(r",(\d+(?:\.\d+)?)", text)
    assert times and {len(t.split(".")[1]) if "." in t else 0 for t in times} == {3}
    assert sdis_code("check-in") == "check_in"
    assert sdis_code("2nd") == "c2nd"
    declaration = text.splitlines()[0]
    assert re.fullmatch(r"Timed( [A-Za-z][A-Za-z0-9_]*)+ ;", declaration)


def test_sdis_event_count_matches_the_sessions(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)[:4]
    text = sessions_to_sdis(sessions)
    body = "\n".join(line for line in text.splitlines()[1:] if not line.startswith("<"))
    written = re.findall(r"[A-Za-z]\w*,\d", body)
    expected = sum(1 for s in sessions for e in s.events if e.kind != "stop")
    assert len(written) == expected


#: Written out rather than imported: a renamed or dropped column breaks the R, SPSS and
#: pandas scripts that read these files, so it must be a deliberate change to this test.
EXPORTED_COLUMNS = (
    "session_id", "dyad", "observer", "visit", "context", "started_at", "session_duration",
    "scheme_id", "scheme_version", "origin",
    "event_id", "time", "code", "actor", "kind", "intensity", "note",
)  # fmt: skip


def test_csv_export_has_one_row_per_event_with_the_session_columns(tiny_scheme: Scheme) -> None:
    sessions = demo_sessions(tiny_scheme)[:2]
    rows = list(csv.DictReader(io.StringIO(sessions_to_csv(sessions))))
    assert tuple(rows[0]) == EXPORTED_COLUMNS
    assert len(rows) == sum(len(s.events) for s in sessions)
    first = sessions[0]
    own = [r for r in rows if r["session_id"] == first.id]
    assert [(float(r["time"]), r["code"], r["kind"]) for r in own] == [
        (e.t, e.code, e.kind) for e in first.events
    ]
    assert {r["dyad"] for r in own} == {first.dyad}
    assert {r["actor"] for r in own} <= {"infant", "caregiver"}
    cue_rows = [r for r in own if r["actor"] == "infant"]
    assert all(tiny_scheme.is_cue(r["code"]) for r in cue_rows)


def test_csv_export_keeps_a_session_without_events(make_session: SessionFactory) -> None:
    empty = make_session([], duration=120)
    rows = list(csv.DictReader(io.StringIO(sessions_to_csv([empty]))))
    assert len(rows) == 1 and rows[0]["session_id"] == empty.id and rows[0]["code"] == ""


def test_csv_export_event_columns_read_back_with_the_importer(
    make_session: SessionFactory, tiny_scheme: Scheme
) -> None:
    """The event columns of one session's export can be cut out and imported again."""
    session = make_session([(1, "hungry", "point", 2), (2.5, "feed"), (3, "fussing", "start"),
                            (8, "fussing", "stop")])  # fmt: skip
    session = evolve(session, events=(evolve(session.events[0], note='said "hi", waved'),
                                      *session.events[1:]))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(sessions_to_csv([session]))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["time", "code", "kind", "intensity", "note"])
    for row in rows:
        writer.writerow([row["time"], row["code"], row["kind"], row["intensity"], row["note"]])
    parsed = parse_events_csv(out.getvalue(), tiny_scheme, "cut.csv")
    assert [(e.t, e.code, e.kind, e.intensity, e.note) for e in parsed] == [
        (e.t, e.code, e.kind, e.intensity, e.note) for e in session.events
    ]
