"""The README's example of actors, rules, state groups and anchors is a scheme that loads
and means what the README says of it: a programme lead copying it gets no surprise."""

from __future__ import annotations

import re
from pathlib import Path

from observe.scheme import parse_scheme

README = Path(__file__).resolve().parents[2] / "README.md"
HEAD = """\
[scheme]
id = "readme"
name = "README example"
version = "1"
response_window = 5.0
repair_window = 30.0

"""


def readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("### Actors, rules, state groups")[1]
    (block,) = re.findall(r"```toml\n(.*?)```", section.split("\n## ")[0], re.S)
    return block


def test_the_readme_example_loads_and_uses_every_new_field() -> None:
    scheme = parse_scheme(HEAD + readme_example(), "README.md")
    assert [(a.id, a.infant) for a in scheme.actors] == [
        ("baby", True),
        ("mum", False),
        ("dad", False),
    ]
    assert scheme.actor_of("feed").id == "mum" and scheme.actor_of("soothe").id == "dad"
    assert scheme.actor_of("looks").id == "baby"
    cue_response, bid_answer = scheme.rules
    assert cue_response.consequents == ("feed", "soothe", "bid")
    assert cue_response.matches_for("fussing") == ("soothe",)
    assert cue_response.window_for("fussing") == 5.0 and cue_response.repair_window == 30.0
    assert bid_answer.window == 3.0 and bid_answer.window_for("bid") == 2.5
    assert bid_answer.repair_window == 10.0 and bid_answer.matches_for("bid") == ("looks",)
    assert bid_answer.description == "Optional."
    (group,) = scheme.state_groups
    assert group.exclusive and group.exhaustive and group.initial == "alert"
    assert scheme.ratings[0].anchors == {
        1: "Cold or flat",
        4: "Warm at times",
        7: "Warm throughout",
    }
    assert scheme.actor("dad").description
