"""Packs (tampered, damaged, imported twice, the wrong video), the master coding hidden
until submit, the certification record across laptops, and training sessions kept out of
a family's figures."""

from __future__ import annotations

import json
from pathlib import Path

from attrs import evolve

from observe.model import Session
from observe.training.record_file import read_record
from tests.conftest import CliArchive


def test_importing_a_pack_twice_adds_nothing(demo_archive: CliArchive, pack_file: Path) -> None:
    """A pack shared twice would be listed twice."""
    first = demo_archive.run("train", str(pack_file))
    again = demo_archive.run("train", str(pack_file))
    assert first.exit_code == 0 and "imported pack feeding01" in first.output
    assert "in the archive already; nothing added" in again.output
    packs = list((demo_archive.path / "training" / "packs").iterdir())
    assert len(packs) == 1 and packs[0].stat().st_mode & 0o777 == 0o600


def test_a_tampered_pack_is_refused_with_a_sentence(
    demo_archive: CliArchive, pack_file: Path, tmp_path: Path
) -> None:
    """A pack whose master coding was edited would score trainees against other codes."""
    data = json.loads(pack_file.read_text())
    data["master"]["events"][0]["t"] += 1.0
    changed = tmp_path / "changed.obpack"
    changed.write_text(json.dumps(data))
    result = demo_archive.run("train", str(changed))
    assert result.exit_code != 0
    assert "has been changed or damaged since it was made" in result.output
    assert "Traceback" not in result.output


def test_a_damaged_pack_is_refused_with_a_sentence(
    demo_archive: CliArchive, pack_file: Path, tmp_path: Path
) -> None:
    """A pack cut short in copying would end in a traceback."""
    cut = tmp_path / "cut.obpack"
    cut.write_bytes(pack_file.read_bytes()[:500])
    result = demo_archive.run("train", str(cut))
    assert result.exit_code != 0 and result.output.startswith("error: ")
    assert "not a training pack" in result.output


def test_the_master_coding_is_not_shown_before_submit(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path
) -> None:
    """A trainee could read the answers off the screen before coding."""
    result = demo_archive.run("train", str(pack_file), "--video", str(video))
    assert result.exit_code == 0, result.output
    for event in master.events:
        assert f"{event.t:g}" not in result.output
        assert f"{event.t:.3f}" not in result.output
    assert master.id[:8] not in result.output
    listed = demo_archive.run("train", "list")
    assert master.id[:8] not in listed.output


def test_a_wrong_video_is_practice_only_and_refused_for_certification(
    demo_archive: CliArchive, master: Session, pack_file: Path, tmp_path: Path, scripted_trainee
) -> None:
    """A trainee coding another video would be certified on it."""
    other = tmp_path / "other.mkv"
    other.write_bytes(b"another recording " * 1000)
    trainee, _ = scripted_trainee(master)
    demo_archive.store(trainee)
    result = demo_archive.run(
        "train", "submit", str(pack_file), trainee.id[:8], "--video", str(other)
    )
    assert result.exit_code == 0, result.output
    assert "refused for certification: the video other.mkv is" in result.stderr
    assert "PRACTICE ONLY" in result.stdout
    (attempt,) = read_record(demo_archive.path)
    assert attempt.practice and attempt.practice_reason
    listed = demo_archive.run("certification", "list", "--observer", "T1")
    assert "attempts 0, passes 0, consecutive passes 0; practice 1" in listed.output


def test_training_sessions_are_absent_from_the_familys_trend(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """A trainee's coding would count as one more visit of the family."""
    before = json.loads(demo_archive.run("analyze", "--dyad", "DEMO-01", "--json").stdout)
    trainee, _ = scripted_trainee(master)
    demo_archive.store(trainee)
    demo_archive.run("train", "submit", str(pack_file), trainee.id[:8], "--video", str(video))
    after = json.loads(demo_archive.run("analyze", "--dyad", "DEMO-01", "--json").stdout)
    assert [p["session"] for p in after["sessions"]] == [p["session"] for p in before["sessions"]]
    assert trainee.id not in {p["session"] for p in after["sessions"]}
    shown = demo_archive.run("session", "show", trainee.id[:8])
    assert shown.exit_code == 0
    assert "a trainee's coding of training pack" in shown.output


def test_an_old_session_reads_and_hashes_as_before(master: Session) -> None:
    """Adding the training mark would change every stored session's digest."""
    from observe.convert import unstructure

    assert "training" not in unstructure(master)


def test_two_laptops_records_merge_idempotently(
    demo_archive: CliArchive,
    master: Session,
    pack_file: Path,
    video: Path,
    scripted_trainee,
    tmp_path: Path,
) -> None:
    """Importing a laptop's bundle twice, or both ways round, would double or lose attempts."""
    other = CliArchive(tmp_path / "laptop2")
    assert other.run("demo").exit_code == 0
    for archive in (demo_archive, other):
        trainee, _ = scripted_trainee(master)
        archive.store(trainee)
        result = archive.run(
            "train", "submit", str(pack_file), trainee.id[:8], "--video", str(video)
        )
        assert result.exit_code == 0, result.output
    bundles = {}
    for name, archive in (("one", demo_archive), ("two", other)):
        out = tmp_path / f"{name}.json"
        result = archive.run("export", "--dyad", "DEMO-02", "--format", "json", "-o", str(out))
        assert result.exit_code == 0, result.output
        assert "1 certification record entries" in result.output
        bundles[name] = out
    first = demo_archive.run("import-bundle", str(bundles["two"]))
    assert "certification record: 1 new of 1 entries" in first.output
    again = demo_archive.run("import-bundle", str(bundles["two"]))
    assert "all 1 entries already in the archive" in again.output
    other.run("import-bundle", str(bundles["one"]))
    ids = sorted(e.id for e in read_record(demo_archive.path))
    assert len(ids) == 2 and ids == sorted(e.id for e in read_record(other.path))
    record = demo_archive.path / "training" / "record.journal"
    assert record.stat().st_mode & 0o777 == 0o600


def test_a_double_coded_visit_is_logged_as_a_drift_check(demo_archive: CliArchive) -> None:
    """A supervisor's double-coding of a visit would not show in the observers' record."""
    listed = demo_archive.run("certification", "list", "--observer", "demo-2")
    assert listed.exit_code == 0, listed.output
    assert "drift check" in listed.output and "with demo, agreement" in listed.output
    again = demo_archive.run("certification", "list")
    assert again.exit_code == 0
    drifts = [e for e in read_record(demo_archive.path) if type(e).__name__ == "DriftCheck"]
    assert len(drifts) == 1


def test_a_torn_last_line_of_the_record_is_dropped_and_the_rest_kept(
    demo_archive: CliArchive,
) -> None:
    """A crash while logging an attempt would lose the whole record, or stop it working."""
    demo_archive.run("certification", "list")
    record = demo_archive.path / "training" / "record.journal"
    good = record.read_bytes()
    record.write_bytes(good + b'1234abcd {"type": "Attem')
    assert len(read_record(demo_archive.path)) == 1
    damaged = good.replace(b'"DriftCheck"', b'"DriftCheckX"')
    record.write_bytes(damaged + good)
    result = demo_archive.run("certification", "list")
    assert result.exit_code != 0 and "is damaged at line 1" in result.output


def test_a_familys_session_of_another_dyad_is_not_submitted(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path
) -> None:
    """A family's own visit submitted by mistake would vanish from the family's trend."""
    from observe.workspace import open_archive

    with open_archive(demo_archive.path, readonly=True) as archive:
        other = archive.sessions("DEMO-02")[0]
    result = demo_archive.run("train", "submit", str(pack_file), other.id[:8])
    assert result.exit_code != 0
    assert f"is of dyad DEMO-02, not the pack's {master.dyad}" in result.output
    assert read_record(demo_archive.path) == []


def test_training_sessions_are_no_visits_of_the_caseload(
    demo_archive: CliArchive, master: Session, pack_file: Path, video: Path, scripted_trainee
) -> None:
    """A trainee's coding would show as the family's latest visit, or the trainee as one of
    the programme's home visitors."""
    before = json.loads(demo_archive.run("caseload", "--json").stdout)
    trainee, _ = scripted_trainee(master)
    demo_archive.store(evolve(trainee, started_at="2026-12-01T10:00:00+00:00"))
    demo_archive.run("train", "submit", str(pack_file), trainee.id[:8], "--video", str(video))
    after = json.loads(demo_archive.run("caseload", "--json").stdout)
    assert [v["name"] for v in after["visitors"]] == [v["name"] for v in before["visitors"]]
    assert after["families"] == before["families"]
