"""Every mistake in a scheme file gets a located message, and all of them are reported at once.

Each case takes a small valid scheme, breaks one thing, and checks the message a programme
lead would read: which field (and line), what is wrong and what to do.
"""

from __future__ import annotations

import pytest

from observe.errors import SchemeError
from observe.scheme import Cue, Rating, Response, Scheme, parse_scheme

VALID = """\
[scheme]
id = "mini"
name = "Mini scheme"
version = "1.0"
description = "For tests."
response_window = 5.0
repair_window = 30.0
intensity_levels = 3

[[cues]]
id = "hungry"
label = "Hungry"
key = "h"
matches = ["feed", "calm"]
window = 10.0
group = "Needs"
description = "Roots and sucks on hands."

[[cues]]
id = "crying"
label = "Crying"
key = "c"
kind = "state"
matches = ["calm"]

[[responses]]
id = "feed"
label = "Offers feed"
key = "f"
group = "Care"

[[responses]]
id = "calm"
label = "Calms"
key = "k"

[[responses]]
id = "rough"
label = "Rough handling"
key = ";"

[[ratings]]
id = "warmth"
label = "Warmth"
min = 1
max = 5
"""


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text, "mini.toml")
    assert caught.value.source == "mini.toml"
    return caught.value.problems


def replace(old: str, new: str, count: int = 1) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, count)


def test_the_valid_scheme_builds_exactly_what_the_file_says() -> None:
    """If this failed, a session would record a different scheme from the one in the file."""
    scheme = parse_scheme(VALID, "mini.toml")
    assert scheme == Scheme(
        id="mini",
        name="Mini scheme",
        version="1.0",
        description="For tests.",
        response_window=5.0,
        repair_window=30.0,
        intensity_levels=3,
        cues=[
            Cue(
                "hungry",
                "Hungry",
                "h",
                matches=["feed", "calm"],
                window=10.0,
                group="Needs",
                description="Roots and sucks on hands.",
            ),
            Cue("crying", "Crying", "c", matches=["calm"], kind="state"),
        ],
        responses=[
            Response("feed", "Offers feed", "f", group="Care"),
            Response("calm", "Calms", "k"),
            Response("rough", "Rough handling", ";"),
        ],
        ratings=[Rating("warmth", "Warmth", 1, 5)],
    )
    assert isinstance(scheme.response_window, float)


def test_whole_second_windows_and_bytes_with_a_bom_are_accepted() -> None:
    """Editors on Windows save a BOM; writing `5` instead of `5.0` is natural."""
    text = replace("response_window = 5.0", "response_window = 5").replace(
        "window = 10.0", "window = 10"
    )
    scheme = parse_scheme(b"\xef\xbb\xbf" + text.encode(), "mini.toml")
    assert scheme.response_window == 5.0 and scheme.window_for("hungry") == 10.0


def test_optional_fields_take_their_defaults() -> None:
    """A minimal file (no ratings, intensity, groups, kinds) is a usable scheme."""
    text = """
[scheme]
id = "bare"
name = "Bare"
version = "0.1"
response_window = 3
repair_window = 3

[[cues]]
id = "cue"
label = "Cue"
key = "q"
matches = ["resp"]

[[responses]]
id = "resp"
label = "Response"
key = "p"
"""
    scheme = parse_scheme(text, "bare.toml")
    assert scheme.intensity_levels == 0 and scheme.ratings == ()
    assert scheme.cues[0].kind == "point" and scheme.cues[0].window is None
    assert scheme.description == ""


# (what to break, the message expected, the line it must name or None)
CASES = [
    pytest.param(
        replace('key = "h"', 'key = "h'),
        "line 13, column 9: this is not valid TOML",
        None,
        id="bad-toml-line-and-column",
    ),
    pytest.param(
        VALID.replace("[scheme]\n", "[schema]\n"),
        "the [scheme] table is missing",
        None,
        id="missing-scheme-table",
    ),
    pytest.param(
        VALID.replace("[scheme]\n", "[schema]\n"),
        "schema: unknown table or field",
        1,
        id="unknown-table-suggests",
    ),
    pytest.param(
        replace('name = "Mini scheme"\n', ""), "scheme: name is missing", 1, id="missing-name"
    ),
    pytest.param(replace('version = "1.0"\n', ""), "version is missing", 1, id="missing-version"),
    pytest.param(
        replace('version = "1.0"', "version = 1.0"),
        'scheme.version: must be text in quotes, e.g. version = "1.0"',
        4,
        id="version-not-text",
    ),
    pytest.param(
        replace("response_window = 5.0\n", ""),
        "response_window is missing",
        1,
        id="missing-response-window",
    ),
    pytest.param(
        replace("response_window = 5.0", 'response_window = "5"'),
        "scheme.response_window: must be a number of seconds, not text",
        6,
        id="window-wrong-type",
    ),
    pytest.param(
        replace("response_window = 5.0", "response_window = 0"),
        "scheme.response_window: must be a number of seconds greater than 0, not 0",
        6,
        id="window-zero",
    ),
    pytest.param(
        replace("window = 10.0", "window = -1.5"),
        "cues[0].window: must be a number of seconds greater than 0",
        15,
        id="cue-window-negative",
    ),
    pytest.param(
        replace("response_window = 5.0", "response_window = inf"),
        "greater than 0, not inf",
        6,
        id="window-infinite",
    ),
    pytest.param(
        replace("repair_window = 30.0", "repair_window = 4.0"),
        "scheme.repair_window: (4.0 s) must not be shorter than response_window (5.0 s)",
        7,
        id="repair-shorter-than-response",
    ),
    pytest.param(
        replace("repair_window = 30.0", "repair_window = 8.0"),
        "cues[0].window: (10.0 s) must not be longer than the scheme's repair_window",
        15,
        id="cue-window-longer-than-repair",
    ),
    pytest.param(
        replace("intensity_levels = 3", "intensity_levels = 10"),
        "scheme.intensity_levels: must be from 0 (no intensity) to 9",
        8,
        id="intensity-too-high",
    ),
    pytest.param(
        replace("intensity_levels = 3", "intensity_levels = -1"),
        "scheme.intensity_levels: must be from 0",
        8,
        id="intensity-negative",
    ),
    pytest.param(
        replace("intensity_levels = 3", "intensity_levels = 2.5"),
        "scheme.intensity_levels: must be a whole number",
        8,
        id="intensity-not-int",
    ),
    pytest.param(
        replace('id = "mini"', 'id = "Mini Scheme"'),
        'scheme.id: "Mini Scheme" is not a valid id',
        2,
        id="scheme-id-not-slug",
    ),
    pytest.param(
        replace('id = "hungry"', 'id = "hungry!"'),
        'cues[0].id: "hungry!" is not a valid id',
        11,
        id="code-id-not-slug",
    ),
    pytest.param(
        replace('[[cues]]\nid = "hungry"\n', "[[cues]]\n"),
        "cues[0]: id is missing",
        10,
        id="cue-id-missing",
    ),
    pytest.param(
        replace('label = "Calms"\n', ""),
        "responses[1]: label is missing",
        32,
        id="response-label-missing",
    ),
    pytest.param(
        replace('label = "Hungry"', "label = 7"),
        "cues[0].label: must be text in quotes, not a whole number (7)",
        12,
        id="label-wrong-type",
    ),
    pytest.param(
        replace("window = 10.0", "windw = 10.0"),
        'cues[0].windw: unknown field; did you mean "window"?',
        15,
        id="unknown-field-did-you-mean",
    ),
    pytest.param(
        replace('description = "For tests."', 'colour = "red"'),
        "scheme.colour: unknown field (known fields: id, name",
        5,
        id="unknown-field-lists-fields",
    ),
    pytest.param(
        replace('key = "f"\n', 'key = "f"\nmatches = ["hungry"]\n'),
        "responses[0].matches: unknown field; matches belongs on cues",
        30,
        id="matches-on-a-response",
    ),
    pytest.param(
        replace('[scheme]\nid = "mini"\n', 'id = "mini"\n[scheme]\n'),
        "id: this field belongs inside the [scheme] table",
        1,
        id="scheme-field-outside-table",
    ),
    pytest.param(
        replace('id = "calm"\nlabel = "Calms"', 'id = "feed"\nlabel = "Calms"'),
        'responses[1].id: "feed" is already the id of responses[0]',
        33,
        id="duplicate-response-id",
    ),
    pytest.param(
        replace('id = "rough"', 'id = "crying"'),
        'responses[2].id: "crying" is already the id of cues[1]',
        38,
        id="duplicate-id-across-cues-and-responses",
    ),
    pytest.param(
        replace('key = "k"', 'key = "h"'),
        'responses[1].key: "h" is already the key of cues[0] ("hungry")',
        35,
        id="duplicate-key-across-cues-and-responses",
    ),
    pytest.param(
        replace('key = "h"', 'key = "hh"'),
        "cues[0].key: must be exactly one character",
        13,
        id="key-too-long",
    ),
    pytest.param(
        replace('key = "h"', 'key = ""'),
        "cues[0].key: must be exactly one character",
        13,
        id="key-empty",
    ),
    pytest.param(
        replace('key = "h"', 'key = "\\t"'),
        "cues[0].key: must be a visible character",
        13,
        id="key-not-printable",
    ),
    pytest.param(
        replace('key = "h"', "key = 4"),
        "cues[0].key: must be one character in quotes",
        13,
        id="key-wrong-type",
    ),
    pytest.param(
        replace('key = "h"', 'key = "n"'),
        'cues[0].key: "n" is used by the coding screen to add a note to the last event',
        13,
        id="reserved-key-note",
    ),
    pytest.param(
        replace('key = "h"', 'key = "3"'),
        '"3" is used by the coding screen to set the intensity of the last event',
        13,
        id="reserved-key-digit",
    ),
    pytest.param(
        replace('key = "k"', 'key = " "'),
        '" " is used by the coding screen to pause and resume the session',
        35,
        id="reserved-key-space",
    ),
    pytest.param(
        replace('key = "k"', 'key = "backspace"'),
        '"backspace" is used by the coding screen to undo the last event',
        35,
        id="reserved-key-backspace",
    ),
    pytest.param(
        replace('key = "k"', 'key = "x"'),
        "to end the session",
        35,
        id="reserved-key-end",
    ),
    pytest.param(
        replace('key = "k"', 'key = "?"'),
        "to show the help",
        35,
        id="reserved-key-help",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', 'matches = ["fed", "calm"]'),
        'cues[0].matches: "fed" is not a response id; did you mean "feed"?',
        14,
        id="matches-unknown-response",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', 'matches = ["zzz"]'),
        '"zzz" is not a response id (the responses are: calm, feed, rough)',
        14,
        id="matches-lists-the-responses",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', 'matches = ["crying"]'),
        'cues[0].matches: "crying" is a cue, not a response id',
        14,
        id="matches-names-a-cue",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', "matches = []"),
        "cues[0].matches: must list at least one response",
        14,
        id="matches-empty",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', 'matches = "feed"'),
        "cues[0].matches: must be a list of response ids",
        14,
        id="matches-not-a-list",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]\n', ""),
        "cues[0]: matches is missing",
        10,
        id="matches-missing",
    ),
    pytest.param(
        replace('matches = ["feed", "calm"]', 'matches = ["feed", "feed"]'),
        'cues[0].matches: lists "feed" twice',
        14,
        id="matches-duplicate",
    ),
    pytest.param(
        replace('kind = "state"', 'kind = "toggle"'),
        'cues[1].kind: must be "point" (a moment) or "state"',
        23,
        id="kind-not-point-or-state",
    ),
    pytest.param(
        replace("min = 1\nmax = 5", "min = 5\nmax = 5"),
        "ratings[0].max: max (5) must be greater than min (5)",
        46,
        id="rating-min-not-below-max",
    ),
    pytest.param(
        replace("min = 1", 'min = "1"'),
        "ratings[0].min: must be a whole number",
        45,
        id="rating-bound-wrong-type",
    ),
    pytest.param(
        VALID.split("[[cues]]")[0] + "[[responses]]" + VALID.split("[[responses]]", 1)[1],
        "there are no [[cues]]; add at least one infant cue",
        None,
        id="no-cues",
    ),
    pytest.param(
        VALID.split("[[responses]]")[0] + "[[ratings]]" + VALID.split("[[ratings]]")[1],
        "there are no [[responses]]; add at least one caregiver response",
        None,
        id="no-responses",
    ),
    pytest.param(
        replace("[scheme]\n", "scheme = 3\n[other]\n"),
        "scheme: must be a table ([scheme])",
        1,
        id="scheme-not-a-table",
    ),
    pytest.param(
        replace('key = "f"', 'key = "f"\nkey = "g"'),
        "this is not valid TOML: cannot overwrite a value",
        None,
        id="toml-duplicate-key",
    ),
    pytest.param(b"\xff\xfe[scheme]", "the file is not UTF-8 text (byte 1)", None, id="not-utf8"),
]


@pytest.mark.parametrize(("text", "expected", "line"), CASES)
def test_each_mistake_is_reported_with_its_place(
    text: str, expected: str, line: int | None
) -> None:
    problems = problems_of(text)
    found = [p for p in problems if expected in p]
    assert found, f"no problem says {expected!r}; got {problems}"
    if line is not None:
        assert found[0].startswith(f"line {line}: "), found[0]


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    """A programme lead fixes a file in one go, not one error per run."""
    text = (
        VALID.replace('version = "1.0"', "version = 1")
        .replace('key = "h"', 'key = "n"')
        .replace('matches = ["feed", "calm"]', 'matches = ["fed"]')
        .replace('kind = "state"', 'kind = "toggle"')
        .replace("min = 1\nmax = 5", "min = 5\nmax = 1")
    )
    problems = problems_of(text)
    assert len(problems) == 5, problems
    lines = [int(p.split(":")[0].removeprefix("line ")) for p in problems]
    assert lines == sorted(lines), "problems come in file order"


def test_the_error_sentence_names_the_file_and_every_problem() -> None:
    """What `observe scheme validate` prints: the file, the count and each problem on its line."""
    text = VALID.replace('key = "h"', 'key = "n"').replace('kind = "state"', 'kind = "x"')
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text, "my.toml")
    message = str(caught.value)
    assert message.startswith("the coding scheme my.toml has 2 problems")
    assert "  my.toml: line 13: cues[0].key" in message
    assert "  my.toml: line 23: cues[1].kind" in message


def test_line_numbers_ignore_look_alikes_inside_multiline_text() -> None:
    """A description that contains `[[cues]]` or `key =` must not shift the reported lines."""
    text = replace(
        'description = "For tests."',
        'description = """\nkey = "nothing"\n[[cues]]\n"""',
    ).replace('key = "h"', 'key = "n"')
    problems = problems_of(text)
    assert problems == [
        'line 16: cues[0].key: "n" is used by the coding screen to add a note to the last '
        "event; choose another key"
    ]
