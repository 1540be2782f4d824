"""A session's scheme snapshot with actors, rules, state groups and anchors, and its
excluded periods, travel in session files and bundles and are checked when they arrive.

If a bundle dropped a rule or an anchor, the programme archive would analyse a visit with
another scheme than the one it was coded with; if it took in a snapshot whose rule names a
code the scheme lacks, or an excluded period past the end, the analysis would fail later.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve

from observe.errors import InterchangeError
from observe.interchange.bundle import bundle_text, parse_bundle
from observe.model import Interval, Session
from observe.scheme import Scheme, find_scheme, load_scheme, shipped_scheme_paths
from observe.scheme.loading import scheme_from_data
from observe.scheme.snapshot import scheme_file_data, snapshot_problems
from observe.store.sessionfile import read_session_file, write_session_file
from observe.validity import session_problems


@pytest.fixture
def home_visit(tmp_path: Path) -> Scheme:
    return find_scheme("home-visit", tmp_path)


def ended_session(scheme: Scheme, make_session) -> Session:
    session = make_session(
        [(1.0, "bid_a"), (2.0, "looks"), (3.5, "follow_b"), (20.0, "hungry")],
        scheme=scheme,
        duration=60.0,
    )
    return evolve(session, excluded=(Interval(5.0, 12.5), Interval(30.0, 41.0)))


@pytest.mark.parametrize("path", shipped_scheme_paths(), ids=lambda p: p.stem)
def test_a_snapshot_is_the_scheme_file_it_came_from(path: Path) -> None:
    """Written as a file's data and read back, a shipped scheme is itself and valid."""
    scheme = load_scheme(path)
    assert scheme_from_data(scheme_file_data(scheme)) == scheme
    assert snapshot_problems(scheme) == []


def test_a_bundle_carries_the_new_scheme_and_excluded_periods_unchanged(
    home_visit: Scheme, make_session
) -> None:
    session = ended_session(home_visit, make_session)
    (back,) = parse_bundle(bundle_text([session]), "visit.json")
    assert back == session
    assert back.scheme.digest == back.scheme_digest == home_visit.digest
    assert [rule.id for rule in back.scheme.rules] == ["cue-response", "bid-answer"]
    assert back.scheme.rating("sensitivity_a").anchor(9) is not None
    assert back.excluded == (Interval(5.0, 12.5), Interval(30.0, 41.0))


def test_a_session_file_keeps_them_too(home_visit: Scheme, make_session, tmp_path: Path) -> None:
    session = ended_session(home_visit, make_session)
    path = tmp_path / f"{session.id}.json"
    write_session_file(path, session, None, 0)
    assert read_session_file(path).session == session


def _bundle_with(session: Session, edit) -> str:
    data = json.loads(bundle_text([session]))
    edit(data["sessions"][0])
    return json.dumps(data)


def test_an_edited_rule_in_a_bundle_is_caught_by_the_digest(
    home_visit: Scheme, make_session
) -> None:
    session = ended_session(home_visit, make_session)

    def widen(item: dict) -> None:
        item["scheme"]["contingencies"][1]["window"] = 9.0

    with pytest.raises(InterchangeError, match="does not match the digest"):
        parse_bundle(_bundle_with(session, widen), "visit.json")


def test_a_snapshot_whose_rule_names_no_code_is_refused_even_with_its_digest(
    home_visit: Scheme, make_session
) -> None:
    """A digest recomputed over a broken snapshot does not make it usable."""
    broken = evolve(
        home_visit,
        contingencies=(
            evolve(home_visit.contingencies[0], antecedents=("hungry", "yawns")),
            home_visit.contingencies[1],
        ),
    )
    session = evolve(
        ended_session(home_visit, make_session), scheme=broken, scheme_digest=broken.digest
    )
    with pytest.raises(InterchangeError) as caught:
        parse_bundle(bundle_text([session]), "visit.json")
    message = str(caught.value)
    assert "its scheme snapshot home-visit is not a valid scheme" in message
    assert 'contingencies[0].antecedents: "yawns" is neither a code nor an actor' in message


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ((Interval(5, 12.5), Interval(12.5, 20)), None),
        ((Interval(-1, 2),), "its excluded period 1 (from -1 s) starts before the session"),
        ((Interval(50, 61),), "its excluded period 1 (from 50 s) goes past the end of the session"),
        ((Interval(5, 4),), "its excluded period 1 (from 5 s) ends at 4 s, before it starts"),
        (
            (Interval(10, 20), Interval(15, 30)),
            "its excluded period 2 (from 15 s) overlaps the one before or is out of time order",
        ),
        (
            (Interval(30, 40), Interval(10, 20)),
            "its excluded period 2 (from 10 s) overlaps the one before or is out of time order",
        ),
        ((Interval(5),), "its excluded period 1 (from 5 s) has no end"),
        ((Interval(float("nan"), 3),), "has a time that is not a number of seconds"),
    ],
)
def test_excluded_periods_from_outside_lie_within_the_session_in_order(
    periods: tuple[Interval, ...], expected: str | None, make_session
) -> None:
    session = evolve(make_session([(1.0, "hungry")], duration=60.0), excluded=periods)
    found = [p.sentence for p in session_problems(session) if p.field.startswith("excluded")]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and expected in found[0], found


def test_only_the_last_period_of_a_live_session_may_be_open(make_session) -> None:
    live = make_session([(1.0, "hungry")], duration=60.0, status="live")
    assert session_problems(evolve(live, excluded=(Interval(5, 6), Interval(10)))) == []
    (problem,) = session_problems(evolve(live, excluded=(Interval(5), Interval(10, 12))))
    assert problem.field == "excluded[0].end"


def test_a_bundle_with_an_excluded_period_past_the_end_is_refused(
    home_visit: Scheme, make_session
) -> None:
    session = evolve(ended_session(home_visit, make_session), excluded=(Interval(50.0, 70.0),))
    with pytest.raises(InterchangeError, match="goes past the end of the session"):
        parse_bundle(bundle_text([session]), "visit.json")


def test_old_and_new_sessions_in_one_bundle(home_visit: Scheme, make_session) -> None:
    """A programme archive mixes both: each keeps its own snapshot and digest."""
    old = make_session([(1.0, "hungry"), (2.0, "feed")])
    new = ended_session(home_visit, make_session)
    back = parse_bundle(bundle_text([old, new]), "mixed.json")
    assert back == [old, new]
    assert "excluded" not in json.loads(bundle_text([old]))["sessions"][0]


def test_a_bundle_is_read_exactly_in_the_new_fields_too(home_visit: Scheme, make_session) -> None:
    """An anchor keyed by no whole number, or an actor's infant flag as text, is refused by
    name (a bundle is untrusted input), while the fields an old bundle lacks are let in."""
    session = ended_session(home_visit, make_session)

    def bad_anchor(item: dict) -> None:
        item["scheme"]["ratings"][0]["anchors"]["01"] = "again"

    def infant_text(item: dict) -> None:
        item["scheme"]["actors"][0]["infant"] = "true"

    with pytest.raises(InterchangeError, match='has the key the text "01", not a whole number'):
        parse_bundle(_bundle_with(session, bad_anchor), "visit.json")
    with pytest.raises(InterchangeError, match="infant must be true or false"):
        parse_bundle(_bundle_with(session, infant_text), "visit.json")
