"""Any sequence of edits in the forms leaves a file that reads as TOML, whose problems are
exactly what validate says of it, and whose comments on lines of their own are all still
there: if this failed, a programme lead could save a file that validate words differently,
or lose a comment (one at the end of a line goes only with its field, or its table)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from observe.errors import SchemeError
from observe.scheme import parse_scheme
from observe.scheme_editor import SchemeDocument
from observe.scheme_editor.fits import set_fit
from observe.scheme_editor.forms import add_entry

ROOT = Path(__file__).parents[2]
SHIPPED = sorted((ROOT / "coding_schemes").glob("*.toml"))
TABLES = ("cues", "responses", "actors", "contingencies", "state_groups", "ratings")
FIELDS = ("label", "key", "window", "group", "kind", "matches", "codes", "min", "max", "actor")
VALUES = st.one_of(
    st.none(),
    st.text(alphabet="abcxyz n;1", max_size=4),
    st.floats(min_value=-5, max_value=50, allow_nan=False),
    st.integers(min_value=-2, max_value=9),
    st.lists(st.sampled_from(["feed", "calm", "alert", "nothing"]), max_size=3),
)
EDITS = st.one_of(
    st.tuples(
        st.just("set"), st.sampled_from(TABLES), st.integers(0, 9), st.sampled_from(FIELDS), VALUES
    ),
    st.tuples(
        st.just("add"), st.sampled_from(TABLES), st.text(alphabet="Ab c", min_size=1, max_size=6)
    ),
    st.tuples(st.just("remove"), st.sampled_from(TABLES), st.integers(0, 9)),
    st.tuples(
        st.just("rename"),
        st.sampled_from(("cues", "responses", "actors")),
        st.integers(0, 9),
        st.text(alphabet="ab_1", max_size=5),
    ),
    st.tuples(st.just("fit"), st.integers(0, 9), st.integers(0, 9), st.booleans()),
)


def comments(text: str) -> list[str]:
    """The comments on lines of their own (a comment at a line's end goes with its field)."""
    return sorted(re.findall(r"^[ \t]*(#[^\n]*)", text, flags=re.M))


def apply(document: SchemeDocument, edit: tuple) -> None:
    kind, *args = edit
    if kind == "set":
        table, index, field, value = args
        if index < document.count(table):
            document.set((table, index, field), value)
    elif kind == "add":
        add_entry(document, args[0], args[1])
    elif kind == "remove":
        table, index = args
        if index < document.count(table) and not (
            table in ("cues", "responses") and document.count(table) == 1
        ):
            document.remove(table, index)
    elif kind == "rename":
        table, index, new_id = args
        if index < document.count(table):
            document.rename(table, index, new_id, document.value((table, index, "id")))
    else:
        row, column, fits = args
        rule = document.draft.rules[0]
        if row < len(rule.antecedents) and column < len(rule.consequents):
            listed = None if document.count("contingencies") == 0 else 0
            set_fit(document, listed, rule.antecedents[row], rule.consequents[column], fits)


@settings(max_examples=150)
@given(st.sampled_from(SHIPPED), st.lists(EDITS, max_size=8))
def test_edits_keep_a_file_validate_words_the_same_and_every_comment(path, edits) -> None:
    original = path.read_text(encoding="utf-8")
    document = SchemeDocument(original, str(path))
    for edit in edits:
        apply(document, edit)
    text = document.text
    try:
        parse_scheme(text, "edited")
        said: list[str] = []
    except SchemeError as error:
        said = error.problems
    assert [problem.message for problem in document.problems] == said
    assert set(comments(original)) <= set(comments(text))
