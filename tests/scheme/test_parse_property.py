"""Whatever is in a scheme file, parsing gives a Scheme or a SchemeError: never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.errors import SchemeError
from observe.scheme import Scheme, parse_scheme

FIELD_NAMES = [
    "id",
    "name",
    "version",
    "description",
    "response_window",
    "repair_window",
    "intensity_levels",
    "label",
    "key",
    "matches",
    "window",
    "group",
    "kind",
    "min",
    "max",
    "colour",
    "scheme",
]
VALUES = [
    '"hungry"',
    '"feed"',
    '"h"',
    '"n"',
    '"3"',
    '" "',
    '""',
    '"ab"',
    '"1.0"',
    "1.0",
    "5",
    "0",
    "-1",
    "30.0",
    "inf",
    "nan",
    "true",
    '["feed"]',
    '["feed", "calm"]',
    "[]",
    "[1, 2]",
    '"point"',
    '"state"',
    '"toggle"',
    "1979-05-27",
    "{a = 1}",
    '"\\u00e9"',
    "'lit'",
    "9",
    "10",
]
HEADERS = ["[scheme]", "[[cues]]", "[[responses]]", "[[ratings]]", "[cues]", "[[scheme]]", "[x]"]

line = st.one_of(
    st.sampled_from(HEADERS),
    st.builds(lambda k, v: f"{k} = {v}", st.sampled_from(FIELD_NAMES), st.sampled_from(VALUES)),
    st.sampled_from(["", "# comment", '"""', "key =", "= 1", "[", "]]"]),
)


def check(text: str | bytes) -> None:
    try:
        result = parse_scheme(text, "fuzz.toml")
    except SchemeError as error:
        assert error.problems, "a SchemeError always says what is wrong"
        assert all(isinstance(p, str) and p for p in error.problems)
        str(error)
    else:
        assert isinstance(result, Scheme)
        assert len(result.digest) == 64  # a parsed scheme can always be snapshotted into a session


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_scheme_or_a_scheme_error(data: bytes) -> None:
    check(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_scheme_or_a_scheme_error(text: str) -> None:
    check(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=40))
def test_toml_built_from_plausible_fragments_gives_a_scheme_or_a_scheme_error(
    lines: list[str],
) -> None:
    """Near-valid files reach the validator (not just the TOML reader) and never crash it."""
    check("\n".join(lines))


VALID_HEAD = (
    '[scheme]\nid = "s"\nname = "S"\nversion = "1"\nresponse_window = 5\nrepair_window = 30\n'
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["[[cues]]", "[[responses]]", "[[ratings]]"]), min_size=1, max_size=6),
    st.lists(line, max_size=30),
)
def test_schemes_with_a_valid_head_and_random_codes_never_crash(
    tables: list[str], lines: list[str]
) -> None:
    body = "\n".join(f"{t}\n" + "\n".join(lines[i :: len(tables)]) for i, t in enumerate(tables))
    check(VALID_HEAD + body)


def test_deeply_nested_toml_is_a_scheme_error() -> None:
    check("a = " + "[" * 5000 + "]" * 5000)
