"""A small valid scheme with every part that came with real instruments (three actors,
codes of each, two rules, an exhaustive state group, a rating with anchors), for the tests
that break one thing in it and read the message."""

from __future__ import annotations

import pytest

from observe.errors import SchemeError
from observe.scheme import parse_scheme

VALID = """\
[scheme]
id = "duo"
name = "Two caregivers"
version = "1.0"
response_window = 5.0
repair_window = 30.0

[[actors]]
id = "baby"
label = "Baby"
infant = true

[[actors]]
id = "mum"
label = "Mum"

[[actors]]
id = "dad"
label = "Dad"

[[cues]]
id = "hungry"
label = "Hungry"
key = "h"
matches = ["feed"]
window = 10.0

[[cues]]
id = "alert"
label = "Alert"
key = "a"
kind = "state"

[[cues]]
id = "fussing"
label = "Fussing"
key = "u"
kind = "state"
matches = ["soothe"]

[[cues]]
id = "looks"
label = "Looks"
key = "l"

[[responses]]
id = "feed"
label = "Feeds"
key = "f"

[[responses]]
id = "soothe"
label = "Soothes"
key = "s"
actor = "dad"

[[responses]]
id = "bid"
label = "Bid"
key = "b"
actor = "dad"

[[contingencies]]
id = "cue-response"
label = "Responses to cues"
antecedents = ["hungry", "fussing"]
consequents = ["mum", "dad"]

[[contingencies]]
id = "bid-answer"
label = "Answers to bids"
antecedents = ["bid"]
consequents = ["looks", "fussing"]
window = 3.0
repair_window = 10.0
matches = { bid = ["looks"] }
windows = { bid = 2.0 }

[[state_groups]]
id = "state"
label = "State"
codes = ["alert", "fussing"]
exhaustive = true
initial = "alert"

[[ratings]]
id = "warmth"
label = "Warmth"
min = 1
max = 7
anchors = { 1 = "Cold", 4 = "Mixed", 7 = "Warm" }
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text, "duo.toml")
    return caught.value.problems


def replace(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)
