"""Every mistake in the new parts of a scheme file (actors, the actor of a code, state
groups, rating anchors; the rules have a file of their own) gets a located message, all
of them at once.

Each case takes a small valid scheme with every new part, breaks one thing, and checks the
message a programme lead would read: which field (and line), what is wrong and what to do.
"""

from __future__ import annotations

import pytest

from observe.scheme import (
    Actor,
    Contingency,
    Cue,
    Rating,
    Response,
    Scheme,
    StateGroup,
    parse_scheme,
)

from .duo import VALID, problems_of, replace


def test_the_valid_scheme_builds_exactly_what_the_file_says() -> None:
    """If this failed, a session would record a different scheme from the one in the file."""
    assert parse_scheme(VALID, "duo.toml") == Scheme(
        id="duo",
        name="Two caregivers",
        version="1.0",
        response_window=5.0,
        repair_window=30.0,
        actors=[Actor("baby", "Baby", infant=True), Actor("mum", "Mum"), Actor("dad", "Dad")],
        cues=[
            Cue("hungry", "Hungry", "h", matches=["feed"], window=10.0),
            Cue("alert", "Alert", "a", kind="state"),
            Cue("fussing", "Fussing", "u", matches=["soothe"], kind="state"),
            Cue("looks", "Looks", "l"),
        ],
        responses=[
            Response("feed", "Feeds", "f"),
            Response("soothe", "Soothes", "s", actor="dad"),
            Response("bid", "Bid", "b", actor="dad"),
        ],
        contingencies=[
            Contingency(
                "cue-response",
                "Responses to cues",
                antecedents=["hungry", "fussing"],
                consequents=["mum", "dad"],
            ),
            Contingency(
                "bid-answer",
                "Answers to bids",
                antecedents=["bid"],
                consequents=["looks", "fussing"],
                window=3.0,
                repair_window=10.0,
                matches={"bid": ["looks"]},
                windows={"bid": 2.0},
            ),
        ],
        state_groups=[
            StateGroup("state", "State", ["alert", "fussing"], exhaustive=True, initial="alert")
        ],
        ratings=[Rating("warmth", "Warmth", 1, 7, anchors={1: "Cold", 4: "Mixed", 7: "Warm"})],
    )


def test_a_cue_needs_no_matches_once_the_file_lists_its_rules() -> None:
    """ "looks" and "alert" have no matches: no rule takes its fit from them. Without
    [[contingencies]] the default rule would, and the file is refused as before."""
    scheme = parse_scheme(VALID, "duo.toml")
    assert scheme.cue("looks").matches == ()
    without_rules = VALID[: VALID.index("[[contingencies]]")] + VALID[VALID.index("[[ratings]]") :]
    assert "cues[1]: matches is missing" in " ".join(problems_of(without_rules))


# (what to break, the message expected, the line it must name or None)
CASES = [
    # -- actors --
    pytest.param(
        replace('label = "Mum"', 'label = "Mum"\ninfant = true'),
        'actors[1].infant: actors[0] ("baby") is already the infant; only one actor may be',
        16,
        id="two-infants",
    ),
    pytest.param(
        replace("infant = true\n", ""),
        "actors: none of the actors is the infant; add infant = true",
        8,
        id="no-infant",
    ),
    pytest.param(
        replace("infant = true", 'infant = "yes"'),
        'actors[0].infant: must be true or false, not text ("yes")',
        11,
        id="infant-not-true-or-false",
    ),
    pytest.param(
        replace("infant = true", "infnt = true"),
        'actors[0].infnt: unknown field; did you mean "infant"?',
        11,
        id="actor-unknown-field",
    ),
    pytest.param(
        replace('id = "dad"', 'id = "mum"'),
        'actors[2].id: "mum" is already the id of actors[1]; every actor needs its own id',
        18,
        id="duplicate-actor-id",
    ),
    pytest.param(
        replace('id = "dad"\nlabel = "Dad"', 'id = "feed"\nlabel = "Dad"'),
        'actors[2].id: "feed" is already the id of responses[0]; an actor needs an id no code has',
        18,
        id="actor-id-is-a-code-id",
    ),
    pytest.param(
        replace('label = "Mum"\n', ""),
        'actors[1]: label is missing; add label = "..."',
        13,
        id="actor-label-missing",
    ),
    pytest.param(
        VALID.replace('[[actors]]\nid = "mum"\nlabel = "Mum"\n\n', "")
        .replace('[[actors]]\nid = "dad"\nlabel = "Dad"\n\n', "")
        .replace('actor = "dad"', 'actor = "baby"'),
        "actors: lists only the infant; add the caregiver (or caregivers) whose behaviour is coded",
        8,
        id="only-the-infant",
    ),
    pytest.param(
        "actors = []\n" + VALID[: VALID.index("[[actors]]")] + VALID[VALID.index("[[cues]]") :],
        "actors: is empty; list the actors (one with infant = true) or leave it out",
        1,
        id="actors-empty",
    ),
    # -- the actor of a code --
    pytest.param(
        replace(
            'id = "soothe"\nlabel = "Soothes"\nkey = "s"\nactor = "dad"',
            'id = "soothe"\nlabel = "Soothes"\nkey = "s"\nactor = "dadd"',
        ),
        'responses[1].actor: "dadd" is not an actor; did you mean "dad"?',
        55,
        id="code-actor-unknown",
    ),
    pytest.param(
        replace(
            'id = "bid"\nlabel = "Bid"\nkey = "b"\nactor = "dad"',
            'id = "bid"\nlabel = "Bid"\nkey = "b"\nactor = "zz"',
        ),
        'responses[2].actor: "zz" is not an actor (the actors are: baby, mum, dad)',
        61,
        id="code-actor-lists-the-actors",
    ),
    pytest.param(
        replace(
            'id = "bid"\nlabel = "Bid"\nkey = "b"\nactor = "dad"',
            'id = "bid"\nlabel = "Bid"\nkey = "b"\nactor = 2',
        ),
        "responses[2].actor: must be an actor id in quotes",
        61,
        id="code-actor-not-text",
    ),
    # -- state groups --
    pytest.param(
        replace('initial = "alert"', 'initial = "alrt"'),
        'state_groups[0].initial: "alrt" is not one of this group\'s states; did you mean "alert"?',
        84,
        id="initial-not-in-the-group",
    ),
    pytest.param(
        replace('initial = "alert"', 'initial = "hungry"'),
        'state_groups[0].initial: "hungry" is not one of this group\'s states (its states: '
        "alert, fussing)",
        84,
        id="initial-lists-the-states",
    ),
    pytest.param(
        replace('initial = "alert"\n', ""),
        "state_groups[0]: initial is missing; an exhaustive group starts in its initial state: "
        'add e.g. initial = "alert"',
        79,
        id="exhaustive-without-initial",
    ),
    pytest.param(
        replace('codes = ["alert", "fussing"]', 'codes = ["alert", "fussing", "looks"]'),
        'state_groups[0].codes: "looks" is a point code (cues[3]); only state codes '
        '(kind = "state") can be in a state group',
        82,
        id="point-code-in-a-group",
    ),
    pytest.param(
        replace('codes = ["alert", "fussing"]', 'codes = ["alert", "fusing"]'),
        'state_groups[0].codes: "fusing" is not a code id; did you mean "fussing"?',
        82,
        id="unknown-code-in-a-group",
    ),
    pytest.param(
        VALID.replace(
            "[[ratings]]",
            '[[state_groups]]\nid = "upset"\nlabel = "Upset"\ncodes = ["fussing"]\n\n[[ratings]]',
        ),
        'state_groups[1].codes: "fussing" is already in the exclusive group state_groups[0] '
        '("state"); a state can be in only one exclusive group',
        89,
        id="code-in-two-exclusive-groups",
    ),
    pytest.param(
        VALID.replace(
            "[[ratings]]",
            '[[state_groups]]\nid = "upset"\nlabel = "Upset"\n'
            'codes = ["fussing"]\nexclusive = false\n\n[[ratings]]',
        ),
        'state_groups[1].codes: "fussing" is already in state_groups[0] ("state"); groups may '
        "not overlap: a state belongs to one group",
        89,
        id="overlapping-groups",
    ),
    pytest.param(
        replace("exhaustive = true", "exhaustive = true\nexclusive = false"),
        "state_groups[0].exhaustive: an exhaustive group is exclusive too",
        83,
        id="exhaustive-but-not-exclusive",
    ),
    pytest.param(
        replace('codes = ["alert", "fussing"]', 'codes = ["alert"]'),
        "state_groups[0].codes: an exhaustive group needs at least two states",
        82,
        id="exhaustive-with-one-state",
    ),
    pytest.param(
        replace('label = "Bid"\nkey = "b"', 'label = "Bid"\nkey = "b"\nkind = "state"').replace(
            'codes = ["alert", "fussing"]', 'codes = ["alert", "fussing", "bid"]'
        ),
        "state_groups[0].codes: mixes the states of baby, dad; a group's states are one actor's",
        83,
        id="group-mixes-actors",
    ),
    pytest.param(
        replace("exhaustive = true", 'exhaustive = "yes"'),
        'state_groups[0].exhaustive: must be true or false, not text ("yes")',
        83,
        id="exhaustive-not-true-or-false",
    ),
    pytest.param(
        replace('codes = ["alert", "fussing"]\n', ""),
        "state_groups[0]: codes is missing; list the group's state codes",
        79,
        id="group-codes-missing",
    ),
    # -- anchors --
    pytest.param(
        replace('7 = "Warm"', '8 = "Warm"'),
        "ratings[0].anchors.8: 8 is outside this rating's scale (1 to 7)",
        91,
        id="anchor-outside-the-scale",
    ),
    pytest.param(
        replace('7 = "Warm"', 'high = "Warm"'),
        'ratings[0].anchors.high: "high" is not a point of the scale; anchors are keyed by '
        "whole numbers",
        91,
        id="anchor-not-a-number",
    ),
    pytest.param(
        replace('4 = "Mixed"', '4 = ""'),
        "ratings[0].anchors.4: must not be empty",
        91,
        id="anchor-text-empty",
    ),
    pytest.param(
        replace('4 = "Mixed"', "4 = 4"),
        "ratings[0].anchors.4: must be text in quotes, not a whole number (4)",
        91,
        id="anchor-not-text",
    ),
    pytest.param(
        replace('4 = "Mixed"', '4 = "Mixed\\nup"'),
        "ratings[0].anchors.4: must be one line",
        91,
        id="anchor-two-lines",
    ),
    pytest.param(
        replace('4 = "Mixed"', '4 = "Mixed", 04 = "Again"'),
        "ratings[0].anchors.04: is point 4 again (already given as 4)",
        91,
        id="anchor-point-twice",
    ),
    pytest.param(
        replace('anchors = { 1 = "Cold", 4 = "Mixed", 7 = "Warm" }', 'anchors = ["Cold"]'),
        "ratings[0].anchors: must be a table of points of the scale and their text",
        91,
        id="anchors-not-a-table",
    ),
    pytest.param(
        replace(
            'anchors = { 1 = "Cold", 4 = "Mixed", 7 = "Warm" }',
            '[ratings.anchors]\n1 = "Cold"\n9 = "Warm"',
        ),
        "ratings[0].anchors.9: 9 is outside this rating's scale (1 to 7)",
        93,
        id="anchors-as-a-table-of-their-own",
    ),
    # -- the tables --
    pytest.param(
        replace("[[state_groups]]", "[[state_group]]"),
        "state_group: unknown table or field (a scheme has [scheme], [[actors]], [[cues]], "
        "[[responses]], [[contingencies]], [[state_groups]] and [[ratings]]); did you mean "
        '"state_groups"?',
        79,
        id="unknown-table-suggests",
    ),
    pytest.param(
        VALID.replace('[[contingencies]]\nid = "bid-answer"', '[other]\nid = "bid-answer"').replace(
            "[[contingencies]]", "[contingencies]"
        ),
        "contingencies: must be a list of tables ([[contingencies]]), not a table",
        63,
        id="rules-not-an-array",
    ),
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


def test_every_problem_of_the_new_tables_is_reported_at_once_in_file_order() -> None:
    """The issue's examples in one file: a rule naming an unknown actor, a state group
    whose initial state is not in it, a code in two exclusive groups; and an anchor out of
    the scale and a second infant."""
    text = (
        replace('label = "Dad"', 'label = "Dad"\ninfant = true')
        .replace('consequents = ["mum", "dad"]', 'consequents = ["mum", "dad", "gran"]')
        .replace('initial = "alert"', 'initial = "asleep"')
        .replace('7 = "Warm"', '8 = "Warm"')
        .replace(
            "[[ratings]]",
            '[[state_groups]]\nid = "upset"\nlabel = "Upset"\ncodes = ["fussing"]\n\n[[ratings]]',
        )
    )
    problems = problems_of(text)
    assert len(problems) == 5, problems
    assert [p.split(": ")[1] for p in problems] == [
        "actors[2].infant",
        "contingencies[0].consequents",
        "state_groups[0].initial",
        "state_groups[1].codes",
        "ratings[0].anchors.8",
    ]
    lines = [int(p.split(":")[0].removeprefix("line ")) for p in problems]
    assert lines == sorted(lines), "problems come in file order"
