"""SDIS exports follow the timed-event grammar with exclusive offsets (issue 10).

A session is ``[0, end)``: every onset lies in it, every offset is after its onset and at
most the end, so GSEQ never meets an event at or after a session's end token and never an
empty span such as ``12-12``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from observe.interchange.sdis import sessions_to_sdis

TOKEN = re.compile(
    r"(?P<code>[A-Za-z]\w*)?,(?P<onset>\d+(?:\.\d+)?)(?:-(?P<offset>\d+(?:\.\d+)?))?"
)


def sdis_sessions(text: str) -> list[tuple[str, list[tuple[str, float, float | None]], float]]:
    """(label, events, end) of every session block, reading the grammar strictly: any
    token that is not ``,time``, ``code,onset`` or ``code,onset-offset`` fails the test."""
    lines = text.splitlines()
    assert re.fullmatch(r"Timed( [A-Za-z]\w*)+ ;", lines[0])
    sessions = []
    for block in " ".join(lines[1:]).split("/")[:-1]:
        label, _, body = block.strip().partition(">")
        tokens = body.split()
        matches = [TOKEN.fullmatch(token) for token in tokens]
        assert all(matches), tokens
        start, *events, end = matches
        assert start["code"] is None and float(start["onset"]) == 0.0
        assert end["code"] is None and end["offset"] is None
        sessions.append(
            (
                label.lstrip("<"),
                [
                    (
                        m["code"],
                        float(m["onset"]),
                        None if m["offset"] is None else float(m["offset"]),
                    )
                    for m in events
                ],
                float(end["onset"]),
            )
        )
    assert text.rstrip().endswith("/")
    return sessions


def assert_inside_the_session(text: str) -> int:
    """Every onset in [0, end), every offset in (onset, end]; returns the events checked."""
    checked = 0
    for label, events, end in sdis_sessions(text):
        for code, onset, offset in events:
            assert 0 <= onset < end, (label, code, onset, end)
            if offset is not None:
                assert onset < offset <= end, (label, code, onset, offset, end)
            checked += 1
    return checked


def test_every_onset_of_the_demo_archive_lies_inside_its_session(cli_archive) -> None:
    """observe demo, then observe export of every demo family as SDIS."""
    assert cli_archive.run("demo").exit_code == 0
    dyads = [f"DEMO-0{n}" for n in range(1, 6)]
    result = cli_archive.run(
        "export", *(a for d in dyads for a in ("--dyad", d)), "--format", "sdis"
    )
    assert result.exit_code == 0, result.output
    assert assert_inside_the_session(result.stdout) > 1000


EVENTS_TO_THE_END = (
    "time,code,kind\n"
    "3.2,hungry,\n"
    "5.0,feed,\n"
    "12,crying,start\n"
    "12,crying,stop\n"
    "40,tired,\n"
    "60.0,feed,\n"
)


@pytest.mark.parametrize(
    "rows",
    [
        EVENTS_TO_THE_END,
        EVENTS_TO_THE_END + "60.0,crying,start\n",  # a state begun at the very end
        "time,code\n0,hungry\n0,feed\n",  # everything at 0: a session of no length
    ],
    ids=["last-event-at-the-end", "state-begun-at-the-end", "no-length"],
)
def test_a_csv_import_without_duration_exports_inside_its_session(
    cli_archive, tmp_path: Path, rows: str
) -> None:
    """The duration defaults to the last event's time, so that event sits exactly at the
    session's end; the export still puts it inside ``[0, end)``, and the state started and
    stopped at 12 s is a momentary event, not ``12-12``."""
    path = tmp_path / "events.csv"
    path.write_text(rows, encoding="utf-8")
    imported = cli_archive.run(
        "session", "import", str(path), "--scheme", "infant-cues", "--dyad", "D017",
        "--observer", "OBS1",
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    session_id = imported.stdout.strip().splitlines()[-1]
    result = cli_archive.run("export", session_id, "--format", "sdis")
    assert result.exit_code == 0, result.output
    events = rows.count("\n") - 1 - rows.count(",stop")
    assert assert_inside_the_session(result.stdout) == events
    assert "12-12" not in result.stdout


def test_the_end_is_extended_by_one_time_unit_only_where_an_event_needs_it(make_session) -> None:
    """feed at 60 in a 60 s session: the end is written 61 (whole seconds: the unit is 1 s);
    the same events in a 61 s session end at 61 as recorded; a state started and stopped at
    12 is written as the moment 12; a state never stopped lasts to the written end."""
    at_end = make_session(
        [(12, "fussing", "start"), (12, "fussing", "stop"), (60, "feed")], duration=60
    )
    assert sessions_to_sdis([at_end]).splitlines()[-1] == ",0 fussing,12 feed,60 ,61/"
    longer = make_session(
        [(12, "fussing", "start"), (12, "fussing", "stop"), (60, "feed")], duration=61
    )
    assert sessions_to_sdis([longer]).splitlines()[-1] == ",0 fussing,12 feed,60 ,61/"
    tenths = make_session([(2.5, "fussing", "start"), (7.5, "feed")], duration=7.5)
    assert sessions_to_sdis([tenths]).splitlines()[-1] == ",0.0 fussing,2.5-7.6 feed,7.5 ,7.6/"
