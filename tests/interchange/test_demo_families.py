"""``observe demo --families N``: a year-sized demo archive, and today's five families kept."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from observe.cli import main
from observe.interchange.demo_families import MAX_FAMILIES, demo_families, family_code
from observe.interchange.second_observer import demo_reliability_pair
from observe.interchange.simulate import demo_sessions
from observe.scheme import Scheme, find_scheme
from observe.store import Archive


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    return tmp_path / "archive"


def _observe(archive_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--data-dir", str(archive_dir), *args])


def _shipped(tmp_path: Path):
    return lambda scheme_id: find_scheme(scheme_id, tmp_path)


def _listed(archive_dir: Path) -> list:
    with Archive.open(archive_dir, readonly=True) as archive:
        return archive.list_sessions()


def test_the_default_is_todays_five_families_exactly(tmp_path: Path) -> None:
    """The README, the tests and anyone's notes on DEMO-01 … DEMO-05 describe these
    sessions: the default must still be exactly them, ids and events included."""
    scheme: Scheme = find_scheme("infant-cues", tmp_path)
    today = [*demo_sessions(scheme), *demo_reliability_pair(scheme)]
    made = demo_families(_shipped(tmp_path))
    assert [family.dyad for family in made] == [f"DEMO-0{n}" for n in range(1, 6)]
    assert sorted(s.id for f in made for s in f.sessions) == sorted(s.id for s in today)
    by_id = {s.id: s for s in today}
    assert all(s == by_id[s.id] for f in made for s in f.sessions)
    assert [len(f.double_coded) for f in made] == [0, 0, 0, 0, 1]


def test_the_default_command_and_families_5_add_the_same_sessions(tmp_path: Path) -> None:
    default, five = tmp_path / "default", tmp_path / "five"
    assert _observe(default, "demo").exit_code == 0
    result = _observe(five, "demo", "--families", "5")
    assert result.exit_code == 0, result.output
    assert "DEMO-05  1 visit, 2026-02-05, coded by two observers" in result.output
    assert sorted(s.id for s in _listed(default)) == sorted(s.id for s in _listed(five))
    assert len(_listed(five)) == 21


def test_n_families_are_n_dyads_with_every_visit_listed(archive_dir: Path) -> None:
    """`--families 40` must give 40 families, each with all its visits in the archive."""
    result = _observe(archive_dir, "demo", "--families", "40")
    assert result.exit_code == 0, result.output
    made = demo_families(_shipped(archive_dir), 40)
    expected = sum(len(family.sessions) for family in made)
    summaries = _listed(archive_dir)
    assert len(summaries) == expected
    assert f"added {expected:,} demo sessions" in result.output
    dyads = Counter(s.dyad for s in summaries)
    assert sorted(dyads) == sorted(family_code(n) for n in range(1, 41))
    assert family_code(6) == "DEMO-0006" and "DEMO-0040" in dyads
    for family in made:
        assert dyads[family.dyad] == len(family.sessions)
    assert {s.origin for s in summaries} == {"demo"}
    assert {s.observer for s in summaries} <= {"demo", "demo-2"}
    assert all(s.status == "ended" for s in summaries)
    assert "40 families, DEMO-01 to DEMO-0040" in result.output
    assert f"{archive_dir} analyze --dyad DEMO-01 " in result.output


def test_the_same_n_gives_the_same_archive_and_more_families_add_only_new_ones(
    archive_dir: Path, tmp_path: Path
) -> None:
    """A demo re-run must not duplicate sessions; asking for more families later adds
    only the new families, the earlier ones unchanged."""
    shipped = _shipped(tmp_path)
    assert demo_families(shipped, 30) == demo_families(shipped, 30)
    assert demo_families(shipped, 30)[:20] == demo_families(shipped, 20)
    assert _observe(archive_dir, "demo", "--families", "20").exit_code == 0
    first = {s.id for s in _listed(archive_dir)}
    again = _observe(archive_dir, "demo", "--families", "20")
    assert "nothing added" in again.output
    assert {s.id for s in _listed(archive_dir)} == first
    more = _observe(archive_dir, "demo", "--families", "30")
    assert more.exit_code == 0, more.output
    now = {s.id: s.dyad for s in _listed(archive_dir)}
    assert first < set(now)
    assert {now[i] for i in set(now) - first} == {family_code(n) for n in range(21, 31)}
    assert "10 families, DEMO-0021 to DEMO-0030" not in more.output  # ten are listed
    assert "DEMO-0021  " in more.output and "DEMO-0020  " not in more.output


def test_further_families_differ_as_real_caseloads_do(tmp_path: Path) -> None:
    """A year-sized demo where every family looked the same would show nothing in the
    caseload, the trends or the reports worth trying."""
    made = demo_families(_shipped(tmp_path), 120)[5:]
    sessions = [s for family in made for s in family.sessions]
    assert {s.scheme.id for s in sessions} == {"infant-cues", "feeding", "play", "home-visit"}
    assert len({family.visits for family in made}) >= 5
    assert len({s.context for s in sessions}) >= 6
    rates = []
    for family in made:
        minutes = sum(s.duration for s in family.sessions) / 60
        cues = sum(1 for s in family.sessions for e in s.events if s.scheme.is_cue(e.code))
        rates.append(cues / minutes)
    assert max(rates) > 2 * min(rates), "infants' cue rates should differ between families"
    pairs = [pair for family in made for pair in family.double_coded]
    assert pairs, "a few visits should be coded by a second observer, as DEMO-05's is"
    for one, other in pairs:
        assert (one.dyad, one.visit) == (other.dyad, other.visit)
        assert (one.observer, other.observer) == ("demo", "demo-2")
    for family in made:
        firsts = [s for s in family.sessions if s.observer == "demo"]
        assert [s.visit for s in firsts] == [str(n) for n in range(1, len(firsts) + 1)]
        starts = [s.started_at for s in firsts]
        assert starts == sorted(starts), "visits follow one another"
        assert all("2025-12-01" <= start[:10] <= "2026-11-30" for start in starts)
        assert all(s.origin == "demo" for s in family.sessions)


def test_500_families_are_about_2000_sessions(tmp_path: Path) -> None:
    """The README promises a year-sized archive (about 2,000 sessions) from 500 families."""
    made = demo_families(_shipped(tmp_path), 500)
    assert len(made) == 500
    assert 1_800 <= sum(len(family.sessions) for family in made) <= 2_200


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("0", "0 is out of that range"),
        ("-3", "-3 is out of that range"),
        (str(10**9), "1,000,000,000 is out of that range"),
        (str(MAX_FAMILIES + 1), f"{MAX_FAMILIES + 1:,} is out of that range"),
        ("many", '"many" is not a number'),
        ("2.5", '"2.5" is not a number'),
        ("", '"" is not a number'),
    ],
)
def test_a_bad_number_of_families_is_one_sentence_and_writes_nothing(
    archive_dir: Path, given: str, said: str
) -> None:
    result = _observe(archive_dir, "demo", "--families", given)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: --families takes a whole number")
    assert said in lines[0]
    assert not archive_dir.exists()


def test_fewer_than_five_families_are_the_first_of_todays(archive_dir: Path) -> None:
    """`--families 2` keeps DEMO-01 and DEMO-02 as they are, and offers no reliability
    command, since the double-coded family is not there."""
    result = _observe(archive_dir, "demo", "--families", "2")
    assert result.exit_code == 0, result.output
    assert sorted({s.dyad for s in _listed(archive_dir)}) == ["DEMO-01", "DEMO-02"]
    assert len(_listed(archive_dir)) == 10
    assert "reliability" not in result.output
