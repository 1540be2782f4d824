"""Observer agreement per actor (issue 12): with two caregivers, each person's codes are
lined up with the same person's, and each is reported on its own — worked by hand."""

from __future__ import annotations

import json

import pytest
from attrs import evolve

from observe.analysis.reliability import compare_sessions
from observe.model import Interval
from observe.scheme import parse_scheme

from .conftest import pdf_text

FAMILY = """
[scheme]
id = "family"
name = "Family"
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
id = "looks"
label = "Looks"
key = "l"
matches = ["follow_mum", "follow_dad"]
[[cues]]
id = "smiles"
label = "Smiles"
key = "s"
matches = ["follow_mum", "follow_dad"]

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
"""

#: Observer B took dad's follow at 11.2 where A saw mum follow at 11.
CODED_A = [(10, "looks"), (11, "follow_mum"), (20, "bid_dad"), (30, "smiles"), (31, "follow_dad")]
CODED_B = [
    (10.4, "looks"), (11.2, "follow_dad"), (20.5, "bid_dad"), (30.3, "smiles"),
    (31.5, "follow_dad"),
]  # fmt: skip


@pytest.fixture
def family():
    return parse_scheme(FAMILY, "family.toml")


@pytest.fixture
def pair(make_session, family):
    return (
        make_session(CODED_A, scheme=family, duration=40.0),
        make_session(CODED_B, scheme=family, duration=40.0),
    )


def test_each_persons_codes_are_lined_up_with_the_same_persons(pair) -> None:
    """Offset 0, tolerance 2 s. Per actor: baby looks/looks, smiles/smiles (2 pairs, 2
    agree); mum follow_mum/nil (A's mum follow has no mum code of B's near it: 1 pair, 0
    agree); dad nil/follow_dad (B's 11.2), bid_dad/bid_dad, follow_dad/follow_dad (3
    pairs, 2 agree). Were the parents one actor, mum's follow at 11 and dad's at 11.2
    would pair as a confusion instead: who answered the baby matters.

    6 pairs, 4 agreements. Matrix (rows A) over looks, smiles, follow_mum, follow_dad,
    bid_dad, nil: the diagonal 1, 1, 0, 1, 1; follow_mum/nil 1; nil/follow_dad 1. Rows all
    1; columns 1, 1, 0, 2, 1, 1: Σ row·col = 6; kappa = (6·4 − 6)/(36 − 6) = 0.6.
    Per actor, each actor's block: baby [[1,0,0],[0,1,0],[0,0,0]]: kappa (2·2 − 2)/(4 − 2)
    = 1; mum [[0,1],[0,0]]: N 1, diagonal 0, Σ row·col 0: kappa 0; dad [[1,0,0],[0,1,0],
    [1,0,0]]: N 3, diagonal 2, rows 1, 1, 1, columns 2, 1, 0, Σ 3: (3·2 − 3)/(9 − 3) = 0.5.
    """
    result = compare_sessions(*pair, offset=0.0)
    assert (result.pairs, result.agreements) == (6, 4)
    assert result.matrix.codes == ("looks", "smiles", "follow_mum", "follow_dad", "bid_dad", "nil")
    assert result.matrix.counts[2] == (0, 0, 0, 0, 0, 1)  # follow_mum / nil
    assert result.matrix.counts[5] == (0, 0, 0, 1, 0, 0)  # nil / follow_dad
    assert result.kappa == pytest.approx(0.6)
    assert result.actors == {"baby": "Baby", "mum": "Mum", "dad": "Dad"}
    figures = {
        actor: (f.pairs, f.agreements, f.percent_agreement, f.kappa)
        for actor, f in result.per_actor.items()
    }
    assert figures == {
        "baby": (2, 2, 1.0, 1.0),
        "mum": (1, 0, 0.0, 0.0),
        "dad": (3, 2, 2 / 3, pytest.approx(0.5)),
    }
    assert list(result.time_units.per_actor) == ["baby", "mum", "dad"]


def test_the_json_names_each_actor(cli_archive, pair) -> None:
    """`observe reliability --json`: `actors` (key → heading), `per_actor` (the alignment
    per actor), the time-unit kappa per actor, by actor id."""
    cli_archive.store(*pair)
    result = cli_archive.run("reliability", pair[0].id, pair[1].id, "--offset", "0", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["actors"] == {"baby": "Baby", "mum": "Mum", "dad": "Dad"}
    assert data["per_actor"]["dad"] == {
        "pairs": 3, "agreements": 2, "percent_agreement": 2 / 3, "kappa": pytest.approx(0.5),
    }  # fmt: skip
    assert list(data["time_units"]["per_actor"]) == ["baby", "mum", "dad"]


def test_the_text_and_the_report_show_each_actor(cli_archive, pair, tmp_path) -> None:
    cli_archive.store(*pair)
    text = cli_archive.run("reliability", pair[0].id, pair[1].id, "--offset", "0").stdout
    lines = text.splitlines()
    ours = [line for line in lines if not line.startswith(("FLAG: ", "  A: ", "  B: "))]
    assert max(map(len, ours)) <= 80  # (flags and the sessions' lines are not wrapped)
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.startswith("  ")}
    assert rows["Dad"] == ["3", "2", "67%", "0.50"]
    assert rows["Mum"] == ["1", "0", "0%", "0.00"]
    assert {"Baby", "Mum", "Dad"} <= set(lines)  # the matrix, one part per person
    target = tmp_path / "family.pdf"
    written = cli_archive.run(
        "reliability", pair[0].id, pair[1].id, "--offset", "0", "-o", str(target)
    )
    assert written.exit_code == 0, written.output
    pdf = pdf_text(target)
    assert "Each person's codes are lined up with the same person's (Baby, Mum and Dad)" in pdf
    assert "Dad — 67% agreement (2 of 3 pairs), kappa 0.50" in pdf
    assert "Second by second: Mum" in pdf


def test_a_scheme_without_actors_keeps_its_two_keys(make_session) -> None:
    """Sessions of a scheme written before actors read as they always did: `cue` and
    `response`."""
    a = make_session([(10, "hungry"), (12, "feed")])
    b = make_session([(10.5, "hungry"), (12.4, "feed")])
    result = compare_sessions(a, b, offset=0.0)
    assert result.actors == {"cue": "Infant cues", "response": "Caregiver responses"}
    assert list(result.per_actor) == list(result.time_units.per_actor) == ["cue", "response"]
    assert result.per_actor["cue"].agreements == 1


def test_codes_in_a_period_either_observer_could_not_code_are_left_out(pair) -> None:
    """A marked 25–35 s not codable: A's smiles 30 and dad's follow 31, and B's smiles
    30.3 and follow 31.5, are left out (2 of each; nobody can say whether A would have
    agreed). Left: baby 1 pair, mum 1, dad 2 (nil/follow_dad 11.2, bid_dad): 4 pairs, 2
    agree. Time units: 0–39 (40 s), those whose middle lies in (25, 35) — 25 … 34 — are
    left out: 10."""
    a, b = pair
    result = compare_sessions(evolve(a, excluded=(Interval(25, 35),)), b, offset=0.0)
    assert (result.excluded_events.a, result.excluded_events.b) == (2, 2)
    assert (result.pairs, result.agreements) == (4, 2)
    assert result.time_units.excluded_units == 10
    assert result.time_units.per_actor["baby"].units == 30
    assert any("marked as not codable (2 of A's, 2 of B's)" in w for w in result.warnings)
