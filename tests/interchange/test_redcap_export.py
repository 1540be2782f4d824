"""``observe export --format redcap``: the file a REDCap project imports, and its data
dictionary.

An evaluator uploads the dictionary to a REDCap project, turns on the repeating
instruments and imports the data: a dictionary REDCap refuses, a data column the
dictionary lacks, or a cue coded differently from the cue export, and the programme's
figures in REDCap are not observe's.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observe.interchange.redcap import DICTIONARY_COLUMNS, redcap_number
from observe.scheme import Rating
from tests.interchange.redcap_rules import (
    DICTIONARY_HEADER,
    choices,
    data_problems,
    dictionary_problems,
    expected_header,
    read,
)

REPEATING = {"observed_visit", "infant_cue"}
COMPARED = ("cue", "cue_time", "intensity", "first_response", "latency", "outcome",
            "repair_response", "time_to_repair", "next_cue_time", "intensity_fit")  # fmt: skip
DEMO_DYADS = [a for n in range(1, 6) for a in ("--dyad", f"DEMO-0{n}")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    """`observe demo`, then every demo family exported for REDCap and as cue and visit
    tables, with -o."""
    from tests.conftest import CliArchive

    archive = CliArchive(tmp_path_factory.mktemp("redcap") / "archive")
    assert archive.run("demo").exit_code == 0
    out = archive.path.parent
    for fmt in ("redcap", "cues", "visits"):
        result = archive.run("export", *DEMO_DYADS, "--format", fmt, "-o", str(out / f"{fmt}.csv"))
        assert result.exit_code == 0, result.output
    return out


def records(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_export_says_what_it_wrote_and_where(tmp_path, cli_archive) -> None:
    assert cli_archive.run("demo").exit_code == 0
    result = cli_archive.run(
        "export", *DEMO_DYADS, "--format", "redcap", "-o", str(tmp_path / "s.csv")
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("exported 21 sessions (5 families, 21 visits, ")
    assert result.stdout.rstrip().endswith(f"data dictionary: {tmp_path / 's.dictionary.csv'}")


def test_the_data_columns_are_the_dictionary_fields_in_order(exported: Path) -> None:
    """REDCap's layout: record_id, its two repeat columns, then each instrument's fields in
    the dictionary's order, each followed by its <form>_complete."""
    data = read((exported / "redcap.csv").read_text(encoding="utf-8"))
    dictionary = read((exported / "redcap.dictionary.csv").read_text(encoding="utf-8"))
    names = [row[0] for row in dictionary[1:]]
    header = data[0]
    assert header[:3] == ["record_id", "redcap_repeat_instrument", "redcap_repeat_instance"]
    own = {"redcap_repeat_instrument", "redcap_repeat_instance"}
    own |= {f"{form}_complete" for form in ("family", "observed_visit", "infant_cue")}
    assert [column for column in header if column not in own] == names
    assert header == expected_header((exported / "redcap.dictionary.csv").read_text())
    assert all(len(row) == len(header) for row in data)


def test_the_dictionary_follows_redcaps_rules(exported: Path) -> None:
    text = (exported / "redcap.dictionary.csv").read_text(encoding="utf-8")
    assert list(DICTIONARY_COLUMNS) == DICTIONARY_HEADER
    assert dictionary_problems(text) == []
    fields = {row[0]: row for row in read(text)[1:]}
    assert fields["record_id"][1] == "family"
    assert fields["outcome"][3] == "radio"
    assert choices(fields["outcome"][5]) == {
        "1": "matched", "2": "repaired", "3": "mismatched", "4": "unanswered",
    }  # fmt: skip
    assert fields["cue"][3] == "dropdown" and choices(fields["cue"][5])["1"] == "hungry"
    assert (fields["latency"][3], fields["latency"][7]) == ("text", "number")
    assert (fields["cues"][3], fields["cues"][7]) == ("text", "integer")
    assert fields["started_at"][7] == "datetime_seconds_ymd"
    assert fields["second_coding"][3] == "yesno"
    assert choices(fields["rating_overall_warmth"][5]) == {str(n): str(n) for n in range(1, 6)}


def test_the_data_follows_the_dictionary(exported: Path) -> None:
    data = (exported / "redcap.csv").read_text(encoding="utf-8")
    dictionary = (exported / "redcap.dictionary.csv").read_text(encoding="utf-8")
    assert data_problems(data, dictionary, REPEATING) == []


def test_the_rules_catch_what_redcap_would_refuse(exported: Path) -> None:
    """The checks above can fail: a name REDCap refuses, a broken choice list, a number
    with an exponent and a column out of order are each found."""
    dictionary = (exported / "redcap.dictionary.csv").read_text(encoding="utf-8")
    data = (exported / "redcap.csv").read_text(encoding="utf-8")
    assert dictionary_problems(dictionary.replace("\ncue_time,", "\nCue-Time,"))
    assert dictionary_problems(dictionary.replace("1, matched | 2,", "1 matched | 2,"))
    assert dictionary_problems(dictionary.replace("\ncues,observed_visit", "\ncue,observed_visit"))
    rows = read(data)
    latency = rows[0].index("latency")
    broken = next(row for row in rows[1:] if row[latency])
    broken[latency] = "1e-05"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert data_problems(out.getvalue(), dictionary, REPEATING)
    swapped = data.replace("cue_time,intensity", "intensity,cue_time", 1)
    assert data_problems(swapped, dictionary, REPEATING)


def test_a_record_is_a_family_with_its_visits_and_cues_numbered_in_order(exported: Path) -> None:
    """One record per dyad; its visits are instances 1, 2, … by start; its cues are
    numbered on through its visits, each naming its visit's session and instance."""
    rows = records(exported / "redcap.csv")
    visits = records(exported / "visits.csv")
    assert [r["record_id"] for r in rows if not r["redcap_repeat_instrument"]] == [
        f"DEMO-0{n}" for n in range(1, 6)
    ]
    for dyad in {r["dyad"] for r in visits}:
        own = [r for r in rows if r["record_id"] == dyad]
        instances = [r for r in own if r["redcap_repeat_instrument"] == "observed_visit"]
        starts = sorted((v["started_at"], v["session_id"]) for v in visits if v["dyad"] == dyad)
        assert [r["session_id"] for r in instances] == [session for _, session in starts]
        assert [r["redcap_repeat_instance"] for r in instances] == [
            str(n) for n in range(1, len(instances) + 1)
        ]
        instance_of = {r["session_id"]: r["redcap_repeat_instance"] for r in instances}
        cues = [r for r in own if r["redcap_repeat_instrument"] == "infant_cue"]
        assert [r["redcap_repeat_instance"] for r in cues] == [
            str(n) for n in range(1, len(cues) + 1)
        ]
        assert all(instance_of[r["cue_session"]] == r["cue_visit"] for r in cues)
        assert [int(r["cue_visit"]) for r in cues] == sorted(int(r["cue_visit"]) for r in cues)


def test_every_cue_and_visit_is_the_research_exports_own(exported: Path) -> None:
    """Round trip: each REDCap cue, its codes read through the dictionary's choices, is
    the row of --format cues with the same values; each visit is its --format visits row."""
    dictionary = {row[0]: row for row in read((exported / "redcap.dictionary.csv").read_text())[1:]}

    def word(column: str, cell: str) -> str:
        field = dictionary[column]
        if field[3] in ("radio", "dropdown") and cell and not column.startswith("rating_"):
            return choices(field[5])[cell]
        if field[3] == "yesno" and cell:
            return {"0": "false", "1": "true"}[cell]
        return cell

    rows = records(exported / "redcap.csv")
    cue_rows = [r for r in rows if r["redcap_repeat_instrument"] == "infant_cue"]
    cues = records(exported / "cues.csv")
    assert len(cue_rows) == len(cues) > 500
    by_key = {(c["session_id"], c["cue_number"]): c for c in cues}
    for row in cue_rows:
        expected = by_key.pop((row["cue_session"], row["cue_number"]))
        for column in COMPARED:
            assert word(column, row[column]) == expected[column], column
        assert row["record_id"] == expected["dyad"]
    assert not by_key
    visit_rows = {
        r["session_id"]: r for r in rows if r["redcap_repeat_instrument"] == "observed_visit"
    }
    for visit in records(exported / "visits.csv"):
        row = visit_rows[visit["session_id"]]
        for column, cell in visit.items():
            if column in ("dyad", "started_at"):
                continue
            assert word(column, row[column]) == cell, column
        # REDCap's date and time is to the second: the start is cut to its second.
        started = datetime.fromisoformat(visit["started_at"]).replace(microsecond=0)
        local, offset = row["started_at"], row["started_offset"]
        assert datetime.fromisoformat(f"{local.replace(' ', 'T')}{offset}") == started
        assert started.isoformat().endswith(offset)


def instances(export: str) -> set[tuple[str, str, str, str]]:
    """(instrument, instance, session, cue number) of every repeating row."""
    return {
        (r["redcap_repeat_instrument"], r["redcap_repeat_instance"],
         r["session_id"] or r["cue_session"], r["cue_number"])
        for r in csv.DictReader(io.StringIO(export)) if r["redcap_repeat_instrument"]
    }  # fmt: skip


def test_a_later_export_with_a_new_visit_keeps_every_instance(cli_archive, make_session) -> None:
    """Importing the family again after a visit was added updates the same instances and
    adds the new ones: the new visit, started last, is the next instance, and its cues
    come after every earlier cue."""
    first = make_session([(1.0, "hungry"), (2.0, "feed")], dyad="D-1", duration=10.0,
                         started_at="2026-03-02T10:00:00+01:00")  # fmt: skip
    second = make_session([(1.0, "tired"), (4.0, "settle")], dyad="D-1", duration=10.0,
                          started_at="2026-03-09T10:00:00+01:00")  # fmt: skip
    cli_archive.store(first, second)
    before = instances(cli_archive.run("export", "--dyad", "D-1", "--format", "redcap").stdout)
    later = make_session([(3.0, "over"), (5.0, "hungry")], dyad="D-1", duration=10.0,
                         started_at="2026-03-16T09:00:00+00:00")  # fmt: skip
    cli_archive.store(later)
    after = instances(cli_archive.run("export", "--dyad", "D-1", "--format", "redcap").stdout)
    assert before < after
    assert after - before == {
        ("observed_visit", "3", later.id, ""),
        ("infant_cue", "3", later.id, "1"),
        ("infant_cue", "4", later.id, "2"),
    }


def test_an_earlier_visit_found_later_renumbers_the_family(cli_archive, make_session) -> None:
    """Why a partial export is warned about: a visit that began before those already
    exported takes their instance numbers, so a family is exported whole."""
    early = make_session([(1.0, "hungry")], dyad="D-3", duration=5.0,
                         started_at="2026-03-02T10:00:00+00:00")  # fmt: skip
    late = make_session([(1.0, "tired")], dyad="D-3", duration=5.0,
                        started_at="2026-03-09T10:00:00+00:00")  # fmt: skip
    cli_archive.store(late)
    before = instances(cli_archive.run("export", "--dyad", "D-3", "--format", "redcap").stdout)
    cli_archive.store(early)
    after = instances(cli_archive.run("export", "--dyad", "D-3", "--format", "redcap").stdout)
    assert ("observed_visit", "1", late.id, "") in before
    assert ("observed_visit", "2", late.id, "") in after
    assert ("observed_visit", "1", early.id, "") in after


def test_a_partial_family_is_warned_about(cli_archive, make_session) -> None:
    one = make_session([(1.0, "hungry")], dyad="D-2", duration=5.0)
    two = make_session([(1.0, "hungry")], dyad="D-2", duration=5.0,
                       started_at="2026-03-09T10:00:00+00:00")  # fmt: skip
    cli_archive.store(one, two)
    result = cli_archive.run("export", two.id, "--format", "redcap")
    assert result.exit_code == 0
    assert 'this export has 1 of the 2 ended sessions of dyad "D-2"' in result.stderr
    assert "--dyad D-2" in result.stderr
    whole = cli_archive.run("export", "--dyad", "D-2", "--format", "redcap")
    assert "warning" not in whole.stderr


def test_names_that_redcap_would_refuse_are_made_to_fit(
    cli_archive, make_session, tiny_scheme
) -> None:
    """A rating id with a hyphen, or too long for a REDCap name, gets a name REDCap takes,
    unique, and the export says which."""
    from attrs import evolve

    long_id = "caregiver-sensitivity-to-distress-over-the-whole-visit"
    scheme = evolve(
        tiny_scheme,
        ratings=[
            Rating("warmth-overall", "Warmth", 1, 7, anchors={1: "Cold | flat", 7: "Warm"}),
            Rating(long_id, "Sensitivity", 1, 9),
            Rating(long_id + "-b", "Sensitivity again", 0, 100),
        ],
    )
    session = make_session([(1.0, "hungry"), (2.0, "feed")], scheme=scheme, duration=5.0)
    session = evolve(session, ratings={"warmth-overall": 7, long_id: 3, long_id + "-b": 55})
    cli_archive.store(session)
    result = cli_archive.run("export", session.id, "--format", "redcap", "-o",
                             str(cli_archive.path.parent / "r.csv"))  # fmt: skip
    assert result.exit_code == 0, result.output
    dictionary = (cli_archive.path.parent / "r.dictionary.csv").read_text(encoding="utf-8")
    assert dictionary_problems(dictionary) == []
    data = (cli_archive.path.parent / "r.csv").read_text(encoding="utf-8")
    assert data_problems(data, dictionary, REPEATING) == []
    fields = {row[0]: row for row in read(dictionary)[1:]}
    assert choices(fields["rating_warmth_overall"][5])["1"] == "Cold / flat"
    assert choices(fields["rating_warmth_overall"][5])["7"] == "Warm"
    cut = [name for name in fields if name.startswith("rating_caregiver")]
    assert cut == ["rating_caregiver_sensitivi", "rating_caregiver_sensiti_2"]
    assert fields[cut[1]][7:10] == ["integer", "0", "100"]  # 101 points: a number, not radio
    assert f"note: column rating_{long_id} is named rating_caregiver_sensitivi" in result.stderr
    visit = next(r for r in csv.DictReader(io.StringIO(data)) if r["session_id"])
    assert (visit["rating_warmth_overall"], visit[cut[0]], visit[cut[1]]) == ("7", "3", "55")


def test_the_files_are_private_and_written_whole(exported: Path) -> None:
    for name in ("redcap.csv", "redcap.dictionary.csv"):
        assert stat.S_IMODE(os.stat(exported / name).st_mode) == 0o600, name
    assert not [p for p in exported.iterdir() if p.name.endswith(".tmp")]


def test_without_o_the_data_goes_to_the_screen_and_says_the_dictionary_needs_a_file(
    cli_archive,
) -> None:
    assert cli_archive.run("demo").exit_code == 0
    result = cli_archive.run("export", "--dyad", "DEMO-02", "--format", "redcap")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("record_id,redcap_repeat_instrument,redcap_repeat_instance,")
    assert "give -o FILE to write the data dictionary" in result.stderr


def test_an_unwritable_destination_is_one_sentence_and_writes_nothing(
    cli_archive, tmp_path
) -> None:
    assert cli_archive.run("demo").exit_code == 0
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "s.dictionary.csv").mkdir()  # the dictionary's place is taken by a folder
    result = cli_archive.run("export", "--dyad", "DEMO-02", "--format", "redcap", "-o",
                             str(blocked / "s.csv"))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert sorted(p.name for p in blocked.iterdir()) == ["s.dictionary.csv"]  # no data alone


def test_a_session_without_cues_is_a_visit_without_cue_rows(cli_archive, make_session) -> None:
    quiet = make_session([(5.0, "feed")], duration=30.0, dyad="D-Q")
    cli_archive.store(quiet)
    rows = list(csv.DictReader(io.StringIO(
        cli_archive.run("export", quiet.id, "--format", "redcap").stdout)))  # fmt: skip
    assert [r["redcap_repeat_instrument"] for r in rows] == ["", "observed_visit"]
    assert rows[1]["cues"] == "0" and rows[1]["response_rate"] == ""


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_are_written_without_an_exponent_and_read_back_the_same(value: float) -> None:
    """REDCap's number validation refuses 1e-05; the text written reads back as the very
    float."""
    text = redcap_number(value)
    assert "e" not in text.lower()
    assert float(text) == value


def test_a_disk_that_fills_on_the_second_file_leaves_neither(cli_archive, tmp_path, monkeypatch):
    """The dictionary cannot be written (the disk is full): the data file is not left
    alone without it, an earlier export there stays as it was, and no temporary file is
    left behind."""
    import errno

    import observe.store.atomic as atomic

    assert cli_archive.run("demo").exit_code == 0
    target = tmp_path / "s.csv"
    target.write_text("an earlier export\n")
    real_write_all = atomic.write_all
    writes = []

    def fill_up(fd: int, data: bytes) -> None:
        writes.append(len(data))
        if len(writes) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_all(fd, data)

    monkeypatch.setattr(atomic, "write_all", fill_up)
    result = cli_archive.run("export", "--dyad", "DEMO-02", "--format", "redcap", "-o",
                             str(target))  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {tmp_path / 's.dictionary.csv'} (No space left on device); "
        "check the folder exists and is writable, or choose another file with -o\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive", "s.csv"]
    assert target.read_text() == "an earlier export\n"
