"""A CSV import, or an option given with it, that the model of a session refuses changes nothing.

If these failed, ``--started-at 9999-12-31T23:59:59+14:00`` would end in "unexpected problem
(OverflowError …)", an event time of 10⁹ s would be stored and make the session report hang,
a note or an observer of any length would be kept and break the report, and a file of a
million rows would take a minute and a gigabyte before anything was said. Each case runs
``observe session import`` against an archive that already holds a session and checks the
one sentence it prints and that every file of the archive has the same bytes afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.interchange.csv_export import sessions_to_csv
from observe.scheme import Scheme

GOOD = "time,code,kind,intensity,note\n3.2,hungry,,2,rooting\n5.0,feed,,,\n"

#: (what is wrong, the file's text, extra options, the words the refusal must hold).
CSV_CASES: list[tuple[str, str, tuple[str, ...], str]] = [
    ("time 1e9", "time,code\n1e9,hungry\n", (),
     "events.csv row 2: time 1e+09 s is more than 24 hours into the session"),
    ("time 1e20", "time,code\n1e20,hungry\n", (), "row 2: time 1e+20 s is more than 24 hours"),
    ("time 1e300", "time,code\n1e300,hungry\n", (), "row 2: time 1e+300 s is more than 24 hours"),
    ("time past a day", "time,code\n86400.5,hungry\n", (),
     "if the file has milliseconds, divide them by 1000"),
    ("time too large for a number", "time,code\n1e999,hungry\n", (),
     'row 2: time "1e999" is too large'),
    ("note too long", "time,code,note\n1,hungry," + "n" * 1_001 + "\n", (),
     "row 2: the note is 1,001 characters long, more than the 1,000 it may be"),
    ("note with an escape sequence", "time,code,note\n1,hungry,a\x1b[2Jb\n", (),
     "row 2: the note holds a control character"),
    ("duration 1e300", GOOD, ("--duration", "1e300"),
     "the duration 1e+300 s is more than 24 hours, longer than the longest session"),
    ("duration past a day", GOOD, ("--duration", "86401"),
     "the duration 86401 s is more than 24 hours"),
    ("duration not a number", GOOD, ("--duration", "nan"),
     "the duration nan is not a number of seconds"),
    ("start far in the future", GOOD, ("--started-at", "9999-12-31T23:59:59+14:00"),
     'the start time "9999-12-31T23:59:59+14:00" is not between 1900 and 2100'),
    ("start in year 1", GOOD, ("--started-at", "0001-01-01T00:00:00"),
     'the start time "0001-01-01T00:00:00" is not between 1900 and 2100'),
    ("start not a date", GOOD, ("--started-at", "2026-13-45T99:99"),
     'the start time "2026-13-45T99:99" is not an ISO 8601 date and time'),
    ("dyad too long", GOOD, ("--dyad", "D" * 65),
     "the dyad code \"" + "D" * 39 + "…\" is 65 characters long, more than the 64"),
    ("dyad with an escape", GOOD, ("--dyad", "D1\x1b[2J"),
     "holds a line break or a control character"),
    ("observer too long", GOOD, ("--observer", "o" * 65),
     "events.csv cannot be imported: its observer is 65 characters long"),
    ("visit too long", GOOD, ("--visit", "v" * 65), "its visit is 65 characters long"),
    ("context too long", GOOD, ("--context", "c" * 100_000),
     "its context is 100,000 characters long"),
]  # fmt: skip


def _import(archive, path: Path, *extra: str):  # type: ignore[no-untyped-def]
    options = {"--scheme": "infant-cues", "--dyad": "D017", "--observer": "OBS1"}
    pairs = dict(zip(extra[::2], extra[1::2]))
    options.update(pairs)
    args = [str(part) for pair in options.items() for part in pair]
    return archive.run("session", "import", str(path), *args)


@pytest.mark.parametrize(
    ("text", "extra", "words"), [case[1:] for case in CSV_CASES], ids=[c[0] for c in CSV_CASES]
)
def test_a_csv_import_the_model_refuses_is_one_sentence_and_changes_nothing(
    holding, archive_state, tmp_path: Path, text: str, extra: tuple[str, ...], words: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    before = archive_state(holding.path)
    result = _import(holding, path, *extra)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.output and "unexpected" not in result.output
    assert archive_state(holding.path) == before


def _exported(scheme: Scheme, make_session, column: str, value: str) -> str:  # type: ignore[no-untyped-def]
    """A one-session export with one session column's value replaced on every row."""
    text = sessions_to_csv([make_session([(3.0, "hungry"), (5.0, "feed")])])
    header, *rows = text.splitlines()
    position = header.split(",").index(column)
    cells = [row.split(",") for row in rows]
    for row in cells:
        row[position] = value
    return "\n".join([header, *(",".join(row) for row in cells)]) + "\n"


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("started_at", "2026-13-45T99:99", 'the start time "2026-13-45T99:99" is not an ISO'),
        ("started_at", "9999-12-31T23:59:59+14:00", "is not between 1900 and 2100"),
        ("session_duration", "1e300", 'gives the session_duration "1e300", which is not'),
        ("dyad", "D" * 100, "is 100 characters long, more than the 64"),
        ("observer", "o" * 100, "its observer is 100 characters long"),
    ],
)
def test_an_exported_csv_with_a_bad_session_column_is_refused(
    holding,
    archive_state,
    tiny_scheme: Scheme,
    make_session,
    tmp_path: Path,
    column: str,
    value: str,
    words: str,
) -> None:
    """The session columns of an export are held to the same model as options are."""
    path = tmp_path / "export.csv"
    path.write_text(_exported(tiny_scheme, make_session, column, value), encoding="utf-8")
    scheme_file = tmp_path / "tiny.toml"
    scheme_file.write_text(_TINY_TOML, encoding="utf-8")
    before = archive_state(holding.path)
    result = holding.run("session", "import", str(path), "--scheme", str(scheme_file))
    assert result.exit_code == 1, result.output
    assert words in result.stderr and "Traceback" not in result.output
    assert archive_state(holding.path) == before


def test_more_events_than_a_session_may_hold_are_refused_before_a_row_is_read(
    holding, archive_state, tmp_path: Path
) -> None:
    rows = "".join(f"{i * 0.5:.1f},hungry\n" for i in range(100_001))
    path = tmp_path / "events.csv"
    path.write_text("time,code\n" + rows, encoding="utf-8")
    before = archive_state(holding.path)
    result = _import(holding, path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {path} has 100,001 rows of events; a session holds at most 100,000 events, "
        "more than one a second for a day: check that the file holds the events of one session"
    )
    assert archive_state(holding.path) == before


def test_a_session_of_exactly_the_most_events_is_imported(holding, tmp_path: Path) -> None:
    """The limit refuses what is past it, not what is at it."""
    rows = "".join(f"{i * 0.5:.1f},hungry\n" for i in range(100_000))
    path = tmp_path / "events.csv"
    path.write_text("time,code\n" + rows, encoding="utf-8")
    result = _import(holding, path)
    assert result.exit_code == 0, result.output
    assert "imported 100000 events" in result.stdout


_TINY_TOML = """
[scheme]
id = "tiny"
name = "Tiny test scheme"
version = "1.0"
response_window = 5.0
repair_window = 30.0
intensity_levels = 3

[[cues]]
id = "hungry"
label = "Hungry"
key = "h"
matches = ["feed"]

[[responses]]
id = "feed"
label = "Offers feed"
key = "f"
"""
