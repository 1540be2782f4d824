"""``observe export --format sav|dta``: SPSS and Stata files with variable and value labels.

An analyst opens the file in SPSS or Stata (or R's haven, pandas): every variable must
carry its label, every code its value label as the codebook gives it, and the data read
back with its labels applied must be the cue and visit exports' own values.

These tests need pyreadstat (``pip install 'observe[stats]'``); without it they skip,
saying so (what a user without it is told: ``test_stats_extra.py``).
"""

from __future__ import annotations

import csv
import io
import math
import os
import stat
from pathlib import Path

import pytest

from observe.interchange.variables import LABELS

pyreadstat = pytest.importorskip(
    "pyreadstat",
    reason="pyreadstat is not installed: pip install -e '.[test,stats]' runs these tests",
)

PANDAS_TYPES = {"text": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
READERS = {"sav": pyreadstat.read_sav, "dta": pyreadstat.read_dta}
DEMO_DYADS = [a for n in range(1, 6) for a in ("--dyad", f"DEMO-0{n}")]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory):
    """`observe demo`, then every demo family as .sav, .dta and the two CSV tables."""
    from tests.conftest import CliArchive

    archive = CliArchive(tmp_path_factory.mktemp("stats") / "archive")
    assert archive.run("demo").exit_code == 0
    out = archive.path.parent
    for fmt, name in (("sav", "s.sav"), ("dta", "s.dta"), ("cues", "cues.csv"),
                      ("visits", "visits.csv")):  # fmt: skip
        result = archive.run("export", *DEMO_DYADS, "--format", fmt, "-o", str(out / name))
        assert result.exit_code == 0, result.output
    return out


def codebook(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def read_with_codebook(data: Path, book: Path):  # type: ignore[no-untyped-def]
    import pandas as pd

    rows = pd.read_csv(book, dtype=str, keep_default_na=False)
    columns = rows[rows["value"] == ""]
    types = {n: PANDAS_TYPES[t] for n, t in zip(columns["variable"], columns["type"])}
    return pd.read_csv(data, dtype=types)


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_the_export_writes_the_cue_file_and_the_visit_file_beside_it(exported, fmt) -> None:
    cues, meta = READERS[fmt](exported / f"s.{fmt}")
    visits, visit_meta = READERS[fmt](exported / f"s.visits.{fmt}")
    assert len(cues) == len(codebook(exported / "cues.csv")) > 500
    assert len(visits) == 21
    assert meta.file_label == "observe: one row per infant cue"
    assert visit_meta.file_label == "observe: one row per session"


@pytest.mark.parametrize("fmt", ["sav", "dta"])
@pytest.mark.parametrize("table", ["cues", "visits"])
def test_variable_labels_and_value_labels_are_the_codebooks(exported, fmt, table) -> None:
    """Every variable has its short label; every coded variable's value labels are the
    codebook's codes, numbered 1, 2, … in the codebook's order; booleans are 0 and 1."""
    name = f"s.{fmt}" if table == "cues" else f"s.visits.{fmt}"
    _, meta = READERS[fmt](exported / name, metadataonly=True)
    book = codebook(exported / f"{table}.codebook.csv")
    columns = [row["variable"] for row in book if row["value"] == ""]
    expected = [*columns]
    if "started_at" in expected:
        expected.insert(expected.index("started_at") + 1, "started_offset")
    assert meta.column_names == expected
    labels = meta.column_names_to_labels
    for column in expected:
        assert labels[column] == LABELS.get(column, labels[column]), column
        assert labels[column], column
    for column in ("rating_overall_warmth", "rating_sensitivity"):
        if column in labels:
            assert labels[column].endswith("(rating 1-5)")
    for column in {row["variable"] for row in book if row["value"]}:
        codes = [row["value"] for row in book if row["variable"] == column and row["value"]]
        values = meta.variable_value_labels[column]
        if column == "second_coding":
            assert values == {0: "false", 1: "true"}
        else:
            assert values == {n: code for n, code in enumerate(dict.fromkeys(codes), start=1)}


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_read_back_with_labels_the_cue_file_is_the_cue_export(exported, fmt) -> None:
    """Round trip: every value of cues.csv (read with its codebook's types) is in the
    file, codes through their value labels, times to the millisecond."""
    cues, _ = READERS[fmt](exported / f"s.{fmt}", apply_value_formats=True)
    expected = read_with_codebook(exported / "cues.csv", exported / "cues.codebook.csv")
    assert list(cues.columns) == list(expected.columns)
    for column in expected.columns:
        for got, want in zip(cues[column], expected[column], strict=True):
            if _missing(want):
                assert _missing(got) or got == "", column
            elif expected[column].dtype == "boolean":
                assert got == str(bool(want)).lower(), column
            elif isinstance(want, str):
                assert got == want, column
            else:
                assert float(got) == float(want), column


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_read_back_the_visit_file_is_the_visit_export(exported, fmt) -> None:
    from datetime import datetime

    visits, _ = READERS[fmt](exported / f"s.visits.{fmt}")
    expected = read_with_codebook(exported / "visits.csv", exported / "visits.codebook.csv")
    by_id = visits.set_index("session_id")
    for _, row in expected.iterrows():
        got = by_id.loc[row["session_id"]]
        moment = datetime.fromisoformat(row["started_at"])
        local = got["started_at"].to_pydatetime()
        # SPSS keeps a date and time as seconds in a double: to the millisecond.
        assert abs((local - moment.replace(tzinfo=None)).total_seconds()) < 0.001
        assert moment.isoformat().endswith(got["started_offset"])
        for column in ("cues", "matched", "unanswered", "latency_n", "rating_overall_warmth"):
            want, have = row[column], got[column]
            assert (_missing(want) and _missing(have)) or float(have) == float(want), column
        for column in ("response_rate", "latency_median", "yules_q"):
            want, have = row[column], got[column]
            assert (_missing(want) and _missing(have)) or float(have) == float(want), column


def _missing(value: object) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def test_names_and_labels_are_made_to_fit_each_format(cli_archive, make_session, tiny_scheme):
    """A rating with a long id, a hyphen and long anchors: Stata's names stop at 32
    characters less the digits of its value-label sets, SPSS's at 64, SPSS's value
    labels at 120 bytes; the export says what it changed."""
    from attrs import evolve

    from observe.scheme import Rating

    long_id = "caregiver-sensitivity-to-distress-" + "x" * 30  # 64 characters
    anchor = "Noticed nearly every signal, even the faintest, " + "é" * 40  # 128 bytes+
    label = "Sensitivity " * 6 + "overall"  # 79 characters: 80 with " (rating 1-9)" no more
    scheme = evolve(tiny_scheme, ratings=[Rating(long_id, label, 1, 9, anchors={9: anchor})])
    session = evolve(
        make_session([(1.0, "hungry"), (2.0, "feed")], scheme=scheme, duration=5.0),
        ratings={long_id: 9},
    )
    cli_archive.store(session)
    out = cli_archive.path.parent
    for fmt, limit in (("dta", 31), ("sav", 64)):
        result = cli_archive.run("export", session.id, "--format", fmt, "-o", str(out / f"r.{fmt}"))
        assert result.exit_code == 0, result.output
        visits, meta = READERS[fmt](out / f"r.visits.{fmt}")
        fitted = next(name for name in meta.column_names if name.startswith("rating_"))
        assert len(fitted) <= limit and "-" not in fitted
        assert fitted == ("rating_" + long_id.replace("-", "_"))[:limit]
        assert visits[fitted][0] == 9
        point = meta.variable_value_labels[fitted][9]
        if fmt == "sav":
            assert len(point.encode("utf-8")) <= 120 and point.endswith("…")
            assert anchor.startswith(point[:-1])
            assert f"a label cut to fit .sav: {fitted} = 9: " in result.stderr
        else:
            assert point == anchor
        variable_label = meta.column_names_to_labels[fitted]
        if fmt == "dta":  # Stata's variable labels stop at 80 characters, SPSS's at 256 bytes
            assert len(variable_label) == 80 and variable_label.endswith("…")
            assert f"a label cut to fit .dta: {fitted}: Sensitivity" in result.stderr
        else:
            assert variable_label == f"{label} (rating 1-9)"
        assert f"note: column rating_{long_id} is named {fitted}" in result.stderr


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_the_files_are_private_and_written_whole(exported, fmt) -> None:
    for name in (f"s.{fmt}", f"s.visits.{fmt}"):
        assert stat.S_IMODE(os.stat(exported / name).st_mode) == 0o600, name
    assert not [p for p in exported.iterdir() if p.name.endswith(".tmp")]


def test_a_binary_file_is_not_written_to_the_screen(cli_archive) -> None:
    assert cli_archive.run("demo").exit_code == 0
    result = cli_archive.run("export", "--dyad", "DEMO-01", "--format", "dta")
    assert result.exit_code == 1
    assert "give -o FILE.dta" in result.stderr and result.stdout == ""


def test_the_stata_file_is_one_stata_14_reads(exported) -> None:
    """Format 118: Stata 14 and every later Stata open it (119 needs Stata 15)."""
    assert (exported / "s.dta").read_bytes().startswith(b"<stata_dta><header><release>118<")
