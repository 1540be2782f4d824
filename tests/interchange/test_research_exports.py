"""Cue-level and visit-level data for research: ``observe export --format cues|visits``.

A researcher gets every cue once with exactly the outcome and latency the analysis gives,
reads the file into pandas with the codebook's types (ids and versions as text), and
finds every column and every code explained in the codebook.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from observe.interchange.cues import COLUMNS as CUE_COLUMNS
from observe.scheme import find_scheme
from observe.store import Archive

#: The codebook's types as pandas dtypes, as README.md tells a researcher to read them.
PANDAS_TYPES = {"text": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


@pytest.fixture(scope="module")
def demo_archive(tmp_path_factory: pytest.TempPathFactory):
    """`observe demo`, then both research exports of every demo family, with -o."""
    from tests.conftest import CliArchive

    archive = CliArchive(tmp_path_factory.mktemp("research") / "archive")
    assert archive.run("demo").exit_code == 0
    out = archive.path.parent
    dyads = [a for n in range(1, 6) for a in ("--dyad", f"DEMO-0{n}")]
    for fmt in ("cues", "visits"):
        result = archive.run("export", *dyads, "--format", fmt, "-o", str(out / f"{fmt}.csv"))
        assert result.exit_code == 0, result.output
        assert f"; codebook: {out / f'{fmt}.codebook.csv'}" in result.stdout
    return archive


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def analyzed(archive, session_id: str) -> dict:
    result = archive.run("analyze", session_id, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def loaded(archive, session_id: str):
    with Archive.open(archive.path, readonly=True) as opened:
        return opened.load(session_id)


def read_with_codebook(data: Path, codebook: Path) -> pd.DataFrame:
    """The README's recipe: the codebook's column rows give each column's type."""
    book = pd.read_csv(codebook, dtype=str, keep_default_na=False)
    columns = book[book["value"] == ""]
    types = {name: PANDAS_TYPES[kind] for name, kind in zip(columns["variable"], columns["type"])}
    return pd.read_csv(data, dtype=types)


def test_every_cue_of_analyze_json_appears_once_with_its_outcome_and_latency(demo_archive):
    """Round trip: for each session, the export's rows are the cues of `analyze --json`,
    one row each, in the same order, with the same time, code, outcome, latency, first
    response, repair and intensity fit."""
    exported = rows(demo_archive.path.parent / "cues.csv")
    sessions = list(dict.fromkeys(row["session_id"] for row in exported))
    assert len(sessions) == 21  # every demo session, the second observer's coding included
    total = 0
    for session_id in sessions:
        own = [row for row in exported if row["session_id"] == session_id]
        cues = analyzed(demo_archive, session_id)["cues"]
        assert len(own) == len(cues)
        keys = {(row["cue_time"], row["cue"]) for row in own}
        assert len(keys) == len(own)  # each cue once
        for number, (row, cue) in enumerate(zip(own, cues, strict=True), start=1):
            assert int(row["cue_number"]) == number
            assert (float(row["cue_time"]), row["cue"]) == (cue["t"], cue["code"])
            assert row["outcome"] == cue["outcome"]
            assert (None if row["latency"] == "" else float(row["latency"])) == cue["latency"]
            assert (row["first_response"] or None) == cue["response"]
            assert (row["repair_response"] or None) == cue["repair_response"]
            repair = None if row["time_to_repair"] == "" else float(row["time_to_repair"])
            assert repair == cue["time_to_repair"]
            assert (row["intensity_fit"] or None) == cue["intensity_fit"]
            if cue["latency"] is not None:
                onset = round((cue["t"] + cue["latency"]) * 1000) / 1000
                assert float(row["first_response_time"]) == onset
        total += len(cues)
    assert total == len(exported) > 500


def test_pandas_reads_ids_and_versions_as_text_with_the_codebook_types(demo_archive):
    """scheme_version 1.0 stays "1.0" and visit 1 stays "1" (a bare read_csv would make
    them the numbers 1.0 and 1); times are floats, intensity a nullable integer,
    second_coding a boolean."""
    out = demo_archive.path.parent
    cues = read_with_codebook(out / "cues.csv", out / "cues.codebook.csv")
    text_columns = ["session_id", "dyad", "visit", "observer", "scheme_id", "scheme_version"]
    text_columns += ["cue", "first_response", "outcome", "repair_response", "intensity_fit"]
    for column in text_columns:
        assert cues[column].dtype == "string", column
    assert set(cues["scheme_version"]) == {"1.0"}
    assert "1" in set(cues["visit"])
    for column in ("cue_time", "first_response_time", "latency", "time_to_repair"):
        assert cues[column].dtype == "float64", column
    assert cues["intensity"].dtype == "Int64" and cues["cue_number"].dtype == "Int64"
    assert cues["second_coding"].dtype == "boolean"
    # DEMO-05's one visit was coded by demo and demo-2: demo-2's coding is its second.
    assert set(cues.loc[cues["second_coding"], "observer"]) == {"demo-2"}
    assert cues.loc[~cues["second_coding"], "observer"].eq("demo").all()
    assert cues["primary_session"].dtype == "string"
    primary = cues.loc[(cues["dyad"] == "DEMO-05") & (cues["observer"] == "demo"), "session_id"]
    assert set(cues.loc[cues["second_coding"], "primary_session"]) == set(primary)
    assert cues.loc[~cues["second_coding"], "primary_session"].isna().all()
    assert cues["latency"].isna().sum() == (cues["outcome"] == "unanswered").sum()

    visits = read_with_codebook(out / "visits.csv", out / "visits.codebook.csv")
    assert len(visits) == 21
    assert visits["session_id"].dtype == "string" and visits["scheme_version"].dtype == "string"
    assert visits["cues"].dtype == "Int64" and visits["response_rate"].dtype == "float64"
    assert (visits["cues"] == cues.groupby("session_id").size()[visits["session_id"]].values).all()


def test_a_bare_read_would_take_the_version_for_a_number(demo_archive):
    """Why the codebook carries types: left to guess, pandas reads version 1.0 as a float."""
    bare = pd.read_csv(demo_archive.path.parent / "cues.csv")
    assert bare["scheme_version"].dtype == "float64"


@pytest.mark.parametrize("fmt", ["cues", "visits"])
def test_the_codebook_lists_every_column_and_every_code_in_the_data(demo_archive, fmt):
    out = demo_archive.path.parent
    data = rows(out / f"{fmt}.csv")
    book = rows(out / f"{fmt}.codebook.csv")
    described = [row["variable"] for row in book if row["value"] == ""]
    assert described == list(data[0])  # every column, in the file's order
    assert all(row["meaning"] and row["type"] for row in book if row["value"] == "")
    values = {(row["variable"], row["value"]) for row in book if row["value"]}
    coded = ["origin", "second_coding"]
    if fmt == "cues":
        coded += ["cue", "first_response", "repair_response", "outcome", "intensity_fit"]
    for column in coded:
        used = {row[column] for row in data if row[column]}
        assert used, column
        assert used <= {value for variable, value in values if variable == column}, column


def test_the_cue_codebook_explains_each_cue_from_its_scheme(demo_archive, tmp_path):
    infant_cues = find_scheme("infant-cues", tmp_path)
    book = rows(demo_archive.path.parent / "cues.codebook.csv")
    hungry = next(row for row in book if (row["variable"], row["value"]) == ("cue", "hungry"))
    assert hungry["label"] == infant_cues.cue("hungry").label
    assert hungry["scheme"] == "infant-cues 1.0"
    assert "Suited by: feed, calm, check_in. Response window 10 s" in hungry["meaning"]
    second = next(row for row in book if (row["variable"], row["value"]) == ("second_coding", ""))
    assert "observe session pair" in second["meaning"]  # where the mark comes from
    assert [c.name for c in CUE_COLUMNS][:8] == [
        "session_id", "dyad", "visit", "observer", "origin", "scheme_id", "scheme_version",
        "second_coding",
    ]  # fmt: skip


def test_visit_rows_are_the_session_figures(demo_archive):
    """One wide row per session, each figure the summary of `analyze --json`."""
    for row in rows(demo_archive.path.parent / "visits.csv"):
        summary = analyzed(demo_archive, row["session_id"])["summary"]
        assert int(row["cues"]) == summary["cues"]
        for outcome, count in summary["outcomes"].items():
            assert int(row[outcome]) == count
        for name in ("response_rate", "match_rate", "attuned_rate", "repair_rate",
                     "within_2s", "within_5s"):  # fmt: skip
            assert (None if row[name] == "" else float(row[name])) == summary[name], name
        latency = summary["latency"]
        assert int(row["latency_n"]) == latency["n"]
        assert (None if row["latency_median"] == "" else float(row["latency_median"])) == (
            latency["median"]
        )
        (a, b), (c, d) = summary["contingency"]["table"]
        units = ["units_window_and_response", "units_window_only", "units_response_only"]
        units += ["units_neither"]
        assert [int(row[name]) for name in units] == [a, b, c, d]
        ratings = loaded(demo_archive, row["session_id"]).ratings
        for rating in ("overall_warmth", "sensitivity", "infant_engagement"):
            cell = row[f"rating_{rating}"]
            assert (int(cell) if cell else None) == ratings.get(rating)


def test_both_files_are_private_and_written_whole(demo_archive):
    out = demo_archive.path.parent
    for name in ("cues.csv", "cues.codebook.csv", "visits.csv", "visits.codebook.csv"):
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600, name
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]  # no temporary left


def test_without_o_the_table_goes_to_the_screen_and_says_where_the_codebook_is(cli_archive):
    assert cli_archive.run("demo").exit_code == 0
    result = cli_archive.run("export", "--dyad", "DEMO-04", "--format", "cues")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("session_id,dyad,visit,observer,")
    assert "give -o FILE to write the codebook" in result.stderr


def test_a_session_without_cues_has_no_cue_rows_but_a_visit_row(cli_archive, make_session):
    quiet = make_session([(5.0, "feed")], duration=30.0, dyad="D-Q")
    cli_archive.store(quiet)
    cues = cli_archive.run("export", quiet.id, "--format", "cues")
    visits = cli_archive.run("export", quiet.id, "--format", "visits")
    assert cues.stdout.count("\n") == 1  # the header alone
    visit_rows = list(csv.DictReader(io.StringIO(visits.stdout)))
    assert len(visit_rows) == 1 and visit_rows[0]["cues"] == "0"
    assert visit_rows[0]["response_rate"] == "" and visit_rows[0]["latency_median"] == ""
