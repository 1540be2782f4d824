"""Issue 15's proof: a pack made from a demo session, coded by a scripted trainee with one
miss, one substitution and one onset 3 s late; the feedback lists exactly those, its
agreement and kappa are those of ``observe reliability``, and three passes in a row
certify the observer until the expiry date."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

from observe.model import Session
from observe.training.pack import read_pack
from observe.training.record import add_months, standing
from observe.training.record_file import read_record
from observe.training.scoring import score
from tests.conftest import CliArchive


def test_feedback_lists_exactly_the_trainees_three_differences(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """A trainee would be told of differences they did not make, or not of one they made."""
    trainee, changed = scripted_trainee(master)
    demo_archive.store(trainee)
    result = demo_archive.run(
        "train", "submit", str(pack_file), trainee.id[:8], "--video", str(video)
    )
    assert result.exit_code == 0, result.output
    found = score(read_pack(pack_file), trainee).disagreements
    kinds = sorted((d.kind, d.master_code, d.master_t, d.trainee_code, d.trainee_t) for d in found)
    missed, late, swapped = changed["missed"], changed["late"], changed["swapped"]
    assert kinds == sorted(
        [
            ("missed", missed.code, missed.t, None, None),
            ("onset", late.code, late.t, late.code, late.t + 3.0),
            ("substituted", swapped.code, swapped.t, changed["swapped_to"].code, swapped.t),
        ]
    )
    text = result.output
    assert "Disagreements (3)" in text
    assert "onset 3.0 s late" in text
    assert "missed" in text and "substituted" in text


def test_agreement_and_kappa_are_those_of_observe_reliability(
    demo_archive: CliArchive, master: Session, pack_file: Path, scripted_trainee
) -> None:
    """A trainee's figures would differ from what observe reliability says of the same two
    codings, so a lead could not trust either."""
    trainee, _ = scripted_trainee(master)
    demo_archive.store(trainee)
    pack = read_pack(pack_file)
    mine = score(pack, trainee).reliability
    for extra in (["--offset", "0"], []):
        shown = demo_archive.run(
            "reliability", master.id, trainee.id, "--json", "--no-pair", "--tolerance", "2", *extra
        )
        assert shown.exit_code == 0, shown.output
        data = json.loads(shown.stdout)
        assert data["percent_agreement"] == mine.percent_agreement
        assert data["kappa"] == mine.kappa
        assert data["pairs"] == mine.pairs and data["agreements"] == mine.agreements


def test_three_passes_in_a_row_certify_until_the_expiry_date(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """An observer who passed three times in a row would not be shown as certified, or be
    shown certified for the wrong months."""
    for _ in range(3):
        trainee, _ = scripted_trainee(master)
        demo_archive.store(trainee)
        result = demo_archive.run(
            "train", "submit", str(pack_file), trainee.id[:8], "--video", str(video)
        )
        assert result.exit_code == 0, result.output
        assert "PASSED" in result.output and "NOT PASSED" not in result.output
    entries = read_record(demo_archive.path)
    assert len(entries) == 3 and all(e.passed and not e.practice for e in entries)
    third = max(datetime.fromisoformat(e.at).date() for e in entries)
    found = standing(entries, "T1", date.today())
    assert found.consecutive == 3
    assert found.certified_since == third
    assert found.certified_until == add_months(third, 12)
    assert found.certified_on(date.today())
    assert not found.certified_on(add_months(third, 12) + timedelta(days=1))
    listed = demo_archive.run("certification", "list", "--observer", "T1")
    assert listed.exit_code == 0, listed.output
    assert f"certified since {third} until {add_months(third, 12)}" in listed.output
    assert "attempts 3, passes 3, consecutive passes 3" in listed.output


def test_two_passes_do_not_certify_and_say_what_is_due(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """An observer short of the passes in a row would be shown as certified."""
    for _ in range(2):
        trainee, _ = scripted_trainee(master)
        demo_archive.store(trainee)
        demo_archive.run("train", "submit", str(pack_file), trainee.id[:8], "--video", str(video))
    listed = demo_archive.run("certification", "list")
    assert "observer T1: not certified" in listed.output
    assert "due: 1 more passing attempt in a row to be certified" in listed.output


def test_the_feedback_pdf_lists_the_disagreements(
    demo_archive: CliArchive,
    master: Session,
    pack_file: Path,
    video: Path,
    scripted_trainee,
    tmp_path: Path,
) -> None:
    """The trainee's file would lack the sheet, or it would not say what differed."""
    from tests.reliability.conftest import pdf_text

    trainee, _ = scripted_trainee(master)
    demo_archive.store(trainee)
    out = tmp_path / "feedback.pdf"
    result = demo_archive.run(
        "train", "submit", str(pack_file), trainee.id[:8], "--video", str(video), "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(out)
    assert "Training feedback" in text and "Passed" in text
    assert "Where your coding differs (3)" in text
    assert "onset 3.0 s late" in text and "substituted" in text and "missed" in text
    assert out.stat().st_mode & 0o777 == 0o600
