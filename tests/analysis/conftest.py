"""A scheme with actors, two rules (both directions) and a state group, for the analysis
tests; written as a user writes one, so it passes the same validation."""

from __future__ import annotations

import pytest

from observe.scheme import Scheme, parse_scheme

TWO_WAY = """
[scheme]
id = "two-way"
name = "Both directions"
version = "1.0"
response_window = 5.0
repair_window = 30.0
intensity_levels = 3

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
id = "crying"
label = "Crying"
key = "c"
kind = "state"
matches = ["soothe"]
window = 10.0
[[cues]]
id = "looks"
label = "Looks"
key = "l"
matches = ["follow_mum", "follow_dad"]
[[cues]]
id = "smiles"
label = "Smiles"
key = "m"
matches = ["follow_mum", "follow_dad"]

[[responses]]
id = "soothe"
label = "Soothes"
key = "s"
[[responses]]
id = "follow_mum"
label = "Follows (mum)"
key = "f"
[[responses]]
id = "bid_mum"
label = "Invites (mum)"
key = "b"
[[responses]]
id = "follow_dad"
label = "Follows (dad)"
key = "g"
actor = "dad"
[[responses]]
id = "bid_dad"
label = "Invites (dad)"
key = "d"
actor = "dad"

[[contingencies]]
id = "cue-response"
label = "Parents' responses to the baby's cues"
antecedents = ["fussing", "crying", "looks", "smiles"]
consequents = ["mum", "dad"]

[[contingencies]]
id = "bid-answer"
label = "The baby's answers to the parents' bids"
antecedents = ["bid_mum", "bid_dad"]
consequents = ["looks", "smiles", "fussing"]
window = 3.0
repair_window = 10.0
windows = { bid_dad = 2.0 }
matches = { bid_mum = ["looks", "smiles"], bid_dad = ["looks", "smiles"] }

[[state_groups]]
id = "state"
label = "The baby's state"
codes = ["alert", "fussing", "crying"]
exclusive = true
exhaustive = true
initial = "alert"
"""


@pytest.fixture
def two_way() -> Scheme:
    """Baby (alert, fussing, crying: one exhaustive state group starting in alert; looks,
    smiles), mum (soothe, follow_mum, bid_mum) and dad (follow_dad, bid_dad).

    Rule ``cue-response``: fussing, crying (own window 10 s), looks, smiles → any parent's
    code within 5 s; fitting: the cues' own matches (soothe for fussing and crying, either
    follow for looks and smiles); repair window 30 s.
    Rule ``bid-answer``: bid_mum (3 s), bid_dad (own window 2 s) → the baby's looks, smiles
    or fussing; fitting: looks or smiles; repair window 10 s.
    """
    return parse_scheme(TWO_WAY, "two-way.toml")
