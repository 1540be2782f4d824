"""Every mistake in a scheme file's contingency rules gets a located message: a name that
is no code or actor, a code on both sides, a fit that is no consequent, an antecedent
without a fit, a window longer than its repair window, and the rest.

Each case breaks one thing in the small valid scheme of :mod:`duo` (rules at lines 63 and
69) and checks the message a programme lead would read.
"""

from __future__ import annotations

import pytest

from .duo import problems_of, replace

CASES = [
    # -- rules --
    pytest.param(
        replace('antecedents = ["bid"]', 'antecedents = ["bidd"]'),
        'contingencies[1].antecedents: "bidd" is neither a code nor an actor of this scheme; '
        'did you mean "bid"?',
        72,
        id="rule-unknown-code",
    ),
    pytest.param(
        replace('consequents = ["mum", "dad"]', 'consequents = ["mum", "daddy"]'),
        'contingencies[0].consequents: "daddy" is neither a code nor an actor of this scheme; '
        'did you mean "dad"?',
        67,
        id="rule-unknown-actor",
    ),
    pytest.param(
        replace('antecedents = ["hungry", "fussing"]\n', ""),
        "contingencies[0]: antecedents is missing; list the codes (or actors) the rule looks from",
        63,
        id="rule-antecedents-missing",
    ),
    pytest.param(
        replace('antecedents = ["bid"]', "antecedents = []"),
        "contingencies[1].antecedents: must list at least one of the code or actor ids",
        72,
        id="rule-antecedents-empty",
    ),
    pytest.param(
        replace('antecedents = ["bid"]', 'antecedents = "bid"'),
        "contingencies[1].antecedents: must be a list of code or actor ids in quotes",
        72,
        id="rule-antecedents-not-a-list",
    ),
    pytest.param(
        replace('antecedents = ["bid"]', 'antecedents = ["bid", "bid"]'),
        'contingencies[1].antecedents: lists "bid" twice',
        72,
        id="rule-lists-a-code-twice",
    ),
    pytest.param(
        replace('consequents = ["mum", "dad"]', 'consequents = ["mum", "dad", "hungry"]'),
        'contingencies[0].consequents: "hungry" is also an antecedent of this rule',
        67,
        id="rule-code-on-both-sides",
    ),
    pytest.param(
        replace('matches = { bid = ["looks"] }', 'matches = { bid = ["looks"], feed = ["looks"] }'),
        'contingencies[1].matches.feed: "feed" is not an antecedent of this rule '
        "(its antecedents: bid)",
        76,
        id="matches-key-not-an-antecedent",
    ),
    pytest.param(
        replace('matches = { bid = ["looks"] }', 'matches = { bid = ["looks"], dad = ["looks"] }'),
        'contingencies[1].matches.dad: "dad" is an actor; give each of its codes an entry',
        76,
        id="matches-key-an-actor",
    ),
    pytest.param(
        replace('matches = { bid = ["looks"] }', 'matches = { bid = ["looks", "hungry"] }'),
        'contingencies[1].matches.bid: "hungry" is not a consequent of this rule '
        "(its consequents: looks, fussing)",
        76,
        id="matches-not-a-consequent",
    ),
    pytest.param(
        replace('matches = { bid = ["looks"] }', "matches = { bid = [] }"),
        "contingencies[1].matches.bid: must list at least one of the consequent ids",
        76,
        id="matches-entry-empty",
    ),
    pytest.param(
        replace('matches = { bid = ["looks"] }', 'matches = ["looks"]'),
        "contingencies[1].matches: must be a table keyed by antecedent, e.g. matches = ",
        76,
        id="matches-not-a-table",
    ),
    pytest.param(
        replace('antecedents = ["bid"]', 'antecedents = ["bid", "feed"]'),
        'contingencies[1].matches: "feed" has no entry; add feed = [...] listing the '
        "consequents that fit it (or leave matches out, and every consequent fits)",
        76,
        id="matches-misses-an-antecedent",
    ),
    pytest.param(
        replace('consequents = ["mum", "dad"]', 'consequents = ["bid"]'),
        'contingencies[0]: cue "hungry" takes its matches from [[cues]] (feed), but none of '
        "them is a consequent of this rule; add matches.hungry = [...]",
        63,
        id="cue-matches-none-a-consequent",
    ),
    pytest.param(
        replace("windows = { bid = 2.0 }", "windows = { bid = 2.0, looks = 1.0 }"),
        'contingencies[1].windows.looks: "looks" is not an antecedent of this rule',
        77,
        id="windows-key-not-an-antecedent",
    ),
    pytest.param(
        replace("windows = { bid = 2.0 }", "windows = { bid = 0 }"),
        "contingencies[1].windows.bid: must be a number of seconds greater than 0, not 0",
        77,
        id="windows-entry-zero",
    ),
    pytest.param(
        replace("window = 3.0\n", "window = -3.0\n"),
        "contingencies[1].window: must be a number of seconds greater than 0, not -3.0",
        74,
        id="rule-window-negative",
    ),
    pytest.param(
        replace("windows = { bid = 2.0 }\n", "").replace("window = 3.0\n", "window = 12.0\n"),
        "contingencies[1].window: (12.0 s) must not be longer than this rule's repair window "
        "(10.0 s)",
        74,
        id="rule-window-longer-than-repair",
    ),
    pytest.param(
        replace("windows = { bid = 2.0 }", "windows = { bid = 11.0 }"),
        "contingencies[1].windows.bid: (11.0 s) must not be longer than this rule's repair "
        "window (10.0 s)",
        77,
        id="rule-own-window-longer-than-repair",
    ),
    pytest.param(
        replace('consequents = ["mum", "dad"]', 'consequents = ["mum", "dad"]\nrepair_window = 8'),
        'contingencies[0]: the window of cue "hungry" (10.0 s, its own in [[cues]]) is longer '
        "than this rule's repair_window (8 s)",
        63,
        id="cue-window-longer-than-rule-repair",
    ),
    pytest.param(
        replace('consequents = ["mum", "dad"]', 'consequents = ["mum", "dad"]\nrepair_window = 4'),
        "contingencies[0].repair_window: (4 s) must not be shorter than the window of its "
        "antecedents (5.0 s, the scheme's response_window)",
        68,
        id="rule-repair-shorter-than-schemes-window",
    ),
    pytest.param(
        replace('id = "bid-answer"', 'id = "cue-response"'),
        'contingencies[1].id: "cue-response" is already the id of contingencies[0]',
        70,
        id="duplicate-rule-id",
    ),
    pytest.param(
        replace('antecedents = ["bid"]', 'antecedent = ["bid"]'),
        'contingencies[1].antecedent: unknown field; did you mean "antecedents"?',
        72,
        id="rule-unknown-field",
    ),
    pytest.param(
        replace('label = "Answers to bids"\n', ""),
        'contingencies[1]: label is missing; add label = "..."',
        69,
        id="rule-label-missing",
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
