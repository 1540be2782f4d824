"""A visitor's last reliability check and next due date take the certification record in
(``observe caseload``): the latest of a double-coded visit, an attempt at a training pack
that counted and a drift check, and a certification running out sooner brings the due date
forward. If these failed, a supervisor would see a visitor as checked by a practice run, or
miss one whose certificate ran out before their next check."""

from __future__ import annotations

import json
import re
from datetime import date

from pypdf import PdfReader

from observe import display
from observe.caseload import build_caseload
from observe.store.settings import read_settings
from observe.training.caseload_checks import caseload_certifications
from observe.training.record import Attempt, DriftCheck
from observe.training.record_file import add_entries
from observe.workspace import open_archive

TODAY = date(2026, 6, 1)


def _attempt(observer: str, at: str, *, passed: bool = True, practice: bool = False) -> Attempt:
    return Attempt(
        id=f"{observer}-{at}",
        observer=observer,
        at=f"{at}T10:00:00+01:00",
        pack="0" * 64,
        pack_name="feeding01",
        session=f"S-{observer}-{at}",
        passed=passed,
        practice=practice,
        agreement=0.9 if passed else 0.7,
        kappa=0.8 if passed else 0.5,
        consecutive=1,
        valid_months=12,
    )


def _record(path, *entries) -> None:
    with open_archive(path) as archive:
        add_entries(archive, entries)


def _visitors(path):
    with open_archive(path, readonly=True) as archive:
        caseload = build_caseload(
            archive,
            read_settings(archive.path),
            TODAY,
            certifications=caseload_certifications(archive.path, TODAY),
        )
    return {v.name: v for v in caseload.visitors}


def test_a_counted_attempt_later_than_the_double_coded_visit_is_the_last_check(
    cli_archive, visit
) -> None:
    first = visit("2026-01-10", observer="ANN")
    second = visit("2026-01-10", observer="BEA")
    cli_archive.store(first, second)
    assert cli_archive.run("session", "pair", first.id, second.id).exit_code == 0
    # ANN passes a pack on 1 March (certified 12 months: to 1 March 2027); a practice run
    # on 20 May is no check.
    _record(
        cli_archive.path,
        _attempt("ANN", "2026-03-01"),
        _attempt("ANN", "2026-05-20", practice=True),
    )
    ann = _visitors(cli_archive.path)["ANN"]
    assert ann.last_check is not None and ann.last_check.kind == "certification attempt"
    assert (ann.last_check.date, ann.last_check.dyad) == ("2026-03-01", "feeding01")
    assert ann.last_check.with_observer == "master" and not ann.last_check.below_standard
    assert ann.certified_until == "2027-03-01"
    # 6 months (the default reliability_every) after 1 March; the certificate lasts longer
    assert (ann.next_check_due, ann.due_in_days, ann.overdue) == ("2026-09-01", 92, False)
    bea = _visitors(cli_archive.path)["BEA"]
    assert bea.last_check is not None and bea.last_check.kind == "double-coded visit"
    assert (bea.next_check_due, bea.certified_until) == ("2026-07-10", None)


def test_a_certificate_running_out_before_the_next_check_makes_it_due_then(
    cli_archive, visit
) -> None:
    cli_archive.store(visit("2026-02-01", observer="BEA"))
    # certified on 15 March 2025 until 15 March 2026; a drift check with CARA on 1 May 2026
    # (below the standard: 70 % agreement) would put the next check on 1 November
    drift = DriftCheck(
        id="drift-1",
        at="2026-05-01T10:00:00+01:00",
        logged_at="2026-05-02T10:00:00+01:00",
        dyad="D009",
        primary="P1",
        second="P2",
        observers=("CARA", "BEA"),
        agreement=0.7,
        kappa=0.65,
    )
    _record(cli_archive.path, _attempt("BEA", "2025-03-15"), drift)
    bea = _visitors(cli_archive.path)["BEA"]
    assert bea.last_check is not None and bea.last_check.kind == "drift check"
    assert (bea.last_check.date, bea.last_check.with_observer) == ("2026-05-01", "CARA")
    assert bea.last_check.below_standard
    assert bea.certified_until == "2026-03-15"
    # 15 March to 1 June: 31 + 30 + 17 days
    assert (bea.next_check_due, bea.due_in_days, bea.overdue) == ("2026-03-15", -78, True)


def test_the_command_text_and_json_show_the_check_and_the_certificate(cli_archive, visit) -> None:
    cli_archive.store(visit("2026-02-01", observer="ANN"))
    _record(cli_archive.path, _attempt("ANN", "2026-03-01", passed=False))
    shown = cli_archive.run("caseload", "--today", TODAY.isoformat())
    assert shown.exit_code == 0, shown.output
    (row,) = [line for line in shown.output.splitlines() if line.startswith("ANN")]
    assert row.split() == [
        "ANN", "1", "1", "2026-03-01", "pack", "master", "70%", "⚑", "0.50", display.MISSING,
        "2026-09-01", "in", "92", "days",
    ]  # fmt: skip
    data = json.loads(cli_archive.run("caseload", "--today", "2026-06-01", "--json").output)
    (ann,) = data["visitors"]
    assert ann["last_check"]["kind"] == "certification attempt"
    assert ann["last_check"]["below_standard"] is True
    assert ann["certified_until"] is None and ann["next_check_due"] == "2026-09-01"


def test_the_pdf_shows_the_check_and_the_certificate(cli_archive, visit) -> None:
    cli_archive.store(visit("2026-02-01", observer="ANN"))
    _record(cli_archive.path, _attempt("ANN", "2026-03-01"))
    result = cli_archive.run("caseload", "--today", "2026-06-01", "--pdf", str(cli_archive.path))
    assert result.exit_code == 0, result.output
    pages = PdfReader(str(cli_archive.path / "caseload_2026-06-01.pdf")).pages
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    assert "ANN 1 1 2026-03-01 pack master 90% 0.80 2027-03-01 2026-09-01 in 92 days" in text
