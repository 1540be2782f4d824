"""Whatever is in a scheme file, parsing gives a Scheme or a SchemeError: never a traceback."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observe.convert import structure, unstructure
from observe.errors import SchemeError
from observe.scheme import Scheme, parse_scheme
from observe.scheme.loading import scheme_from_data
from observe.scheme.snapshot import scheme_file_data, snapshot_problems

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
    "actor",
    "infant",
    "antecedents",
    "consequents",
    "windows",
    "codes",
    "exclusive",
    "exhaustive",
    "initial",
    "anchors",
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
    '"infant"',
    '"caregiver"',
    "false",
    '["hungry", "caregiver"]',
    '{hungry = ["feed"]}',
    "{hungry = 2.0}",
    "{hungry = [1]}",
    '{1 = "low", 5 = "high"}',
    '{x = "y"}',
]
HEADERS = [
    "[scheme]",
    "[[cues]]",
    "[[responses]]",
    "[[ratings]]",
    "[cues]",
    "[[scheme]]",
    "[x]",
    "[[actors]]",
    "[[contingencies]]",
    "[[state_groups]]",
    "[ratings.anchors]",
    "[contingencies.matches]",
]

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
        held_to_its_promises(result)


def held_to_its_promises(scheme: Scheme) -> None:
    """What the analysis, the coding screen and bundle import rely on of a scheme that
    loaded: every code has an actor, every rule resolves to codes of the scheme with a fit
    among its consequents and windows inside its repair window, a state is in one group at
    most, and the snapshot reads back as the same scheme, valid as a file."""
    ids = {code.id for code in scheme.codes}
    for code in scheme.codes:
        assert scheme.actor_of(code.id) in scheme.actors
    assert sum(actor.infant for actor in scheme.actors) == 1
    for rule in scheme.rules:
        assert set(rule.antecedents) <= ids and set(rule.consequents) <= ids
        assert not set(rule.antecedents) & set(rule.consequents)
        for antecedent in rule.antecedents:
            assert set(rule.matches_for(antecedent)) <= set(rule.consequents)
            assert 0 < rule.window_for(antecedent) <= rule.repair_window
    grouped = [code for group in scheme.state_groups for code in group.codes]
    assert len(grouped) == len(set(grouped))
    assert all(scheme.code(code).kind == "state" for code in grouped)
    data = scheme_file_data(scheme)
    assert snapshot_problems(scheme) == []
    assert structure(json.loads(json.dumps(unstructure(scheme))), Scheme) == scheme
    assert scheme_from_data(data) == scheme


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
    st.lists(
        st.sampled_from(
            [
                "[[cues]]",
                "[[responses]]",
                "[[ratings]]",
                "[[actors]]",
                "[[contingencies]]",
                "[[state_groups]]",
            ]
        ),
        min_size=1,
        max_size=6,
    ),
    st.lists(line, max_size=30),
)
def test_schemes_with_a_valid_head_and_random_codes_never_crash(
    tables: list[str], lines: list[str]
) -> None:
    body = "\n".join(f"{t}\n" + "\n".join(lines[i :: len(tables)]) for i, t in enumerate(tables))
    check(VALID_HEAD + body)


def test_deeply_nested_toml_is_a_scheme_error() -> None:
    check("a = " + "[" * 5000 + "]" * 5000)


# -- schemes that use every new table, built from parts that are mostly right -------------

CODES = """
[[cues]]
id = "hungry"
label = "Hungry"
key = "h"
matches = ["feed"]
window = 8.0
{cue_actor}
[[cues]]
id = "alert"
label = "Alert"
key = "a"
kind = "state"
matches = ["soothe"]

[[cues]]
id = "fussing"
label = "Fussing"
key = "u"
kind = "state"
matches = ["soothe", "feed"]

[[responses]]
id = "feed"
label = "Feeds"
key = "f"
{response_actor}
[[responses]]
id = "soothe"
label = "Soothes"
key = "s"
kind = "{soothe_kind}"

[[ratings]]
id = "warmth"
label = "Warmth"
min = 1
max = {rating_max}
anchors = {{ {anchors} }}
"""

NAMES = ["hungry", "alert", "fussing", "feed", "soothe", "infant", "caregiver", "mum", "nope"]
# Mostly what a rule or a group would list, now and then a mistake: most examples load.
FROM = ["hungry", "fussing", "infant"]
TO = ["feed", "soothe", "caregiver"]
STATES = ["alert", "fussing", "alert", "fussing", "soothe", "hungry"]
ACTOR_TABLES = [
    "",
    '[[actors]]\nid = "infant"\nlabel = "Baby"\ninfant = true\n\n'
    '[[actors]]\nid = "caregiver"\nlabel = "Mum"\n\n[[actors]]\nid = "dad"\nlabel = "Dad"\n',
    '[[actors]]\nid = "dad"\nlabel = "Dad"\n\n'
    '[[actors]]\nid = "infant"\nlabel = "Baby"\ninfant = true\n\n'
    '[[actors]]\nid = "caregiver"\nlabel = "Mum"\n',
]


def toml_list(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


@st.composite
def rule_tables(draw: st.DrawFn) -> str:
    """A rule from the infant's codes to the caregiver's; one in four has a mistake (a name
    that is no code, a code on both sides, a fit that is no consequent, …)."""
    antecedents = draw(st.lists(st.sampled_from(FROM), min_size=1, max_size=2, unique=True))
    consequents = draw(st.lists(st.sampled_from(TO), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 3)) == 0:
        wrong = draw(st.sampled_from(["nope", "feed", "alert", "mum", "hungry"]))
        draw(st.sampled_from([antecedents, consequents])).append(wrong)
    lines = [
        "[[contingencies]]",
        'id = "RULE"',  # numbered by the test, now and then twice the same
        'label = "A rule"',
        f"antecedents = {toml_list(antecedents)}",
        f"consequents = {toml_list(consequents)}",
    ]
    if draw(st.booleans()):
        lines.append(f"window = {draw(st.sampled_from([1.0, 3, 4.0, 9.0, 0]))}")
    if draw(st.booleans()):
        lines.append(f"repair_window = {draw(st.sampled_from([10, 30.0, 2.0]))}")
    codes = [a for a in antecedents if a in NAMES[:5]]
    if codes and draw(st.booleans()):
        fitting = [*(c for c in consequents if c in NAMES[:5]), "feed"]
        fits = st.lists(st.sampled_from(fitting), min_size=1, max_size=2, unique=True)
        entries = [f"{code} = {toml_list(draw(fits))}" for code in codes]
        lines.append("matches = { " + ", ".join(entries) + " }")
    if codes and draw(st.booleans()):
        key = draw(st.sampled_from([*codes, "alert"]))
        lines.append(f"windows = {{ {key} = {draw(st.sampled_from([0.5, 2.0, 2.0, 50.0]))} }}")
    return "\n".join(lines) + "\n"


@st.composite
def group_tables(draw: st.DrawFn) -> str:
    codes = draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=3, unique=True))
    lines = [
        "[[state_groups]]",
        f'id = "{draw(st.sampled_from(["g", "h"]))}"',
        'label = "A group"',
        f"codes = {toml_list(codes)}",
    ]
    for name in ("exclusive", "exhaustive"):
        if draw(st.booleans()):
            lines.append(f"{name} = {draw(st.sampled_from(['true', 'false']))}")
    if draw(st.booleans()):
        lines.append(f'initial = "{draw(st.sampled_from([*codes, "asleep"]))}"')
    return "\n".join(lines) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    actors=st.sampled_from(ACTOR_TABLES),
    cue_actor=st.sampled_from(["", "", "", 'actor = "infant"', 'actor = "dad"']),
    response_actor=st.sampled_from(["", "", 'actor = "caregiver"', 'actor = "dad"']),
    soothe_kind=st.sampled_from(["point", "state"]),
    rating_max=st.sampled_from([5, 9]),
    anchors=st.sampled_from(
        ['1 = "low"', '1 = "low", 5 = "high"', '2 = "b", 4 = "d"', '1 = "a"', '9 = ""']
    ),
    rules=st.lists(rule_tables(), max_size=2),
    groups=st.lists(group_tables(), max_size=1),
)
def test_schemes_with_actors_rules_and_groups_load_whole_or_say_why(
    actors: str,
    cue_actor: str,
    response_actor: str,
    soothe_kind: str,
    rating_max: int,
    anchors: str,
    rules: list[str],
    groups: list[str],
) -> None:
    """Every file of these parts either loads as a scheme that keeps every promise of
    :func:`held_to_its_promises` (rules that resolve, fit among the consequents, windows
    inside the repair window, one group per state, a snapshot that reads back), or is
    refused with its problems: the validation and the model agree on what is valid."""
    codes = CODES.format(
        cue_actor=cue_actor,
        response_actor=response_actor,
        soothe_kind=soothe_kind,
        rating_max=rating_max,
        anchors=anchors,
    )
    numbered = [rule.replace("RULE", f"r{index % 3}") for index, rule in enumerate(rules)]
    check(VALID_HEAD + "\n" + actors + codes + "\n".join(numbered) + "\n".join(groups))
