"""The research tables as variables: names every program accepts, labels within their
limits, codes numbered as the codebook lists them.

A name REDCap, SPSS or Stata refuses stops the whole import there; a label longer than
Stata's 80 characters makes the file fail to write; two variables cut to the same name
would put one column's values under the other's name.
"""

from __future__ import annotations

import csv
import io
import re

from hypothesis import given
from hypothesis import strategies as st

from observe.interchange.codebook import SESSION_COLUMNS
from observe.interchange.cues import CUE_COLUMNS
from observe.interchange.variables import LABELS, OFFSET, fit, fitted_names, research_datasets
from observe.interchange.visits import VISIT_COLUMNS

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def test_every_column_has_a_short_label_of_its_own() -> None:
    """A new column of the cue or visit export needs its label here, for SPSS and Stata."""
    for column in (*SESSION_COLUMNS, *CUE_COLUMNS, *VISIT_COLUMNS, OFFSET):
        assert column.name in LABELS, column.name
        assert 0 < len(LABELS[column.name]) <= 80, column.name


@given(st.lists(st.text(min_size=1, max_size=80), max_size=12), st.integers(8, 64))
def test_fitted_names_are_valid_short_and_all_different(names: list[str], limit: int) -> None:
    fitted = fitted_names(names, limit)
    assert len(fitted) == len(names)
    assert len(set(fitted)) == len(fitted)
    for name in fitted:
        assert NAME.match(name) and len(name) <= limit, name


@given(st.lists(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True), unique=True))
def test_names_that_already_fit_are_kept(names: list[str]) -> None:
    assert fitted_names(names, 26) == names


@given(st.text(max_size=300), st.integers(2, 200), st.integers(4, 300))
def test_a_label_cut_to_fit_is_the_start_of_the_label_and_says_so(
    text: str, characters: int, utf8_bytes: int
) -> None:
    cut = fit(text, characters=characters, utf8_bytes=utf8_bytes)
    assert len(cut) <= characters and len(cut.encode("utf-8")) <= utf8_bytes
    if len(text) <= characters and len(text.encode("utf-8")) <= utf8_bytes:
        assert cut == text
    else:
        assert cut.endswith("…") and text.startswith(cut[:-1])


def test_codes_are_numbered_in_the_codebooks_order(make_session, tiny_scheme) -> None:
    """1 for the scheme's first cue, and so on; false 0 and true 1; a response code the
    scheme lists gets the same number in every response column."""
    session = make_session([(1.0, "tired"), (2.0, "feed"), (4.0, "settle")], duration=40.0)
    cues, _ = research_datasets([session])
    by_name = {v.name: v for v in cues.variables}
    assert by_name["cue"].values == tuple(
        (n, c.id) for n, c in enumerate(tiny_scheme.cues, start=1)
    )
    assert by_name["first_response"].values == by_name["repair_response"].values
    assert by_name["second_coding"].values == ((0, "false"), (1, "true"))
    row = dict(zip(by_name, cues.rows[0]))
    numbers = {code: n for n, code in by_name["first_response"].values}
    outcomes = {code: n for n, code in by_name["outcome"].values}
    assert row["cue"] == 2 and row["first_response"] == numbers["feed"]
    assert row["outcome"] == outcomes["repaired"] and row["repair_response"] == numbers["settle"]
    assert row["second_coding"] == 0


def test_a_ratings_anchors_are_its_codes_in_the_codebook_and_its_value_labels(
    make_session, tiny_scheme
) -> None:
    """The points a scheme anchors are explained in the visit codebook and become the
    rating's value labels; the points between stay unlabelled numbers."""
    from attrs import evolve

    from observe.interchange.visits import visit_codebook
    from observe.scheme import Rating

    warmth = Rating("warmth", "Warmth", 1, 7, anchors={1: "Cold or flat", 7: "Warm throughout"})
    scheme = evolve(tiny_scheme, ratings=[warmth])
    session = evolve(make_session([(1.0, "hungry")], scheme=scheme, duration=5.0),
                     ratings={"warmth": 4})  # fmt: skip
    book = list(csv.DictReader(io.StringIO(visit_codebook([session]))))
    anchored = [(r["value"], r["label"]) for r in book if r["variable"] == "rating_warmth"]
    assert anchored == [("", ""), ("1", "Cold or flat"), ("7", "Warm throughout")]
    _, visits = research_datasets([session])
    rating = next(v for v in visits.variables if v.name == "rating_warmth")
    assert rating.values == ((1, "Cold or flat"), (7, "Warm throughout"))
    assert rating.scale == (1, 7) and rating.label == "Warmth (rating 1-7)"
    assert visits.column("rating_warmth") == [4]
