"""The caseload of an archive (``observe caseload``): per family its visits, last
observation, next due and overdue by the archive's schedule at a fixed day; per visitor the
last reliability check. If these failed, a supervisor would plan the week's observations
from wrong dates, count a double-coded visit twice, or miss a visitor due a check."""

from __future__ import annotations

import json
from datetime import date

from observe.caseload import build_caseload
from observe.store.settings import read_settings, write_settings
from observe.workspace import open_archive

TODAY = "2026-06-01"


def _caseload(path, **options):
    with open_archive(path, readonly=True) as archive:
        return build_caseload(archive, read_settings(archive.path), date(2026, 6, 1), **options)


def test_due_and_overdue_by_the_archive_schedule_on_a_fixed_day(cli_archive, visit) -> None:
    cli_archive.store(
        visit("2026-01-10", dyad="D001"),
        visit("2026-03-01", dyad="D001", visit="2"),  # + 90 days = 30 May: overdue by 2
        visit("2026-04-01", dyad="D002"),  # + 90 days = 30 June: in 29 days
    )
    families = {f.dyad: f for f in _caseload(cli_archive.path).families}
    assert (families["D001"].visits, families["D001"].last_observation) == (2, "2026-03-01")
    assert (families["D001"].next_due, families["D001"].due_in_days) == ("2026-05-30", -2)
    assert families["D001"].overdue and not families["D002"].overdue
    assert (families["D002"].next_due, families["D002"].due_in_days) == ("2026-06-30", 29)
    write_settings(cli_archive.path, {"caseload.schedule": "6 months, 1 year, then yearly"})
    families = {f.dyad: f for f in _caseload(cli_archive.path).families}
    # D001: first 10 Jan, seen 1 Mar (nearer the start than 10 Jul): the 6-month one is next
    assert (families["D001"].next_due, families["D001"].overdue) == ("2026-07-10", False)
    assert families["D002"].next_due == "2026-10-01"


def test_a_double_coded_visit_counts_once_and_is_the_visitors_check(cli_archive, visit) -> None:
    first = visit("2026-05-01", observer="ANN")
    second = visit("2026-05-01", observer="BEA", latency=1.7)
    cli_archive.store(visit("2026-02-01", observer="ANN"), first, second)
    assert cli_archive.run("session", "pair", first.id, second.id).exit_code == 0
    caseload = _caseload(cli_archive.path)
    (family,) = caseload.families
    assert family.visits == 2 and family.visitor == "ANN"
    visitors = {v.name: v for v in caseload.visitors}
    for name, other in (("ANN", "BEA"), ("BEA", "ANN")):
        check = visitors[name].last_check
        assert check is not None and check.with_observer == other
        assert (check.date, check.primary, check.second) == ("2026-05-01", first.id, second.id)
        assert check.percent_agreement == 1.0 and not check.below_standard
        assert visitors[name].next_check_due == "2026-11-01"  # 6 months, the default
    assert (visitors["ANN"].families, visitors["BEA"].families) == (1, 0)


def test_a_visitor_never_checked_is_due_now(cli_archive, visit) -> None:
    cli_archive.store(visit("2026-05-01", observer="CARA"))
    (cara,) = _caseload(cli_archive.path).visitors
    assert cara.last_check is None and (cara.next_check_due, cara.due_in_days) == (TODAY, 0)


def test_visitor_and_due_days_choose_the_families(cli_archive, visit) -> None:
    cli_archive.store(
        visit("2026-01-01", dyad="D001", observer="ANN"),  # overdue
        visit("2026-05-20", dyad="D002", observer="ANN"),  # due 18 Aug
        visit("2026-03-20", dyad="D003", observer="BEA"),  # due 18 Jun
    )
    assert [f.dyad for f in _caseload(cli_archive.path, due_days=30).families] == ["D001", "D003"]
    ann = _caseload(cli_archive.path, visitor="ANN")
    assert [f.dyad for f in ann.families] == ["D001", "D002"]
    assert [v.name for v in ann.visitors] == ["ANN"]


def test_the_command_prints_tables_json_and_one_sentence_for_an_unknown_visitor(
    cli_archive, visit
) -> None:
    cli_archive.store(visit("2026-03-01", dyad="D001", observer="ANN"))
    shown = cli_archive.run("caseload", "--today", TODAY)
    assert shown.exit_code == 0, shown.output
    assert "D001" in shown.output and "overdue by 2 days" in shown.output
    data = json.loads(cli_archive.run("caseload", "--today", TODAY, "--json").output)
    assert data["families"][0]["next_due"] == "2026-05-30" and data["today"] == TODAY
    assert data["families"][0]["recent"][0]["response_rate"] == 0.75
    refused = cli_archive.run("caseload", "--visitor", "AMN")
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert refused.output.startswith("error: no session in the archive ")
    assert "coded by 'AMN'; did you mean \"ANN\"?" in refused.output
    assert refused.output.count("\n") == 1
    bad_day = cli_archive.run("caseload", "--today", "1 June")
    assert bad_day.exit_code == 2 and "give it as YYYY-MM-DD" in bad_day.output


def test_a_broken_schedule_stops_the_caseload_with_its_line(cli_archive, visit) -> None:
    cli_archive.store(visit("2026-03-01"))
    (cli_archive.path / "settings.toml").write_text('[caseload]\nschedule = "every 90 dys"\n')
    refused = cli_archive.run("caseload")
    assert refused.exit_code == 1
    assert 'line 2: caseload.schedule = "every 90 dys" cannot be read at character 10' in (
        refused.output
    )


def test_the_families_are_read_from_the_index_alone(cli_archive, visit, monkeypatch) -> None:
    """A year's archive opens its caseload without reading any family's session file."""
    from observe.store import Archive

    cli_archive.store(*(visit(f"2026-0{m}-01", dyad=f"D00{m}") for m in range(1, 6)))

    def refuse(self, session_id):
        raise AssertionError(f"session file {session_id} opened")

    monkeypatch.setattr(Archive, "load", refuse)
    assert len(_caseload(cli_archive.path).families) == 5


def test_the_schedule_is_set_like_every_setting_and_refused_with_its_character(
    cli_archive,
) -> None:
    done = cli_archive.run("settings", "set", "caseload.schedule", "6 months, 1 year, then yearly")
    assert done.exit_code == 0, done.output
    text = (cli_archive.path / "settings.toml").read_text()
    assert 'schedule = "6 months, 1 year, then yearly"\n' in text
    assert read_settings(cli_archive.path)["caseload.schedule"] == "6 months, 1 year, then yearly"
    refused = cli_archive.run("settings", "set", "caseload.reliability_every", "6 monts")
    assert refused.exit_code == 1
    assert 'caseload.reliability_every = "6 monts" cannot be read at character 3' in refused.output
    (cli_archive.path / "settings.toml").write_text("[caseload]\nschedule = 90\n")
    shown = cli_archive.run("settings", "show")
    assert "line 2: caseload.schedule must be a schedule such as" in shown.output
    assert "in quotes, not a whole number (90)" in shown.output
