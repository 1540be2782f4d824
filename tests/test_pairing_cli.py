"""Double-coded visits from the command line: ``observe session pair/unpair``, ``session
show`` and ``list``, ``session import --second-coding-of``, ``observe reliability``, the
trend and its report, and bundles between laptops.

If these failed, a family's trend would count a visit two observers coded as two visits
(the DEMO-05 report said "Visits 2", two points both labelled visit 1), a user could not
see or change which coding counts, or a pairing would be lost between two laptops.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attrs import evolve
from observe.reports import write_trend_report

from tests.conftest import CliArchive
from tests.reliability.conftest import pdf_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> CliArchive:
    archive = CliArchive(tmp_path_factory.mktemp("pairs") / "archive")
    assert archive.run("demo").exit_code == 0
    return archive


def demo_pair(demo: CliArchive) -> tuple[dict, dict]:
    """DEMO-05's two codings, from the JSON bundle: (demo's, demo-2's)."""
    bundle = json.loads(demo.run("export", "--dyad", "DEMO-05", "--format", "json").stdout)
    by_observer = {s["observer"]: s for s in bundle["sessions"]}
    return by_observer["demo"], by_observer["demo-2"]


def test_the_demos_double_coded_visit_is_created_paired_and_counted_once(demo) -> None:
    """The issue's DEMO-05 case: one visit coded by demo and demo-2 is one visit in the
    trend (one row, one point), from demo's coding; the other is named, not counted."""
    first, second = demo_pair(demo)
    assert second["second_coding_of"] == first["id"] and "second_coding_of" not in first
    text = demo.run("analyze", "--dyad", "DEMO-05").stdout
    assert text.splitlines()[0] == "Dyad DEMO-05: 1 visit (2 sessions), oldest first"
    rows = [line for line in text.splitlines() if line.startswith("2026-")]
    assert len(rows) == 1 and rows[0].split()[-1] == first["id"][:8]
    assert f"its second coding {second['id'][:8]} is not counted" in " ".join(text.split())
    data = json.loads(demo.run("analyze", "--dyad", "DEMO-05", "--json").stdout)
    assert [p["session"] for p in data["sessions"]] == [first["id"]]
    assert data["sessions"][0]["second_codings"] == [second["id"]]


def test_the_trend_report_has_one_visit_for_the_double_coded_one(demo, tmp_path) -> None:
    target = tmp_path / "trend.pdf"
    result = demo.run("report", "--dyad", "DEMO-05", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = pdf_text(target)
    assert "Visits 1 " in text
    assert "visit 1 was coded by two observers and counts once, from demo's coding" in text
    assert "Only one visit has been recorded" in text  # no line through two points


def test_the_trend_counts_a_second_coding_once_among_other_visits(make_session, tmp_path):
    """Three sessions, two of them one visit: the report draws two visits."""
    one = make_session([(10, "tired"), (11, "settle")], started_at="2026-03-02T10:00:00+00:00")
    again = evolve(
        make_session([(10, "tired")], started_at="2026-03-02T10:00:03+00:00"),
        observer="OBS2",
        second_coding_of=one.id,
        second_coding_at="2026-03-02T10:00:03+00:00",
    )
    later = make_session([(5, "hungry")], started_at="2026-04-02T10:00:00+00:00", visit="2")
    target = write_trend_report([one, again, later], tmp_path / "t.pdf")
    text = pdf_text(target)
    assert "Visits 2 " in text and "Observers OBS1 " in text


def test_session_show_and_list_show_the_pair_and_which_counts(demo) -> None:
    first, second = demo_pair(demo)
    shown = " ".join(demo.run("session", "show", first["id"][:8]).stdout.split())
    assert (
        "this is the primary coding of a double-coded visit, the one trends count; its second "
        f"coding is {second['id'][:8]} (observer demo-2)"
    ) in shown
    shown = " ".join(demo.run("session", "show", second["id"][:8]).stdout.split())
    assert f"primary coding, the one trends count, is {first['id'][:8]} (observer demo)" in shown
    listed = demo.run("session", "list", "--dyad", "DEMO-05").stdout.splitlines()
    assert "pair" in listed[0].split()
    rows = {line.split()[0]: line for line in listed[1:3]}
    assert f"1st + {second['id'][:8]}" in rows[first["id"][:8]]
    assert f"2nd + {first['id'][:8]}" in rows[second["id"][:8]]
    assert max(len(line) for line in listed) <= 80
    assert "pair:" in listed[-2]  # the legend
    others = demo.run("session", "list", "--dyad", "DEMO-01").stdout.splitlines()
    assert "pair" not in others[0].split()  # no column where no visit is double-coded


def test_pair_swap_unpair_and_what_cannot_be_paired(cli_archive, make_session) -> None:
    a, b = make_session(), evolve(make_session(), observer="OBS2")
    c, other = make_session(visit="2"), make_session(dyad="D002")
    cli_archive.store(a, b, c, other)
    paired = cli_archive.run("session", "pair", a.id[:8], b.id[:8])
    assert paired.exit_code == 0, paired.output
    assert paired.stdout.startswith(f"paired: {b.id[:8]} (observer OBS2) is now the second")
    assert f"observe reliability {a.id[:8]} {b.id[:8]}" in paired.stdout
    again = cli_archive.run("session", "pair", a.id[:8], b.id[:8])
    assert "nothing changed" in again.stdout
    swapped = cli_archive.run("session", "pair", a.id[:8], b.id[:8], "--primary", b.id[:8])
    assert f"{b.id[:8]} (observer OBS2) is now the primary coding" in swapped.stdout
    shown = " ".join(cli_archive.run("session", "show", a.id[:8]).stdout.split())
    assert f"the one trends count, is {b.id[:8]} (observer OBS2)" in shown
    for args, words in [
        ((c.id[:8], a.id[:8]), "already a coding of a double-coded visit"),
        ((c.id[:8], other.id[:8]), "different dyads"),
        ((c.id[:8], c.id[:8]), "of itself"),
        ((c.id[:8], a.id[:8], "--primary", other.id[:8]), "names neither"),
    ]:
        refused = cli_archive.run("session", "pair", *args)
        assert refused.exit_code == 1 and refused.stderr.startswith("error: ")
        assert words in refused.stderr and "Traceback" not in refused.output
    unpaired = cli_archive.run("session", "unpair", b.id[:8])
    assert unpaired.stdout.startswith(f"unpaired: {b.id[:8]} is no longer a coding of one visit")
    assert "nothing changed" in cli_archive.run("session", "unpair", a.id[:8]).stdout
    assert "pair" not in cli_archive.run("session", "list").stdout.splitlines()[0].split()


def test_an_import_can_be_marked_as_a_second_coding(cli_archive, make_session, tmp_path):
    primary = make_session()
    cli_archive.store(primary)
    events = tmp_path / "events.csv"
    events.write_text("time,code\n1.0,hungry\n2.5,feed\n")
    args = ["session", "import", str(events), "--scheme", "infant-cues", "--observer", "OBS2"]
    result = cli_archive.run(*args, "--dyad", "D001", "--second-coding-of", primary.id[:6])
    assert result.exit_code == 0, result.output
    new_id = result.stdout.splitlines()[-1]
    assert f"marked as the second coding of {primary.id[:8]}'s visit" in result.stdout
    shown = " ".join(cli_archive.run("session", "show", new_id).stdout.split())
    assert f"the one trends count, is {primary.id[:8]}" in shown
    wrong = cli_archive.run(*args, "--dyad", "D002", "--second-coding-of", primary.id[:6])
    assert wrong.exit_code == 1 and f"{events} was not imported" in wrong.stderr
    assert "of dyad D001, and this one is of dyad D002" in wrong.stderr
    assert len(cli_archive.run("session", "list").stdout.splitlines()) == 1 + 2 + 2  # no third


def test_deleting_one_of_a_pair_says_what_is_left(cli_archive, make_session) -> None:
    a, b = make_session(), make_session()
    cli_archive.store(a, evolve(b, second_coding_of=a.id, second_coding_at=a.started_at))
    result = cli_archive.run("session", "delete", a.id[:8], "--yes")
    assert result.exit_code == 0, result.output
    assert f"{b.id[:8]} is now the visit's only coding" in result.stdout
    shown = " ".join(cli_archive.run("session", "show", b.id[:8]).stdout.split())
    assert f"marked as a second coding of {a.id[:8]}, which is not in this archive" in shown


@pytest.fixture
def two_codings(cli_archive, make_session):
    a = make_session([(10, "hungry"), (12, "feed")])
    b = evolve(
        make_session([(10.2, "hungry"), (12.1, "feed")], started_at="2026-03-02T10:00:02+00:00"),
        observer="OBS2",
    )
    cli_archive.store(a, b)
    return a, b


def test_reliability_of_two_sessions_marks_them_paired_and_says_so(cli_archive, two_codings):
    a, b = two_codings
    result = cli_archive.run("reliability", a.id[:8], b.id[:8])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stdout.split())
    assert (
        f"Marked as one visit's two codings: {b.id[:8]} is the second coding of {a.id[:8]}" in said
    )
    assert "--no-pair only compares" in said
    again = cli_archive.run("reliability", a.id[:8], b.id[:8], "--json")
    json.loads(again.stdout)  # the JSON alone on stdout
    assert "are marked as one visit's codings already" in again.stderr


def test_reliability_with_no_pair_only_compares(cli_archive, two_codings) -> None:
    a, b = two_codings
    result = cli_archive.run("reliability", a.id[:8], b.id[:8], "--no-pair")
    assert result.exit_code == 0 and "Marked" not in result.output
    assert "pair" not in cli_archive.run("session", "list").stdout.splitlines()[0].split()


def test_reliability_of_a_dyad_compares_the_marked_pairs_first(cli_archive, make_session):
    """Visit 1 has three codings: by its label alone which two belong together is not
    clear (a warning), but marked, the primary and its second coding are compared."""
    codings = [
        evolve(make_session([(10, "hungry"), (12, "feed")]), observer=observer)
        for observer in ("A", "B", "C")
    ]
    cli_archive.store(*codings)
    unmarked = cli_archive.run("reliability", "--dyad", "D001")
    assert unmarked.exit_code == 1 and "has 3 codings" in unmarked.stderr
    primary, _, second = codings
    cli_archive.run("session", "pair", primary.id[:8], second.id[:8])
    data = json.loads(cli_archive.run("reliability", "--dyad", "D001", "--json").stdout)
    assert [(p["session_a"], p["session_b"]) for p in data["pairs"]] == [(primary.id, second.id)]


def test_reliability_of_a_dyad_says_when_a_pair_is_only_guessed(cli_archive, two_codings):
    a, b = two_codings
    result = cli_archive.run("reliability", "--dyad", "D001")
    assert result.exit_code == 0, result.output
    assert f"mark it with observe session pair {a.id[:8]} {b.id[:8]}" in result.stderr


def test_a_pairing_travels_in_bundles_and_the_newer_mark_wins(tmp_path, make_session) -> None:
    """Laptop 1 pairs A and B; laptop 2 has them unpaired. Laptop 1's bundle pairs them on
    laptop 2 without --replace. Laptop 2 then unpairs them; its bundle unpairs them on
    laptop 1. A third archive importing both laptops' last bundles, in either order, ends
    with the newest marks."""
    laptop1, laptop2 = CliArchive(tmp_path / "one"), CliArchive(tmp_path / "two")
    a, b = make_session(), make_session()
    laptop1.store(a, b)
    laptop2.store(a, b)
    laptop1.run("session", "pair", a.id[:8], b.id[:8])

    def bundle(archive: CliArchive, name: str) -> Path:
        path = tmp_path / name
        assert archive.run("export", a.id, b.id, "--format", "json", "-o", str(path)).exit_code == 0
        return path

    first = bundle(laptop1, "paired.json")
    taken = laptop2.run("import-bundle", str(first))
    assert taken.exit_code == 0, taken.output
    assert "1 session marked as in the bundle" in taken.stdout and "warning" not in taken.output
    assert "2nd + " in laptop2.run("session", "list").stdout
    assert "unchanged" in laptop2.run("import-bundle", str(first)).stdout  # idempotent
    laptop2.run("session", "unpair", b.id[:8])
    second = bundle(laptop2, "unpaired.json")
    laptop1.run("import-bundle", str(second))
    assert "pair" not in laptop1.run("session", "list").stdout.splitlines()[0].split()
    laptop1.run("import-bundle", str(first))  # the older bundle again: its mark is older
    assert "pair" not in laptop1.run("session", "list").stdout.splitlines()[0].split()
    for order in ((first, second), (second, first)):
        programme = CliArchive(tmp_path / f"programme-{order[0].stem}")
        for path in order:
            assert programme.run("import-bundle", str(path)).exit_code == 0
        assert "pair" not in programme.run("session", "list").stdout.splitlines()[0].split()


def test_a_bundle_with_a_mark_naming_no_session_is_refused(cli_archive, make_session, tmp_path):
    cli_archive.store(make_session())
    data = json.loads(cli_archive.run("export", "--dyad", "D001", "--format", "json").stdout)
    data["sessions"][0]["second_coding_of"] = "../../etc"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    result = CliArchive(tmp_path / "other").run("import-bundle", str(path))
    assert result.exit_code == 1
    assert 'its second_coding_of "../../etc" is not a session id' in result.stderr
